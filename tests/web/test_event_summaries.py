"""Event summaries (migration 24): each event's list record is stored, kept by the writers.

After every kind of write (new reports and their links, an analyst's edit, a
verdict, a merge, a split, an article updated at its source, a write that
bypasses `Store.transaction`) the stored records must equal what the full
build (reports, articles, evidence, signatures, analysts' decisions) gives,
on SQLite and on PostgreSQL; the event list must show the analysts' values.
"""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from sucesos.link.cluster import link_article
from sucesos.link.corroboration import deduplicated_events, event_ids
from sucesos.link.decisions import merge_events, split_reports
from sucesos.model import Article, Event, Extraction, Span
from sucesos.read_model import find_events, record_json
from sucesos.review import apply_reviews, edit_field, set_verdict
from sucesos.store import open_store
from sucesos.web.app import create_app, encode_json
from tests.web.conftest import build_db


def _full_build(store) -> dict[int, dict]:
    return {event["id"]: json.loads(record_json(event)) for event in apply_reviews(store, deduplicated_events(store, ids=event_ids(store)))}


def _stored(store) -> dict[int, dict]:
    return {row[0]: json.loads(row[1]) for row in store.conn.execute("SELECT event_id, record FROM event_summaries")}


def _assert_kept(db) -> dict[int, dict]:
    with open_store(db) as store:
        stored, full = _stored(store), _full_build(store)
        assert full, "the fixture has events"
        assert stored == full
        assert store.conn.execute("SELECT COUNT(*) FROM event_summary_stale").fetchone()[0] == 0
    return stored


def _event(store, sub_event_type: str) -> dict:
    events, _ = find_events(store, limit=50, include_rejected=True)
    return next(e for e in events if e["sub_event_type"] == sub_event_type)


def test_summaries_equal_the_full_build_after_every_kind_of_write(any_db):
    db = build_db(any_db)
    stored = _assert_kept(db)  # new reports, linked
    assert sorted(len(e["reports"]) for e in stored.values()) == [1, 2]  # the two accounts of the attack are one event

    with open_store(db) as store:
        attack = _event(store, "Attack")
        edit_field(store, attack, "fatalities", "3", "ana")
    assert _assert_kept(db)[attack["id"]]["fatalities"] == 3

    with open_store(db) as store:
        set_verdict(store, _event(store, "Attack"), "rejected", "ana", note="checked")
    assert _assert_kept(db)[attack["id"]]["review"]["status"] == "rejected"
    with open_store(db) as store:
        assert attack["id"] not in {e["id"] for e in find_events(store, limit=50)[0]}

    with open_store(db) as store:
        march = _event(store, "Peaceful protest")
        kept = merge_events(store, [attack["id"], march["id"]], username="ana")
    stored = _assert_kept(db)
    assert list(stored) == [kept] and len(stored[kept]["reports"]) == 3

    with open_store(db) as store:
        moved = [r["report_id"] for r in stored[kept]["reports"] if r["article_id"] == "a3"]
        new_event = split_reports(store, moved, username="ana")
    assert sorted(_assert_kept(db)) == sorted({kept, new_event})

    # the march's article changes at its source: its report is replaced and linked again
    text = "A peaceful march took place in Apatzingán on Saturday, with about 300 people."
    article = Article(id="a3", text=text, outlet="Third", published="2024-05-04")
    event = Event(event_type="Protests", sub_event_type="Peaceful protest", location="Apatzingán", admin1="Michoacán de Ocampo", event_date="2024-05-04", time_precision=1, sentence=Span.of(text, 0, len(text)))
    with open_store(db) as store:
        store.save(article, Extraction(id="a3", lang="en", events=[event], pipeline_version="t2", content_hash=article.content_hash))
        link_article(store, "a3")
    stored = _assert_kept(db)
    assert {e["event_date"] for e in stored.values() if e["sub_event_type"] == "Peaceful protest"} == {"2024-05-04"}


def test_a_write_outside_a_store_transaction_drops_the_summary_and_the_next_one_rebuilds_it(any_db):
    db = build_db(any_db)
    with open_store(db) as store:
        march = _event(store, "Peaceful protest")
        store.conn.execute("UPDATE reports SET fatalities = 7 WHERE article_id = 'a3'")  # autocommit: no rebuild
        assert march["id"] not in _stored(store)  # dropped by its trigger, never served stale
        assert _event(store, "Peaceful protest")["fatalities"] == 7  # built for the reader instead
        with store.transaction():
            pass  # any writer's transaction rebuilds what was noted
    assert _assert_kept(db)[march["id"]]["fatalities"] == 7


def test_the_migration_backfills_and_runs_again_safely(any_db):
    db = build_db(any_db)
    with open_store(db) as store:
        with store.transaction() as conn:
            conn.execute("DELETE FROM event_summaries")
            conn.execute("DELETE FROM schema_migrations WHERE version = 24")
    _assert_kept(db)  # opening the store applied 24 again: tables and triggers kept, every event backfilled
    with open_store(db) as store:
        edit_field(store, _event(store, "Attack"), "fatalities", "5", "ana")  # the triggers made again still fire
    assert any(e["fatalities"] == 5 for e in _assert_kept(db).values())


def test_the_event_list_serves_the_same_bytes_as_the_full_build(any_db):
    db = build_db(any_db)
    with open_store(db) as store:
        edit_field(store, _event(store, "Attack"), "fatalities", "3", "ana")
        full = list(_full_build(store).values())
    with TestClient(create_app(db)) as client:
        answer = client.get("/events.json")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert [e["fatalities"] for e in body["events"] if e["sub_event_type"] == "Attack"] == [3]
    # byte for byte what encoding the full build's page gives
    assert answer.content == encode_json({"events": full, "limit": 50, "offset": 0, "next_offset": None, "filters": body["filters"]})
