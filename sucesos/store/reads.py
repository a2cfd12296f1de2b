"""The SQL behind the read model (`sucesos.read_model`): analysts' decisions, map and timeline rows.

Names: a *report* is one article's account of an event (a row of
`reports`); an *event* is a de-duplicated happening, a group of reports (a
row of `events`, its reports linked through `report_links.event_id`).
Migration 23 gave the tables these names; before it `events` held reports
and `clusters` held events.

Reviews and edits are stored per report key (article id, index in the
article) and reach an event through its reports' links.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from sucesos.store.store import event_filter_sql

CHUNK = 400  # report keys per statement (two parameters each)

# The analysts' rows (hundreds or thousands) drive the join: `|| ''` and
# `+ 0` keep SQLite from scanning every report to look reviews up by index
# instead (the plan it picked with ANALYZE run on an empty reviews table:
# 29 ms per event list on 100,000 reports, 0.04 ms this way; PostgreSQL
# reads them the same).
_EVENT_OF_REVIEW = (
    " JOIN reports e ON e.article_id = r.article_id || '' AND e.idx = r.idx + 0 JOIN report_links l ON l.report_id = e.id"
)


def review_rows(conn, keys: list[tuple[str, int]]) -> tuple[dict[tuple, list[dict]], dict[tuple, dict]]:
    """Analyst edits and verdicts of these report keys: ({key: [override, ...]}, {key: verdict})."""
    overrides: dict[tuple, list[dict]] = {}
    verdicts: dict[tuple, dict] = {}
    wanted = set(keys)
    article_ids = sorted({article_id for article_id, _idx in wanted})
    for start in range(0, len(article_ids), CHUNK):
        # by article (the primary keys' first column, one index range each), the report's idx checked here:
        # a 500-term OR of (article_id, idx) pairs cost more to plan than to run
        chunk = article_ids[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT article_id, idx, field, value, username, at FROM overrides WHERE article_id IN ({marks})", chunk):  # noqa: S608
            if (row["article_id"], row["idx"]) in wanted:
                overrides.setdefault((row["article_id"], row["idx"]), []).append(dict(row))
        for row in conn.execute(f"SELECT article_id, idx, status, username, at, note FROM reviews WHERE article_id IN ({marks})", chunk):  # noqa: S608
            if (row["article_id"], row["idx"]) in wanted:
                verdicts[(row["article_id"], row["idx"])] = dict(row)
    return overrides, verdicts


def event_verdict_rows(conn) -> list[dict]:
    """Every verdict with the event its report now belongs to: {event_id, status, at, ...}.

    Analysts review hundreds or thousands of events, not millions: this is
    read whole, so that rejected events can be left out before any event
    record is built.
    """
    rows = conn.execute(
        "SELECT l.event_id AS event_id, r.article_id, r.idx, r.status, r.username, r.at, r.note FROM reviews r" + _EVENT_OF_REVIEW
    ).fetchall()
    return [dict(row) for row in rows]


def event_override_rows(conn, event_ids: list[int] | None = None) -> list[dict]:
    """Analyst edits with the event their report now belongs to: {event_id, field, value (decoded), at}."""
    sql = "SELECT l.event_id AS event_id, r.field, r.value, r.at FROM overrides r" + _EVENT_OF_REVIEW
    if event_ids is None:
        rows = conn.execute(sql).fetchall()
    else:
        rows = []
        for start in range(0, len(event_ids), CHUNK):
            chunk = event_ids[start : start + CHUNK]
            rows.extend(conn.execute(sql + f" WHERE l.event_id IN ({','.join('?' * len(chunk))})", chunk).fetchall())  # noqa: S608
    return [{**dict(row), "value": json.loads(row["value"]) if row["value"] is not None else None} for row in rows]


def merge_decision_rows(conn) -> list[dict]:
    """Analysts' merges, oldest first: {id, into, events}."""
    rows = conn.execute("SELECT id, detail FROM link_decisions WHERE kind = 'merge' ORDER BY id").fetchall()
    found = []
    for row in rows:
        detail = json.loads(row["detail"])
        found.append({"id": row["id"], "into": detail.get("into"), "events": detail.get("events") or []})
    return found


def event_exists(conn, event_id: int) -> bool:
    return conn.execute("SELECT 1 FROM report_links WHERE event_id = ? LIMIT 1", (event_id,)).fetchone() is not None


def count_events(conn) -> int:
    return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]


def map_rows(conn, fields: tuple[str, ...], filters: dict, limit: int) -> Iterator[dict]:
    """Report rows with coordinates matching the filters, with their event id (at most `limit`), streamed: stop reading when you have enough."""
    where, params = event_filter_sql(filters)
    sql = (
        "SELECT l.event_id AS id, e.latitude, e.longitude, " + ", ".join(f"e.{f}" for f in fields)
        + " FROM reports e JOIN report_links l ON l.report_id = e.id"
        " WHERE e.latitude IS NOT NULL AND e.longitude IS NOT NULL"
        + (f" AND {where}" if where else "")
        + " LIMIT ?"
    )  # fmt: skip
    for row in conn.execute(sql, [*params, limit]):
        yield dict(row)


def timeline_rows(conn, filters: dict) -> list[dict]:
    """Per event matching the filters: its earliest month and day, best time precision and (one of) its reports' event type."""
    where, params = event_filter_sql(filters)
    sql = (
        "SELECT l.event_id AS id, substr(MIN(e.event_date), 1, 7) AS month, substr(MIN(e.event_date), 1, 10) AS day, MIN(e.time_precision) AS precision, MIN(e.event_type) AS event_type"
        " FROM reports e JOIN report_links l ON l.report_id = e.id"
        + (f" WHERE {where}" if where else "")
        + " GROUP BY l.event_id HAVING MIN(e.event_date) IS NOT NULL"
    )
    return [dict(row) for row in conn.execute(sql, params)]


def admin1_rows(conn, filters: dict) -> list[dict]:
    """Per event matching the filters: (one of) its reports' country and admin1, dated or not."""
    where, params = event_filter_sql(filters)
    sql = (
        "SELECT l.event_id AS id, MIN(e.country) AS country, MIN(e.admin1) AS admin1"
        " FROM reports e JOIN report_links l ON l.report_id = e.id"
        + (f" WHERE {where}" if where else "")
        + " GROUP BY l.event_id"
    )
    return [dict(row) for row in conn.execute(sql, params)]


def rejected_report_count(conn) -> int:
    return conn.execute("SELECT COUNT(*) FROM reviews WHERE status = 'rejected'").fetchone()[0]


def largest_event_ids(conn, limit: int) -> list[int]:
    """Events with the most reports first."""
    rows = conn.execute("SELECT event_id FROM report_links GROUP BY event_id ORDER BY COUNT(*) DESC, event_id LIMIT ?", (limit,))
    return [row[0] for row in rows]


def count_linked_reports(conn) -> int:
    return conn.execute("SELECT COUNT(*) FROM report_links").fetchone()[0]


def change_marker(conn) -> tuple:
    return tuple(
        conn.execute(
            "SELECT (SELECT MAX(id) FROM reports), (SELECT MAX(id) FROM events), (SELECT COUNT(*) FROM link_decisions), (SELECT MAX(id) FROM audit_log)"
        ).fetchone()
    )


def data_version(conn) -> int:
    """SQLite's count of commits by other connections (changes whenever another writer commits)."""
    return conn.execute("PRAGMA data_version").fetchone()[0]


def end_open_transaction(conn) -> None:
    """Roll back a read transaction a request left open, so the connection can be reused."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def actor_name_rows(conn) -> list[tuple]:
    """Canonical names of the actors the store knows (a small table)."""
    return conn.execute("SELECT name FROM actors WHERE name IS NOT NULL").fetchall()


def stored_values(conn, columns: tuple[str, ...]) -> list[str]:
    """The distinct values these report columns hold (for filters that forgive and the filter form)."""
    values: set[str] = set()
    for column in columns:
        rows = conn.execute(f"SELECT DISTINCT {column} FROM reports WHERE {column} IS NOT NULL").fetchall()  # noqa: S608 - fixed column names
        values.update(row[0] for row in rows)
    return sorted(values)


def stored_exactly(conn, columns: tuple[str, ...], value: str) -> bool:
    """Whether some report holds `value` in one of these columns."""
    return any(conn.execute(f"SELECT 1 FROM reports WHERE {column} = ? LIMIT 1", (value,)).fetchone() for column in columns)  # noqa: S608 - fixed column names


def summary_rows(conn, event_ids: list[int]) -> dict[int, tuple]:
    """Stored summaries of these events: {event id: (record JSON, independent sources, review status, reviewed fields JSON)}.

    An event that has none (not built yet, or changed by a write that did not
    rebuild it) is absent: the caller builds it."""
    found: dict[int, tuple] = {}
    for start in range(0, len(event_ids), CHUNK):
        chunk = event_ids[start : start + CHUNK]
        sql = f"SELECT event_id, record, independent_sources, review_status, reviewed_fields FROM event_summaries WHERE event_id IN ({','.join('?' * len(chunk))})"  # noqa: S608
        for row in conn.execute(sql, chunk):
            found[row[0]] = tuple(row[1:])
    return found


def stale_summary_ids(conn) -> list[int]:
    """Events whose summaries a write dropped (noted by the triggers of migration 24)."""
    return [row[0] for row in conn.execute("SELECT DISTINCT event_id FROM event_summary_stale ORDER BY event_id")]


def replace_summaries(conn, event_ids: list[int], rows: list[tuple]) -> None:
    """These events' summaries become `rows` ((event id, record, independent sources, review status, reviewed fields));
    an event of `event_ids` without a row (merged away, emptied) has none. Inside the caller's transaction."""
    for start in range(0, len(event_ids), CHUNK):
        chunk = event_ids[start : start + CHUNK]
        conn.execute(f"DELETE FROM event_summaries WHERE event_id IN ({','.join('?' * len(chunk))})", chunk)  # noqa: S608
    if rows:
        conn.executemany("INSERT INTO event_summaries (event_id, record, independent_sources, review_status, reviewed_fields) VALUES (?, ?, ?, ?, ?)", rows)


def clear_stale_summaries(conn) -> None:
    conn.execute("DELETE FROM event_summary_stale")
