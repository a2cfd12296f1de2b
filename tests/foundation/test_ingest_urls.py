"""URLs and feeds, against a server on 127.0.0.1 that the test starts."""

from __future__ import annotations

import socket
import sqlite3

import pytest
from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.errors import InputError
from sucesos.ingest.fetch import address_kind, fetch
from tests.loopback import feed, page

runner = CliRunner()

def db_rows(db: str, sql: str):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_private_addresses_are_refused_unless_allowed(site, tmp_path):
    url = site.add("/a", page("Attack", "Gunmen attacked a police patrol in Uruapan on Monday, wounding two officers."))
    db = str(tmp_path / "s.db")
    refused = runner.invoke(app, ["ingest", url, "--db", db])
    assert refused.exit_code == 1
    assert "refused to fetch" in refused.output and "loopback" in refused.output and "--allow-private" in refused.output
    assert site.hits["/a"] == 0  # refused before connecting
    allowed = runner.invoke(app, ["ingest", url, "--db", db, "--allow-private"])
    assert allowed.exit_code == 0, allowed.output
    assert db_rows(db, "SELECT url, title FROM articles") == [(url, "Attack")]


def test_feed_entries_are_fetched_once(site, tmp_path):
    db = str(tmp_path / "s.db")
    site.add("/news/1", page("One", "Gunmen attacked a police patrol in Uruapan on Monday, wounding two officers."))
    site.add("/news/2", page("Two", "Soldiers clashed with an armed group near Aguililla on Tuesday; three attackers died."))
    feed_url = site.add("/feed.xml", feed(site.base, ["/news/1", "/news/2", "/news/missing"]), content_type="application/rss+xml")
    first = runner.invoke(app, ["ingest", feed_url, "--db", db, "--allow-private"])
    assert first.exit_code == 1  # the missing entry
    assert "/news/missing" in first.output and "HTTP 404" in first.output
    assert db_rows(db, "SELECT title, outlet FROM articles ORDER BY title") == [("Item 0", "Example Feed"), ("Item 1", "Example Feed")]
    second = runner.invoke(app, ["ingest", feed_url, "--db", db, "--allow-private"])
    assert site.hits["/news/1"] == 1 and site.hits["/news/2"] == 1
    assert site.hits["/feed.xml"] == 2
    assert "0 new" in second.output


def test_unreachable_url_and_http_errors_are_reported(site, tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    db = str(tmp_path / "s.db")
    gone = site.add("/gone", "x", status=410)
    result = runner.invoke(app, ["ingest", f"http://127.0.0.1:{closed_port}/x", gone, "ftp://example.org/x", "--db", db, "--allow-private", "--timeout", "3"])
    assert result.exit_code == 1
    assert f"could not fetch http://127.0.0.1:{closed_port}/x" in result.output
    assert "answered HTTP 410" in result.output
    assert "unsupported URL scheme" in result.output
    assert db_rows(db, "SELECT COUNT(*) FROM articles") == [(0,)]
    assert db_rows(db, "SELECT COUNT(*) FROM failures") == [(3,)]


def test_oversized_response_is_cut_off(site):
    url = site.add("/big", b"<html>" + b"a" * 300_000 + b"</html>")
    with pytest.raises(InputError, match="over the 100,000-byte limit"):
        fetch(url, allow_private=True, max_bytes=100_000)


def test_redirect_to_a_private_address_is_refused(site, monkeypatch):
    """Each redirect hop is checked again before connecting."""
    import sucesos.ingest.fetch as fetch_module

    real_kind = fetch_module.address_kind
    # Pretend the test server's address is public, so only the hop matters.
    monkeypatch.setattr(fetch_module, "address_kind", lambda a: None if a == "127.0.0.1" else real_kind(a))
    port = site.base.rsplit(":", 1)[1]
    inside = f"http://127.0.0.2:{port}/inside"
    start = site.add("/start", "", status=302, headers={"Location": inside})
    with pytest.raises(InputError, match="loopback"):
        fetch(start)
    assert site.hits["/start"] == 1 and site.hits["/inside"] == 0
    site.add("/ok", page("Fine", "text"))
    hop = site.add("/hop", "", status=301, headers={"Location": "/ok"})
    assert fetch(hop).final_url.endswith("/ok")


def test_dns_names_resolving_to_private_addresses_are_refused():
    def resolver(host, port, type=0):  # noqa: A002
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port))]

    with pytest.raises(InputError, match="link-local"):
        fetch("http://metadata.example/latest/meta-data", resolver=resolver)


@pytest.mark.parametrize(
    ("address", "kind"),
    [("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.5", "private"), ("169.254.169.254", "link-local (cloud metadata)"),
     ("::1", "loopback"), ("::ffff:10.0.0.1", "private"), ("100.64.1.1", "carrier-grade NAT (private)"), ("8.8.8.8", None),
     # IPv6 forms that deliver to an embedded IPv4 address are judged as that address
     ("2002:a9fe:a9fe::", "link-local (cloud metadata), in 6to4 form"), ("2002:7f00:1::", "loopback, in 6to4 form"),
     ("2002:0a00:0001::", "private, in 6to4 form"), ("2002:0808:0808::", None),
     ("2001:0:4136:e378:8000:63bf:f5ff:fefe", "private, in Teredo form"),  # client 10.0.1.1, bits inverted
     ("2001:0:4136:e378:8000:63bf:80ff:fefe", "loopback, in Teredo form"),  # client 127.0.1.1
     ("64:ff9b::a9fe:a9fe", "link-local (cloud metadata), in NAT64 form"), ("64:ff9b::7f00:1", "loopback, in NAT64 form"),
     ("64:ff9b:1::c0a8:1", "private, in NAT64 form"), ("2606:4700::1111", None)],
)  # fmt: skip
def test_address_classification(address, kind):
    assert address_kind(address) == kind


def test_not_modified_is_an_answer_not_an_error(site):
    url = site.add("/feed", "", status=304, headers={"ETag": '"v1"'})
    fetched = fetch(url, allow_private=True, headers={"If-None-Match": '"v1"'})
    assert fetched.status == 304 and fetched.body == b""


def test_decompression_bomb_is_cut_off(site):
    import gzip

    bomb = gzip.compress(b"<html><body>" + b"A" * 5_000_000 + b"</body></html>")  # ~5 KB on the wire
    assert len(bomb) < 20_000
    url = site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(InputError, match="over the 1,000,000-byte limit"):
        fetch(url, allow_private=True, max_bytes=1_000_000)


def test_a_trickling_server_is_cut_off_at_the_fetch_deadline():
    """--timeout bounds the whole fetch, not each read: one byte every 0.2 s
    would otherwise hold the fetch for as long as the server likes."""
    import socket
    import threading
    import time

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    stop = threading.Event()

    def trickle():
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
        while not stop.is_set():
            try:
                conn.sendall(b"a")
            except OSError:
                break
            time.sleep(0.2)
        conn.close()

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    started = time.monotonic()
    try:
        with pytest.raises(InputError, match="2-second deadline"):
            fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/slow", allow_private=True, timeout=2)
    finally:
        stop.set()
        listener.close()
    assert time.monotonic() - started < 3
