"""Analyst decisions: merge events the matcher missed, split reports it merged wrongly.

Each decision moves the links now and is written down as constraints on
report keys (article id, index in the article), so it holds through
re-clustering and re-extraction: merged reports stay together (must-link),
split reports stay apart from the event they left (cannot-link). A later
decision about the same pair replaces the earlier one. The decisions table
keeps what was moved; every decision also writes its audit-log entry (who,
when, what) in the same transaction, whoever calls it (CLI, web, a script).

A merge keeps the target event's number and its coding (the values the
analysts saw on it, edits included), unless the analyst asks for the
coding to be recomputed from all the reports.
"""

from __future__ import annotations

import datetime as dt
import json

from sucesos.errors import ConfigError
from sucesos.store.audit import audit


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _pair(a: tuple, b: tuple) -> tuple:
    first, second = sorted((a, b))
    return (*first, *second)


def _set_constraint(conn, a: tuple, b: tuple, kind: str, decision_id: int) -> None:
    if a == b:
        return
    conn.execute(
        "INSERT OR REPLACE INTO link_constraints (a_article, a_idx, b_article, b_idx, kind, decision_id) VALUES (?, ?, ?, ?, ?, ?)",
        (*_pair(a, b), kind, decision_id),
    )


def _reports_of_event(conn, event_id: int) -> list[tuple[int, tuple]]:
    rows = conn.execute(
        "SELECT e.id, e.article_id, e.idx FROM report_links l JOIN reports e ON e.id = l.report_id"
        " JOIN articles a ON a.id = e.article_id WHERE l.event_id = ? ORDER BY a.ingested_at, e.article_id, e.idx",
        (event_id,),
    ).fetchall()
    return [(row[0], (row[1], row[2])) for row in rows]


def _record(conn, kind: str, detail: dict, note: str | None) -> int:
    return conn.execute(
        "INSERT INTO link_decisions (kind, detail, note, created_at) VALUES (?, ?, ?, ?)",
        (kind, json.dumps(detail, ensure_ascii=False), note, _now()),
    ).lastrowid


def merge_events(
    store, event_ids: list[int], *, into: int | None = None, note: str | None = None, username: str = "unknown", recompute_coding: bool = False
) -> int:
    """Make these events one, kept under `into` (default: the lowest id); returns the kept id.

    The kept event keeps its coding: every field where the merged event
    would read differently is set, as an analyst value, to what the kept
    event showed. `recompute_coding` lets the reports decide instead.
    """
    event_ids = sorted(set(event_ids) | ({into} if into is not None else set()))
    if len(event_ids) < 2:
        raise ConfigError("merge needs at least two different event ids")
    from sucesos.read_model import get_event

    with store.transaction() as conn:
        kept = into if into is not None else event_ids[0]
        coding = None if recompute_coding else get_event(store, kept)
        members: dict[int, list[tuple[int, tuple]]] = {}
        for event_id in event_ids:
            members[event_id] = _reports_of_event(conn, event_id)
            if not members[event_id]:
                raise ConfigError(f"event {event_id} does not exist; `sucesos cluster show` lists events and their reports")
        others = [event_id for event_id in event_ids if event_id != kept]
        marks = ",".join("?" * len(others))
        conn.execute(f"UPDATE report_links SET event_id = ?, method = 'manual' WHERE event_id IN ({marks})", (kept, *others))  # noqa: S608
        conn.execute("UPDATE report_links SET method = 'manual' WHERE event_id = ?", (kept,))
        everyone = [key for event_id in event_ids for _, key in members[event_id]]
        decision = _record(conn, "merge", {"into": kept, "events": event_ids, "reports": [list(k) for k in everyone]}, note)
        anchor = everyone[0]
        for key in everyone[1:]:
            _set_constraint(conn, anchor, key, "must", decision)
        # Earlier splits among these reports no longer hold.
        for i, a in enumerate(everyone):
            for b in everyone[i + 1 :]:
                conn.execute(
                    "DELETE FROM link_constraints WHERE a_article = ? AND a_idx = ? AND b_article = ? AND b_idx = ? AND kind = 'cannot'",
                    _pair(a, b),
                )
        kept_values = _keep_coding(store, conn, kept, coding, everyone, username) if coding is not None else {}
        audit(
            conn, username, "merge", f"event:{kept}", {"events": event_ids},
            {"event": kept, "decision": decision, "note": note, "coding": "recomputed" if recompute_coding else "kept", "kept_values": kept_values},
        )  # fmt: skip
    return kept


def _keep_coding(store, conn, kept: int, coding: dict, keys: list[tuple], username: str) -> dict:
    """Pin the kept event's values where the merged event would read otherwise; returns them."""
    from sucesos.read_model import get_event
    from sucesos.review import EDITABLE, set_values

    merged = get_event(store, kept) or {}
    pinned = {field: coding.get(field) for field in EDITABLE if merged.get(field) != coding.get(field)}
    if pinned:
        set_values(conn, keys, pinned, username)
    return pinned


def split_reports(store, report_ids: list[int], *, note: str | None = None, username: str = "unknown") -> int:
    """Move these reports (all from one event) into a new event of their own; returns its id."""
    report_ids = sorted(set(report_ids))
    if not report_ids:
        raise ConfigError("split needs at least one report id")
    with store.transaction() as conn:
        found = {}
        for report_id in report_ids:
            row = conn.execute("SELECT event_id FROM report_links WHERE report_id = ?", (report_id,)).fetchone()
            if row is None:
                raise ConfigError(f"report {report_id} does not exist or is not linked yet; `sucesos cluster` links stored reports")
            found[report_id] = row[0]
        events = set(found.values())
        if len(events) > 1:
            raise ConfigError(f"reports {', '.join(map(str, report_ids))} belong to different events ({', '.join(map(str, sorted(events)))}); split one event at a time")
        (old_event,) = events
        members = _reports_of_event(conn, old_event)
        leaving = [key for report_id, key in members if report_id in found]
        staying = [key for report_id, key in members if report_id not in found]
        if not staying:
            raise ConfigError(f"reports {', '.join(map(str, report_ids))} are all of event {old_event}: nothing to split from")
        merged_before = _must_groups(conn, staying)
        new_event = conn.execute("INSERT INTO events (created_at) VALUES (?)", (_now(),)).lastrowid
        marks = ",".join("?" * len(report_ids))
        conn.execute(f"UPDATE report_links SET event_id = ?, method = 'manual' WHERE report_id IN ({marks})", (new_event, *report_ids))  # noqa: S608
        decision = _record(
            conn, "split", {"from": old_event, "into": new_event, "reports": [list(k) for k in leaving], "remaining": [list(k) for k in staying]}, note
        )
        for a in leaving:
            for b in staying:
                _set_constraint(conn, a, b, "cannot", decision)
        for key in leaving[1:]:
            _set_constraint(conn, leaving[0], key, "must", decision)
        # Reports merged by an earlier decision stay merged, even when the
        # report that anchored that decision is the one leaving.
        for keys in merged_before:
            for key in keys[1:]:
                _set_constraint(conn, keys[0], key, "must", decision)
        audit(
            conn, username, "split", f"event:{old_event}", {"reports": sorted(rid for rid, _ in members)},
            {"split_off": report_ids, "new_event": new_event, "decision": decision, "note": note},
        )  # fmt: skip
    return new_event


def _must_groups(conn, keys: list[tuple]) -> list[list[tuple]]:
    """Groups (of two or more) among `keys` that analysts merged."""
    from sucesos.link.cluster import Constraints

    rows = conn.execute("SELECT * FROM link_constraints WHERE kind = 'must'").fetchall()
    constraints = Constraints(rows)
    groups: dict[tuple, list[tuple]] = {}
    for key in keys:
        group = constraints.group(key)
        if group is not None:
            groups.setdefault(group, []).append(key)
    return [members for members in groups.values() if len(members) > 1]
