"""Merge and split as an analyst means them: the target keeps its number and
its coding, the merged-away number leads to it, every decision is audited by
the decision itself (from the web or the CLI)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sucesos.cli import app as cli
from sucesos.read_model import find_events, get_event
from sucesos.store import open_store
from sucesos.store.audit import audit_entries
from sucesos.web.app import create_app
from sucesos.web.auth import create_token
from tests.web.conftest import build_db

CODING = ("event_type", "sub_event_type", "location", "event_date", "fatalities", "injuries", "actor1")


def _two_events(db) -> tuple[dict, dict]:
    with open_store(db) as store:
        events, _ = find_events(store, limit=10)
    attack = next(e for e in events if e["sub_event_type"] == "Attack")
    march = next(e for e in events if e["sub_event_type"] == "Peaceful protest")
    return attack, march


def test_merging_from_the_event_page_keeps_the_target_and_its_coding(tmp_path):
    db = build_db(tmp_path / "m.db")
    attack, march = _two_events(db)
    target, other = (march, attack) if march["id"] > attack["id"] else (attack, march)  # keep the higher id: not the default
    with open_store(db) as store:
        token = create_token(store, "ana", "tests")
    client = TestClient(create_app(db), follow_redirects=False)
    auth = {"Authorization": f"Bearer {token}"}
    # What the event page's form sends: the page's event as `into`, the other typed in.
    response = client.post("/events/merge", headers=auth, data={"into": str(target["id"]), "event_ids": str(other["id"])})
    assert response.status_code == 303 and response.headers["location"] == f"/events/{target['id']}"
    merged = client.get(f"/events/{target['id']}.json").json()["event"]
    assert merged["n_reports"] == target["n_reports"] + other["n_reports"]
    assert {key: merged[key] for key in CODING} == {key: target[key] for key in CODING}
    # The merged-away number leads to the event it joined, as a page and as JSON.
    page = client.get(f"/events/{other['id']}")
    assert page.status_code == 307 and page.headers["location"] == f"/events/{target['id']}"
    twin = client.get(f"/events/{other['id']}.json")
    assert twin.status_code == 307 and twin.headers["location"] == f"/events/{target['id']}.json"
    assert twin.json()["merged_into"] == target["id"]
    assert client.get(f"/events/{other['id']}.json", follow_redirects=True).json()["event"]["id"] == target["id"]
    missing = client.get("/events/999", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "no event 999" in missing.text and "<html" in missing.text.lower()
    (entry,) = [e for e in client.get("/audit.json", headers=auth).json()["entries"] if e["action"] == "merge"]
    assert entry["username"] == "ana" and entry["target"] == f"event:{target['id']}"


def test_recomputed_coding_lets_the_reports_decide(tmp_path):
    db = build_db(tmp_path / "r.db")
    attack, march = _two_events(db)
    from sucesos.link.decisions import merge_events

    with open_store(db) as store:
        kept = merge_events(store, [attack["id"], march["id"]], into=march["id"], username="ana", recompute_coding=True)
        merged = get_event(store, kept)
    assert kept == march["id"]
    assert merged["reviewed_fields"] == []  # nothing pinned: the headline is the reports' own
    assert merged["fatalities_range"] == [0, 0]


def test_cli_merge_and_split_leave_audit_entries(tmp_path):
    db = build_db(tmp_path / "c.db")
    attack, march = _two_events(db)
    runner = CliRunner()
    result = runner.invoke(cli, ["cluster", "merge", str(attack["id"]), str(march["id"]), "--into", str(march["id"]), "--note", "same march", "--db", db])
    assert result.exit_code == 0, result.output
    assert f"into event {march['id']}" in result.output
    with open_store(db) as store:
        merged = get_event(store, march["id"])
        (entry,) = audit_entries(store, target=f"event:{march['id']}")
    assert merged["sub_event_type"] == "Peaceful protest"
    assert entry["action"] == "merge" and entry["username"].startswith("cli:") and entry["new_value"]["note"] == "same march"
    leaving = [r["report_id"] for r in merged["reports"] if r["article_id"] == "a3"]
    result = runner.invoke(cli, ["cluster", "split", *map(str, leaving), "--db", db])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        actions = [e["action"] for e in audit_entries(store, target=f"event:{march['id']}")]
    assert actions == ["split", "merge"]
