"""One deadline per fetch, connect and every read together: a server that
trickles its answer (headers or body), or sends a byte just before a read
would time out and then stalls, holds `ingest URL --timeout T` and the
watcher no longer than T (+1 s)."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from sucesos.errors import InputError
from sucesos.ingest.fetch import fetch
from sucesos.watch.http import PoliteFetcher

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"


class Trickler:
    """A loopback server that answers every connection by sending `chunks`
    (bytes, then the pause after it), then holds the connection open."""

    def __init__(self, chunks: list[tuple[bytes, float]]):
        self.chunks = chunks
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/slow"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                for data, pause in self.chunks:
                    conn.sendall(data)
                    if self.stop.wait(pause):
                        return
                self.stop.wait(60)
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


def byte_by_byte(data: bytes, pause: float) -> list[tuple[bytes, float]]:
    return [(data[i : i + 1], pause) for i in range(len(data))]


CASES = {
    # headers one byte every 0.3 s: every read succeeds well within any per-read timeout
    "headers trickled": byte_by_byte(HEADERS, 0.3),
    # the body one byte a second (the probe)
    "body one byte a second": [(HEADERS, 0.0), *byte_by_byte(b"a" * 1000, 1.0)],
    # a byte just before a 2-second read timeout, then silence: a per-read
    # timeout set at the start would wait another 2 s
    "a byte at 1.8 s then silence": [(HEADERS, 1.8), (b"a", 60.0)],
}


@pytest.fixture(params=list(CASES))
def trickler(request):
    server = Trickler(CASES[request.param])
    yield server
    server.close()


def _held(call) -> float:
    started = time.monotonic()
    with pytest.raises(InputError, match="2-second deadline"):
        call()
    return time.monotonic() - started


def test_ingest_fetch_is_held_no_longer_than_its_deadline(trickler):
    held = _held(lambda: fetch(trickler.url, allow_private=True, timeout=2))
    assert held < 3, f"held {held:.1f} s with a 2-second deadline"


def test_the_watchers_fetcher_is_held_no_longer_than_its_deadline(trickler):
    fetcher = PoliteFetcher(allow_private=True)
    try:
        held = _held(lambda: fetcher.get(trickler.url, timeout=2))
        # the same client again (a watcher keeps one for its life): the deadline is per fetch
        held_again = _held(lambda: fetcher.get(trickler.url, timeout=2))
    finally:
        fetcher.close()
    assert held < 3 and held_again < 3, (held, held_again)


def test_a_poll_of_a_trickling_feed_fails_at_the_deadline_and_is_backed_off(tmp_path):
    from sucesos.store.store import open_store
    from sucesos.watch.poll import poll_source
    from sucesos.watch.sources import Source

    server = Trickler(CASES["headers trickled"])
    fetcher = PoliteFetcher(allow_private=True)
    try:
        with open_store(tmp_path / "s.db") as store:
            started = time.monotonic()
            result = poll_source(Source(server.url, interval=60, timeout=2, min_delay=0), store, None, fetcher, now=1_700_000_000.0)
            held = time.monotonic() - started
    finally:
        fetcher.close()
        server.close()
    assert held < 3, f"held {held:.1f} s with a 2-second deadline"
    assert result.status == "failed" and "2-second deadline" in result.error and result.retry_in > 0


def test_a_server_answering_in_time_is_read_whole():
    body = b"<html><body><p>" + b"x" * 5000 + b"</p></body></html>"
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    server = Trickler([(answer[:100], 0.2), (answer[100:], 0.0)])
    try:
        fetched = fetch(server.url, allow_private=True, timeout=2)
    finally:
        server.close()
    assert fetched.status == 200 and fetched.body == body


def test_a_trickling_webhook_holds_the_watcher_no_longer_than_the_webhook_timeout(tmp_path):
    from sucesos.store.store import open_store
    from sucesos.watch.outputs import DeliveryReport, Outputs

    server = Trickler(CASES["headers trickled"])
    outputs = Outputs(webhook=server.url, webhook_timeout=2)
    try:
        with open_store(tmp_path / "s.db") as store:
            report = DeliveryReport()
            started = time.monotonic()
            delivered = outputs._deliver_webhook(store, {"alert_id": 1, "attempts": 0, "payload": "{}"}, report, now=0.0)
            held = time.monotonic() - started
    finally:
        outputs.close()
        server.close()
    assert held < 3, f"held {held:.1f} s with a 2-second webhook timeout"
    assert not delivered and "webhook unreachable" in report.retrying[0][1]
