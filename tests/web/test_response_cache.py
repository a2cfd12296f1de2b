"""The JSON API keeps answers while the store is unchanged, and never serves
one after a change: from another process's ingest, from an analyst's edit,
or to a signed-in analyst."""

from __future__ import annotations

import asyncio
import json

from fastapi.testclient import TestClient

from sucesos.link.cluster import link_article
from sucesos.model import Article, Event, Extraction, Span
from sucesos.store import open_store
from sucesos.web.app import create_app
from sucesos.web.cache import ResponseCache


def _hits(client: TestClient) -> int:
    return client.app.state.response_cache.hits


def test_a_repeated_request_is_answered_from_the_cache_with_the_same_body_and_headers(web_db):
    client = TestClient(create_app(web_db))
    first = client.get("/events.json?limit=5")
    hits = _hits(client)
    second = client.get("/events.json?limit=5")
    assert _hits(client) == hits + 1
    assert second.status_code == 200 and second.content == first.content
    assert second.headers["content-type"] == first.headers["content-type"] == "application/json"
    assert second.headers["content-security-policy"] == first.headers["content-security-policy"]
    geo = client.get("/events.geojson")
    assert client.get("/events.geojson").headers["content-type"] == geo.headers["content-type"] == "application/geo+json"


def test_a_report_stored_by_another_connection_shows_at_once(web_db):
    client = TestClient(create_app(web_db))
    before = client.get("/events.json").json()["events"]
    client.get("/events.json")  # kept
    text = "Gunmen attacked a bus in Zamora on 3 July."
    article = Article(id="late", text=text, published="2024-07-04")
    event = Event(event_type="Violence against civilians", sub_event_type="Attack", location="Zamora", latitude=19.98, longitude=-102.28,
                  geo_precision=1, event_date="2024-07-03", time_precision=1, sentence=Span.of(text, 0, len(text)))  # fmt: skip
    with open_store(web_db) as store:
        store.save(article, Extraction(id="late", lang="en", events=[event], pipeline_version="t", content_hash=article.content_hash))
        link_article(store, "late")
    after = client.get("/events.json").json()["events"]
    assert len(after) == len(before) + 1


def test_an_analysts_verdict_shows_at_once_and_signed_in_reads_are_never_cached(web_db, api_token):
    client = TestClient(create_app(web_db))
    auth = {"Authorization": f"Bearer {api_token}"}
    assert client.get("/events/1.json").json()["event"]["review"] is None
    client.get("/events/1.json")
    assert client.post("/events/1/review", headers=auth, json={"verdict": "confirmed"}).status_code == 200
    assert client.get("/events/1.json").json()["event"]["review"]["status"] == "confirmed"
    hits = _hits(client)
    for _ in range(3):
        assert client.get("/events/1.json", headers=auth).status_code == 200
    assert _hits(client) == hits


def test_errors_are_not_kept():
    cache = ResponseCache(max_bytes=100, max_body=60)
    cache.put("a", 1, b"x" * 70, "application/json")  # over max_body: not kept
    assert cache.get("a", 1) is None
    cache.put("a", 1, b"x" * 50, "application/json")
    cache.put("b", 1, b"y" * 50, "application/json")
    cache.put("c", 1, b"z" * 50, "application/json")  # over max_bytes: the least recently used goes
    assert cache.get("a", 1) is None and cache.get("c", 1).body == b"z" * 50
    assert cache.get("c", 2) is None  # another store version


def test_a_missing_event_is_a_404_every_time(web_db):
    client = TestClient(create_app(web_db))
    for _ in range(2):
        assert client.get("/events/987654.json").status_code == 404


def test_many_identical_requests_at_once_build_the_answer_once(web_db, monkeypatch):
    import httpx

    from sucesos.web import app as web_app

    built = []
    real = web_app.read_model.find_events

    def counting(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(web_app.read_model, "find_events", counting)
    app = create_app(web_db)

    async def many() -> list[bytes]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            answers = await asyncio.gather(*(client.get("/events.json?limit=2") for _ in range(20)))
        return [answer.content for answer in answers]

    bodies = asyncio.run(many())
    assert len(set(bodies)) == 1 and json.loads(bodies[0])["limit"] == 2
    assert len(built) <= 2, len(built)


def test_pooled_connections_go_back_only_without_an_open_transaction(tmp_path):
    from sucesos.web.context import ReaderPool

    db = str(tmp_path / "p.db")
    open_store(db).close()
    pool = ReaderPool(db, size=1)
    first = pool.take()
    first.conn.execute("BEGIN IMMEDIATE")  # a handler that failed halfway through its write
    pool.give_back(first)
    again = pool.take()
    assert again is first and not again.conn.in_transaction
    extra = pool.take()  # the pool is empty: a new connection
    assert extra is not first
    pool.give_back(again)
    pool.give_back(extra)  # over the size: closed
    assert pool._idle == [first]
    pool.close()


def test_an_event_list_does_not_scan_every_report_for_reviews(web_db):
    """The verdicts' join starts from the reviews (a few), not from the reports (millions)."""
    if web_db.startswith("postgresql"):
        return
    import sqlite3

    from sucesos.store import reads

    conn = sqlite3.connect(web_db)
    conn.execute("ANALYZE")  # statistics with an empty reviews table, and (as in a large store) a million reports
    conn.execute("DELETE FROM sqlite_stat1 WHERE tbl IN ('reports', 'report_links')")
    conn.execute("INSERT INTO sqlite_stat1 VALUES ('reports', 'sqlite_autoindex_reports_1', '1000000 3 1'), ('report_links', NULL, '1000000')")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(web_db)
    plan = " ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN SELECT l.event_id FROM reviews r" + reads._EVENT_OF_REVIEW))
    conn.close()
    assert "SCAN e" not in plan and "SEARCH e" in plan, plan


def test_a_filtered_event_list_finds_edited_values_without_scanning_every_report(web_db):
    """A state's list asks which reports an analyst moved into that state: answered from the edits (a few), not by reading every report."""
    if web_db.startswith("postgresql"):
        return
    import sqlite3

    from sucesos.store.store import event_filter_sql

    conn = sqlite3.connect(web_db)
    conn.execute("ANALYZE")
    conn.execute("DELETE FROM sqlite_stat1 WHERE tbl IN ('reports', 'report_links')")
    conn.execute("INSERT INTO sqlite_stat1 VALUES ('reports', 'sqlite_autoindex_reports_1', '1000000 3 1'), ('report_links', NULL, '1000000')")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(web_db)
    where, params = event_filter_sql({"admin1": "Jalisco", "event_type": "Battles"})
    sql = f"SELECT DISTINCT l.event_id FROM reports e JOIN report_links l ON l.report_id = e.id WHERE {where}"
    plan = " ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
    conn.close()
    assert "SCAN oe" not in plan and "SEARCH o USING INDEX overrides_field_value" in plan, plan


def test_a_filtered_list_paged_by_a_signed_in_analyst_shows_a_new_report_at_once(web_db, api_token):
    """Each filtered list's candidate ids are kept while the store is unchanged (web.cache.CandidateIds):
    the pages agree with one another, and a report stored meanwhile is in the very next page read."""
    client = TestClient(create_app(web_db))
    auth = {"Authorization": f"Bearer {api_token}"}  # signed in: no answer is served from the response cache
    state = next(e["admin1"] for e in client.get("/events.json", headers=auth).json()["events"] if e["admin1"])
    whole = [e["id"] for e in client.get(f"/events.json?admin1={state}&limit=1000", headers=auth).json()["events"]]
    paged, offset = [], 0
    while offset is not None:
        page = client.get(f"/events.json?admin1={state}&limit=1&offset={offset}", headers=auth).json()
        paged += [e["id"] for e in page["events"]]
        offset = page["next_offset"]
    assert paged == whole and whole
    text = "Gunmen attacked a bus on 3 July."
    article = Article(id="late-in-state", text=text, published="2024-07-04")
    event = Event(event_type="Violence against civilians", sub_event_type="Attack", admin1=state, event_date="2024-07-03", time_precision=1,
                  sentence=Span.of(text, 0, len(text)))  # fmt: skip
    with open_store(web_db) as store:
        store.save(article, Extraction(id="late-in-state", lang="en", events=[event], pipeline_version="t", content_hash=article.content_hash))
        link_article(store, "late-in-state")
    after = [e["id"] for e in client.get(f"/events.json?admin1={state}&limit=1000", headers=auth).json()["events"]]
    assert len(after) == len(whole) + 1 and set(whole) < set(after)
