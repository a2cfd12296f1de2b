"""The one read model: de-duplicated events as the analysts left them.

Every reader (the CLI's `events`, `export` and `cluster show`, the web
pages, their JSON twins and the web exports, the map and the timeline, the
watcher's alerts) asks here, so an analyst's decision is the truth
everywhere an event is read:

- an *event* is a de-duplicated happening (a cluster of *reports*, see
  `sucesos.link`); its values are the reports' headline values with every
  analyst edit applied (`reviewed_fields` says which), and `review` carries
  the verdict;
- events an analyst rejected are left out unless asked for
  (`include_rejected=True`, or `reviewed="rejected"` / `"yes"`);
- an exact filter on a field an analyst edited is checked against the
  analyst's value: an event retyped from Battles to Protests no longer lists
  under Battles, and lists under Protests (the SQL finds reports edited to
  the value asked for beside those stored with it);
- an event merged into another is gone; `merged_into` says where it went.

The SQL lives in `sucesos.store.reads` and `sucesos.link.corroboration`;
this module composes.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from collections.abc import Iterator

from sucesos.filters import resolve_filters
from sucesos.link.corroboration import deduplicated_events, event_ids
from sucesos.review import apply_reviews, latest_verdict
from sucesos.store import reads
from sucesos.store.store import EDITED_EXACT_FILTERS

FILTER_PARAMS = ("event_type", "sub_event_type", "admin1", "admin2", "country", "actor", "tactic", "modality", "since", "until", "bbox")
# Filters on what only a whole event knows (its sources, its review), applied after the SQL ones.
EVENT_LEVEL_PARAMS = ("min_sources", "reviewed")
REVIEWED_CHOICES = ("yes", "no", "confirmed", "rejected", "all")
# Filters that name one value exactly: an analyst's value for the field decides
# (the SQL finds reports edited to the value too; `_agrees` drops those edited away).
EXACT_FILTERS = EDITED_EXACT_FILTERS
# What each filter takes, for the API's documentation (OpenAPI) and its readers.
FILTER_DOCS: dict[str, tuple[str, str, str]] = {
    "event_type": ("string", "ACLED event type; case and accents do not matter", "Battles"),
    "sub_event_type": ("string", "ACLED sub-event type", "Armed clash"),
    "admin1": ("string", "First-level region (state): its name, a short or accent-free form or an abbreviation", "Michoacán"),
    "admin2": ("string", "Second-level region (municipality)", "Uruapan"),
    "country": ("string", "Country name", "Mexico"),
    "actor": ("string", "An actor on either side: canonical name, alias or acronym", "CJNG"),
    "tactic": ("string", "A tactic tag", "armed drone"),
    "modality": ("string", "How the report states it: asserted, hedged, ...", "asserted"),
    "since": ("string", "Events on or after this date (YYYY-MM-DD)", "2024-01-01"),
    "until": ("string", "Events on or before this date (YYYY-MM-DD)", "2024-12-31"),
    "bbox": ("string", "Map box: min_lon,min_lat,max_lon,max_lat", "-104,17.5,-100,20.5"),
    "min_sources": ("integer", "Events reported by at least this many independent sources", "2"),
    "reviewed": ("string", "Analyst verdicts to include: " + ", ".join(REVIEWED_CHOICES) + " (default: rejected events left out)", "yes"),
}
MAP_FIELDS = ("event_type", "sub_event_type", "event_date", "time_precision", "location", "admin1", "country", "geo_precision", "fatalities", "modality")


def _clean(filters: dict) -> dict:
    return {key: value for key, value in filters.items() if value not in (None, "")}


def event_verdicts(store) -> dict[int, dict]:
    """Event id -> the verdict that holds for it (events with no verdict are absent)."""
    by_event: dict[int, list[dict]] = {}
    for row in reads.event_verdict_rows(store.conn):
        by_event.setdefault(row["event_id"], []).append(row)
    return {event_id: latest_verdict(rows) for event_id, rows in by_event.items()}


def rejected_event_ids(store) -> set[int]:
    return {event_id for event_id, verdict in event_verdicts(store).items() if verdict and verdict["status"] == "rejected"}


def _edited_values(store, event_ids: list[int] | None = None) -> dict[int, dict]:
    """Event id -> {field: the analyst's latest value}."""
    found: dict[int, dict] = {}
    for row in sorted(reads.event_override_rows(store.conn, event_ids), key=lambda r: r["at"]):
        found.setdefault(row["event_id"], {})[row["field"]] = row["value"]
    return found


def _wanted_review(event: dict, reviewed: str | None, include_rejected: bool) -> bool:
    status = (event.get("review") or {}).get("status")
    if reviewed in (None, "", "all"):
        return include_rejected or reviewed == "all" or status != "rejected"
    if reviewed == "yes":
        return status is not None
    if reviewed == "no":
        return status is None
    return status == reviewed


def _agrees(event: dict, filters: dict) -> bool:
    """An exact filter on a field an analyst edited holds for the analyst's value."""
    edited = set(event.get("reviewed_fields") or ())
    return all(event.get(key) == filters[key] for key in EXACT_FILTERS if key in edited and filters.get(key))


def _keep(event: dict, *, filters: dict, min_sources: int | None, reviewed: str | None, include_rejected: bool) -> bool:
    if min_sources and (event.get("independent_sources") or 0) < min_sources:
        return False
    return _wanted_review(event, reviewed, include_rejected) and _agrees(event, filters)


def filter_choices(store) -> dict[str, list[str]]:
    """Values to offer in the filter form: the taxonomy's types, the states the
    store holds (an indexed column: instant on a million reports) and the known
    actors (their own small table). Municipalities and tactics are typed: listing
    them would scan every report."""
    from sucesos.filters import RESOLVED_COLUMNS
    from sucesos.taxonomy import EVENT_TYPES, MODALITIES, SUB_EVENT_TYPES

    return {
        "event_type": list(EVENT_TYPES),
        "sub_event_type": sorted(SUB_EVENT_TYPES),
        "modality": list(MODALITIES),
        "reviewed": list(REVIEWED_CHOICES),
        "admin1": reads.stored_values(store.conn, RESOLVED_COLUMNS["admin1"]),
        "actor": sorted({row[0] for row in reads.actor_name_rows(store.conn)}),
    }


def count_matching(store, **filters) -> int:
    """How many events have a report matching the SQL filters (the summary line's count)."""
    return len(event_ids(store, **resolve_filters(store, _clean(filters))))


def record_json(event: dict) -> str:
    """An event record as the API serves it: the bytes the web's JSON encoder gives for it."""
    return json.dumps(event, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_plain)


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _summary_row(event: dict) -> tuple | None:
    try:
        record = record_json(event)
    except (TypeError, ValueError):  # a value JSON cannot carry: no summary; readers build the record each time
        return None
    status = (event.get("review") or {}).get("status")
    return event["id"], record, event.get("independent_sources"), status, json.dumps(event.get("reviewed_fields") or [])


def build_summaries(store, ids: list[int]) -> list[tuple]:
    """Summary rows of these events, built from their reports and analysts' decisions (the full build)."""
    return [row for row in map(_summary_row, apply_reviews(store, deduplicated_events(store, ids=ids))) if row is not None]


def refresh_summaries(store, *, chunk: int = 500) -> int:
    """Rebuild the summaries that writes dropped (inside the writer's transaction:
    `Store.transaction` calls this before it commits). Returns how many events were looked at."""
    stale = reads.stale_summary_ids(store.conn)
    for start in range(0, len(stale), chunk):
        ids = stale[start : start + chunk]
        reads.replace_summaries(store.conn, ids, build_summaries(store, ids))
    if stale:
        reads.clear_stale_summaries(store.conn)
    return len(stale)


def _summaries(store, ids: list[int]) -> dict[int, tuple]:
    """{event id: (record JSON, independent sources, review status, reviewed fields JSON)}: stored, else built now."""
    found = reads.summary_rows(store.conn, ids)
    missing = [event_id for event_id in ids if event_id not in found]
    if missing:  # a write outside `Store.transaction` left them unbuilt: build, do not store (this may be a reader)
        found.update((row[0], row[1:]) for row in build_summaries(store, missing))
    return found


def _keep_summary(summary: tuple, *, filters: dict, **wanted) -> bool:
    record, sources, status, fields = summary
    light = {"independent_sources": sources, "review": {"status": status} if status else None, "reviewed_fields": json.loads(fields) if fields != "[]" else []}
    if any(filters.get(key) for key in EXACT_FILTERS if key in light["reviewed_fields"]):
        light = json.loads(record)  # an analyst edited a filtered field: the edited value decides
    return _keep(light, filters=filters, **wanted)


def find_events(store, *, limit: int, **options) -> tuple[list[dict], int | None]:
    """A page of events matching the filters, and the offset of the next page (None at the end).

    Options and filters as `find_event_records`."""
    records, next_offset = find_event_records(store, limit=limit, **options)
    return [json.loads(record) for record in records], next_offset


def find_event_records(
    store, *, limit: int, offset: int = 0, min_sources: int | None = None, reviewed: str | None = None,
    include_rejected: bool = False, candidates=event_ids, **filters,
) -> tuple[list[str], int | None]:  # fmt: skip
    """A page of events matching the filters, each as the JSON the API serves
    (`record_json`), and the offset of the next page (None at the end).

    `candidates(store, limit=, offset=, **filters)` gives the ordered ids of
    candidate events (`event_ids`'s signature); the web passes one that keeps
    each list's ids while the store is unchanged (`web.cache.CandidateIds`).
    The records are the events' stored summaries (migration 24), kept by the
    writers; one a write left unbuilt is built here.

    Offsets count candidate events (those with a report matching the SQL
    filters), so a page's `next_offset` is where the next page starts even
    when some candidates were left out (rejected, too few sources).
    """
    from sucesos.errors import ConfigError

    if reviewed not in (None, "", *REVIEWED_CHOICES):
        raise ConfigError(f"reviewed must be one of: {', '.join(REVIEWED_CHOICES)}")
    filters = resolve_filters(store, _clean(filters))
    skip = set() if include_rejected or reviewed in ("yes", "rejected", "all") else rejected_event_ids(store)
    wanted = {"min_sources": min_sources, "reviewed": reviewed, "include_rejected": include_rejected}
    found: list[str] = []
    cursor = offset
    # Without event-level filters a page needs limit + 1 candidates, plus the
    # rejected ones it may meet; with them, scan wider pages until full.
    scan_wide = bool(min_sources or reviewed)
    batch = max(limit * 4, 200) if scan_wide else limit + 1 + len(skip)
    while True:
        fetched = candidates(store, limit=batch, offset=cursor, **filters)
        if not fetched:
            return found, None
        ids = fetched
        if not scan_wide:  # read only as many records as the page can still take
            needed, ids = limit + 1 - len(found), []
            for event_id in fetched:
                ids.append(event_id)
                needed -= event_id not in skip
                if needed == 0:
                    break
        summaries = _summaries(store, [event_id for event_id in ids if event_id not in skip])
        for position, event_id in enumerate(ids):
            summary = summaries.get(event_id)
            if summary is None or not _keep_summary(summary, filters=filters, **wanted):
                continue
            if len(found) == limit:
                return found, cursor + position
            found.append(summary[0])
        if len(fetched) < batch and len(ids) == len(fetched):
            return found, None
        cursor += len(ids)


def iter_events(store, *, include_rejected: bool = False, chunk: int = 500, **filters) -> Iterator[dict]:
    """Every event matching the filters, as the analysts left them (for exports: no page size)."""
    filters = resolve_filters(store, _clean(filters))
    skip = set() if include_rejected else rejected_event_ids(store)
    ids = [event_id for event_id in event_ids(store, **filters) if event_id not in skip]
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        summaries = _summaries(store, part)
        for event_id in part:
            summary = summaries.get(event_id)
            if summary is not None and _keep_summary(summary, filters=filters, min_sources=None, reviewed=None, include_rejected=include_rejected):
                yield json.loads(summary[0])


def events_by_id(store, ids: list[int]) -> list[dict]:
    """These events (rejected ones included: the caller named them), in the order given."""
    summaries = _summaries(store, list(dict.fromkeys(ids)))
    return [json.loads(summaries[event_id][0]) for event_id in ids if event_id in summaries]


def get_event(store, event_id: int) -> dict | None:
    """One event with its reviews applied, rejected or not; None when there is no such event."""
    found = events_by_id(store, [event_id])
    return found[0] if found else None


def merged_into(store, event_id: int) -> int | None:
    """The event that `event_id` was merged into (following later merges), or None.

    None as well when `event_id` still has reports of its own (it was the
    kept event, or re-clustering gave the number out again).
    """
    if reads.event_exists(store.conn, event_id):
        return None
    target = None
    current = event_id
    seen = {event_id}
    for decision in reads.merge_decision_rows(store.conn):
        if current in decision["events"] and decision["into"] not in (None, current):
            current = decision["into"]
            if current in seen:
                break
            seen.add(current)
            target = current
    if target is None:
        return None
    return target if reads.event_exists(store.conn, target) else merged_into(store, target)


def _with_edits(rows: list[dict], fields: tuple[str, ...], edited: dict[int, dict]) -> list[dict]:
    for row in rows:
        for field, value in edited.get(row["id"], {}).items():
            if field in fields or field in ("latitude", "longitude"):
                row[field] = value
    return rows


def map_points(store, *, limit: int, include_rejected: bool = False, **filters) -> list[dict]:
    """One point per event for the map: its most precisely placed report, analysts' edits applied.

    A light query (no corroboration records): the map asks for thousands of
    points at a time. Rejected events are left out.
    """
    filters = resolve_filters(store, _clean(filters))
    skip = set() if include_rejected else rejected_event_ids(store)
    best: dict[int, dict] = {}
    for point in reads.map_rows(store.conn, MAP_FIELDS, filters, limit * 3 + len(skip)):
        if point["id"] in skip:
            continue
        known = best.get(point["id"])
        if known is None or (point["geo_precision"] or 9) < (known["geo_precision"] or 9):
            best[point["id"]] = point
        if len(best) >= limit:
            break
    edited = _edited_values(store, list(best))
    points = _with_edits(list(best.values()), MAP_FIELDS, edited)
    return [
        p for p in points
        if p["latitude"] is not None and p["longitude"] is not None and _agrees({**p, "reviewed_fields": list(edited.get(p["id"], {}))}, filters)
    ]  # fmt: skip


def timeline(store, *, include_rejected: bool = False, **filters) -> list[dict]:
    """Events per month and time precision (1 day, 2 week, 3 month), for the timeline bars; rejected events left out."""
    return timeline_counts(store, include_rejected=include_rejected, **filters)["months"]


def timeline_counts(store, *, include_rejected: bool = False, **filters) -> dict[str, list[dict]]:
    """`months`: events per month and time precision; `types`: per month and event
    type; `days`: per day, event type and time precision (an analyst's date and
    type win). One pass over the matching events."""
    filters = resolve_filters(store, _clean(filters))
    skip = set() if include_rejected else rejected_event_ids(store)
    rows = [row for row in reads.timeline_rows(store.conn, filters) if row["id"] not in skip]
    edited = _edited_values(store)
    by_precision: Counter = Counter()
    by_type: Counter = Counter()
    by_day: Counter = Counter()
    for row in rows:
        edit = edited.get(row["id"], {})
        month = edit["event_date"][:7] if edit.get("event_date") else row["month"]
        day = edit["event_date"][:10] if edit.get("event_date") else row["day"]
        precision = edit.get("time_precision") or row["precision"] or 3
        if any(key in edit and filters.get(key) and edit[key] != filters[key] for key in EXACT_FILTERS):
            continue
        kind = edit.get("event_type") or row["event_type"] or ""
        by_precision[(month, precision)] += 1
        by_type[(month, kind)] += 1
        by_day[(day, kind, precision)] += 1
    return {
        "months": [{"month": month, "time_precision": precision, "events": count} for (month, precision), count in sorted(by_precision.items())],
        "types": [{"month": month, "event_type": kind or None, "events": count} for (month, kind), count in sorted(by_type.items())],
        # per day, type and precision: what the timeline's day and week periods are counted from
        "days": [{"day": day, "event_type": kind or None, "time_precision": precision, "events": count} for (day, kind, precision), count in sorted(by_day.items())],
    }


def admin1_counts(store, *, include_rejected: bool = False, **filters) -> list[dict]:
    """Events per country and admin1 (an analyst's value wins), for the map's
    choropleth; dated or not, placed on the map or not; rejected ones left out."""
    filters = resolve_filters(store, _clean(filters))
    skip = set() if include_rejected else rejected_event_ids(store)
    edited = _edited_values(store)
    counts: Counter = Counter()
    for row in reads.admin1_rows(store.conn, filters):
        edit = edited.get(row["id"], {})
        if row["id"] in skip or any(key in edit and filters.get(key) and edit[key] != filters[key] for key in EXACT_FILTERS):
            continue
        admin1 = edit["admin1"] if "admin1" in edit else row["admin1"]
        if admin1:
            counts[(edit.get("country") or row["country"] or "", admin1)] += 1
    return [{"country": country or None, "admin1": admin1, "events": n} for (country, admin1), n in sorted(counts.items())]


def count_events(store) -> int:
    """De-duplicated events in the store (rejected ones included)."""
    return reads.count_events(store.conn)


def find_reports(store, *, limit: int | None = 100, offset: int = 0, include_rejected: bool = False, **filters) -> list[dict]:
    """Reports (one article's account of an event, one row each), analysts' edits applied, rejected ones left out.

    Reviews are recorded per report, so a report carries its event's
    verdict and edits as they were when the analyst made them.
    """
    filters = resolve_filters(store, _clean(filters))
    extra = 0 if include_rejected or limit is None else reads.rejected_report_count(store.conn)
    rows = store.reports(limit=None if limit is None else limit + extra, offset=offset, **filters)
    overrides, verdicts = reads.review_rows(store.conn, [(row["article_id"], row["idx"]) for row in rows])
    found = []
    for row in rows:
        key = (row["article_id"], row["idx"])
        report = dict(row)
        fields = []
        for edit in sorted(overrides.get(key, []), key=lambda o: o["at"]):
            report[edit["field"]] = json.loads(edit["value"]) if edit["value"] is not None else None
            fields.append(edit["field"])
        report["reviewed_fields"] = list(dict.fromkeys(fields))
        report["review"] = latest_verdict([verdicts[key]] if key in verdicts else [])
        if not include_rejected and (report["review"] or {}).get("status") == "rejected":
            continue
        if _agrees(report, filters):
            found.append(report)
    return found if limit is None else found[:limit]


def largest_events(store, *, limit: int) -> list[dict]:
    """The events with the most reports (rejected ones left out), for `sucesos cluster show`."""
    skip = rejected_event_ids(store)
    return events_by_id(store, [event_id for event_id in reads.largest_event_ids(store.conn, limit + len(skip)) if event_id not in skip][:limit])


def count_linked_reports(store) -> int:
    return reads.count_linked_reports(store.conn)


def change_marker(store) -> tuple:
    """Changes whenever reports, events or analysts' decisions do (for caches of aggregates)."""
    return reads.change_marker(store.conn)
