"""Analyst review of de-duplicated events: verdicts and edited values.

A review is recorded against every report (article_id, idx) of the event at
the time of the review, never against the event's number: re-extraction
replaces event rows and re-clustering may renumber events, but a report of
an article keeps its place, so reviewed values survive both. They are stored
apart from what the pipeline wrote and applied when events are read, so no
automatic step can overwrite them. Every change is written to the audit log
in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from sucesos.errors import ConfigError
from sucesos.taxonomy import EVENT_TYPES, INTER_LABELS, MODALITIES, SUB_EVENT_TYPES
from sucesos.store.audit import audit

TEXT_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "iso3", "admin1", "admin2", "location")
EDITABLE = (
    "event_type", "sub_event_type", *TEXT_FIELDS, "inter1", "inter2", "latitude", "longitude", "geo_precision",
    "event_date", "time_precision", "fatalities", "injuries", "tactics", "modality",
)  # fmt: skip
VERDICTS = ("confirmed", "rejected")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def taxonomy() -> dict[str, str]:
    """ACLED sub-event type -> its event type (see `sucesos.taxonomy`)."""
    return dict(SUB_EVENT_TYPES)


def clean_value(field: str, raw):
    """The typed value of an analyst's edit, or ConfigError saying what is allowed."""
    if field not in EDITABLE:
        raise ConfigError(f"field {field!r} cannot be edited; editable: {', '.join(EDITABLE)}")
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    if field == "tactics":
        items = raw if isinstance(raw, list) else [part.strip() for part in str(raw).split(",")]
        return sorted({str(item).strip() for item in items if str(item).strip()})
    text = str(raw).strip()
    if field == "event_type":
        if text not in EVENT_TYPES:
            raise ConfigError(f"unknown event type {text!r}")
        return text
    if field == "sub_event_type":
        if text not in SUB_EVENT_TYPES:
            raise ConfigError(f"unknown sub-event type {text!r}")
        return text
    if field in ("inter1", "inter2"):
        if text not in INTER_LABELS:
            raise ConfigError(f"{field} must be one of: {', '.join(INTER_LABELS)}")
        return text
    if field == "modality":
        if text not in MODALITIES:
            raise ConfigError(f"modality must be one of: {', '.join(MODALITIES)}")
        return text
    if field == "event_date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ConfigError("event_date must be YYYY-MM-DD")
        dt.date.fromisoformat(text)
        return text
    if field in ("fatalities", "injuries", "geo_precision", "time_precision"):
        if not re.fullmatch(r"\d{1,7}", text):
            raise ConfigError(f"{field} must be a whole number")
        value = int(text)
        if field.endswith("precision") and value not in (1, 2, 3):
            raise ConfigError(f"{field} must be 1, 2 or 3")
        return value
    if field in ("latitude", "longitude"):
        try:
            value = float(text)
        except ValueError as exc:
            raise ConfigError(f"{field} must be a number") from exc
        limit = 90 if field == "latitude" else 180
        if not -limit <= value <= limit:
            raise ConfigError(f"{field} must be between -{limit} and {limit}")
        return value
    if len(text) > 300:
        raise ConfigError(f"{field} is limited to 300 characters")
    return text


def _report_keys(event: dict) -> list[tuple[str, int]]:
    return [(report["article_id"], report["idx"]) for report in event.get("reports", [])]


def set_verdict(store, event: dict, verdict: str, username: str, *, note: str | None = None) -> None:
    if verdict not in VERDICTS:
        raise ConfigError(f"verdict must be one of: {', '.join(VERDICTS)}")
    keys = _report_keys(event)
    with store.transaction() as conn:
        old = event.get("review")
        for article_id, idx in keys:
            conn.execute(
                "INSERT OR REPLACE INTO reviews (article_id, idx, status, username, at, note) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, idx, verdict, username, _now(), note),
            )
        audit(conn, username, "review", f"event:{event['id']}", old, {"status": verdict, "note": note, "reports": keys})


def set_values(conn, keys: list[tuple[str, int]], values: dict, username: str) -> None:
    """Analyst values for these report keys, inside the caller's transaction (the caller audits)."""
    at = _now()
    conn.executemany(
        "INSERT OR REPLACE INTO overrides (article_id, idx, field, value, username, at) VALUES (?, ?, ?, ?, ?, ?)",
        [(article_id, idx, field, json.dumps(value, ensure_ascii=False), username, at) for article_id, idx in keys for field, value in values.items()],
    )


def edit_field(store, event: dict, field: str, raw, username: str):
    """Set an analyst value for `field` on every report of `event`; returns the clean value."""
    value = clean_value(field, raw)
    keys = _report_keys(event)
    with store.transaction() as conn:
        for article_id, idx in keys:
            conn.execute(
                "INSERT OR REPLACE INTO overrides (article_id, idx, field, value, username, at) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, idx, field, json.dumps(value, ensure_ascii=False), username, _now()),
            )
        audit(conn, username, "edit", f"event:{event['id']}", {field: event.get(field)}, {field: value})
    return value


def latest_verdict(verdicts: list[dict]) -> dict | None:
    """The verdict that holds for an event whose reports carry these ({status, username, at, note}).

    The latest wins; at the same second a rejection wins (the cautious reading).
    """
    if not verdicts:
        return None
    found = max(verdicts, key=lambda v: (v["at"], v["status"] == "rejected"))
    return {k: found[k] for k in ("status", "username", "at", "note")}


def apply_reviews(store, events: list[dict]) -> list[dict]:
    """Events with analyst values applied (latest edit wins) and a `review` entry.

    Each event gets `reviewed_fields` (the fields an analyst set) and
    `review` ({status, username, at, note} or None). Returns new dicts.
    """
    keys = {key for event in events for key in _report_keys(event)}
    if not keys:
        return [{**event, "review": None, "reviewed_fields": []} for event in events]
    from sucesos.store.reads import review_rows

    overrides, verdicts = review_rows(store.conn, sorted(keys))
    reviewed = []
    for event in events:
        event = dict(event)
        edits = sorted((o for key in _report_keys(event) for o in overrides.get(key, [])), key=lambda o: o["at"])
        fields = []
        for edit in edits:
            event[edit["field"]] = json.loads(edit["value"])
            if edit["field"] not in fields:
                fields.append(edit["field"])
        event["review"] = latest_verdict([verdicts[key] for key in _report_keys(event) if key in verdicts])
        event["reviewed_fields"] = fields
        reviewed.append(event)
    return reviewed


def add_actor_alias(store, actor_id: str, alias: str, username: str) -> bool:
    """Another name an actor goes by (filters then find it under that name); False when there is no such actor."""
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM actors WHERE id = ?", (actor_id,)).fetchone() is None:
            return False
        conn.execute("INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)", (actor_id, alias))
        audit(conn, username, "alias", f"actor:{actor_id}", None, {"alias": alias})
    return True
