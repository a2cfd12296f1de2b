"""The audit log: who changed what, when, with the old and the new value."""

from __future__ import annotations

import datetime as dt
import json


def audit(conn, username: str, action: str, target: str | None, old_value, new_value) -> None:
    """One audit-log row, inside the caller's transaction (so the change and its record land together)."""
    conn.execute(
        "INSERT INTO audit_log (at, username, action, target, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)",
        (
            dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
            username,
            action,
            target,
            None if old_value is None else json.dumps(old_value, ensure_ascii=False),
            None if new_value is None else json.dumps(new_value, ensure_ascii=False),
        ),
    )


def audit_entries(store, *, target: str | None = None, limit: int = 100) -> list[dict]:
    sql = "SELECT id, at, username, action, target, old_value, new_value FROM audit_log"
    params: list = []
    if target:
        sql += " WHERE target = ?"
        params.append(target)
    sql += " ORDER BY id DESC LIMIT ?"
    params.append(limit)
    rows = []
    for row in store.conn.execute(sql, params):
        entry = dict(row)
        for key in ("old_value", "new_value"):
            entry[key] = json.loads(entry[key]) if entry[key] else None
        rows.append(entry)
    return rows
