"""The linking view of a stored report: what clustering compares, normalised once.

A *report* is one row of the `events` table: an event as one article tells
it. Clustering never changes reports; it links each to one event.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field

from sucesos.link.blocking import DAY_SLACK

# ACLED's generic actor names say who, not which: two reports both blaming
# "Unidentified Armed Group (Mexico)" agree on nothing specific.
GENERIC_ACTOR_PREFIXES = ("unidentified", "civilians", "protesters", "rioters", "no identificado", "civiles", "manifestantes")

# Which modalities can describe the same happening: a threat or a forecast is
# not the attack itself; a denial stays next to what it denies.
MODALITY_GROUP = {
    None: "real",
    "asserted": "real",
    "reported": "real",
    "claimed": "real",
    "negated": "real",
    "hypothetical": "unreal",
    "future": "unreal",
}

REPORT_SQL = """
SELECT e.id, e.article_id, e.idx, e.event_type, e.sub_event_type,
       e.actor1, e.assoc_actor_1, e.inter1, e.actor2, e.assoc_actor_2, e.inter2,
       e.country, e.iso3, e.admin1, e.location, e.latitude, e.longitude, e.geo_precision,
       e.event_date, e.time_precision, e.fatalities, e.injuries, e.tactics, e.modality,
       a.published, a.outlet, a.url, a.lang, a.ingested_at, substr(s.minhash, 1, 64) AS copy_key,
       CASE WHEN e.sentence_start IS NOT NULL AND e.sentence_end > e.sentence_start
            THEN substr(a.text, e.sentence_start + 1, min(e.sentence_end - e.sentence_start, 600)) END AS sentence,
       CASE WHEN e.idx = 0 THEN substr(a.text, 1, 2000) END AS opening
FROM reports e JOIN articles a ON a.id = e.article_id
LEFT JOIN article_signatures s ON s.article_id = a.id AND s.content_hash = a.content_hash
"""


@functools.lru_cache(maxsize=65536)  # the same outlet and actor names are folded for every event read
def fold(text: str | None) -> str | None:
    """Lower case, no accents, single spaces: how names are compared."""
    if not text:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split()) or None


_PARENS = re.compile(r"\s*\([^)]*\)")


def actor_key(name: str | None) -> str | None:
    """A specific actor's comparable key; None for missing or generic actors."""
    folded = fold(_PARENS.sub("", name or ""))
    if not folded or folded.startswith(GENERIC_ACTOR_PREFIXES):
        return None
    # "CJNG: Jalisco New Generation Cartel" and "CJNG" are one actor.
    return folded.split(":")[0].strip() or None


def _actor_set(*names: str | None) -> frozenset[str]:
    keys = set()
    for name in names:
        for part in (name or "").split(";"):
            key = actor_key(part)
            if key:
                keys.add(key)
    return frozenset(keys)


def day_number(date: str | None) -> int | None:
    """YYYY-MM-DD (or a datetime starting so) as a day ordinal; None if unreadable."""
    if not date or len(date) < 10:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


@dataclass(slots=True, eq=False)
class Report:
    """What clustering needs of one stored report."""

    id: int
    article_id: str
    idx: int
    event_type: str | None = None
    sub_event_type: str | None = None
    perpetrators: frozenset[str] = frozenset()  # specific actor1/assoc_actor_1 keys
    targets: frozenset[str] = frozenset()  # specific actor2/assoc_actor_2 keys
    inter2: str | None = None
    country: str | None = None  # iso3, else folded country name
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    day: int | None = None  # day ordinal of the event date (or the publication fallback)
    time_precision: int | None = None
    day_is_fallback: bool = False
    fatalities: int | None = None
    injuries: int | None = None
    tactics: frozenset[str] = frozenset()
    modality_group: str = "real"
    lang: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    sentence: str | None = None
    opening: str | None = None  # the article's first 2,000 characters, for its main report only: who the story is about
    order: tuple = field(default_factory=tuple)  # first-seen order: ingested_at, article id, idx
    key: tuple = field(default_factory=tuple)  # (article id, idx): the identity analyst decisions use
    folded_sentence: str | None = None  # computed once: fuzzy matching compares it many times
    window: tuple[int, int] | None = None  # the day window blocking uses
    copy_key: bytes | None = None  # the first 8 values of the article's MinHash: near-identical texts share most of them
    names: frozenset[str] | None = None  # rare words of the names in the sentence, and a main report's lead (sucesos.link.text.rare_name_words), once needed

    def __post_init__(self) -> None:
        self.key = (self.article_id, self.idx)
        if self.sentence and self.folded_sentence is None:
            self.folded_sentence = fold(self.sentence)
        if self.day is not None and self.window is None:
            slack = DAY_SLACK.get(self.time_precision or 1, 1)
            self.window = (self.day - slack, self.day + slack)


def report_from_row(row) -> Report:
    day = day_number(row["event_date"])
    precision = row["time_precision"]
    fallback = False
    if day is None:
        # No event date: the event happened around publication, most likely in
        # the week before it. Blocking then uses a week-wide window.
        published = day_number(row["published"])
        if published is not None:
            day, precision, fallback = published - 3, 2, True
    try:
        tactics = frozenset(json.loads(row["tactics"] or "[]"))
    except (TypeError, ValueError):
        tactics = frozenset()
    return Report(
        id=row["id"],
        article_id=row["article_id"],
        idx=row["idx"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        perpetrators=_actor_set(row["actor1"], row["assoc_actor_1"]),
        targets=_actor_set(row["actor2"], row["assoc_actor_2"]),
        inter2=row["inter2"],
        country=(row["iso3"] or fold(row["country"])),
        admin1=fold(row["admin1"]),
        location=fold(row["location"]),
        latitude=row["latitude"],
        longitude=row["longitude"],
        geo_precision=row["geo_precision"],
        day=day,
        time_precision=precision if precision in (1, 2, 3) else (1 if day is not None else None),
        day_is_fallback=fallback,
        fatalities=row["fatalities"],
        injuries=row["injuries"],
        tactics=tactics,
        modality_group=MODALITY_GROUP.get(row["modality"], "real"),
        lang=row["lang"],
        outlet=fold(row["outlet"]),
        url=row["url"],
        published=row["published"],
        sentence=row["sentence"],
        opening=row["opening"],
        order=(row["ingested_at"] or "", row["article_id"], row["idx"]),
        copy_key=bytes(row["copy_key"]) if row["copy_key"] is not None else None,
    )


def load_reports(conn, where: str = "", params: tuple | list = ()) -> list[Report]:
    """Reports matching an SQL condition on `e` (events) / `a` (articles)."""
    sql = REPORT_SQL + (f" WHERE {where}" if where else "")
    return [report_from_row(row) for row in conn.execute(sql, tuple(params))]
