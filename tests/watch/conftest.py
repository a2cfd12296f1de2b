"""A loopback web site (feeds, pages, a webhook receiver) and a fake extractor for watch tests.

The fake pipeline stands in for the real one so these tests check the
watcher (what is fetched, stored, linked and alerted, and when), not the
extraction: an article gets the events of every rule whose cue it contains.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sucesos import PIPELINE_VERSION
from sucesos.model import Event, Extraction

PAGE = """<html><head><title>{title}</title></head><body>
<nav>Home | World | Sports</nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>Local authorities said the investigation was ongoing and that more patrols would be deployed in the area.</p>
</article><footer>Copyright</footer></body></html>"""


def page(title: str, body: str) -> str:
    return PAGE.format(title=title, body=body)


def feed(base: str, paths: list[str], *, title: str = "Example Feed") -> str:
    items = "".join(
        f"<item><title>Item {path}</title><link>{base}{path}</link><pubDate>Mon, 11 Mar 2024 10:00:00 GMT</pubDate></item>"
        for path in paths
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'


class Site:
    """Routes answer GET (honouring If-None-Match when the route has an ETag); POSTs are recorded."""

    def __init__(self):
        self.routes: dict[str, tuple[int, dict, bytes]] = {}
        self.hits: Counter = Counter()
        self.conditional: Counter = Counter()  # requests that carried If-None-Match / If-Modified-Since
        self.user_agents: set[str] = set()
        self.posts: list[dict] = []
        self.post_statuses: list[int] = []  # answers to the next POSTs, in order; then 200
        self.delays: dict[str, float] = {}
        self.base = ""

    def add(self, path: str, body: bytes | str, *, status: int = 200, content_type: str = "text/html; charset=utf-8", headers: dict | None = None):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, data)
        return self.base + path


@pytest.fixture
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            state.hits[self.path] += 1
            state.user_agents.add(self.headers.get("User-Agent", ""))
            if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                state.conditional[self.path] += 1
            if self.path in state.delays:
                time.sleep(state.delays[self.path])
            status, headers, body = state.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
            etag = headers.get("ETag")
            if status == 200 and etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except BrokenPipeError:  # the client gave up (a timeout test)
                pass

        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            status = state.post_statuses.pop(0) if state.post_statuses else 200
            if status == 200:
                state.posts.append({"path": self.path, "content_type": self.headers.get("Content-Type"), "json": json.loads(body)})
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


class FakePipeline:
    """`extract_many` as the store expects it; events chosen by cue words in the text."""

    def __init__(self, rules: dict[str, dict]):
        self.rules = rules
        self.extracted: list[str] = []
        self.fail_after: int | None = None  # raise (a crash) when asked for more than this many articles

    def extract(self, article):
        return next(self.extract_many([article]))

    def extract_many(self, articles, *, batch_size: int = 32):
        for article in articles:
            if self.fail_after is not None and len(self.extracted) >= self.fail_after:
                raise KeyboardInterrupt("simulated crash")
            self.extracted.append(article.id)
            events = [Event(**fields) for cue, fields in self.rules.items() if cue in article.text]
            yield Extraction(id=article.id, lang="en", events=events, pipeline_version=PIPELINE_VERSION)


# One armed clash told by several outlets: agreement on day, town, sub-type,
# named actor, toll and tactic (enough for any sensible linker).
CLASH = {
    "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "CJNG: Jalisco New Generation Cartel",
    "actor2": "Carteles Unidos", "country": "Mexico", "iso3": "MEX", "admin1": "Michoacán", "admin2": "Apatzingán",
    "location": "Apatzingán", "latitude": 19.088, "longitude": -102.351, "geo_precision": 1, "event_date": "2024-03-10",
    "time_precision": 1, "fatalities": 6, "tactics": ["armed drone"], "modality": "reported",
}  # fmt: skip
PROTEST = {
    "event_type": "Protests", "sub_event_type": "Peaceful protest", "country": "Mexico", "iso3": "MEX", "admin1": "Jalisco",
    "location": "Guadalajara", "latitude": 20.67, "longitude": -103.35, "geo_precision": 1, "event_date": "2024-03-10",
    "time_precision": 1, "fatalities": 0, "modality": "reported",
}  # fmt: skip


@pytest.fixture
def fake_pipeline():
    return FakePipeline({"clash": CLASH, "protest": PROTEST})
