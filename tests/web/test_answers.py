"""Every answer carries the security headers once, whatever produced it: a
page, a JSON answer built or kept, an error, a redirect, an export, a
static file; and each request's store connection goes back to the pool."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sucesos.web.app import create_app

SECURITY = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options", "cache-control")


def _once(response) -> None:
    for name in SECURITY:
        assert len(response.headers.get_list(name)) == 1, (response.request.url, name, response.headers.get_list(name))


def test_security_headers_on_every_kind_of_answer(web_db):
    client = TestClient(create_app(web_db))
    built = client.get("/events.json?limit=3")
    kept = client.get("/events.json?limit=3")
    assert built.status_code == kept.status_code == 200 and kept.content == built.content
    assert kept.headers["content-length"] == str(len(kept.content))
    answers = [
        built, kept, client.get("/events"), client.get("/events/987654.json"), client.get("/events.json?offset=-1"),
        client.get("/events.json?admin1=%00"), client.get("/events.json?admin1=%00", headers={"accept": "text/html"}),
        client.get("/export/events.csv"), client.get("/static/app.css"), client.get("/timeline.json"), client.get("/timeline.json"),
    ]  # fmt: skip
    assert [a.status_code for a in answers] == [200, 200, 200, 404, 400, 400, 400, 200, 200, 200, 200]
    for answer in answers:
        _once(answer)


def test_each_request_gives_its_connection_back(web_db):
    app = create_app(web_db)
    readers = app.state.settings.readers
    out: list = []
    take, give_back = readers.take, readers.give_back
    readers.take = lambda: out.append(1) or take()
    readers.give_back = lambda store: out.pop() and give_back(store)
    client = TestClient(app)
    for path in ("/events.json", "/events/1.json", "/events.json?admin1=%00", "/events?admin1=%00", "/events", "/events/987654.json", "/events/987654"):
        for accept in ("text/html", "application/json"):
            client.get(path, headers={"accept": accept})
            assert out == [], (path, accept)
