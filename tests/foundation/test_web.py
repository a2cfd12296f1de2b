"""The read-only web UI: pages escape untrusted text; each page has a JSON twin."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sucesos.model import Article, Event, Evidence, Extraction, Span
from sucesos.store import open_store
from sucesos.web.app import create_app, highlight_segments

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def make_db(tmp_path):
    text = f"Gunmen {PAYLOAD} attacked a patrol in Uruapan, wounding two officers."
    start = text.index("wounding")
    article = Article(id="a1", text=text, title=f"Title {PAYLOAD}", outlet=PAYLOAD, url="https://example.org/a1")
    event = Event(
        event_type="Violence against civilians", sub_event_type="Attack", actor1=PAYLOAD, location="Uruapan",
        latitude=19.42, longitude=-102.06, geo_precision=1, injuries=2, sentence=Span.of(text, 0, len(text)),
        evidence=[Evidence("injuries", start, start + 12, text[start : start + 12])],
    )  # fmt: skip
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        store.save(article, Extraction(id="a1", lang="en", events=[event], pipeline_version="t", content_hash=article.content_hash))
    return db


def test_pages_escape_article_text(tmp_path):
    client = TestClient(create_app(make_db(tmp_path)))
    for path in ("/", "/events", "/events/1"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "<script>alert" not in response.text and "<img src=x" not in response.text
        assert "&lt;script&gt;" in response.text
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_event_page_highlights_evidence_and_has_json_twin(tmp_path):
    client = TestClient(create_app(make_db(tmp_path)))
    page = client.get("/events/1").text
    assert '<mark title="injuries">wounding two</mark>' in page
    twin = client.get("/events/1.json").json()
    assert twin["event"]["injuries"] == 2 and twin["article"]["id"] == "a1"
    assert client.get("/events/99").status_code == 404
    listing = client.get("/events.json?sub_event_type=Attack").json()
    assert [e["id"] for e in listing["events"]] == [1]
    assert client.get("/events.json?sub_event_type=Armed%20clash").json()["events"] == []
    geo = client.get("/events.geojson").json()
    assert geo["features"][0]["geometry"]["coordinates"] == [-102.06, 19.42]


def test_highlight_segments_cover_the_text_exactly():
    text = "abcdefghij"
    segments = highlight_segments(text, [{"field": "a", "start": 2, "end": 5}, {"field": "b", "start": 4, "end": 8}, {"field": "bad", "start": 9, "end": 99}])
    assert "".join(s["text"] for s in segments) == text
    assert [(s["text"], s["fields"]) for s in segments] == [("ab", []), ("cd", ["a"]), ("e", ["a", "b"]), ("fgh", ["b"]), ("ij", [])]
