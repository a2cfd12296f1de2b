"""Versioned schema migrations, registered as functions (sqlite-utils' habit).

Each migration runs once, in order, inside a transaction; the applied
versions are recorded in `schema_migrations`. Never edit a migration that
has shipped: add the next one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

MIGRATIONS: list[tuple[int, str, Callable]] = []


def migration(version: int, name: str):
    def register(func):
        MIGRATIONS.append((version, name, func))
        MIGRATIONS.sort(key=lambda item: item[0])
        return func

    return register


@migration(1, "articles, extractions and extracted entities")
def initial_schema(conn) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            title TEXT,
            author TEXT,
            published TEXT,
            lang TEXT,
            source TEXT,
            retrieved_at TEXT,
            ingested_at TEXT NOT NULL,
            status TEXT NOT NULL,          -- extracted | unsupported | failed | stored
            error TEXT,
            warnings TEXT                  -- JSON list
        );
        CREATE INDEX articles_url ON articles(url);
        CREATE INDEX articles_published ON articles(published);

        CREATE TABLE extractions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            pipeline_version TEXT NOT NULL,
            created_at TEXT NOT NULL,
            error TEXT,
            result TEXT NOT NULL,          -- the CONTRACT JSON line
            PRIMARY KEY (article_id, pipeline_version)
        );

        CREATE TABLE actors (
            id TEXT PRIMARY KEY,           -- lexicon id, or "ner:<normalised name>"
            name TEXT NOT NULL,
            type TEXT,
            inter TEXT,
            country TEXT
        );
        CREATE TABLE actor_aliases (
            actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            PRIMARY KEY (actor_id, alias)
        );

        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            actor_id TEXT REFERENCES actors(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL
        );
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX mentions_actor ON mentions(actor_id);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,          -- salience order within the article (0 = main event)
            event_type TEXT,
            sub_event_type TEXT,
            actor1 TEXT, assoc_actor_1 TEXT, inter1 TEXT,
            actor2 TEXT, assoc_actor_2 TEXT, inter2 TEXT,
            country TEXT, iso3 TEXT, admin1 TEXT, admin2 TEXT, location TEXT,
            latitude REAL, longitude REAL, geo_precision INTEGER,
            event_date TEXT, time_precision INTEGER, date_phrase TEXT,
            fatalities INTEGER, injuries INTEGER,
            tactics TEXT,                  -- JSON list of tags
            modality TEXT,
            confidence REAL,
            sentence_start INTEGER, sentence_end INTEGER,
            UNIQUE (article_id, idx)
        );
        CREATE INDEX events_date ON events(event_date);
        CREATE INDEX events_type ON events(event_type, sub_event_type);
        CREATE INDEX events_admin1 ON events(admin1);
        CREATE INDEX events_geo ON events(latitude, longitude);

        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX evidence_event ON evidence(event_id);

        CREATE TABLE places (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            name TEXT, geonameid INTEGER, latitude REAL, longitude REAL,
            country TEXT, iso3 TEXT, admin1 TEXT, admin2 TEXT, feature TEXT
        );
        CREATE INDEX places_article ON places(article_id);

        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            source_start INTEGER, source_end INTEGER, source_text TEXT,
            cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
            content_start INTEGER, content_end INTEGER, content_text TEXT,
            source_type TEXT,
            via TEXT,                      -- JSON list of {name, type}
            hedged INTEGER NOT NULL,
            opinion INTEGER NOT NULL,
            UNIQUE (article_id, idx)
        );

        CREATE TABLE relations (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            subject TEXT NOT NULL,
            predicate TEXT NOT NULL,
            object TEXT NOT NULL,
            evidence_start INTEGER, evidence_end INTEGER, evidence_text TEXT,
            claim_idx INTEGER,
            hedged INTEGER NOT NULL
        );
        CREATE INDEX relations_subject ON relations(subject);
        CREATE INDEX relations_object ON relations(object);

        CREATE TABLE statistics (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            quantity REAL, unit TEXT, place TEXT, period TEXT,
            evidence_start INTEGER, evidence_end INTEGER, evidence_text TEXT
        );

        CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            input_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            command TEXT NOT NULL,
            at TEXT NOT NULL
        );
        """,
    )


def execute_script(conn, script: str) -> None:
    """Run statements one by one, inside the caller's transaction.

    (sqlite3's `executescript` commits first, which would make a migration
    half-applied if it failed midway.)
    """
    import sqlite3

    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


def pending_migrations(conn) -> list[int]:
    """Versions not yet applied, read without any lock (a plain WAL read)."""
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    return [version for version, _name, _func in MIGRATIONS if version not in done]


def apply_migrations(conn) -> list[int]:
    """Apply pending migrations; returns the versions applied now."""
    # Under the writers' lock: several processes opening a new database at
    # once must not race to create the bookkeeping table (PostgreSQL would
    # fail one of them on its catalogue's unique index).
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    applied = []
    for version, name, func in MIGRATIONS:
        if version in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        # Another process may have applied it while we waited for the lock.
        if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
            conn.execute("COMMIT")
            continue
        try:
            func(conn)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, dt.datetime.now(dt.timezone.utc).isoformat()),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(version)
    return applied


def latest_version() -> int:
    return MIGRATIONS[-1][0] if MIGRATIONS else 0


@migration(2, "de-duplicated events: report links, blocking keys, analyst decisions")
def event_clusters(conn) -> None:
    # `events` holds one row per *report* (an event as one article tells it);
    # `clusters` are the de-duplicated events those reports are linked to.
    # Analyst decisions are keyed on (article_id, idx), not on events.id,
    # because re-extraction replaces the event rows but not the articles.
    execute_script(
        conn,
        """
        CREATE TABLE clusters (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL
        );

        CREATE TABLE report_links (
            report_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
            cluster_id INTEGER NOT NULL REFERENCES clusters(id),
            score REAL,                    -- the match score that joined it; NULL when it started the event
            method TEXT NOT NULL,          -- auto | manual
            linked_at TEXT NOT NULL
        );
        CREATE INDEX report_links_cluster ON report_links(cluster_id);

        CREATE TABLE link_blocks (         -- blocking keys: a place key and the day window it covers
            key TEXT NOT NULL,
            day_lo INTEGER,
            day_hi INTEGER,
            report_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE
        );
        CREATE INDEX link_blocks_key ON link_blocks(key, day_lo);
        CREATE INDEX link_blocks_report ON link_blocks(report_id);

        CREATE TABLE link_decisions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,            -- merge | split
            detail TEXT NOT NULL,          -- JSON: what was moved
            note TEXT,
            created_at TEXT NOT NULL
        );

        CREATE TABLE link_constraints (    -- (a, b) ordered so that a < b
            a_article TEXT NOT NULL, a_idx INTEGER NOT NULL,
            b_article TEXT NOT NULL, b_idx INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('must', 'cannot')),
            decision_id INTEGER REFERENCES link_decisions(id),
            PRIMARY KEY (a_article, a_idx, b_article, b_idx)
        );
        CREATE INDEX link_constraints_b ON link_constraints(b_article, b_idx);

        CREATE TABLE article_signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            content_hash TEXT NOT NULL,
            minhash BLOB NOT NULL
        );

        CREATE TRIGGER report_links_drop_empty_cluster AFTER DELETE ON report_links
        WHEN NOT EXISTS (SELECT 1 FROM report_links WHERE cluster_id = OLD.cluster_id)
        BEGIN
            DELETE FROM clusters WHERE id = OLD.cluster_id;
        END;

        CREATE TRIGGER report_links_drop_left_cluster AFTER UPDATE OF cluster_id ON report_links
        WHEN NOT EXISTS (SELECT 1 FROM report_links WHERE cluster_id = OLD.cluster_id)
        BEGIN
            DELETE FROM clusters WHERE id = OLD.cluster_id;
        END;
        """,
    )


@migration(3, "index for the commonest filtered event lists (type within a region)")
def filtered_list_index(conn) -> None:
    # Measured on 1M reports: an event list filtered by type and admin1 went
    # from 49 ms to 8 ms of SQL with this index.
    execute_script(conn, "CREATE INDEX IF NOT EXISTS events_type_admin1 ON events(event_type, admin1);")


# Migration 23's renames, in the order they must run: `events` frees its name
# before `clusters` takes it (the two-step swap). Numbered among the web's
# versions because it must come after every migration that names the old
# tables (2, 3 and the watcher's 10), and 23 was the next free number.
_RENAMED_TABLES = (("events", "reports"), ("clusters", "events"))
_RENAMED_COLUMNS = (("report_links", "cluster_id", "event_id"), ("evidence", "event_id", "report_id"))
# Indexes named after the old tables: (old name, new name, the new definition for SQLite, which cannot rename an index).
_RENAMED_INDEXES = (
    ("events_date", "reports_date", "reports(event_date)"),
    ("events_type", "reports_type", "reports(event_type, sub_event_type)"),
    ("events_admin1", "reports_admin1", "reports(admin1)"),
    ("events_geo", "reports_geo", "reports(latitude, longitude)"),
    ("events_type_admin1", "reports_type_admin1", "reports(event_type, admin1)"),
    ("report_links_cluster", "report_links_event", "report_links(event_id)"),
    ("evidence_event", "evidence_report", "evidence(report_id)"),
)
# PostgreSQL's own names (primary keys, unique constraints, identity sequences), renamed in the same order.
_PG_RENAMED = (
    ("INDEX", "events_pkey", "reports_pkey"),
    ("INDEX", "events_article_id_idx_key", "reports_article_id_idx_key"),
    ("SEQUENCE", "events_id_seq", "reports_id_seq"),
    ("INDEX", "clusters_pkey", "events_pkey"),
    ("SEQUENCE", "clusters_id_seq", "events_id_seq"),
)
_PG_FOREIGN_KEYS = (
    ("reports", "events_article_id_fkey", "reports_article_id_fkey"),
    ("report_links", "report_links_cluster_id_fkey", "report_links_event_id_fkey"),
    ("evidence", "evidence_event_id_fkey", "evidence_report_id_fkey"),
)
_OLD_TRIGGERS = ("report_links_drop_empty_cluster", "report_links_drop_left_cluster", "watch_changes_on_report")


@migration(23, "names that say what a thing is: `reports` (one article's account) and `events` (de-duplicated)")
def reports_and_events(conn) -> None:
    # Until now `events` held reports and `clusters` held events. The tables
    # are renamed in place, so every row (and every analyst's decision keyed
    # on it) stays. Triggers are dropped first and made again under the new
    # names: their bodies name the old tables, and PostgreSQL would not
    # rewrite a PL/pgSQL body (SQLite >= 3.26 rewrites foreign keys itself;
    # PostgreSQL's follow the table, not its name). No views name these tables.
    # The watcher's trigger is migration 10's, made again on `reports`.
    postgres = getattr(conn, "dialect", "sqlite") == "postgresql"
    if not postgres:
        import sqlite3

        if sqlite3.sqlite_version_info < (3, 26, 0):  # older ones would leave foreign keys naming the old tables
            from sucesos.errors import ConfigError

            raise ConfigError(f"this store's schema update needs SQLite 3.26 or later (this Python has {sqlite3.sqlite_version}); use a newer Python")
    for trigger in _OLD_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        if postgres:
            conn.execute(f"DROP FUNCTION IF EXISTS {trigger}_fn()")
    for old, new in _RENAMED_TABLES:
        conn.execute(f"ALTER TABLE {old} RENAME TO {new}")
    for table, old, new in _RENAMED_COLUMNS:
        conn.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}")
    for old, new, definition in _RENAMED_INDEXES:
        if postgres:
            conn.execute(f"ALTER INDEX IF EXISTS {old} RENAME TO {new}")
        else:
            conn.execute(f"DROP INDEX IF EXISTS {old}")
            conn.execute(f"CREATE INDEX {new} ON {definition}")
    if postgres:
        for kind, old, new in _PG_RENAMED:
            conn.execute(f"ALTER {kind} IF EXISTS {old} RENAME TO {new}")
        for table, old, new in _PG_FOREIGN_KEYS:
            if conn.execute("SELECT 1 FROM pg_constraint WHERE conname = ? AND conrelid = ?::regclass", (old, table)).fetchone():
                conn.execute(f"ALTER TABLE {table} RENAME CONSTRAINT {old} TO {new}")
    execute_script(
        conn,
        """
        CREATE TRIGGER report_links_drop_empty_event AFTER DELETE ON report_links
        WHEN NOT EXISTS (SELECT 1 FROM report_links WHERE event_id = OLD.event_id)
        BEGIN
            DELETE FROM events WHERE id = OLD.event_id;
        END;

        CREATE TRIGGER report_links_drop_left_event AFTER UPDATE OF event_id ON report_links
        WHEN NOT EXISTS (SELECT 1 FROM report_links WHERE event_id = OLD.event_id)
        BEGIN
            DELETE FROM events WHERE id = OLD.event_id;
        END;

        CREATE TRIGGER watch_changes_on_report AFTER INSERT ON reports
        WHEN EXISTS (SELECT 1 FROM saved_searches)
        BEGIN
            INSERT INTO watch_changes (report_id, article_id) VALUES (NEW.id, NEW.article_id);
        END;
        """,
    )


# What an event's list record is read from, and how a row of each table finds
# the events it belongs to (SQL valid in both dialects: PostgreSQL's adapter
# copies a trigger's body into PL/pgSQL as written).
_EVENTS_OF_REPORT = "SELECT event_id FROM report_links WHERE report_id = {row}.id"
_EVENTS_OF_ARTICLE = "SELECT l.event_id FROM reports r JOIN report_links l ON l.report_id = r.id WHERE r.article_id = {row}.{column}"
_EVENTS_OF_KEY = "SELECT l.event_id FROM reports r JOIN report_links l ON l.report_id = r.id WHERE r.article_id = {row}.article_id AND r.idx = {row}.idx"
_EVENTS_OF_EVIDENCE = "SELECT event_id FROM report_links WHERE report_id = {row}.report_id"
# (table, events of a row of it, the row images to look at per change)
_SUMMARY_SOURCES = (
    ("report_links", "SELECT {row}.event_id", {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}),
    ("reports", _EVENTS_OF_REPORT, {"UPDATE": ("NEW",)}),  # an inserted report is not linked yet; a deleted one's link goes with it
    ("evidence", _EVENTS_OF_EVIDENCE, {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}),
    ("articles", _EVENTS_OF_ARTICLE.replace("{column}", "id"), {"UPDATE": ("NEW",)}),  # a deleted article's reports and links go with it
    ("article_signatures", _EVENTS_OF_ARTICLE.replace("{column}", "article_id"), {"INSERT": ("NEW",), "UPDATE": ("NEW",), "DELETE": ("OLD",)}),
    ("overrides", _EVENTS_OF_KEY, {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}),
    ("reviews", _EVENTS_OF_KEY, {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}),
)


def summary_triggers() -> list[str]:
    """The triggers that drop an event's summary, and note the event for its
    rebuild, whenever something its record is read from changes."""
    triggers = []
    for table, events_of, changes in _SUMMARY_SOURCES:
        for change, rows in changes.items():
            body = "".join(
                f" DELETE FROM event_summaries WHERE event_id IN ({events_of.format(row=row)});"
                f" INSERT INTO event_summary_stale (event_id) {events_of.format(row=row)};"
                for row in rows
            )
            triggers.append(f"CREATE TRIGGER summary_on_{table}_{change.lower()} AFTER {change} ON {table} BEGIN{body} END")
    triggers.append("CREATE TRIGGER summary_on_events_delete AFTER DELETE ON events BEGIN DELETE FROM event_summaries WHERE event_id = OLD.id; END")
    return triggers


@migration(24, "event summaries: each event's list record, kept by the writers")
def event_summaries(conn) -> None:
    # An event list built its records from every report, article, evidence
    # span, signature and analyst decision per request: ~10 ms of CPU a page
    # of 50 on 100,000 reports, 80% of a busy server's time. Each event's
    # record (analysts' edits applied) is now stored, as the JSON it is
    # served as, with what the list's event-level filters read. Triggers
    # drop a summary in the transaction that changes what it was read from
    # (so a summary present is never stale, whoever wrote) and note the
    # event in `event_summary_stale`; `Store.transaction` rebuilds the noted
    # events before it commits. Re-running is safe: everything is made again.
    execute_script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS event_summaries (
            event_id INTEGER NOT NULL PRIMARY KEY,
            record TEXT NOT NULL,          -- the event as the list serves it (JSON; analysts' edits applied)
            independent_sources INTEGER,
            review_status TEXT,            -- the verdict that holds, or NULL
            reviewed_fields TEXT NOT NULL  -- JSON list of the fields an analyst set
        );
        CREATE TABLE IF NOT EXISTS event_summary_stale (event_id INTEGER NOT NULL);
        """,
    )
    for trigger in summary_triggers():
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger.split()[2]}")
        conn.execute(trigger)
    conn.execute("DELETE FROM event_summaries")
    conn.execute("DELETE FROM event_summary_stale")
    conn.execute("INSERT INTO event_summary_stale (event_id) SELECT id FROM events")
    from types import SimpleNamespace

    from sucesos.read_model import refresh_summaries

    refresh_summaries(SimpleNamespace(conn=conn))  # the backfill
