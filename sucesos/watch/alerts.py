"""Turning stored reports into alerts: each matching event once, each update once.

The queue is `watch_changes`, filled by a database trigger in the same
transaction that stores a report. `process_changes` links the queued
reports into events, checks every saved search, and in ONE transaction
writes the alerts, their deliveries (an outbox, see outputs.py), what each
search has now seen of each event (`alert_state`), and removes the queue
rows it handled. A crash before that commit leaves the queue as it was (the
work is redone, nothing was sent); after it, nothing is redone.

An event alerts as `new` the first time it matches a search; later it
alerts as `update` only when a source was added (another article linked to
it) or a known source changed its text, and says which. A re-extraction
that changes nothing the analyst would see raises nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sucesos.watch.events_view import EventView, event_url, link_articles, source_key, views_for_reports
from sucesos.watch.searches import SavedSearch, list_searches, matches

BATCH = 2000  # queued reports handled per transaction
EVENT_FIELDS = (
    "event_type", "sub_event_type", "event_date", "location", "admin1", "admin2", "country", "iso3",
    "latitude", "longitude", "fatalities", "injuries", "modality", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
)  # fmt: skip


@dataclass(frozen=True)
class Alert:
    id: int
    search_id: int
    search_name: str
    kind: str  # new | update
    event_key: str
    payload: dict


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def summary(view: EventView, kind: str, new_sources: list[dict], changed_sources: list[dict]) -> str:
    main = view.headline
    what = main.get("sub_event_type") or main.get("event_type") or "event"
    where = ", ".join(p for p in (main.get("location"), main.get("admin1"), main.get("country")) if p) or "place unknown"
    when = main.get("event_date") or "date unknown"
    text = f"{what} in {where} ({when})"
    if main.get("fatalities"):
        text += f", {main['fatalities']} killed"
    count = view.independent_sources
    sources = f"{count} independent source{'s' if count != 1 else ''}"
    if kind == "new":
        return f"{text}; {sources}"
    changes = []
    if new_sources:
        outlets = ", ".join(sorted({s.get("outlet") or source_key(s).split(":", 1)[1] for s in new_sources}))
        changes.append(f"{len(new_sources)} new source{'s' if len(new_sources) != 1 else ''} ({outlets})")
    if changed_sources:
        changes.append(f"{len(changed_sources)} source{'s' if len(changed_sources) != 1 else ''} updated")
    return f"update: {' and '.join(changes)}; now {sources}. {text}"


def build_payload(alert_id: int, search: SavedSearch, view: EventView, kind: str, *, base_url: str, created_at: str,
                  new_sources: list[dict], changed_sources: list[dict]) -> dict:  # fmt: skip
    main = view.headline
    tactics = sorted({tag for report in view.reports for tag in report.get("tactics") or ()})
    return {
        "alert_id": alert_id,
        "kind": kind,
        "created_at": created_at,
        "search": {"id": search.id, "name": search.name, "filters": search.filters.to_dict()},
        "event_id": view.event_id,
        "event_key": view.key,
        "event_url": event_url(base_url, view),
        "event": {**{name: main.get(name) for name in EVENT_FIELDS}, "tactics": tactics},
        "sentence": view.main.get("sentence_text"),
        "reports": len(view.reports),
        "independent_sources": view.independent_sources,
        "sources": [{k: v for k, v in s.items() if k != "content_hash"} for s in view.sources.values()],
        "new_sources": [s["article_id"] for s in new_sources],
        "updated_sources": [s["article_id"] for s in changed_sources],
        "summary": summary(view, kind, new_sources, changed_sources),
    }


def pending_changes(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM watch_changes").fetchone()[0]


def process_changes(store, *, base_url: str, outputs: tuple[str, ...] = (), vectors=None) -> list[Alert]:
    """Alerts for every queued report (all batches); see the module docstring."""
    alerts: list[Alert] = []
    while True:
        batch = _process_batch(store, base_url=base_url, outputs=outputs, vectors=vectors)
        if batch is None:
            return alerts
        alerts.extend(batch)


def _process_batch(store, *, base_url: str, outputs: tuple[str, ...], vectors) -> list[Alert] | None:
    rows = store.conn.execute("SELECT seq, report_id, article_id FROM watch_changes ORDER BY seq LIMIT ?", (BATCH,)).fetchall()
    if not rows:
        return None
    last_seq = rows[-1]["seq"]
    article_ids = list(dict.fromkeys(row["article_id"] for row in rows))
    link_articles(store, article_ids, vectors=vectors)
    searches = list_searches(store)
    views = views_for_reports(store, [row["report_id"] for row in rows]) if searches else []
    created = _now()
    created_at, day = created.isoformat(), created.date().isoformat()
    alerts: list[Alert] = []
    with store.transaction() as conn:
        # Another watcher on this database may have handled these rows while we
        # looked (BEGIN IMMEDIATE waited for it): then they are gone; start over.
        still_queued = conn.execute("SELECT COUNT(*) FROM watch_changes WHERE seq BETWEEN ? AND ?", (rows[0]["seq"], last_seq)).fetchone()[0]
        if still_queued != len(rows):
            return []
        for view in views:
            sources = {article_id: s["content_hash"] for article_id, s in view.sources.items()}
            for search in searches:
                if not matches(search.filters, view):
                    continue
                state = conn.execute(
                    "SELECT sources, alerts FROM alert_state WHERE search_id = ? AND event_key = ?", (search.id, view.key)
                ).fetchone()
                known = _known_sources(conn, search.id, view, state)
                if not known:
                    kind, new_sources, changed_sources = "new", [], []
                else:
                    new_sources = [view.sources[a] for a in sources if a not in known]
                    changed_sources = [view.sources[a] for a in sources if a in known and known[a] != sources[a]]
                    if not new_sources and not changed_sources:
                        _remember(conn, search.id, view, state, sources, created_at, alerted=False)
                        continue
                    kind = "update"
                alert_id = conn.execute(
                    "INSERT INTO alerts (search_id, event_key, kind, created_at, day, payload) VALUES (?, ?, ?, ?, ?, '{}')",
                    (search.id, view.key, kind, created_at, day),
                ).lastrowid
                payload = build_payload(
                    alert_id, search, view, kind, base_url=base_url, created_at=created_at,
                    new_sources=new_sources, changed_sources=changed_sources,
                )  # fmt: skip
                conn.execute("UPDATE alerts SET payload = ? WHERE id = ?", (json.dumps(payload, ensure_ascii=False), alert_id))
                conn.executemany(
                    "INSERT INTO alert_deliveries (alert_id, output, status) VALUES (?, ?, 'pending')", [(alert_id, output) for output in outputs]
                )
                _remember(conn, search.id, view, state, sources, created_at, alerted=True)
                alerts.append(Alert(alert_id, search.id, search.name, kind, view.key, payload))
        conn.execute("DELETE FROM watch_changes WHERE seq <= ?", (last_seq,))
    return alerts


def _known_sources(conn, search_id: int, view: EventView, state) -> dict[str, str]:
    """Article id -> content hash of what this search already alerted on about this event.

    Also found through the event's reports (article id, idx), so an event whose
    reports were re-extracted and re-linked under a new id is not "new" again.
    """
    known = json.loads(state["sources"]) if state else {}
    for report in view.reports:
        row = conn.execute(
            "SELECT content_hash FROM alert_reports WHERE search_id = ? AND article_id = ? AND idx = ?",
            (search_id, report["article_id"], report["idx"]),
        ).fetchone()
        if row is not None:
            known.setdefault(report["article_id"], row[0])
    return known


def _remember(conn, search_id: int, view: EventView, state, sources: dict[str, str], at: str, *, alerted: bool) -> None:
    merged = {**(json.loads(state["sources"]) if state else {}), **sources}
    conn.execute(
        "INSERT INTO alert_state (search_id, event_key, sources, alerts, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(search_id, event_key) DO UPDATE SET sources = excluded.sources, alerts = alert_state.alerts + ?,"
        " last_at = CASE WHEN ? = 1 THEN excluded.last_at ELSE alert_state.last_at END",  # qualified: PostgreSQL finds bare names ambiguous
        (search_id, view.key, json.dumps(merged), int(alerted), at, at, int(alerted), int(alerted)),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO alert_reports (search_id, article_id, idx, content_hash) VALUES (?, ?, ?, ?)",
        [(search_id, report["article_id"], report["idx"], report["article_hash"]) for report in view.reports],
    )


def alert_counts(store) -> dict[int, int]:
    """Saved search id -> how many alerts it raised."""
    return dict(store.conn.execute("SELECT search_id, COUNT(*) FROM alerts GROUP BY search_id").fetchall())


def recent_alerts(store, *, search_id: int | None = None, limit: int = 50) -> list[dict]:
    """The latest alerts' payloads, newest first (for the status view and the web UI)."""
    sql, params = "SELECT payload FROM alerts", []
    if search_id is not None:
        sql += " WHERE search_id = ?"
        params.append(search_id)
    sql += " ORDER BY id DESC LIMIT ?"
    params.append(limit)
    return [json.loads(row[0]) for row in store.conn.execute(sql, params)]
