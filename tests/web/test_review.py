"""Review: every write needs a signed-in user (and CSRF for cookie sessions);
edits persist, are audited, and survive re-extraction and re-clustering."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from sucesos.link.cluster import recluster
from sucesos.model import Article, Event, Extraction, Span
from sucesos.store import open_store
from sucesos.web.app import create_app
from sucesos.web.auth import LoginLimiter, authenticate, start_session

PASSWORD = "correct horse battery staple"  # as in conftest.py


def write_routes(app):
    for route in app.routes:
        methods = getattr(route, "methods", set()) or set()
        for method in methods & {"POST", "PUT", "PATCH", "DELETE"}:
            if route.path != "/login":
                yield method, route.path.replace("{event_id}", "1").replace("{actor_id}", "cjng")


def sign_in(client: TestClient, username: str = "ana", password: str = PASSWORD):
    form = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token}, follow_redirects=False)


def csrf_of(client: TestClient) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/events/1").text).group(1)


def test_every_write_endpoint_refuses_anonymous_and_cookie_without_csrf(web_db):
    app = create_app(web_db)
    routes = list(write_routes(app))
    assert len(routes) >= 6  # review, edit, merge, split, alias, logout
    anonymous = TestClient(app)
    for method, path in routes:
        assert anonymous.request(method, path, data={"verdict": "confirmed"}).status_code == 401, path
    signed = TestClient(app)
    assert sign_in(signed).status_code == 303
    for method, path in routes:
        assert signed.request(method, path, data={"verdict": "confirmed", "csrf_token": "wrong"}).status_code == 403, path
    bad_token = TestClient(app)
    for method, path in routes:
        assert bad_token.request(method, path, headers={"Authorization": "Bearer suc_nope"}, json={}).status_code == 401, path


def test_signed_in_edit_persists_is_audited_and_survives_reextraction_and_reclustering(web_db):
    client = TestClient(create_app(web_db))
    sign_in(client)
    response = client.post("/events/1/edit", data={"field": "fatalities", "value": "1", "csrf_token": csrf_of(client)}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/events/1.json").json()["event"]["fatalities"] == 1
    audit = client.get("/audit.json").json()["entries"]
    assert audit[0]["action"] == "edit" and audit[0]["username"] == "ana"
    assert audit[0]["old_value"] == {"fatalities": None} and audit[0]["new_value"] == {"fatalities": 1}

    # The pipeline re-extracts article a1 (new version) and the store is re-clustered.
    with open_store(web_db) as store:
        row = store.article("a1")
        text = row["text"]
        again = Event(event_type="Violence against civilians", sub_event_type="Attack", location="Uruapan", latitude=19.42, longitude=-102.06,
                      geo_precision=1, event_date="2024-03-12", time_precision=1, fatalities=None, injuries=2, sentence=Span.of(text, 0, text.index(".") + 1))  # fmt: skip
        article = Article(id="a1", text=text, published="2024-03-14")
        store.save(article, Extraction(id="a1", lang="en", events=[again], pipeline_version="t2", content_hash=article.content_hash))
        recluster(store)
        event_id = store.conn.execute("SELECT l.event_id FROM report_links l JOIN reports e ON e.id = l.report_id WHERE e.article_id = 'a1'").fetchone()[0]
    event = client.get(f"/events/{event_id}.json").json()["event"]
    assert event["fatalities"] == 1 and "fatalities" in event["reviewed_fields"]


def test_invalid_edits_are_refused_with_a_reason(web_db, api_token):
    client = TestClient(create_app(web_db))
    auth = {"Authorization": f"Bearer {api_token}"}
    assert client.post("/events/1/edit", headers=auth, json={"field": "fatalities", "value": "many"}).json() == {"detail": "fatalities must be a whole number"}
    assert client.post("/events/1/edit", headers=auth, json={"field": "sub_event_type", "value": "Alien invasion"}).status_code == 400
    assert client.post("/events/1/edit", headers=auth, json={"field": "text", "value": "x"}).status_code == 400
    ok = client.post("/events/1/review", headers=auth, json={"verdict": "rejected", "note": "duplicate of a rumour"})
    assert ok.status_code == 200
    assert client.get("/events/1.json").json()["event"]["review"]["status"] == "rejected"
    assert client.get("/events.json?reviewed=rejected").json()["events"][0]["id"] == 1
    assert all(f["id"] != 1 for f in client.get("/events.geojson").json()["features"])  # rejected events leave the map


def test_merge_and_split_through_the_api(web_db, api_token):
    client = TestClient(create_app(web_db))
    auth = {"Authorization": f"Bearer {api_token}"}
    events = client.get("/events.json").json()["events"]
    ids = sorted(e["id"] for e in events)
    merged = client.post("/events/merge", headers=auth, json={"event_ids": ids}).json()
    assert merged["event"] == ids[0]
    assert len(client.get("/events.json").json()["events"]) == 1
    reports = client.get(f"/events/{ids[0]}.json").json()["event"]["reports"]
    split = client.post(f"/events/{ids[0]}/split", headers=auth, json={"report_ids": [reports[-1]["report_id"]]}).json()
    assert split["new_event"] != ids[0]
    assert len(client.get("/events.json").json()["events"]) == 2
    actions = [entry["action"] for entry in client.get("/audit.json", headers=auth).json()["entries"]]
    assert actions[:2] == ["split", "merge"]


def test_login_is_rate_limited_and_sessions_expire(web_db):
    app = create_app(web_db)
    app.state.settings.limiter = LoginLimiter(attempts=3, window=60)
    client = TestClient(app)
    for _ in range(3):
        assert sign_in(client, password="wrong password!").status_code == 401
    assert sign_in(client).status_code == 429  # even the right password, until the window passes
    with open_store(web_db) as store:
        user = authenticate(store, "ana", PASSWORD)
        expired, _csrf = start_session(store, user, hours=-1)
    stale = TestClient(app, cookies={"sucesos_session": expired})
    assert "Sign in to review" in stale.get("/").text


def test_passwords_and_tokens_are_stored_only_as_hashes(web_db, api_token):
    with open_store(web_db) as store:
        dump = "\n".join(repr(tuple(row)) for table in ("users", "sessions", "api_tokens", "audit_log") for row in store.conn.execute(f"SELECT * FROM {table}"))
    assert PASSWORD not in dump and api_token not in dump
    assert "scrypt$" in dump


def test_passwords_never_reach_the_logs(web_db, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    client = TestClient(create_app(web_db))
    sign_in(client, password="wrong password, but secret")
    sign_in(client)
    assert "wrong password, but secret" not in caplog.text and PASSWORD not in caplog.text


def test_event_page_ties_evidence_to_its_article_and_shows_the_review_history(web_db, api_token):
    import re

    client = TestClient(create_app(web_db))
    auth = {"Authorization": f"Bearer {api_token}"}
    event_id = next(e["id"] for e in client.get("/events.json").json()["events"] if e["n_reports"] > 1)
    assert client.post(f"/events/{event_id}/edit", headers=auth, json={"field": "fatalities", "value": "1"}).status_code == 200
    assert client.post(f"/events/{event_id}/review", headers=auth, json={"verdict": "confirmed", "note": "checked with the prosecutor's bulletin"}).status_code == 200
    public = client.get(f"/events/{event_id}").text
    # Each evidence item says which article it is from and jumps to its span in that article's text.
    jumps = re.findall(r'href="#(t\d+-\d+)"', public)
    assert jumps and all(f'id="{anchor}"' in public for anchor in jumps)
    assert "Other Outlet" in public or "&lt;script&gt;" in public  # the source is named (escaped when hostile)
    assert "checked with the prosecutor&#39;s bulletin" in public  # the verdict's note is shown
    assert "<h3>History</h3>" not in public  # the history is for signed-in reviewers
    signed_in = client.get(f"/events/{event_id}", headers=auth).text
    assert "<h3>History</h3>" in signed_in and "· edit ·" in signed_in and "· review ·" in signed_in
    assert re.search(r"report \d+: (Other Outlet|&lt;script)", signed_in)  # split choices name outlet and title
    audit = client.get(f"/audit?target=event:{event_id}", headers={**auth, "accept": "text/html"})
    assert audit.status_code == 200 and f'href="/events/{event_id}"' in audit.text and "edit" in audit.text
    assert client.get("/audit", headers={"accept": "text/html"}).status_code == 401
