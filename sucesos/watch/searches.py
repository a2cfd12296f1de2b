"""Saved searches: named filters over de-duplicated events.

A search is a conjunction of criteria; each criterion lists one or more
values (any of them will do) and holds for an event when at least one of the
event's reports satisfies it. Names compare without case or accents
("michoacan" finds "Michoacán"). `actor` matches a part of an actor name
("CJNG" finds "CJNG: Jalisco New Generation Cartel").

Library entry points (the web UI uses these): `add_search`, `list_searches`,
`get_search`, `remove_search`, `search_events`, `matches`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

from sucesos.errors import ConfigError
from sucesos.taxonomy import MODALITIES

LIST_FIELDS = ("event_type", "sub_event_type", "tactic", "actor", "admin1", "admin2", "country", "modality")
ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


@dataclass(frozen=True)
class SearchFilters:
    event_type: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    tactic: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    admin2: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    min_sources: int | None = None  # independent sources (distinct outlets)
    modality: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {key: (list(value) if isinstance(value, tuple) else value) for key, value in asdict(self).items() if value not in ((), None)}

    def describe(self) -> str:
        parts = []
        for key, value in self.to_dict().items():
            parts.append(f"{key}={','.join(map(str, value)) if isinstance(value, list) else value}")
        return " ".join(parts) or "(every event)"


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    filters: SearchFilters = field(default_factory=SearchFilters)
    created_at: str | None = None


def _taxonomy() -> tuple[frozenset[str], frozenset[str]]:
    """ACLED event types and sub-event types, as the bundled taxonomy spells them."""
    from sucesos.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES

    return frozenset(EVENT_TYPES), frozenset(SUB_EVENT_TYPES)


def _values(value, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"search filter {key!r} takes text values (got {value!r})")
    return tuple(v.strip() for v in value)


def parse_bbox(value) -> tuple[float, float, float, float] | None:
    """"min_lon,min_lat,max_lon,max_lat" (or a list of four numbers)."""
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        numbers = tuple(float(p) for p in parts)
    except (TypeError, ValueError):
        numbers = ()
    if len(numbers) != 4:
        raise ConfigError(f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat (got {value!r})")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ConfigError(f"bbox {value!r}: longitudes must be within -180..180 and latitudes within -90..90, min_lat <= max_lat")
    return numbers


def make_filters(raw: dict) -> SearchFilters:
    """Validated filters from a mapping (CLI options, a JSON body, the database)."""
    unknown = set(raw) - {*LIST_FIELDS, "bbox", "min_sources"}
    if unknown:
        raise ConfigError(f"unknown search filter(s) {', '.join(sorted(unknown))}; known: {', '.join((*LIST_FIELDS, 'bbox', 'min_sources'))}")
    values = {key: _values(raw.get(key), key) for key in LIST_FIELDS}
    types, subtypes = _taxonomy()
    for key, known in (("event_type", types), ("sub_event_type", subtypes)):
        wrong = [v for v in values[key] if known and v not in known]
        if wrong:
            raise ConfigError(f"unknown {key.replace('_', ' ')} {', '.join(map(repr, wrong))}; use ACLED's spelling: {'; '.join(sorted(known))}")
    wrong = [v for v in values["modality"] if v not in MODALITIES]
    if wrong:
        raise ConfigError(f"unknown modality {', '.join(map(repr, wrong))}; known: {', '.join(MODALITIES)}")
    min_sources = raw.get("min_sources")
    if min_sources is not None:
        if isinstance(min_sources, bool) or not isinstance(min_sources, int) or min_sources < 1:
            raise ConfigError(f"min_sources must be a whole number of at least 1 (got {min_sources!r})")
    return SearchFilters(**values, bbox=parse_bbox(raw.get("bbox")), min_sources=min_sources)


# -- matching ------------------------------------------------------------
def _fold(text) -> str:
    from sucesos.watch.events_view import fold

    return fold(text) or ""


def _any_report(view, test) -> bool:
    return any(test(report) for report in getattr(view, "matched_reports", view.reports))


def matches(filters: SearchFilters, view) -> bool:
    """Whether a de-duplicated event (an `EventView`) satisfies every criterion."""
    def one_of(column: str, wanted: tuple[str, ...]):
        folded = {_fold(v) for v in wanted}
        return lambda report: _fold(report.get(column)) in folded

    checks = []
    for column in ("event_type", "sub_event_type", "admin1", "admin2", "modality"):
        wanted = getattr(filters, column)
        if wanted:
            checks.append(one_of(column, wanted))
    if filters.country:
        folded = {_fold(v) for v in filters.country}
        checks.append(lambda r: _fold(r.get("country")) in folded or _fold(r.get("iso3")) in folded)
    if filters.tactic:
        folded = {_fold(v) for v in filters.tactic}
        checks.append(lambda r: any(_fold(tag) in folded for tag in r.get("tactics") or ()))
    if filters.actor:
        folded = [_fold(v) for v in filters.actor]
        checks.append(lambda r: any(w in _fold(r.get(c)) for c in ACTOR_COLUMNS if r.get(c) for w in folded))
    if filters.bbox:
        min_lon, min_lat, max_lon, max_lat = filters.bbox

        def inside(report) -> bool:
            lat, lon = report.get("latitude"), report.get("longitude")
            if lat is None or lon is None:
                return False
            in_lon = min_lon <= lon <= max_lon if min_lon <= max_lon else (lon >= min_lon or lon <= max_lon)  # across 180°
            return min_lat <= lat <= max_lat and in_lon

        checks.append(inside)
    if not all(_any_report(view, check) for check in checks):
        return False
    return filters.min_sources is None or view.independent_sources >= filters.min_sources


# -- storage -------------------------------------------------------------
def _row_search(row) -> SavedSearch:
    return SavedSearch(id=row["id"], name=row["name"], filters=make_filters(json.loads(row["filters"])), created_at=row["created_at"])


def add_search(store, name: str, filters: SearchFilters) -> SavedSearch:
    name = (name or "").strip()
    if not name:
        raise ConfigError("a saved search needs a name")
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM saved_searches WHERE name = ?", (name,)).fetchone():
            raise ConfigError(f"a saved search named {name!r} exists; remove it first (sucesos search remove {name!r}) or pick another name")
        search_id = conn.execute(
            "INSERT INTO saved_searches (name, filters, created_at) VALUES (?, ?, ?)", (name, json.dumps(filters.to_dict(), ensure_ascii=False), now)
        ).lastrowid
    return SavedSearch(id=search_id, name=name, filters=filters, created_at=now)


def list_searches(store) -> list[SavedSearch]:
    return [_row_search(row) for row in store.conn.execute("SELECT * FROM saved_searches ORDER BY id")]


def get_search(store, name_or_id: str | int) -> SavedSearch:
    row = store.conn.execute("SELECT * FROM saved_searches WHERE name = ? OR CAST(id AS TEXT) = ?", (str(name_or_id), str(name_or_id))).fetchone()
    if row is None:
        raise ConfigError(f"no saved search {name_or_id!r}; `sucesos search list` shows them")
    return _row_search(row)


def remove_search(store, name_or_id: str | int) -> SavedSearch:
    search = get_search(store, name_or_id)
    with store.transaction() as conn:
        conn.execute("DELETE FROM saved_searches WHERE id = ?", (search.id,))
        if not conn.execute("SELECT 1 FROM saved_searches LIMIT 1").fetchone():
            conn.execute("DELETE FROM watch_changes")  # nobody is watching any more
    return search


def search_events(store, filters: SearchFilters, *, limit: int = 50, scan: int = 5000):
    """The most recent de-duplicated events that match (newest first), among the last `scan` reports."""
    from sucesos.watch.events_view import recent_views

    found = [view for view in recent_views(store, limit=scan) if matches(filters, view)]
    return list(reversed(found))[:limit]
