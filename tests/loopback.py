"""A web site on 127.0.0.1 for URL, feed and webhook tests (no other network).

The `site` fixture (tests/conftest.py) serves routes added with `site.add`,
answers If-None-Match with 304 for routes that have an ETag, and records
hits, conditional requests, user agents and POSTs.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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
        f"<item><title>Item {i}</title><link>{base}{path}</link><pubDate>Mon, 11 Mar 2024 10:00:00 GMT</pubDate></item>"
        for i, path in enumerate(paths)
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


@contextmanager
def serve_site():
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
