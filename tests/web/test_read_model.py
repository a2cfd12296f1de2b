"""One read model: an analyst's decision is the truth wherever an event is read.

The store gets two reviewed events: the attack (its fatalities edited to 3,
then rejected) and the march (its fatalities edited to 4). Every reader must
then leave the attack out and show the march with 4: the CLI's `export`,
`events` and `cluster show`, the web's list, map, timeline and export, and
the watcher's alerts and search results. A reader that bypasses the read
model fails its own test.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sucesos.cli import app as cli
from sucesos.read_model import find_events
from sucesos.review import edit_field, set_verdict
from sucesos.store import open_store
from sucesos.store.store import BUSY_TIMEOUT_MS
from sucesos.watch.alerts import process_changes
from sucesos.watch.searches import add_search, make_filters, search_events
from sucesos.web.app import create_app
from tests.web.conftest import build_db

runner = CliRunner()


@pytest.fixture
def reviewed(any_db):
    """(db, attack id, march id): the attack edited then rejected, the march edited."""
    with open_store(any_db) as store:
        add_search(store, "everything", make_filters({}))  # so the watcher queues every stored report
    db = build_db(any_db)
    with open_store(db) as store:
        events, _ = find_events(store, limit=10)
        attack = next(e for e in events if e["sub_event_type"] == "Attack")
        march = next(e for e in events if e["sub_event_type"] == "Peaceful protest")
        edit_field(store, attack, "fatalities", "3", "ana")
        set_verdict(store, attack, "rejected", "ana", note="a hoax")
        edit_field(store, march, "fatalities", "4", "ana")
    return db, attack["id"], march["id"]


def _only_the_march(records: list[dict], march: int) -> None:
    assert [(r["id"], r["fatalities"]) for r in records] == [(march, 4)]


def test_cli_export_leaves_the_rejected_event_out_and_shows_edits(reviewed, tmp_path):
    db, attack, march = reviewed
    out = tmp_path / "events.jsonl"
    result = runner.invoke(cli, ["export", "--format", "jsonl", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    _only_the_march([json.loads(line) for line in out.read_text().splitlines()], march)
    result = runner.invoke(cli, ["export", "--format", "acled-csv", "--out", str(tmp_path / "e.csv"), "--db", db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "e.csv").read_text())))
    assert [(row["event_id_cnty"], row["fatalities"]) for row in rows] == [(f"SUC{march}", "4")]
    result = runner.invoke(cli, ["export", "--include-rejected", "--out", str(out), "--db", db])
    everything = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert everything[attack]["fatalities"] == 3 and everything[attack]["review"]["status"] == "rejected"


def test_cli_events_and_cluster_show_agree(reviewed):
    db, attack, march = reviewed
    result = runner.invoke(cli, ["events", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    _only_the_march([json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")], march)
    result = runner.invoke(cli, ["events", "--json", "--reviewed", "rejected", "--db", db])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines() if line.startswith("{")] == [attack]
    result = runner.invoke(cli, ["cluster", "show", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    _only_the_march([json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")], march)


def test_web_list_map_timeline_and_export_agree(reviewed):
    db, attack, march = reviewed
    client = TestClient(create_app(db))
    _only_the_march(client.get("/events.json").json()["events"], march)
    rejected = client.get("/events.json?reviewed=rejected").json()["events"]
    assert [(e["id"], e["fatalities"]) for e in rejected] == [(attack, 3)]
    features = client.get("/events.geojson").json()["features"]
    assert [(f["id"], f["properties"]["fatalities"]) for f in features] == [(march, 4)]
    assert sum(month["events"] for month in client.get("/timeline.json").json()["months"]) == 1
    assert [s["events"] for s in client.get("/states.json").json()["states"]] == [1]  # the choropleth leaves the rejected attack out
    exported = [json.loads(line) for line in client.get("/export/events.jsonl").text.splitlines()]
    _only_the_march(exported, march)
    assert client.get(f"/events/{attack}.json").json()["event"]["review"]["status"] == "rejected"  # still readable by its id


def test_the_watcher_raises_no_alert_for_a_rejected_event_and_reads_edits(reviewed):
    db, attack, march = reviewed
    with open_store(db) as store:
        alerts = process_changes(store, base_url="http://sucesos.test")
        found = search_events(store, make_filters({}))
    assert [(a.payload["event_id"], a.payload["event"]["fatalities"]) for a in alerts] == [(march, 4)]
    assert [(view.event_id, view.headline["fatalities"]) for view in found] == [(march, 4)]


def test_an_edited_type_is_what_filters_see(any_db):
    db = build_db(any_db)
    client = TestClient(create_app(db))
    with open_store(db) as store:
        march = next(e for e in find_events(store, limit=10)[0] if e["event_type"] == "Protests")
        edit_field(store, march, "event_type", "Riots", "ana")
    assert march["id"] not in [e["id"] for e in client.get("/events.json?event_type=Protests").json()["events"]]
    assert march["id"] not in [f["id"] for f in client.get("/events.geojson?event_type=Protests").json()["features"]]
    assert client.get(f"/events/{march['id']}.json").json()["event"]["event_type"] == "Riots"


def test_an_event_edited_into_a_filter_is_found_by_it(any_db):
    # The march is stored in Michoacán; an analyst places it in Jalisco and retypes it.
    db = build_db(any_db)
    client = TestClient(create_app(db))
    with open_store(db) as store:
        march = next(e for e in find_events(store, limit=10)[0] if e["event_type"] == "Protests")
        edit_field(store, march, "admin1", "Jalisco", "ana")
        edit_field(store, march, "event_type", "Riots", "ana")
    for query in ("admin1=Jalisco", "event_type=Riots", "admin1=Jalisco&event_type=Riots"):
        assert [e["id"] for e in client.get(f"/events.json?{query}").json()["events"]] == [march["id"]], query
        assert [f["id"] for f in client.get(f"/events.geojson?{query}").json()["features"]] == [march["id"]], query
        assert sum(m["events"] for m in client.get(f"/timeline.json?{query}").json()["months"]) == 1, query
    # Other filters still hold for it: its date is May 2024, not March.
    assert client.get("/events.json?admin1=Jalisco&until=2024-04-30").json()["events"] == []
    assert march["id"] not in [e["id"] for e in client.get("/events.json?admin1=Michoac%C3%A1n%20de%20Ocampo").json()["events"]]
    result = runner.invoke(cli, ["events", "--json", "--admin1", "Jalisco", "--db", db])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["admin1"] for line in result.stdout.splitlines() if line.startswith("{")] == ["Jalisco"]
    exported = [json.loads(line) for line in client.get("/export/events.jsonl?admin1=Jalisco").text.splitlines()]
    assert [e["id"] for e in exported] == [march["id"]]


def test_a_request_opens_one_connection_and_no_page_waits_on_a_writer(tmp_path, monkeypatch, api_token_sqlite):
    """A signed-in page (the viewer lookup included) is one connection; with an
    ingest transaction held open, every read page answers without waiting on it."""
    import sqlite3
    import time

    import sucesos.web.context as context

    db, token = api_token_sqlite
    client = TestClient(create_app(db))
    opened = []
    real = context.open_reader
    monkeypatch.setattr(context, "open_reader", lambda path: opened.append(path) or real(path))
    auth = {"Authorization": f"Bearer {token}"}
    assert client.get("/events/1", headers=auth).status_code == 200
    assert len(opened) == 1
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE articles SET title = 'being rewritten' WHERE id = 'a1'")
    try:
        for path in ("/events.json", "/events/1", "/events/1.json", "/events.geojson", "/timeline.json", "/export/events.jsonl", "/", "/actors.json"):
            started = time.monotonic()
            response = client.get(path, headers=auth)
            assert response.status_code == 200, path
            # A reader that needed the writer's lock would wait out the busy timeout (30 s):
            # a bound far below it that a loaded CI machine still meets.
            assert time.monotonic() - started < BUSY_TIMEOUT_MS / 1000 / 6, path
    finally:
        writer.execute("ROLLBACK")
        writer.close()


@pytest.fixture
def api_token_sqlite(tmp_path):
    from sucesos.web.auth import create_token

    db = build_db(tmp_path / "w.db")
    with open_store(db) as store:
        return db, create_token(store, "ana", "tests")


def test_per_report_rows_carry_the_analysts_decisions(reviewed, tmp_path):
    """`--per-report` lists reports, not events, but a rejected event's reports stay out and edits show."""
    db, attack, march = reviewed
    result = runner.invoke(cli, ["events", "--per-report", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(row["article_id"], row["fatalities"]) for row in rows] == [("a3", 4)]
    out = tmp_path / "reports.jsonl"
    assert runner.invoke(cli, ["export", "--per-report", "--out", str(out), "--db", db]).exit_code == 0
    assert [json.loads(line)["fatalities"] for line in out.read_text().splitlines()] == [4]


def test_pages_skip_rejected_events_without_losing_or_repeating_any(tmp_path):
    """Paging through events with some rejected: every other event once, in order, next_offset to the end."""
    from sucesos.link.cluster import link_article
    from sucesos.model import Article, Event, Extraction, Span

    db = str(tmp_path / "pages.db")
    with open_store(db) as store:
        for n in range(9):
            text = f"Gunmen killed {n + 1} people in town number {n} on day {n}."
            article = Article(id=f"p{n}", text=text, outlet=f"Outlet {n}", published=f"2024-0{n % 9 + 1}-20")
            event = Event(
                event_type="Violence against civilians", sub_event_type="Attack", location=f"Town {n}", admin1=f"State {n}",
                latitude=10.0 + 3 * n, longitude=-100.0 + 3 * n, geo_precision=1, event_date=f"2024-0{n % 9 + 1}-1{n % 9}",
                time_precision=1, fatalities=n + 1, sentence=Span.of(text, 0, len(text)),
            )  # fmt: skip
            store.save(article, Extraction(id=article.id, lang="en", events=[event], pipeline_version="t", content_hash=article.content_hash))
            link_article(store, article.id)
        everything, _ = find_events(store, limit=100)
        assert len(everything) == 9
        for event in everything[1:6:2]:  # three rejected, spread out
            set_verdict(store, event, "rejected", "ana")
        kept = [event["id"] for i, event in enumerate(everything) if i not in (1, 3, 5)]
        for size in (1, 2, 4):
            seen, offset = [], 0
            while offset is not None:
                page, offset = find_events(store, limit=size, offset=offset)
                assert len(page) <= size
                seen += [event["id"] for event in page]
            assert seen == kept, size
