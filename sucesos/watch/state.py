"""Each watched source's state in the database: validators, schedule, failures.

Back-off: after `n` consecutive failures the next poll waits
`min(max(interval, MIN_BACKOFF) * 2**n, MAX_BACKOFF)` (or longer when the
server sent Retry-After); the first success resets it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sucesos.watch.sources import Source

MIN_BACKOFF = 60.0
MAX_BACKOFF = 6 * 3600.0
ENTRY_ATTEMPTS = 3  # a feed entry whose page fails this many times is given up (and reported)


def iso(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class SourceState:
    url: str
    name: str | None
    kind: str | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    last_checked: str | None
    last_success: str | None
    last_status: str | None
    items_total: int
    failures: int
    last_error: str | None
    next_due: float | None

    def due(self, now: float) -> bool:
        return self.next_due is None or self.next_due <= now


def backoff_seconds(interval: float, failures: int, *, min_backoff: float = MIN_BACKOFF, retry_after: float | None = None) -> float:
    wait = min(max(interval, min_backoff) * 2 ** max(failures, 0), MAX_BACKOFF)
    return max(wait, retry_after or 0.0)


def _row_state(row) -> SourceState:
    return SourceState(**{name: row[name] for name in SourceState.__dataclass_fields__})


def ensure_sources(store, sources: list[Source]) -> None:
    """Register the file's sources (names and kinds refreshed; cursors kept)."""
    with store.transaction() as conn:
        for source in sources:
            conn.execute(
                "INSERT INTO watch_sources (url, name, kind) VALUES (?, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET name = excluded.name, kind = COALESCE(excluded.kind, watch_sources.kind)",
                (source.url, source.name, source.kind),
            )


def source_states(store, urls: list[str] | None = None) -> list[SourceState]:
    rows = store.conn.execute("SELECT * FROM watch_sources ORDER BY url").fetchall()
    states = [_row_state(row) for row in rows]
    if urls is not None:
        order = {url: i for i, url in enumerate(urls)}
        states = sorted((s for s in states if s.url in order), key=lambda s: order[s.url])
    return states


def source_state(store, url: str) -> SourceState | None:
    row = store.conn.execute("SELECT * FROM watch_sources WHERE url = ?", (url,)).fetchone()
    return _row_state(row) if row else None


def record_success(
    store,
    source: Source,
    now: float,
    *,
    status: str,
    new_items: int,
    kind: str | None = None,
    validators: tuple[str | None, str | None, str | None] | None = None,
) -> None:
    """A poll that worked. `validators` (etag, last_modified, body hash) only once every item is handled."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE watch_sources SET last_checked = ?, last_success = ?, last_status = ?, failures = 0, last_error = NULL,"
            " items_total = items_total + ?, next_due = ?, kind = COALESCE(?, kind) WHERE url = ?",
            (iso(now), iso(now), status, new_items, now + source.interval, kind, source.url),
        )
        if validators is not None:
            etag, last_modified, body_hash = validators
            conn.execute(
                "UPDATE watch_sources SET etag = ?, last_modified = ?, body_hash = ? WHERE url = ?",
                (etag, last_modified, body_hash, source.url),
            )


def record_failure(store, source: Source, now: float, error: str, *, min_backoff: float = MIN_BACKOFF, retry_after: float | None = None) -> float:
    """A failed poll: count it and push the next one back; returns the wait in seconds."""
    state = source_state(store, source.url)
    failures = (state.failures if state else 0) + 1
    wait = backoff_seconds(source.interval, failures, min_backoff=min_backoff, retry_after=retry_after)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE watch_sources SET last_checked = ?, last_status = 'failed', failures = ?, last_error = ?, next_due = ? WHERE url = ?",
            (iso(now), failures, error, now + wait, source.url),
        )
    return wait


# -- feed entries --------------------------------------------------------
def entry_done(store, link: str) -> bool:
    """Stored before, or given up after repeated failures."""
    row = store.conn.execute("SELECT status FROM watch_entries WHERE link = ?", (link,)).fetchone()
    return row is not None and row[0] in ("stored", "gave-up")


def record_entry(store, link: str, source_url: str, *, article_id: str | None = None, error: str | None = None) -> str:
    """Remember a handled entry (or one more failure of it); returns its status."""
    now = iso(dt.datetime.now(dt.timezone.utc).timestamp())
    with store.transaction() as conn:
        row = conn.execute("SELECT attempts FROM watch_entries WHERE link = ?", (link,)).fetchone()
        attempts = (row[0] if row else 0) + (1 if error else 0)
        status = "stored" if error is None else ("gave-up" if attempts >= ENTRY_ATTEMPTS else "failed")
        conn.execute(
            "INSERT INTO watch_entries (link, source_url, article_id, status, attempts, last_error, seen_at) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT(link) DO UPDATE SET article_id = excluded.article_id, status = excluded.status,"
            " attempts = excluded.attempts, last_error = excluded.last_error, seen_at = excluded.seen_at",
            (link, source_url, article_id, status, attempts, error, now),
        )
    return status


def failing_entries(store, source_url: str) -> list[tuple[str, str, int, str | None]]:
    rows = store.conn.execute(
        "SELECT link, status, attempts, last_error FROM watch_entries WHERE source_url = ? AND status IN ('failed', 'gave-up') ORDER BY link",
        (source_url,),
    )
    return [tuple(row) for row in rows]
