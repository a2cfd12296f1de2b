"""Schema for feed watching, saved searches and alerts (versions 10-19).

Registered with `sucesos.store.migrations.migration`; imported by the store so
every database gets them. Stage-owned migration files keep parallel work on
separate files; versions are ranges, applied in order.
"""

from __future__ import annotations

from sucesos.store.migrations import execute_script, migration


@migration(10, "watch: source cursors, seen feed entries, saved searches, alerts and their deliveries")
def watch_schema(conn) -> None:
    # Everything the watcher needs to survive a restart lives here: the
    # per-source validators (ETag, Last-Modified, body hash) are written only
    # once every entry of a fetch is stored, and `watch_changes` is filled by
    # a trigger inside the very transaction that stores an event report, so
    # a crash can neither lose a report nor let it alert twice.
    execute_script(
        conn,
        """
        CREATE TABLE watch_sources (
            url TEXT PRIMARY KEY,
            name TEXT,
            kind TEXT,                      -- feed | page | NULL (not known yet)
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,                 -- of the last fully processed body (servers without validators)
            last_checked TEXT,
            last_success TEXT,
            last_status TEXT,               -- new | not-modified | unchanged | failed
            items_total INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,   -- consecutive
            last_error TEXT,
            next_due REAL                   -- epoch seconds; NULL: due now
        );

        CREATE TABLE watch_entries (        -- feed entries handled: stored, or given up after repeated failures
            link TEXT PRIMARY KEY,
            source_url TEXT NOT NULL,
            article_id TEXT,
            status TEXT NOT NULL,           -- stored | failed | gave-up
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            seen_at TEXT NOT NULL
        );

        CREATE TABLE saved_searches (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            filters TEXT NOT NULL,          -- JSON object, see sucesos.watch.searches
            created_at TEXT NOT NULL
        );

        CREATE TABLE watch_changes (        -- event reports stored since the watcher last looked
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            report_id INTEGER NOT NULL,
            article_id TEXT NOT NULL
        );

        -- Only while a saved search exists: a bulk ingest with no one
        -- watching adds nothing here.
        CREATE TRIGGER watch_changes_on_report AFTER INSERT ON events
        WHEN EXISTS (SELECT 1 FROM saved_searches)
        BEGIN
            INSERT INTO watch_changes (report_id, article_id) VALUES (NEW.id, NEW.article_id);
        END;

        CREATE TABLE alert_state (          -- what each search last alerted about each event
            search_id INTEGER NOT NULL REFERENCES saved_searches(id) ON DELETE CASCADE,
            event_key TEXT NOT NULL,
            sources TEXT NOT NULL,          -- JSON object: article id -> content hash
            alerts INTEGER NOT NULL,
            first_at TEXT NOT NULL,
            last_at TEXT NOT NULL,
            PRIMARY KEY (search_id, event_key)
        );

        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            search_id INTEGER NOT NULL REFERENCES saved_searches(id) ON DELETE CASCADE,
            event_key TEXT NOT NULL,
            kind TEXT NOT NULL,             -- new | update
            created_at TEXT NOT NULL,
            day TEXT NOT NULL,              -- UTC date, the digest it belongs to
            payload TEXT NOT NULL           -- JSON, as delivered
        );
        CREATE INDEX alerts_search_day ON alerts(search_id, day);

        CREATE TABLE alert_deliveries (     -- an outbox: each output gets each alert once
            alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
            output TEXT NOT NULL,           -- jsonl | webhook | digest
            status TEXT NOT NULL,           -- pending | done | failed
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try REAL NOT NULL DEFAULT 0,
            last_error TEXT,
            PRIMARY KEY (alert_id, output)
        );
        CREATE INDEX alert_deliveries_pending ON alert_deliveries(status, next_try);
        """,
    )


@migration(11, "watch: the reports each saved search has alerted on (survives re-extraction and re-linking)")
def alert_reports(conn) -> None:
    # Event keys are cluster ids, and re-extraction re-links an article's
    # reports, possibly into a fresh cluster: without this table that event
    # would alert as "new" a second time.
    execute_script(
        conn,
        """
        CREATE TABLE alert_reports (
            search_id INTEGER NOT NULL REFERENCES saved_searches(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            PRIMARY KEY (search_id, article_id, idx)
        );
        """,
    )
