"""Schema for the web workspace: users, sessions, tokens, reviews, audit (versions 20-29; 23 is migrations.py's rename of the report and event tables).

Registered with `sucesos.store.migrations.migration`; imported by the store.
Reviews are keyed on a report's (article_id, idx), like the de-duplication
decisions: re-extraction replaces event rows and re-clustering renumbers
events, but an article and its report order stay, so a reviewed value
survives both. Reviewed values are stored apart and applied when read, so
nothing automatic can overwrite them.
"""

from __future__ import annotations

from sucesos.store.migrations import execute_script, migration


@migration(20, "users, sessions, API tokens, reviews and audit log")
def workspace(conn) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'analyst',   -- analyst | admin
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,            -- sha256 of the cookie value; the value itself is never stored
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE api_tokens (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_used_at TEXT,
            revoked INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE reviews (                      -- analyst's verdict on an event
            article_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected')),
            username TEXT NOT NULL,
            at TEXT NOT NULL,
            note TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE overrides (                    -- analyst-edited field values
            article_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            field TEXT NOT NULL,
            value TEXT,                             -- JSON
            username TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (article_id, idx, field)
        );
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            username TEXT NOT NULL,
            action TEXT NOT NULL,                   -- review | edit | merge | split | alias | login | token
            target TEXT,                            -- e.g. "report:ART:0", "actor:cjng"
            old_value TEXT,                         -- JSON
            new_value TEXT                          -- JSON
        );
        CREATE INDEX audit_log_target ON audit_log(target);
        """,
    )


@migration(21, "index for finding the events an analyst edited into a filter's value")
def overrides_value_index(conn) -> None:
    # A filtered list asks "which reports has an analyst edited to this
    # admin1 / type?" (store.event_filter_sql). Without this index SQLite
    # answered it by scanning every report and probing overrides: 35 ms of
    # the 60 ms of a state's event list on 100k reports.
    execute_script(conn, "CREATE INDEX IF NOT EXISTS overrides_field_value ON overrides(field, value);")


@migration(22, "failed sign-ins, counted by every server process alike")
def login_failures(conn) -> None:
    # Kept in the store, not in one process's memory: with `serve --workers N`
    # a guesser spread over N processes (and over a restart) meets one count.
    execute_script(
        conn,
        """
        CREATE TABLE login_failures (
            bucket TEXT NOT NULL,          -- JSON ["pair"|"address"|"account", address, username]
            at REAL NOT NULL               -- seconds since the epoch
        );
        CREATE INDEX login_failures_bucket ON login_failures(bucket, at);
        CREATE INDEX login_failures_at ON login_failures(at);
        """,
    )
