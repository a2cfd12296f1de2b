"""One article, one happening, one event: merge an article's reports of the same event.

News repeats its main event: the headline, the lead and a later casualty
sentence each trigger an event. Across articles `sucesos.link` decides what
is one event; within an article this component does, once events have their
place and date. Two events of one article are merged when nothing in them
disagrees: the same kind of violence (or the same type), the same place (or
one has none), the same date (or one has none), no conflicting named actors,
and the later sentence does not announce another incident ("another attack",
"otro ataque"). The more salient event is kept; the other fills its gaps and
adds its evidence, so every value keeps its receipt.
"""

from __future__ import annotations

import dataclasses
import re

from sucesos.model import Event
from sucesos.pipeline import component

# Event types that one article may call by different names for one happening
# (an ambush on police is an "attack" in the headline and a "clash" below).
FAMILY = {
    "Battles": "armed",
    "Explosions/Remote violence": "armed",
    "Violence against civilians": "armed",
    "Protests": "unrest",
    "Riots": "unrest",
}
ANOTHER = re.compile(
    r"\b(another|separate|second|third|other|also|earlier|previous|later|otro|otra|otros|otras|distinto|distinta|segundo|segunda|anterior|además)\b",
    re.IGNORECASE,
)
GENERIC_PREFIXES = ("unidentified", "civilians", "protesters", "rioters")
FILLABLE = (
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "country", "iso3", "admin1", "admin2",
    "location", "latitude", "longitude", "geo_precision", "event_date", "time_precision", "date_phrase", "fatalities", "injuries",
)  # fmt: skip


# What the article presents as having happened, however sourced, versus what it does not.
HAPPENED = {"asserted", "reported", "claimed", None}


def _specific(actor: str | None) -> bool:
    return bool(actor) and not actor.lower().startswith(GENERIC_PREFIXES)


def _same_actor(a: str, b: str) -> bool:
    # "Police Forces of Mexico" and "Police Forces of Mexico - Municipal Police" are one side
    return a == b or a.startswith(b + " - ") or b.startswith(a + " - ")


def _own(event: Event, field: str) -> bool:
    """Whether the value of `field` was read in the event's own sentence (not borrowed from context)."""
    if event.sentence is None:
        return True
    spans = [ev for ev in event.evidence if ev.field == field]
    return any(event.sentence.start <= ev.start and ev.end <= event.sentence.end for ev in spans) if spans else True


def _richness(event: Event) -> int:
    return sum(getattr(event, f) is not None for f in ("actor1", "actor2", "event_date", "fatalities", "injuries", "location"))


def compatible(kept: Event, other: Event, text: str) -> bool:
    if (kept.modality in HAPPENED) != (other.modality in HAPPENED) or (kept.modality not in HAPPENED and kept.modality != other.modality):
        return False
    if kept.event_type != other.event_type:
        family = FAMILY.get(kept.event_type or "")
        if family is None or family != FAMILY.get(other.event_type or ""):
            return False
    if kept.location and other.location and (kept.location != other.location or kept.admin1 != other.admin1):
        return False
    if kept.event_date and other.event_date and kept.event_date != other.event_date:
        if _own(kept, "event_date") and _own(other, "event_date"):
            return False  # each sentence dates itself, differently: two happenings
    kept_actors = {a for a in (kept.actor1, kept.actor2) if _specific(a)}
    other_actors = {a for a in (other.actor1, other.actor2) if _specific(a)}
    if kept_actors and other_actors and not any(_same_actor(a, b) for a in kept_actors for b in other_actors):
        return False
    for a, b in ((kept.fatalities, other.fatalities), (kept.injuries, other.injuries)):
        if a and b and a != b:
            return False  # two different tolls in one article: two incidents, or a correction we should not hide
    sentence = other.sentence.text if other.sentence else ""
    return not ANOTHER.search(sentence)


TYPE_FIELDS = ("event_type", "sub_event_type")


def merge(first: Event, second: Event) -> Event:
    """One event from two reports of it in one article.

    The type is the more salient report's (`first`: the headline or lead says
    what happened); roles, place, date and tolls come from the richer report,
    its gaps filled from the other. Each value keeps the evidence it came from.
    """
    richer, poorer = (second, first) if _richness(second) > _richness(first) else (first, second)
    filled = {field: getattr(poorer, field) for field in FILLABLE if getattr(richer, field) is None and getattr(poorer, field) is not None}
    if "actor1" in filled and richer.actor2 == filled["actor1"]:
        # one side only once: do not make the victims also the perpetrators
        filled = {k: v for k, v in filled.items() if k not in ("actor1", "inter1", "assoc_actor_1")}
    place_fields = ("location", "latitude", "longitude", "geo_precision", "admin1", "admin2", "country", "iso3")
    if richer.latitude is not None or richer.location is not None:
        filled = {k: v for k, v in filled.items() if k not in place_fields}  # a place is taken whole or not at all
    evidence = [ev for ev in richer.evidence if ev.field not in TYPE_FIELDS]
    evidence += [ev for ev in first.evidence if ev.field in TYPE_FIELDS]
    evidence += [ev for ev in poorer.evidence if ev.field in filled or ev.field == "tactics"]
    tactics = list(richer.tactics) + [t for t in poorer.tactics if t not in richer.tactics]
    known = [c for c in (first.confidence, second.confidence) if c is not None]
    return dataclasses.replace(
        richer, **filled, event_type=first.event_type, sub_event_type=first.sub_event_type,
        tactics=tactics, evidence=evidence, confidence=max(known) if known else None,
    )  # fmt: skip


def merge_article_events(events: list[Event], text: str) -> list[Event]:
    """Events in salience order with same-happening duplicates folded into the first."""
    merged: list[Event] = []
    for event in events:
        for index, kept in enumerate(merged):
            if compatible(kept, event, text):
                merged[index] = merge(kept, event)
                break
        else:
            merged.append(event)
    return merged


@component("merge_events", requires=("events",), assigns=("events",))
def merge_events(analysis, resources) -> dict:
    return {"events": merge_article_events(list(analysis["events"]), analysis.text)}
