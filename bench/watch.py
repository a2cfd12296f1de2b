"""Watch costs: CPU of a polling cycle over N feeds with nothing new, and fetch-to-alert latency.

    python bench/watch.py [--feeds 500] [--entries 10]

Feeds are served on 127.0.0.1 by a separate process (so its CPU is not
counted): half answer 304 to our ETag, half have no validators and answer
the same body again (the watcher then compares a hash and skips parsing).
The first cycle stores every entry (text pages, no extraction); the figures
are for the following cycles, measured with `time.process_time()` of the
watcher's process (all its threads). Then one feed gets a new entry (the
bundled founding article) and, with the real pipeline loaded and one saved
search, we time from the moment the watcher fetched that new item's page
to the moment its alert was raised.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def feed_xml(base: str, feed: int, entries: list[str]) -> bytes:
    items = "".join(f"<item><title>Entry {e}</title><link>{base}{e}</link><pubDate>Mon, 11 Mar 2024 10:00:00 GMT</pubDate></item>" for e in entries)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>{items}</channel></rss>'.encode()


def serve(port_queue, n_feeds: int, n_entries: int, article_html: str) -> None:
    extra: dict[int, list[str]] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers
        wbufsize = 1 << 16  # headers and body in one write (no Nagle/delayed-ACK stall)

        def send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self):  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            parts = self.path.strip("/").split("/")
            if parts[0] == "add":  # control: a new entry in feed N
                feed = int(parts[1])
                extra.setdefault(feed, []).append(f"/new/{feed}/{len(extra[feed])}")
                return self.send(200, b"ok", {"Content-Type": "text/plain"})
            if parts[0] == "new":
                return self.send(200, article_html.encode(), {"Content-Type": "text/html; charset=utf-8"})
            if parts[0] == "page":
                return self.send(200, f"Report {self.path}: nothing of note happened in town {self.path}.".encode(), {"Content-Type": "text/plain; charset=utf-8"})
            if parts[0] == "feed":
                feed = int(parts[1].split(".")[0])
                entries = [f"/page/{feed}/{e}" for e in range(n_entries)] + extra.get(feed, [])
                body = feed_xml(base, feed, entries)
                headers = {"Content-Type": "application/rss+xml"}
                if feed % 2 == 0:
                    etag = f'"{feed}-{len(entries)}"'
                    headers["ETag"] = etag
                    if self.headers.get("If-None-Match") == etag:
                        return self.send(304, b"", {"ETag": etag})
                return self.send(200, body, headers)
            return self.send(404, b"not found", {"Content-Type": "text/plain"})

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--entries", type=int, default=10)
    parser.add_argument("--cycles", type=int, default=3, help="idle cycles measured")
    args = parser.parse_args()

    from importlib import resources

    from sucesos.store import open_store
    from sucesos.watch.outputs import Outputs
    from sucesos.watch.runner import Watcher
    from sucesos.watch.searches import add_search, make_filters
    from sucesos.watch.sources import Source

    seed = resources.files("sucesos.data.demo").joinpath("000_15070e05a1ecf802.txt").read_text(encoding="utf-8")
    article_html = "<html><head><title>New</title></head><body><article>" + "".join(f"<p>{p}</p>" for p in seed.split("\n") if p.strip()) + "</article></body></html>"
    ports = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports, args.feeds, args.entries, article_html), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ports.get(timeout=30)}"
    results: dict = {"feeds": args.feeds, "entries_per_feed": args.entries}
    clock = {"now": 1_700_000_000.0}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "bench.db")
            sources = [Source(f"{base}/feed/{i}.xml", interval=60, min_delay=0, timeout=10) for i in range(args.feeds)]
            watcher = Watcher(store, sources, None, outputs=Outputs(jsonl=Path(tmp) / "alerts.jsonl"), allow_private=True, clock=lambda: clock["now"])
            wall, cpu = time.perf_counter(), time.process_time()
            first = watcher.cycle()
            results["first_cycle"] = {
                "wall_s": round(time.perf_counter() - wall, 2), "cpu_s": round(time.process_time() - cpu, 2),
                "articles_stored": sum(len(p.stored) for p in first.polls), "failed": len(first.failed),
            }  # fmt: skip
            idle = []
            for _ in range(args.cycles):
                clock["now"] += 61
                wall, cpu = time.perf_counter(), time.process_time()
                report = watcher.cycle()
                idle.append((time.process_time() - cpu, time.perf_counter() - wall, [p.status for p in report.polls]))
            statuses = {s: sum(run[2].count(s) for run in idle) for s in ("not-modified", "unchanged", "new", "failed")}
            results["idle_cycle"] = {
                "cpu_s": [round(c, 3) for c, _w, _s in idle], "cpu_s_median": round(statistics.median(c for c, _w, _s in idle), 3),
                "wall_s": [round(w, 2) for _c, w, _s in idle], "statuses": statuses,
            }  # fmt: skip
            watcher.close()

            # Latency: the real pipeline, one saved search, one new item.
            from sucesos.pipeline import Pipeline
            from sucesos.watch.http import PoliteFetcher

            started = time.perf_counter()
            from sucesos.watch.runner import warm_up

            pipeline = Pipeline()
            warm_up(pipeline)  # as `sucesos watch` does before its first cycle
            results["pipeline_load_s"] = round(time.perf_counter() - started, 1)
            add_search(store, "everything", make_filters({}))
            fetched_at: dict[str, float] = {}

            class Timed(PoliteFetcher):
                def get(self, url, **options):
                    result = super().get(url, **options)
                    fetched_at.setdefault(url, time.perf_counter())
                    return result

            alerted_at: list[float] = []
            one = [sources[1]]  # a feed without validators
            watcher = Watcher(store, one, pipeline, outputs=Outputs(jsonl=Path(tmp) / "alerts.jsonl"), clock=lambda: clock["now"],
                              fetcher=Timed(allow_private=True), on_alert=lambda _a: alerted_at.append(time.perf_counter()))  # fmt: skip
            import httpx

            httpx.get(f"{base}/add/1", timeout=10)
            clock["now"] += 61
            report = watcher.cycle()
            new_url = f"{base}/new/1/0"
            results["latency"] = {
                "alerts": len(report.alerts),
                "fetch_to_alert_s": round(alerted_at[0] - fetched_at[new_url], 2) if alerted_at and new_url in fetched_at else None,
                "feed_fetch_to_alert_s": round(alerted_at[0] - fetched_at[one[0].url], 2) if alerted_at else None,
            }
            watcher.close()
            store.close()
    finally:
        server.terminate()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
