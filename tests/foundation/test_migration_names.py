"""Migration 23 renames a store made before it in place: `events` (reports) -> `reports`, `clusters` -> `events`.

The old store is built with every migration but 23 and filled through the
old names, as the code before the rename wrote them; after opening it with
today's code every report, event, review, override, link decision and audit
entry is found under the new names, and the triggers work on the new tables.
"""

from __future__ import annotations

import pytest

from sucesos import read_model
from sucesos.store import migrations
from sucesos.store.store import open_store

NOW = "2024-03-02T00:00:00+00:00"


def _old_store(db: str, monkeypatch) -> None:
    """A store as it was before migration 23, with two events (three reports) and analysts' decisions on them."""
    before = [m for m in migrations.MIGRATIONS if m[0] < 23 or m[0] >= 30]
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", before)
        with open_store(db) as store, store.transaction() as conn:
            assert conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] == 30
            for article_id, text in (("a1", "Gunmen killed one man in Zapopan."), ("a2", "One dead in Zapopan; later a march.")):
                conn.execute(
                    "INSERT INTO articles (id, content_hash, text, outlet, ingested_at, status) VALUES (?, ?, ?, ?, ?, 'extracted')",
                    (article_id, "hash-" + article_id, text, "Outlet " + article_id, NOW),
                )
            for report_id, article_id, idx, event_type in ((1, "a1", 0, "Battles"), (2, "a2", 0, "Battles"), (3, "a2", 1, "Protests")):
                conn.execute(
                    "INSERT INTO events (id, article_id, idx, event_type, admin1, event_date, fatalities, tactics, sentence_start, sentence_end)"
                    " VALUES (?, ?, ?, ?, 'Jalisco', '2024-03-01', ?, '[]', 0, 6)",
                    (report_id, article_id, idx, event_type, 1 if event_type == "Battles" else None),
                )
            conn.execute("INSERT INTO evidence (event_id, field, start, \"end\", text) VALUES (1, 'actor1', 0, 6, 'Gunmen')")
            conn.execute("INSERT INTO clusters (id, created_at) VALUES (1, ?), (2, ?)", (NOW, NOW))
            conn.execute(
                "INSERT INTO report_links (report_id, cluster_id, score, method, linked_at) VALUES (1, 1, NULL, 'auto', ?), (2, 1, 0.9, 'manual', ?), (3, 2, NULL, 'auto', ?)",
                (NOW, NOW, NOW),
            )
            # event 9 was merged into event 1 by an analyst: its id must still lead to 1
            conn.execute("INSERT INTO link_decisions (id, kind, detail, note, created_at) VALUES (1, 'merge', '{\"into\": 1, \"events\": [1, 9]}', 'same shooting', ?)", (NOW,))
            conn.execute("INSERT INTO link_constraints (a_article, a_idx, b_article, b_idx, kind, decision_id) VALUES ('a1', 0, 'a2', 0, 'must', 1)")
            conn.execute("INSERT INTO reviews (article_id, idx, status, username, at, note) VALUES ('a2', 1, 'rejected', 'ana', ?, 'no march')", (NOW,))
            conn.execute("INSERT INTO overrides (article_id, idx, field, value, username, at) VALUES ('a1', 0, 'fatalities', '3', 'ana', ?)", (NOW,))
            conn.execute("INSERT INTO audit_log (at, username, action, target, old_value, new_value) VALUES (?, 'ana', 'edit', 'report:a1:0', '1', '3')", (NOW,))
            conn.execute("INSERT INTO saved_searches (name, filters, created_at) VALUES ('jalisco', '{}', ?)", (NOW,))


def _columns(conn, table: str) -> set[str]:
    return {column[0] for column in conn.execute(f"SELECT * FROM {table} LIMIT 0").description}  # noqa: S608 - fixed names


def test_an_old_store_is_renamed_in_place_with_everything_in_it(any_db, monkeypatch):
    _old_store(any_db, monkeypatch)
    with open_store(any_db) as store:
        conn = store.conn
        assert conn.execute("SELECT 1 FROM schema_migrations WHERE version = 23").fetchone()
        assert _columns(conn, "events") == {"id", "created_at"}  # the de-duplicated events took the name
        assert {"article_id", "idx", "event_type"} <= _columns(conn, "reports")
        assert "event_id" in _columns(conn, "report_links") and "cluster_id" not in _columns(conn, "report_links")
        assert "report_id" in _columns(conn, "evidence")
        with pytest.raises(Exception):  # noqa: B017 - either backend's "no such table"
            conn.execute("SELECT 1 FROM clusters").fetchall()
        store.conn.execute("SELECT 1").fetchall()  # PostgreSQL: the failed statement left no transaction behind

        reports = {r["id"]: r for r in store.reports()}
        assert sorted(reports) == [1, 2, 3]
        assert reports[1]["evidence"] == [{"field": "actor1", "start": 0, "end": 6, "text": "Gunmen"}]
        assert dict(conn.execute("SELECT report_id, event_id FROM report_links").fetchall()) == {1: 1, 2: 1, 3: 2}

        # the analysts' decisions hold under the new names: the rejected march is left out, the edited toll shows
        events, _next = read_model.find_events(store, limit=10)
        assert [e["id"] for e in events] == [1]
        assert events[0]["fatalities"] == 3 and len(events[0]["reports"]) == 2
        assert read_model.get_event(store, 2)["review"]["status"] == "rejected"
        assert read_model.merged_into(store, 9) == 1
        assert [tuple(r) for r in conn.execute("SELECT kind, decision_id FROM link_constraints")] == [("must", 1)]
        assert [tuple(r) for r in conn.execute("SELECT action, target FROM audit_log")] == [("edit", "report:a1:0")]

    # the triggers were made again on the new names
    with open_store(any_db) as store, store.transaction() as conn:
        conn.execute("INSERT INTO reports (article_id, idx, event_type) VALUES ('a1', 1, 'Riots')")
        conn.execute("DELETE FROM report_links WHERE report_id = 3")
    with open_store(any_db) as store:
        assert [r[0] for r in store.conn.execute("SELECT article_id FROM watch_changes")] == ["a1"]  # the watcher sees the new report
        assert [r[0] for r in store.conn.execute("SELECT id FROM events ORDER BY id")] == [1]  # event 2 lost its last report and went
        # a new event row gets a fresh id on the renamed table (PostgreSQL: its identity sequence came along)
        with store.transaction() as conn:
            new_id = conn.execute("INSERT INTO events (created_at) VALUES (?)", (NOW,)).lastrowid
        assert new_id is not None and new_id > 1


def test_a_new_store_has_the_same_names(any_db):
    with open_store(any_db) as store:
        assert _columns(store.conn, "events") == {"id", "created_at"}
        assert "event_id" in _columns(store.conn, "report_links")
        assert store.counts()["reports"] == 0
