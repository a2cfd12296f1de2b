"""One article, one happening, one event: consolidate an article's reports of the same incident.

News repeats its main incident: the headline, the lead, the toll sentence,
quotes about it and follow-ups each trigger an event. Across articles
`sucesos.link` decides what is one event; within an article this component
does, once events have their place and date.

Two events of one article are one happening unless something in them says
otherwise:
- one is real and the other a threat, forecast or denial;
- their types cannot describe one happening (a protest and an ambush);
- each names its own town, in its own sentence, and the towns differ (a
  dateline's city, "MEXICO CITY (Reuters) -", or a reference point, "64 km
  south of Toluca", is not where it happened);
- each dates itself, in its own sentence, more than a day apart (a
  recalled incident: "in August, police found 19 bodies in Uruapan");
- each names its own perpetrator and the two differ, or one blames state
  forces and the other gunmen (the police who later shot the suspects);
- one's victims are civilians and the other's are state forces (an attack,
  then a clash with the police who came: two events to ACLED);
- the later sentence announces another incident ("another attack", "otro
  ataque", "a similar attack"); a headline's "Otra masacre" is the
  article's own incident, one more of a series.
Different tolls do not split a happening: headline, lead and body often
give different or partial figures ("13 police killed", "eight state
police and five investigators"); the happening keeps the range.

The result does not depend on the order of the sentences. A happening's
values are chosen over all its reports, by rules that look at what they
say, not where: the type by ACLED's precedence (remote violence over a
battle over violence against civilians; within one type, the most salient
report's sub-type), the most precise place
given in the happening's own sentences (else in the headline and lead, for
the main happening), the most precise date given in its own sentences (else
the date the article gives nearest before publication, for the main
happening), and the toll the most reports give (ties: the most salient
report's, the headline's or the lead's total rather than a partial count). Each value keeps its receipt.
Happenings are ranked: the one the headline reports, then the one told
most often; recalled background incidents rank below.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable

from sucesos import taxonomy
from sucesos.frame import component
from sucesos.model import Event, Evidence, Span
from sucesos.words import words

# Event types that one article may call by different names for one happening
# (an ambush on police is an "attack" in the headline and a "clash" below).
FAMILY = {event_type: family for event_type, family in taxonomy.TYPE_FAMILIES.items() if family != "strategic"}  # strategic developments never corefer
# ACLED's precedence when the reports of one happening disagree on its
# event type (codebook: remote weapons make it Explosions/Remote violence; an
# attack on an armed side that can fight back is a battle): EVENT_TYPE_PRECEDENCE.
# "another attack", "otro ataque", "a similar attack", "en un hecho distinto": the sentence tells a different incident
_INCIDENT = (
    r"(?:attacks?|ambush(?:es)?|incidents?|shootings?|killings?|massacres?|clash(?:es)?|cases?|events?|murders?|"
    r"ataques?|agresi[oó]n(?:es)?|emboscadas?|incidentes?|balaceras?|asesinatos?|masacres?|enfrentamientos?|hechos?|casos?|"
    r"multihomicidios?|homicidios?|crímenes|crimen)"
)
ANOTHER = re.compile(
    rf"\b(?:another|separate|similar|earlier|previous|prior|first|second|otro|otra|otros|otras|distinto|distinta|similar|anterior|previo|previa|primer|primera|segundo|segunda)\s+(?:\w+\s+){{0,2}}{_INCIDENT}\b"
    rf"|\b{_INCIDENT}\s+(?:\w+\s+){{0,1}}(?:similar|anterior|distinto|distinta|previo|previa|separado|separada)\b",
    re.IGNORECASE,
)
GENERIC_PREFIXES = ("unidentified", "civilians", "protesters", "rioters")
PLACE_FIELDS = ("location", "latitude", "longitude", "geo_precision", "admin1", "admin2", "country", "iso3")
DATE_FIELDS = ("event_date", "time_precision", "date_phrase")
ACTOR1_FIELDS = ("actor1", "assoc_actor_1", "inter1")
ACTOR2_FIELDS = ("actor2", "assoc_actor_2", "inter2")
TYPE_FIELDS = ("event_type", "sub_event_type")
BACKGROUND_DAYS = 14  # dated this long before publication: an incident the article recalls
DAY_TOLERANCE = 1  # a night attack is dated to either side of midnight
# How far before publication a date may be to serve as the main happening's
# date when none of its own sentences dates it (a follow-up published weeks later still says "On Oct. 5").
FALLBACK_DATE_DAYS = 62

# What the article presents as having happened, however sourced, versus what it does not.
HAPPENED = {*taxonomy.HAPPENED_MODALITIES, None}


def _specific(actor: str | None) -> bool:
    return bool(actor) and not actor.lower().startswith(GENERIC_PREFIXES)


def _same_actor(a: str, b: str) -> bool:
    # "Police Forces of Mexico" and "Police Forces of Mexico - Municipal Police" are one side
    return a == b or a.startswith(b + " - ") or b.startswith(a + " - ")


STATE_FORCES = ("police forces", "military forces", "government of", "naval forces", "national guard")


def _state(actor: str) -> bool:
    return actor.lower().startswith(STATE_FORCES)


def _perpetrators_conflict(a: str | None, b: str | None) -> bool:
    """Two different perpetrators: two named ones, or state forces against unidentified gunmen.

    "Unidentified Armed Group" may be the cartel another sentence names;
    it is not the police who later shot the suspects.
    """
    if not a or not b or _same_actor(a, b):
        return False
    if _specific(a) and _specific(b):
        return True
    return _state(a) != _state(b)


def _sides_conflict(a: Event, b: Event) -> bool:
    """Different perpetrators; in a clash either side may be the sentence's subject.

    "Mexican army kills 12 gunmen" and "gunmen opened fire on the soldiers,
    who shot back" are one armed clash told from its two sides: ACLED's
    actor1/actor2 order in a battle does not say who attacked.
    """
    if not _perpetrators_conflict(a.actor1, b.actor1):
        return False
    if "Battles" not in (a.event_type, b.event_type):
        return True
    return _perpetrators_conflict(a.actor1, b.actor2) or _perpetrators_conflict(a.actor2, b.actor1)


def _targets_conflict(a: Event, b: Event) -> bool:
    """Civilians attacked vs. state forces fought: two events to ACLED (the attack, then the clash with police)."""
    kinds = set()
    for event in (a, b):
        if event.inter2 in ("Civilians", "State forces"):
            kinds.add(event.inter2)
        elif event.actor2:
            kinds.add("State forces" if _state(event.actor2) else "Civilians" if event.actor2.lower().startswith("civilians") else None)
    kinds.discard(None)
    return len(kinds) == 2


def _own(event: Event, field: str) -> bool:
    """Whether `field` has a value read in the event's own sentence (not borrowed from context)."""
    if getattr(event, field, None) is None:
        return False
    if event.sentence is None:
        return True
    spans = [ev for ev in event.evidence if ev.field == field]
    return any(event.sentence.start <= ev.start and ev.end <= event.sentence.end for ev in spans) if spans else True


def _day(value: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


def _town_level(event: Event) -> bool:
    # no precision given (hand-built events): a named location is taken as a town
    return event.location is not None and (event.geo_precision or 1) <= 2


def _sentence_town(event: Event, text: str, places) -> Event | None:
    """The event as placed by the first town its own sentence names that is not a dateline or reference point."""
    if event.sentence is None:
        return None
    for place in places:
        if place.feature in ("city", "admin2") and event.sentence.start <= place.start and place.end <= event.sentence.end:
            if not incidental_place(text, place.start, place.end):
                return dataclasses.replace(
                    event, location=place.name, admin1=place.admin1, admin2=place.admin2, country=place.country or event.country, geo_precision=1,
                    evidence=[Evidence("location", place.start, place.end, place.text)],
                )  # fmt: skip
    return None


def _names_town(event: Event, other: Event, text: str) -> bool:
    """Whether the event's own sentence also names the other's town as where it was (not as a reference point)."""
    if event.sentence is None or not other.location:
        return False
    sentence = text[event.sentence.start : event.sentence.end]
    for match in re.finditer(rf"\b{re.escape(other.location)}\b", sentence):
        start = event.sentence.start + match.start()
        if not incidental_place(text, start, start + len(other.location)):
            return True
    return False


def _places_conflict(a: Event, b: Event, text: str = "", places=()) -> bool:
    """Each names its own town and they differ; a region or country contains its towns."""
    placed = []
    for event in (a, b):
        span = _place_span(event)
        if text and span is not None and incidental_place(text, *span):
            # a dateline or a reference point says nothing about where it happened; a town its sentence names does
            event = _sentence_town(event, text, places) if places else None
            if event is None:
                return False
        placed.append(event)
    a, b = placed
    if not (_own(a, "location") and _own(b, "location")):
        return False
    if (a.geo_precision == 3 and not a.admin1) or (b.geo_precision == 3 and not b.admin1):
        return False  # "near the US-Mexico border", "in Mexico": a headline's country says little
    if a.country and b.country and a.country != b.country:
        return True
    if not (_own(a, "location") and _own(b, "location")):
        return False
    if _town_level(a) and _town_level(b):
        if a.location == b.location or (a.admin2 and a.admin2 == b.admin2):
            return False
        if a.admin1 and a.admin1 == b.admin1 and any(e.admin2 is None and e.latitude is not None for e in (a, b)):
            return False  # "Mexico City", a city that is its own state, holds the town the other names (Lomas de Chapultepec)
        if text and (_names_town(a, b, text) or _names_town(b, a, text)):
            return False  # "in the Santa Fe neighborhood of Tijuana": one sentence places it in both
        if a.admin1 and a.admin1 == b.admin1 and places and (_neighbourhood_read(a, places) or _neighbourhood_read(b, places)):
            return False  # "in the Santa Fe area": a neighbourhood's name read in a municipality the article never names
        return True
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return True
    return False


def _neighbourhood_read(event: Event, places) -> bool:
    """Whether the event's place is a neighbourhood's or locality's name placed in a municipality the article never names.

    Such names recur in many municipalities ("Santa Fe", "Cerro Alto"): which
    one the gazetteer picked says nothing against the town the article names.
    """
    if not event.admin2 or _names_municipality(event) or not any(ev.field == "location" for ev in event.evidence):
        return False
    return not any(p.admin2 == event.admin2 and names_municipality(p.text, event.admin2) for p in places)


def _dates_conflict(a: Event, b: Event) -> bool:
    if not (_own(a, "event_date") and _own(b, "event_date")):
        return False
    da, db = _day(a.event_date), _day(b.event_date)
    if da is None or db is None:
        return False
    tolerance = DAY_TOLERANCE + {1: 0, 2: 4, 3: 16}.get(a.time_precision or 1, 0) + {1: 0, 2: 4, 3: 16}.get(b.time_precision or 1, 0)
    # a day that dates the telling ("reportaron esta tarde una balacera") puts the happening on it or in the week
    # before it (ACLED's time precision 2), not after it
    if _told(a) and _told(b):
        return abs(da - db) > tolerance
    if _told(a):
        return db - da > DAY_TOLERANCE or da - db > tolerance
    if _told(b):
        return da - db > DAY_TOLERANCE or db - da > tolerance
    return abs(da - db) > tolerance


def _told(event: Event) -> bool:
    """Whether the event's date is the day it was told (`mark_told_dates`), not the day it happened."""
    return any(ev.field == "time_precision" and ev.rule == TOLD_ON_RULE for ev in event.evidence)


def compatible(kept: Event, other: Event, text: str = "", places=(), in_course: frozenset = frozenset(), recalled: frozenset = frozenset()) -> bool:
    """Whether two events of one article can be one happening (see the module docstring).

    `in_course`: ids of arrests and seizures whose own sentence also tells a violent happening (`_in_course`).
    `recalled`: ids of events whose sentence opens in an earlier year (`_recalled_year`).
    """
    if (kept.modality in HAPPENED) != (other.modality in HAPPENED) or (kept.modality not in HAPPENED and kept.modality != other.modality):
        return False
    if (id(kept) in recalled) != (id(other) in recalled):
        return False
    if kept.event_type != other.event_type:
        family = FAMILY.get(kept.event_type or "")
        if (family is None or family != FAMILY.get(other.event_type or "")) and not (
            _mob_retold(kept, other) or _mob_retold(other, kept) or _toll_retold(kept, other) or _toll_retold(other, kept)
            or _part_of(kept, other, in_course) or _part_of(other, kept, in_course)
        ):
            return False
    if _places_conflict(kept, other, text, places) or _dates_conflict(kept, other):
        return False
    if _sides_conflict(kept, other) or _targets_conflict(kept, other):
        return False
    if (_state(kept.actor1 or "") != _state(other.actor1 or "")) and _own(kept, "event_date") and _own(other, "event_date") and kept.event_date != other.event_date:
        return False  # "On Sunday, police killed four suspects": the manhunt after Saturday's attack
    headline = _headline_end(text) if text else 0
    for event in (kept, other):
        if event.sentence is not None and not _opens_body(event.sentence, text, headline) and ANOTHER.search(_past_headline(event.sentence, headline)):
            return False
    return True


def _past_headline(sentence: Span, headline_end: int) -> str:
    """The sentence's words below the headline: a headline's "another massacre" is the article's own ("one more")."""
    if sentence.start >= headline_end:
        return sentence.text
    return sentence.text[max(0, headline_end - sentence.start) :]


def _opens_body(sentence: Span, text: str, headline_end: int) -> bool:
    """Whether the sentence is the first below the headline (the lead's opening).

    There nothing has been told yet for "another" to set a new incident
    against: "Another killing marred the campaign: X was shot dead" and
    "Otra masacre sacude Guanajuato" tell the article's own incident as one
    more of a series, as a headline does.
    """
    if not text or not headline_end or sentence.start < headline_end:
        return False
    return not text[headline_end : sentence.start].strip()


# -- choosing a happening's values over its reports ------------------------
# A place named only to say where something else is ("120 km southwest of
# Mexico City", "al sur de Toluca") or where the story was filed ("MEXICO
# CITY (Reuters) -") is not where the happening was.
_RELATIVE_BEFORE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|norte|sur|oriente|poniente|este|oeste|noreste|noroeste|sureste|suroeste)\s+(?:of|de|del)\s+(?:la\s+|the\s+)?"
    r"|\b(?:km|kilometers|kilometres|miles|kilómetros|kilometros)\s+(?:\w+\s+)?(?:from|de|of)\s+(?:la\s+|the\s+)?"
    # a town described by what lies near it ("a border city near Texas", "la ciudad, cercana al Estado de México"):
    # the place near it is a landmark; "killed near Culiacán" (a verb before "near") still places the event
    r"|\b(?:city|town|village|municipality|ciudad|municipio|localidad|poblado|comunidad|pueblo)\b(?:\s+(?:de|of)\s+(?-i:[A-ZÁÉÍÓÚÑ][\w.]*\s*){1,4})?,?\s+"
    r"(?:(?:which\s+is|que\s+est[aá]|located|ubicad[oa])\s+)?(?:near|close\s+to|cerca\s+(?:de|del)|cercan[oa]\s+(?:a|al|de|del))\s+(?:la\s+|el\s+|the\s+)?)$",
    re.IGNORECASE,
)
# after a dateline's place: ", State" or ", Tam." or a date, "(Agency)", then a dash ("-", "—", ".-"),
# or the agency's full stop ("Acapulco (AP). Autoridades ...")
_DATELINE_AFTER = re.compile(r"^(?P<rest>(?:,\s*[^\n,()]{1,30}?){0,2}\s*(?P<agency>\([^()\n]{2,40}\))?\s*)(?P<dash>\.-|-|—|–|(?<=\))\.)\s")


# "en el sector norte de Culiacán", "the north of Mexico City": a part of the place, which holds the event
_PART_BEFORE = re.compile(
    r"\b(?:sector|zona|parte|regi[oó]n|area|área|lado|part|el|la|the)\s+"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|norte|sur|oriente|poniente|este|oeste|noreste|noroeste|sureste|suroeste)\s+"
    r"(?:of|de|del)\s+(?:la\s+|el\s+|the\s+)?$",
    re.IGNORECASE,
)


def incidental_place(text: str, start: int, end: int) -> bool:
    """Whether the place at [start, end) is a reference point or a dateline, not the event's place."""
    before = text[max(0, start - 60) : start]
    if _RELATIVE_BEFORE.search(before) and not _PART_BEFORE.search(before):
        return True
    from sucesos.places.locate import names_border

    if names_border(text, start, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" ,") not in ("", "Cd.", "CD.", "Ciudad", "CIUDAD"):
        return False
    match = _DATELINE_AFTER.match(text[end : end + 80])
    if not match:
        return False
    # "MEXICO CITY -", "Irapuato (Reuters) -", "Cd. Victoria, Tam.-": capitals, an agency or the Mexican ".-"
    # the state's abbreviation may lie inside the place's own span ("Guadalajara, Jal.–", read as one place)
    abbreviated = (match.group("rest").rstrip() or text[start:end]).endswith(".")
    return text[start:end].isupper() or bool(match.group("agency")) or abbreviated or match.group("dash") == ".-"


def _place_span(event: Event) -> tuple[int, int] | None:
    spans = [ev for ev in event.evidence if ev.field == "location"]
    return (spans[0].start, spans[0].end) if spans else None


def _position(event: Event) -> int:
    return event.sentence.start if event.sentence is not None else 0


EVENT_TYPE_PRECEDENCE = (
    "Explosions/Remote violence", "Battles", "Violence against civilians", "Riots", "Protests", "Strategic developments",
)  # fmt: skip


def _type_rank(event: Event) -> int:
    kind = event.event_type
    return EVENT_TYPE_PRECEDENCE.index(kind) if kind in EVENT_TYPE_PRECEDENCE else len(EVENT_TYPE_PRECEDENCE)


def _mob_retold(mob: Event, other: Event) -> bool:
    """A crowd's killing or beating ("fue linchado por los comerciantes") told elsewhere as a killing by no one named ("Matan a presunto asaltante")."""
    return (
        mob.sub_event_type == "Mob violence"
        and other.event_type in ("Violence against civilians", "Battles")
        and not _specific(other.actor1)
        and not _state(other.actor1 or "")
    )


def _toll_retold(counted: Event, other: Event) -> bool:
    """A sentence counting the dead ("nine died at the scene") read as a strategic development is the violent happening told again.

    ACLED's strategic developments are non-violent: one that counts deaths was
    misread, and the violent type wins by precedence once it joins.
    """
    return counted.event_type == "Strategic developments" and (counted.fatalities or 0) > 0 and FAMILY.get(other.event_type or "") == "armed"  # the taxonomy's violent family


SCENE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in words("events", "any", "scene_phrases")) + r")\b", re.IGNORECASE)
PART_SUB_TYPES = ("Arrests", "Disrupted weapons use", "Looting/property destruction")
NON_STATE_ARMED = taxonomy.ARMED_INTERS - {"State forces"}  # ACLED's armed actors other than state forces
CROWDS = ("protesters", "rioters")


def _in_course(events: list[Event]) -> frozenset:
    """Arrests and seizures told in a sentence that also tells a violent happening or a demonstration ("... the clash, in which 12 died and 10 rifles were seized")."""
    telling = {e.sentence.start for e in events if e.sentence is not None and FAMILY.get(e.event_type or "") in ("armed", "unrest")}
    return frozenset(id(e) for e in events if e.sub_event_type in PART_SUB_TYPES and e.sentence is not None and e.sentence.start in telling)


def _part_of(part: Event, whole: Event, in_course: frozenset = frozenset()) -> bool:
    """An arrest, a seizure or a destruction made in the course of the happening is that happening to ACLED.

    ACLED codes one event per happening, typed by its most severe part: the
    arrests the sentence telling a demonstration tells make it a protest with
    intervention or stay in the riot; what a crowd wrecks or burns is its
    riot; the rifles recovered "at the scene" of a shootout, or the weapons
    seized or cars burned in the sentence that tells the clash, belong to
    the clash. One told on its own, elsewhere or another day, stays an
    event of its own (dates and places are checked as for any pair).
    """
    if part.sub_event_type not in PART_SUB_TYPES or part.sentence is None:
        return False
    family = FAMILY.get(whole.event_type or "")
    if family == "unrest" and part.sub_event_type == "Looting/property destruction":
        # what a crowd wrecks or burns is its riot (ACLED codes the demonstration or the mob violence);
        # trucks an armed group burns to block a road are its own act, whatever the blockade is called
        # (a crowd the article names as such: a prison riot and the businesses gunmen burned that day stay two)
        return not any(e.inter1 in NON_STATE_ARMED for e in (part, whole)) and any((e.actor1 or "").lower().startswith(CROWDS) for e in (part, whole))
    if family not in ("armed", "unrest") or (family == "unrest" and part.sub_event_type != "Arrests"):
        return False
    return id(part) in in_course or bool(SCENE.search(part.sentence.text))


def _choose_type(members: list[Event]) -> Event:
    """ACLED's precedence across event types; within one type, the most salient report's sub-type.

    A lynching is Riots/Mob violence in ACLED whatever harm it did: when one
    report names the crowd and the others name no perpetrator, the crowd's
    report gives the type (the others' Attack is only what the headline could say).
    """
    typed = [e for e in members if e.event_type]
    if not typed:
        return members[0]
    mob = next((e for e in typed if e.sub_event_type == "Mob violence"), None)
    if mob is not None and all(e is mob or e.event_type == mob.event_type or _mob_retold(mob, e) for e in typed):
        return mob
    first = min(typed, key=_type_rank)  # min keeps the first (most salient) of equals
    if first.sub_event_type in CLOSE_QUARTER_WEAPONS:
        # Remote violence is one-sided: the weapon takes away the target's means
        # to respond (ACLED's definition). Grenades thrown in a fight the
        # happening's reports call a clash ("with grenades and rifles ...
        # the soldiers fought back") leave it a battle.
        clash = next((e for e in typed if e.event_type == "Battles"), None)
        if clash is not None:
            return clash
    return first


CLOSE_QUARTER_WEAPONS = frozenset({"Grenade"})


def _choose_place(members: list[Event], text: str = "") -> Event | None:
    placed = [e for e in members if e.location is not None]
    if not placed:
        return None
    counts = Counter(e.location for e in placed)

    def incidental(event: Event) -> bool:
        span = _place_span(event)
        return bool(text) and span is not None and incidental_place(text, *span)

    def contradicted(event: Event) -> bool:
        # "the Santa Fe neighborhood of Tijuana" with Santa Fe read as another municipality's: the sentence says Tijuana
        return bool(text) and any(o.location != event.location and o.admin2 != event.admin2 and _names_town(event, o, text) for o in placed)

    def misread(event: Event) -> bool:
        # a neighbourhood's name read in another municipality than the one a report names as itself ("Loma Bonita" vs "Papantla")
        return any(o.admin2 != event.admin2 and o.admin1 == event.admin1 and _names_municipality(o) for o in placed) and not _names_municipality(event)

    return min(placed, key=lambda e: (incidental(e), not _own(e, "location"), contradicted(e), misread(e), e.geo_precision or 9, -counts[e.location], e.location))


def _names_municipality(event: Event) -> bool:
    """Whether the event's place receipt names its municipality ("Papantla", "municipio de Tuxpan"), not only a neighbourhood in it."""
    receipt = next((ev.text for ev in event.evidence if ev.field == "location"), None)
    return names_municipality(receipt, event.admin2)


def names_municipality(phrase: str | None, admin2: str | None) -> bool:
    """Whether a place phrase names the municipality itself: "Papantla", "municipio de Tuxpan", "Chilpancingo" for Chilpancingo de los Bravo."""
    from sucesos.link.reports import fold

    said, municipality = fold(phrase), fold(admin2)
    if not said or not municipality:
        return False
    return municipality in said or municipality.startswith(said.split(", ")[0] + " de ")


def _choose_date(members: list[Event]) -> Event | None:
    dated = [e for e in members if e.event_date is not None]
    if not dated:
        return None
    counts = Counter(e.event_date for e in dated)
    return min(dated, key=lambda e: (not _own(e, "event_date"), e.time_precision or 9, -counts[e.event_date], e.event_date))


def _choose_toll(members: list[Event], field: str) -> Event | None:
    """The figure most reports give; of equals, the most salient report's (the headline's or the lead's total)."""
    known = [e for e in members if getattr(e, field) is not None]
    if not known:
        return None
    counts = Counter(getattr(e, field) for e in known)
    return min(known, key=lambda e: -counts[getattr(e, field)])


def _choose_actor(members: list[Event], field: str) -> Event | None:
    named = [e for e in members if getattr(e, field)]
    if not named:
        return None
    counts = Counter(getattr(e, field) for e in named)
    return min(named, key=lambda e: (not _specific(getattr(e, field)), -counts[getattr(e, field)], getattr(e, field)))


def consolidate(members: list[Event], text: str = "") -> Event:
    """One event from the reports of one happening (members in salience order)."""
    if len(members) == 1:
        return members[0]
    base = members[0]
    chosen: dict[str, Event | None] = {}
    values: dict = {}
    typed = _choose_type(members)
    values.update(event_type=typed.event_type, sub_event_type=typed.sub_event_type)
    chosen.update(dict.fromkeys(TYPE_FIELDS, typed))
    placed = _choose_place(members, text)
    chosen.update(dict.fromkeys(PLACE_FIELDS, placed))
    values.update({f: getattr(placed, f) if placed else None for f in PLACE_FIELDS})
    dated = _choose_date(members)
    chosen.update(dict.fromkeys(DATE_FIELDS, dated))
    values.update({f: getattr(dated, f) if dated else None for f in DATE_FIELDS})
    for field in ("fatalities", "injuries"):
        source = _choose_toll(members, field)
        chosen[field] = source
        values[field] = getattr(source, field) if source else None
    first = typed if typed.sub_event_type == "Mob violence" and typed.actor1 else _choose_actor(members, "actor1")
    chosen.update(dict.fromkeys(ACTOR1_FIELDS, first))
    values.update({f: getattr(first, f) if first else None for f in ACTOR1_FIELDS})
    others = [e for e in members if e.actor2 and e.actor2 != values["actor1"]]
    if typed.sub_event_type == "Mob violence":
        # the crowd's victim is the one its own report names (else ACLED's default, civilians), not the other reports' sides
        others = [typed] if typed.actor2 and typed.actor2 != values["actor1"] else []
    second = _choose_actor(others, "actor2") if others else None
    chosen.update(dict.fromkeys(ACTOR2_FIELDS, second))
    values.update({f: getattr(second, f) if second else None for f in ACTOR2_FIELDS})
    evidence: list[Evidence] = []
    for field, source in chosen.items():
        if source is not None and values.get(field) is not None:
            evidence += [ev for ev in source.evidence if ev.field == field]
    # every report's other receipts (tactics, further figures: the article's range of tolls)
    taken = set(chosen)
    for member in members:
        evidence += [ev for ev in member.evidence if ev.field not in taken or ev.field in ("fatalities", "injuries")]
    evidence = list(dict.fromkeys(evidence))
    tactics = sorted({t for m in members for t in m.tactics})
    known = [m.confidence for m in members if m.confidence is not None]
    modality = "asserted" if any(m.modality == "asserted" for m in members) else base.modality
    # the sentence that tells it first (the headline, when it is one of them): what the linker compares across outlets
    first_told = min((m for m in members if m.sentence is not None), key=_position, default=base)
    return dataclasses.replace(
        base, **values, tactics=tactics, evidence=evidence, modality=modality, confidence=max(known) if known else None, sentence=first_told.sentence,
    )


def _tolls_agree(event: Event, group: list[Event]) -> bool:
    known = [m.fatalities for m in group if m.fatalities]
    if not event.fatalities or not known:
        return False
    low, high = sorted((event.fatalities, max(known)))
    return high <= 1.5 * low


def _anaphoric_forms() -> tuple[frozenset[str], frozenset[str]]:
    """The determiners and event nouns of the lexicon's definite references ("the attack", "dicho enfrentamiento")."""
    phrases = [str(p).lower().split() for lang in (taxonomy.event_types_data().get("modality", {}).get("anaphoric") or {}).values() for p in lang or ()]
    return frozenset(p[0] for p in phrases if len(p) > 1), frozenset(p[-1] for p in phrases if len(p) > 1)


ANAPHORIC_DETERMINERS, ANAPHORIC_NOUNS = _anaphoric_forms()
_WORDS_BEFORE = re.compile(r"([\w-]+)\s+(?:[\w-]+\s+){0,2}$")


def _refers_back(event: Event, text: str) -> bool:
    """Whether the event is told by a definite event noun ("The pre-dawn ambush ...", "el violento ataque"):
    a reference to a happening the article has told, not a new one ("after a gunfight in Badiraguato")."""
    for ev in event.evidence:
        if ev.field != "sub_event_type" or ev.text.lower() not in ANAPHORIC_NOUNS:
            continue
        floor = event.sentence.start if event.sentence is not None else max(0, ev.start - 40)
        window = text[max(floor, ev.start - 40) : ev.start]
        words_before = re.findall(r"[\w-]+", window)[-3:]
        if any(w.lower() in ANAPHORIC_DETERMINERS for w in words_before):
            return True
    return False


# a sentence that opens in a year ("In 2006, a federal judge was shot ...", "En 2015, ..."): the frame of
# all it tells, which ACLED's precisions cannot date (no day, no month) but which says "not the news"
_OPENS_IN_YEAR = re.compile(r"^\W*(?:in|en|during|durante)\s+(?:(?:early|late|mid|principios|finales|mediados)\s+(?:of\s+|de\s+)?)?((?:19|20)\d\d)\b", re.IGNORECASE)


def _recalled_year(event: Event, published_year: int | None) -> bool:
    """Whether the event's sentence opens in a year before publication's: a recalled incident."""
    if published_year is None or event.sentence is None or _own(event, "event_date"):
        return False
    match = _OPENS_IN_YEAR.match(event.sentence.text)
    return match is not None and int(match.group(1)) < published_year


def happenings(events: list[Event], text: str = "", *, published: str | None = None, places=()) -> list[list[Event]]:
    """Events grouped into happenings; each group is compatible in full (every pair).

    The grouping does not depend on sentence order: events are visited in
    an order set by what they say (those that date themselves first, then
    by place precision and toll); an event that does not date itself (a headline, a quote, a toll sentence) then joins
    a compatible happening of the last BACKGROUND_DAYS before publication
    rather than an older one it recalls, the one whose toll it repeats,
    else the one nearest publication, else the largest.
    """
    def content(event: Event) -> tuple:
        # what the sentence says, not where it stands: its own date, whether it refers back to a happening
        # told ("the ambush") rather than brings in one ("a gunfight"), place precision, toll, then its words
        return (
            not _own(event, "event_date"), not _refers_back(event, text), event.geo_precision or 9, -(event.fatalities or 0),
            event.sentence.text if event.sentence else "", event.sub_event_type or "",
        )  # fmt: skip

    ordered = sorted(events, key=content)
    in_course = _in_course(events)
    pub = _day(published)
    published_year = int(published[:4]) if published and published[:4].isdigit() else None
    recalled = frozenset(id(e) for e in events if _recalled_year(e, published_year))
    groups: list[list[Event]] = []

    def preference(event: Event, group: list[Event]) -> tuple:
        days = [_day(m.event_date) for m in group if _own(m, "event_date") and _day(m.event_date) is not None]
        recency = (pub - max(days)) if pub is not None and days else 0
        return (recency > BACKGROUND_DAYS, not _tolls_agree(event, group), not days, abs(recency), -len(group), content(group[0]))

    for event in ordered:
        options = [g for g in groups if all(compatible(m, event, text, places, in_course, recalled) for m in g)]
        if not options:
            groups.append([event])
        elif _own(event, "event_date"):
            options[0].append(event)  # dated events meet in content order: the first that fits
        elif pub is not None and all(preference(event, g)[0] for g in options):
            # only recalled incidents (dated beyond BACKGROUND_DAYS) fit it: an undated headline or lead
            # ("Journalist among 4 killed inside bar") tells the news, not "In June, ... was shot"
            groups.append([event])
        else:
            min(options, key=lambda g: preference(event, g)).append(event)
    salience = {id(e): i for i, e in enumerate(events)}
    return [sorted(group, key=lambda e: salience[id(e)]) for group in groups]


def _headline_end(text: str) -> int:
    cut = text.find("\n")
    return cut if cut > 0 else 0


LEAD_LINES = 3  # the headline and the first two paragraphs


def _lead_end(text: str) -> int:
    """Where the headline and the lead end (the first 600 characters of a text with one line)."""
    end, seen = None, 0
    for match in re.finditer(r"[^\n]*\S[^\n]*", text):
        seen += 1
        end = match.end()
        if seen == LEAD_LINES:
            break
    if seen <= 1:
        return min(len(text), 600)
    return end


def _rank(group: list[Event], merged: Event, text: str, published: str | None, salience: dict[int, int]) -> tuple:
    """The headline's happening first, recalled background incidents last, else the events component's salience."""
    headline = _headline_end(text)
    in_headline = any(_told_in_headline(m, headline) for m in group) if headline else False
    pub = _day(published)
    day = _day(merged.event_date)
    background = pub is not None and day is not None and pub - day > BACKGROUND_DAYS and _own(merged, "event_date")
    return (not in_headline, background, min(salience[id(m)] for m in group))


def _told_in_headline(event: Event, headline_end: int) -> bool:
    """Whether the headline itself tells this event (its type's receipt lies there; a parser's sentence may run past the headline)."""
    typed = [ev for ev in event.evidence if ev.field in TYPE_FIELDS]
    if typed:
        return any(ev.start < headline_end for ev in typed)
    return event.sentence is not None and event.sentence.start < headline_end and event.sentence.end <= headline_end + 2


def _consolidated(events: list[Event], text: str, published: str | None, places=()) -> tuple[list[Event], list[list[Event]]]:
    """Consolidated events, main happening first, and the reports each came from."""
    if not events:
        return [], []
    groups = happenings(list(events), text, published=published, places=places)
    merged = [consolidate(group, text) for group in groups]
    salience = {id(e): i for i, e in enumerate(events)}
    order = sorted(range(len(groups)), key=lambda i: _rank(groups[i], merged[i], text, published, salience))
    return [merged[i] for i in order], [groups[i] for i in order]


def merge_article_events(events: list[Event], text: str, *, published: str | None = None, places=()) -> list[Event]:
    """Events with same-happening reports consolidated; the main happening first."""
    return _consolidated(list(events), text, published, places)[0]


# -- filling the main happening's gaps from the article ---------------------
def _place_candidates(places, text: str, regions: list[tuple[int, int]], event: Event, gazetteer=None, *, same_region: bool = True):
    from sucesos.places.locate import SPECIFICITY, _usable

    found = []
    for place in places:
        if not any(start <= place.start and place.end <= end for start, end in regions):
            continue
        if not _usable(place, gazetteer) or incidental_place(text, place.start, place.end):
            continue
        if place.feature not in ("city", "admin2"):
            continue
        if event.country and place.country and place.country != event.country:
            continue
        if same_region and event.admin1 and place.admin1 and event.admin1 != place.admin1:
            continue
        if _listed_town(text, place, places):
            continue
        found.append((SPECIFICITY[place.feature], place))
    return found


# " y ", " y en ", ", and in " (not a bare comma: "Santa Fe, Tijuana" is one place in another)
_LIST_JOINT = re.compile(r"^\s*,?\s*(?:y|e|and|or|o)\s+(?:en\s+|in\s+)?$", re.IGNORECASE)


def _listed_town(text: str, place, places) -> bool:
    """A town in a list of towns ("en San José de Gracia y en Zinapécuaro"): the sentence tells several places, not this happening's."""
    for other in places:
        if other is place or other.feature not in ("city", "admin2") or other.name == place.name:
            continue
        start, end = (place.end, other.start) if place.end <= other.start else (other.end, place.start)
        if 0 <= end - start <= 8 and _LIST_JOINT.match(text[start:end]):
            return True
    return False


def fill_main_from_article(
    event: Event, places, dates, text: str, published: str | None, gazetteer=None, *, members: list[Event] = (), focus_admin1: str | None = None,
    reported_on: Callable[[int, int], bool] | None = None,
    aside: Callable[[int, int], bool] | None = None,
) -> Event:
    """The main happening's missing town and date, from the article's headline and lead, and its dates.

    Town: a happening known only to its state or country (or only to a
    dateline or a reference point) takes the most specific place named in
    the headline, the first paragraph or its own sentences (those of
    `members`, the reports it was consolidated from) that lies in that
    state/country. A town in a state the article never names, while it
    names others (its focus, "Michoacán", "Camargo, Tamaulipas"), was read
    as a namesake: it takes the most specific place of the headline, lead
    or its own sentences in a named state (else that state). One whose sentences name no place at
    all (its place borrowed from a neighbouring sentence, which depends on
    their order) takes the town the article names most often. Date: an undated main happening takes the most
    precise date the article gives within FALLBACK_DATE_DAYS before
    publication (a dateline's date is publication, not the event: see
    sucesos.dates). A day-precise date that dates the telling ("said
    Monday": `reported_on(start, end)`) gives way to a day one or two before
    it that the headline, lead or its own sentences give for the happening.
    A date that dates a participant's story or the telling (`aside(start, end)`:
    "who interrupted a session Tuesday to break the news", "los estudiantes
    desaparecidos hace una semana") serves only when no other does, at
    precision 2 (on or before that day), as a told date does.
    """
    changes: dict = {}
    evidence = list(event.evidence)
    span = _place_span(event)
    sentences = [m.sentence for m in members if m.sentence is not None]
    borrowed = event.location is not None and not any(_own(m, "location") for m in (members or [event]))
    states = named_states(places, focus_admin1)
    repaired = event.latitude is None and event.admin2 is None and event.geo_precision is not None  # what `namesake_to_state` leaves
    namesake = _town_level(event) and event.admin1 and ((states and event.admin1 not in states) or repaired)
    if places and namesake:
        # A town in a state the article never names, while it names others ("Las Tinajas" read as the
        # Guerrero one in a story about Michoacán): the most specific place of the headline, the lead
        # or its own sentences in a state the article does name, if there is one.
        regions = [(0, _lead_end(text))] + [(s.start, s.end) for s in sentences]
        candidates = [item for item in _place_candidates(places, text, regions, event, gazetteer, same_region=False) if item[1].admin1 in (states or {event.admin1})]
        if candidates:
            counts = Counter(p.name for _rank, p in candidates)
            _rank_value, place = min(candidates, key=lambda item: (item[1].admin1 != focus_admin1, item[0], -counts[item[1].name], item[1].name or "", item[1].start))
            event = _placed(event, place, text, places)
        else:  # no town of those states told with it: the town's name, in the named state
            event = namesake_to_state(event, places, text, focus_admin1)
        evidence = list(event.evidence)
        span = _place_span(event)
    lead_town = _lead_municipality(event, places, text) if places and not namesake else None
    if lead_town is not None:
        event = _placed(event, lead_town, text, places)
        evidence = list(event.evidence)
        span = _place_span(event)
    if places and (borrowed or not _town_level(event) or (span is not None and incidental_place(text, *span))):
        headline = _headline_end(text)
        if borrowed:
            # None of its own sentences names a place, and which one it borrowed depends on sentence
            # order: the town the article names most often (then in its headline, then the most specific)
            candidates = _place_candidates(places, text, [(0, len(text))], event, gazetteer, same_region=False)
            counts = Counter(p.name for _rank, p in candidates)
            key = lambda item: (-counts[item[1].name], not item[1].start < headline, item[0], item[1].name or "", item[1].start)  # noqa: E731
        else:
            regions = [(0, _lead_end(text))] + [(s.start, s.end) for s in sentences]
            candidates = _place_candidates(places, text, regions, event, gazetteer)
            counts = Counter(p.name for _rank, p in candidates)

            def own(place) -> bool:  # a town its own sentences name before one the lead names for another incident
                return any(s.start <= place.start and place.end <= s.end for s in sentences)

            key = lambda item: (not own(item[1]), item[0], -counts[item[1].name], item[1].name or "", item[1].start)  # noqa: E731
        if candidates:
            _rank_value, place = min(candidates, key=key)
            from sucesos.places.locate import geo_precision

            changes.update(
                location=place.name, latitude=place.latitude, longitude=place.longitude, geo_precision=geo_precision(place, text, places),
                country=place.country, iso3=place.iso3, admin1=place.admin1, admin2=place.admin2,
            )  # fmt: skip
            evidence = [e for e in evidence if e.field not in PLACE_FIELDS]
            evidence += [Evidence(field=name, start=place.start, end=place.end, text=place.text) for name in PLACE_FIELDS if changes.get(name) is not None]
            if states and place.admin1 and place.admin1 not in states:
                # that town, too, read as a namesake in a state the article never names ("Lomas de Chapultepec"
                # as Acapulco's in a story about Mexico City): its name, in the named state
                repaired_event = namesake_to_state(dataclasses.replace(event, **changes, evidence=evidence), places, text, focus_admin1)
                changes.update({name: getattr(repaired_event, name) for name in PLACE_FIELDS})
                evidence = list(repaired_event.evidence)
        elif span is not None and incidental_place(text, *span) and _town_level(event):
            # only a dateline or a reference point: the country is all the article says (missing is null)
            changes.update(location=event.country, latitude=None, longitude=None, geo_precision=3, admin1=None, admin2=None)
            evidence = [e for e in evidence if e.field not in PLACE_FIELDS or e.field in ("country", "iso3")]
    pub = _day(published)
    said = _date_span(event)
    if said is not None and reported_on is not None and (_told(event) or (event.time_precision == 1 and reported_on(*said))) and dates:
        # "prosecutors said Monday", "informó la madrugada de este lunes": when it was told, not when it
        # happened; the day a sentence of the headline, lead or its own gives a day or two before, if any
        regions = [(0, _lead_end(text))] + [(s.start, s.end) for s in sentences]
        day = _day(event.event_date)
        earlier = [
            d for d in dates
            if d.value and d.precision == 1 and _day(d.value) is not None and 1 <= day - _day(d.value) <= 2
            and any(a <= d.start and d.end <= b for a, b in regions) and not reported_on(d.start, d.end)
        ]  # fmt: skip
        if earlier:
            date = max(earlier, key=lambda d: (d.value, -d.start))
            changes.update(event_date=date.value, time_precision=date.precision, date_phrase=date.text)
            evidence = [e for e in evidence if e.field not in ("event_date", "time_precision")]
            evidence += [Evidence(field=name, start=date.start, end=date.end, text=date.text) for name in ("event_date", "time_precision")]
        else:
            # "el fiscal informó este miércoles que ... serían los responsables del asesinato", "tributes were
            # paid on Saturday for a journalist killed ...": the day it was told; the happening was on or
            # before it, on a day the article does not give. ACLED's time precision 2 (within the week)
            # says so, and lets reports that do give the day link to it.
            changes.update(time_precision=2)
            evidence = _told_receipt(evidence)
    if event.event_date is None and pub is not None and dates:
        usable = [d for d in dates if d.value and d.precision in (1, 2) and _day(d.value) is not None and 0 <= pub - _day(d.value) <= FALLBACK_DATE_DAYS]
        if usable:
            counts = Counter(d.value for d in usable)
            told = lambda d: (reported_on is not None and reported_on(d.start, d.end)) or (aside is not None and aside(d.start, d.end))  # noqa: E731
            # a day that dates the happening before one that dates its telling ("condemned ... on Wednesday")
            date = min(usable, key=lambda d: (told(d), d.precision, -counts[d.value], pub - _day(d.value), d.value))
            precision = 2 if told(date) else date.precision
            changes.update(event_date=date.value, time_precision=precision, date_phrase=date.text)
            evidence += [Evidence(field="event_date", start=date.start, end=date.end, text=date.text)]
            evidence += [Evidence(field="time_precision", start=date.start, end=date.end, text=date.text, rule=TOLD_ON_RULE if told(date) else None)]
    if not changes:
        return event
    return dataclasses.replace(event, **changes, evidence=evidence)


def _lead_municipality(event: Event, places, text: str):
    """The municipality the headline and lead name, for a main happening placed only by a neighbourhood read in another one.

    A colonia's or locality's name alone does not say which municipality it
    is in (there is a "Santa Fe" and a "Cerro Alto" in many): when the
    happening's place is such a name, its municipality is not named in the
    headline or lead, and they name one other municipality of its state
    ("Asesinan a una periodista en Santa Fe, Tijuana", "asesinadas en
    Cosoleacaque"), the happening is in that one. A town named as itself
    (its name is its municipality's) keeps its place.
    """
    if not _town_level(event) or not event.admin2 or not event.admin1:
        return None
    receipt = next((ev.text for ev in event.evidence if ev.field == "location"), None) or event.location
    if names_municipality(receipt, event.admin2):
        return None  # the town named as itself ("Minatitlán", "municipio de Minatitlán")
    lead = _lead_end(text)
    named = [
        p for p in places
        if p.end <= lead and p.feature in ("city", "admin2") and p.admin2 and p.admin1 == event.admin1
        and names_municipality(p.text, p.admin2) and not incidental_place(text, p.start, p.end)
    ]  # fmt: skip
    if any(p.admin2 == event.admin2 for p in named) or len({p.admin2 for p in named}) != 1:
        return None  # its own municipality is named there, or none or several others are
    return min(named, key=lambda p: p.start)


def named_states(places, focus_admin1: str | None = None) -> set[str]:
    """The states an article names: its focus, states named as such (a city that is its own state, as
    "Mexico City", names it too), and the state of "Town, State"."""
    from sucesos.link.reports import fold

    states = {focus_admin1} if focus_admin1 else set()
    for place in places:
        if not place.admin1:
            continue
        if _names_state(place):
            states.add(place.admin1)
        elif place.feature in ("city", "admin2") and "," in (place.text or ""):
            head = (fold(place.admin1) or "").split()[0] if place.admin1 else ""
            if head and head in (fold(place.text.split(",", 1)[1]) or ""):
                states.add(place.admin1)
    return states


def _names_state(place) -> bool:
    """A state named as such, or a city that is a state of its own ("Mexico City": no municipality above it)."""
    from sucesos.places.locate import spans_municipalities

    return place.feature == "admin1" or spans_municipalities(place)


def namesake_to_state(event: Event, places, text: str, focus_admin1: str | None = None) -> Event:
    """A town in a state the article never names, while it names others, was read as a namesake.

    "Las Tinajas" resolved to the Guerrero one in a story about Michoacán, "Lomas de Chapultepec" to
    Acapulco's in one about Mexico City: the town's name stands (it is what the article says, and
    it still tells two towns apart), its state becomes the named one (the focus first), and what
    only the namesake gave (municipality, coordinates) is dropped: missing is null. The main event
    may still find its municipality in the lead (`fill_main_from_article`).
    """
    if not places or not _town_level(event) or not event.admin1:
        return event
    states = named_states(places, focus_admin1)
    if not states or event.admin1 in states:
        return event
    named = [p for p in places if _names_state(p) and p.admin1 in states and p.latitude is not None and not incidental_place(text, p.start, p.end)]
    if not named:
        return event
    state = min(named, key=lambda p: (p.admin1 != focus_admin1, p.start))
    evidence = [e for e in event.evidence if e.field not in ("admin1", "admin2", "latitude", "longitude", "geo_precision")]
    evidence += [Evidence(field=name, start=state.start, end=state.end, text=state.text) for name in ("admin1",)]
    return dataclasses.replace(
        event, admin1=state.admin1, admin2=None, country=state.country or event.country, iso3=state.iso3 or event.iso3,
        latitude=None, longitude=None, geo_precision=event.geo_precision or 1, evidence=evidence,
    )  # fmt: skip


def _elsewhere(event: Event, main: Event) -> bool:
    """Whether the event is placed in another state, or another municipality, than the main one."""
    if event.admin1 and main.admin1 and event.admin1 != main.admin1:
        return True
    return bool(event.admin2 and main.admin2 and event.admin2 != main.admin2)


def _date_span(event: Event) -> tuple[int, int] | None:
    spans = [ev for ev in event.evidence if ev.field == "event_date"]
    return (spans[0].start, spans[0].end) if spans else None


TOLD_ON_RULE = "ACLED time precision 2: the date is when it was told (or reacted to); the happening was on or before it"


def told_on(doc, start: int, end: int, speech_verbs: frozenset[str]) -> bool:
    """Whether the date phrase at [start, end) modifies a verb of saying ("said Monday", "informó este lunes")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span.root
    for _step in range(4):
        if token.head is token:
            return False
        token = token.head
        if token.pos_ == "NOUN" and _happening_noun(token):
            return False  # "condemned the Tuesday night killings": the date is the killings'
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_.lower() in speech_verbs
    return False


def _happening_noun(token) -> bool:
    from sucesos.events.aggregates import event_words
    from sucesos.events.lexicon import fold

    nouns = event_words(token.doc.lang_, "incident_nouns")  # empty for a language without the list
    return fold(token.lemma_ or token.text) in nouns or fold(token.text) in nouns


def _told_receipt(evidence: list[Evidence]) -> list[Evidence]:
    """The evidence with its time precision's receipt marked TOLD_ON_RULE (precision 2: told that day)."""
    receipt = next((e for e in evidence if e.field == "time_precision"), None)
    kept = [e for e in evidence if e.field != "time_precision"]
    if receipt is not None:
        kept.append(Evidence(field="time_precision", start=receipt.start, end=receipt.end, text=receipt.text, rule=TOLD_ON_RULE))
    return kept


def mark_told_dates(events: list[Event], doc, resources, lang: str | None) -> list[Event]:
    """Events whose own day is the day it was told ("said Monday", "informó el 14 de julio que ...") get ACLED's time precision 2.

    The happening was on or before that day: the event keeps the date with
    `TOLD_ON_RULE` on its precision's receipt, so coreference does not take
    the telling's day for a second happening (`_dates_conflict`).
    """
    if doc is None:
        return events
    marked = []
    for event in events:
        said = _date_span(event)
        if said is not None and event.time_precision == 1 and _own(event, "event_date"):
            speech = _speech_verbs(resources, lang, reactions=FAMILY.get(event.event_type or "") != "unrest")
            if speech and told_on(doc, *said, speech) and any(e.field == "time_precision" for e in event.evidence):
                event = dataclasses.replace(event, time_precision=2, evidence=_told_receipt(event.evidence))
        marked.append(event)
    return marked


def _speech_verbs(resources, lang: str | None, *, reactions: bool = True) -> frozenset[str]:
    if resources is None or lang is None:
        return frozenset()
    from sucesos.claims.cues import load_cues

    cues = resources.cached("claims.cues", load_cues).get(lang)
    speech = cues.speech_verbs if cues is not None else frozenset()
    if not reactions:
        return speech
    # reactions date themselves, not the happening they answer: "condenó el martes", "mourned on Saturday"
    from sucesos.events.aggregates import event_words

    return speech | event_words(lang, "reaction_verbs")


def _placed(event: Event, place, text: str, places) -> Event:
    from sucesos.places.locate import geo_precision

    changes = dict(
        location=place.name, latitude=place.latitude, longitude=place.longitude, geo_precision=geo_precision(place, text, places),
        country=place.country, iso3=place.iso3, admin1=place.admin1, admin2=place.admin2,
    )  # fmt: skip
    evidence = [e for e in event.evidence if e.field not in PLACE_FIELDS]
    evidence += [Evidence(field=name, start=place.start, end=place.end, text=place.text) for name in PLACE_FIELDS if changes.get(name) is not None]
    return dataclasses.replace(event, **changes, evidence=evidence)


@component("merge_coreferent", requires=("doc", "events", "places", "dates"), assigns=("events",), reads=("focus",))
def merge_coreferent(analysis, resources) -> dict:
    published = analysis.article.published if analysis.article is not None else None
    text = analysis.text
    focus_admin1 = (analysis.get("focus") or {}).get("admin1")
    raw = [namesake_to_state(e, analysis["places"], text, focus_admin1) for e in analysis["events"]]
    raw = mark_told_dates(raw, analysis.get("doc"), resources, analysis.get("lang"))
    events, groups = _consolidated(raw, text, published, analysis["places"])
    if events and events[0].modality in HAPPENED:
        gazetteer = getattr(resources, "gazetteer", None)
        focus = analysis.get("focus") or {}
        # a protest is itself the reaction: "marcharon este lunes para exigir ..." dates the march
        speech = _speech_verbs(resources, analysis.get("lang"), reactions=FAMILY.get(events[0].event_type or "") != "unrest")
        doc = analysis.get("doc")
        reported_on = (lambda start, end: told_on(doc, start, end, speech)) if doc is not None and speech else None
        aside = None
        if doc is not None:
            from sucesos.places.locate import aside_from_event, event_anchors

            anchors = frozenset().union(*(event_anchors(doc, e) for e in raw))
            aside = lambda start, end: aside_from_event(doc, start, end, anchors)  # noqa: E731
        # a day another happening of the article, elsewhere, is dated by ("el 2 de marzo fue asesinado Cecilio Pineda en
        # Guerrero") is not the main one's, though a sentence after it borrowed it ("Tres periodistas asesinados en tres
        # semanas."); one in the main's own town may be its telling kept apart (a video of "el enfrentamiento del 3 de julio")
        others = {
            (ev.start, ev.end) for event in events[1:] if _own(event, "event_date") and _elsewhere(event, events[0])
            for ev in event.evidence if ev.field == "event_date"
        }  # fmt: skip
        dates = [d for d in analysis["dates"] if (d.start, d.end) not in others]
        if _date_span(events[0]) in others and not _own(events[0], "event_date"):
            events[0] = dataclasses.replace(
                events[0], event_date=None, time_precision=None, date_phrase=None, evidence=[ev for ev in events[0].evidence if ev.field not in DATE_FIELDS],
            )
        events[0] = fill_main_from_article(
            events[0], analysis["places"], dates, text, published, gazetteer, members=groups[0], focus_admin1=focus.get("admin1"),
            reported_on=reported_on, aside=aside,
        )
    return {"events": events}
