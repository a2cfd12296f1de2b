"""Where and when each event happened, the way ACLED codes it.

Place: the most specific resolved place in the event's sentence. When the
sentence names no place, or only a country, the nearest more specific place
before it in the same paragraph is taken ("last week's case in
Tepalcatepec, Michoacan. Mexico's military had to disarm 12 landmines ...");
failing that, the nearest place before it in the article, then the first
after it. A sentence naming only a state (or Mexico City, a city of several
municipalities) takes a town (an alcaldía) of it named before it in its
paragraph, and a headline naming only a state the town of it the article
names most often (ACLED: the most specific place the report gives). A place
named as a person's origin or home ("un vecino de Neza fue baleado en
Tepito") gives way to another place of the sentence, and so does a landmark
named to find the place by ("in Miguel Aleman, across from Roma, Texas").

geo_precision (ACLED): 1 a town is named; 2 near a town ("near", "outskirts
of", "cerca de", "afueras de"), a locality the gazetteer lacks placed in a
town ("El Aguaje, en Aguililla": Aguililla's point), or a part of a region
(a municipality/admin2, a named area inside one state such as Tierra
Caliente); 3 only a first-level region, a country or a region larger than
a state is known (the Bajío, Kurdistan, Southern Europe: feature "other"
with no admin1).
A continent is never an event's place.

Region-only convention (precision 3): ACLED codes an event known only to
its province to the provincial capital. cities500 carries no capital flag,
so sucesos uses the region's most populous place as the capital proxy
(Morelia for Michoacán; it differs from the capital in a few states, e.g.
Tijuana for Baja California), and a country's own capital for country-only
events. `location` stays the region's name, so no one reads a town
precision into it; `latitude`/`longitude` are the capital proxy's.

Date: the most precise resolved date in the sentence, else the nearest one
before it in the same paragraph; dates after publication (plans, threats)
are never an event's date. time_precision is the date's ACLED precision.
Each value set here gets an Evidence entry with the span it came from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from sucesos.model import DateMention, Event, Evidence, Place
from sucesos.words import words

SPECIFICITY = {"city": 0, "admin2": 1, "other": 2, "admin1": 3, "country": 4}  # "other": a region
PLACE_FIELDS = ("location", "latitude", "longitude", "geo_precision", "country", "iso3", "admin1", "admin2")
DATE_FIELDS = ("event_date", "time_precision")

_NEAR = re.compile(
    r"(?:\bnear|\bnearby|\boutside(?: of)?|\boutskirts of|\bsurroundings of|\bclose to|\bcerca de|\bafueras de|\bperiferia de|\balrededores de|\binmediaciones de|\bpróximo a|\bproximo a|\ba las afueras de)\s+(?:the\s+|la\s+|el\s+)?(?:(?:town|city|village|municipality|community|poblado|municipio|ciudad|comunidad|localidad)\s+(?:of\s+|de\s+)?)?$",
    re.IGNORECASE,
)


# a place named as someone's origin or home ("originario de", "un vecino de", "a native of"); not
# residents as a group ("vecinos de la colonia ... lincharon"), who mostly act where they live
_ORIGIN = re.compile(
    r"\b(?:originari[oa]s?|oriund[oa]s?|vecin[oa]|habitante|residente|procedentes?|provenientes?|nativ[oa]s?|natural(?:es)?"
    r"|a native|natives|a resident)\s+(?:de(?:l)?|of)\s+(?:la\s+|el\s+|los\s+|las\s+|the\s+)?"
    r"(?:(?:colonia|municipio|alcaldía|ciudad|comunidad|poblado|town|city|village)\s+(?:de\s+|of\s+)?)?$",
    re.IGNORECASE,
)


# a place named as a landmark to find another by ("in Miguel Aleman, across from Roma, Texas",
# "frente a McAllen", "al otro lado de la frontera con Eagle Pass"): the event is at the other
_REFERENCE = re.compile(
    r"\b(?:across\s+(?:the\s+(?:border|river)\s+)?from|opposite|frente\s+a|enfrente\s+de|al\s+otro\s+lado\s+de(?:\s+la\s+frontera\s+con)?"
    r"|across\s+the\s+border\s+from|colindante\s+con|vecin[oa]\s+de"
    # "en el municipio de Tonalá, en la zona metropolitana de Guadalajara": the metropolis holds the town
    r"|(?:zona|área|area)\s+metropolitana\s+de|metropolitan\s+area\s+of|conurbad[oa]\s+(?:a|con))\s+(?:the\s+|la\s+|el\s+)?"
    r"(?:(?:town|city|ciudad)\s+(?:of\s+|de\s+)?)?$",
    re.IGNORECASE,
)


# a place that names a border ("a city along the Texas border", "the U.S.-Mexico border", "la frontera con
# Texas"): the border is a landmark to find the place by; what happens there is on either side of it
_BORDER_AFTER = re.compile(r"(?:\s*-\s*[A-Z][\w.]*)?\s+(?i:border)\b")
_BORDER_BEFORE = re.compile(r"\b(?:border\s+with|borders|bordering|frontera\s+con|fronteriz[oa]s?\s+con|lim[ií]trofes?\s+con)\s+(?:the\s+)?$", re.IGNORECASE)


def names_border(text: str, start: int, end: int) -> bool:
    """Whether the place at [start, end) is named as one side of a border."""
    return bool(_BORDER_AFTER.match(text, end)) or bool(_BORDER_BEFORE.search(text[max(0, start - 30) : start]))


# A date or place that a clause describing a participant governs ("los estudiantes desaparecidos hace una
# semana", "students who clashed with police a week ago"), or the place a participant came from ("los
# soldados traían de Badiraguato a un herido ... cuando fueron atacados", "they were from Mexico City"),
# tells that participant's story, not when and where the event happened.
# Relative clauses only, and the participles of a participant's state: a parser hangs a sentence's
# trailing "on Friday in Nuevo Laredo" on a reduced relative ("members dressed in military gear") or
# "en el sector norte de Culiacán" on "grupo armado" as readily as on the verb that tells the event.
MODIFIER_CLAUSES = frozenset({"relcl", "acl:relcl"})
PARTICIPANT_STATES = frozenset(words("places", "any", "participant_states"))
ORIGIN_VERBS = frozenset(words("places", "any", "origin_verbs"))
SOURCE_PREPOSITIONS = frozenset(words("places", "any", "source_prepositions"))


def event_anchors(doc, event: Event) -> frozenset[int]:
    """Token indices of the event's trigger receipts (its type's evidence)."""
    anchors = set()
    for ev in event.evidence:
        if ev.field in ("event_type", "sub_event_type"):
            span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            anchors.update(t.i for t in span or ())
    return frozenset(anchors)


def aside_from_event(doc, start: int, end: int, anchors: frozenset[int]) -> bool:
    """Whether the mention at [start, end) dates or places a participant rather than the event (see above)."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None and anchors else None
    if span is None or not len(span):
        return False
    token = span.root
    if _came_from(token):
        return True
    current = token
    for _ in range(16):
        if current.i in anchors:
            return False
        clause = current.dep_ in MODIFIER_CLAUSES or (current.dep_ in ("amod", "acl") and current.lower_ in PARTICIPANT_STATES)
        if clause and current.pos_ in ("VERB", "ADJ", "AUX") and current is not token:
            # the clause describes its noun; it tells the event when that noun is the trigger ("the attack carried
            # out on Monday") or the clause holds a trigger ("a man killed on Monday")
            return current.head.i not in anchors and not any(t.i in anchors for t in current.subtree)
        if current.head is current:
            return False
        current = current.head
    return False


def _came_from(token) -> bool:
    """A place that is the source of a coming or bringing ("traían de Badiraguato", "were from Mexico City")."""
    preposition = None
    if token.dep_ == "pobj":  # English: the preposition heads the place
        preposition = token.head
        while preposition.dep_ == "conj" and preposition.head is not preposition:
            preposition = preposition.head  # "from a university and from Mexico City"
        verb = preposition.head
    else:  # Spanish: the preposition is the place's case marker
        preposition = next((c for c in token.children if c.dep_ == "case"), None)
        verb = token.head
    if preposition is None or preposition.lower_ not in SOURCE_PREPOSITIONS:
        return False
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in ORIGIN_VERBS


def _usable(place: Place, gazetteer=None) -> bool:
    if place.latitude is None or place.feature not in SPECIFICITY:
        return False
    if gazetteer is None:
        return True
    if place.feature == "other" and any(c.feature == "continent" for c in gazetteer.lookup(place.name or "")):
        return False  # "Africa", "the Middle East": too vague for an event's place
    # a demonym ("Mexican troops") says who, not where
    return not is_demonym(place, gazetteer)


def is_demonym(place: Place, gazetteer) -> bool:
    from sucesos.places.gazetteer import name_key

    return (
        place.feature in ("country", "other")
        and name_key(place.text) != name_key(place.name or "")
        and gazetteer.demonym_country(place.text) is not None
    )


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def choose_place(sentence_start: int, sentence_end: int, places: list[Place], text: str, gazetteer=None, aside=None) -> Place | None:
    """The place an event sentence ties the event to (see the module docstring).

    `aside(start, end)`: whether a mention places a participant, not the event (`aside_from_event`)."""
    usable = [p for p in places if _usable(p, gazetteer) and not (aside is not None and aside(p.start, p.end))]
    inside = [p for p in usable if sentence_start <= p.start < sentence_end]
    # "un vecino de Neza fue baleado en Tepito": where a person comes from is not where it happened
    inside = [p for p in inside if not _ORIGIN.search(text[max(sentence_start, p.start - 30) : p.start])] or inside
    # "in Miguel Aleman, across from Roma, Texas": a landmark named to find the place by is not it
    inside = [p for p in inside if not _landmark(p, text, sentence_start)] or inside
    best = min(inside, key=lambda p: (SPECIFICITY[p.feature], p.start)) if inside else None
    if best is not None and (best.feature == "admin1" or spans_municipalities(best)):
        # only the state ("multihomicidio de estudiantes, en Morelos"), or a city of several
        # municipalities (Mexico City and its alcaldías): ACLED places an event at the most
        # specific place the report gives for it, so a town (an alcaldía) of it the article names
        return _town_in_region(best, usable, text, sentence_start) or best
    if best is not None and SPECIFICITY[best.feature] < SPECIFICITY["country"]:
        return best
    paragraph = _paragraph_start(text, sentence_start)
    before = [p for p in usable if paragraph <= p.start < sentence_start and SPECIFICITY[p.feature] < SPECIFICITY["country"]]
    before = [p for p in before if not _landmark(p, text, paragraph)] or before
    if best is not None:  # only a country in the sentence: a place in that country, if the paragraph has one
        before = [p for p in before if p.country == best.country]
    if before:
        return _most_specific_of_group(sorted(before, key=lambda p: p.start), text)
    if best is not None:
        return best
    earlier = [p for p in usable if p.start < sentence_start]
    if earlier:
        return max(earlier, key=lambda p: (p.start, -SPECIFICITY[p.feature]))
    later = [p for p in usable if p.start >= sentence_end]
    return min(later, key=lambda p: p.start) if later else None


def _landmark(place: Place, text: str, floor: int) -> bool:
    """A place named to find the event's place by (across from it, a border, the metropolis around it), not where it was."""
    return bool(_REFERENCE.search(text[max(floor, place.start - 40) : place.start])) or names_border(text, place.start, place.end)


def spans_municipalities(place) -> bool:
    """A city the gazetteer places in a state but in no one municipality of it:
    a state of its own (Mexico City, sixteen alcaldías and no municipality above them)."""
    return place.feature == "city" and place.admin1 is not None and place.admin2 is None


# a place of such a city lies within its area: Mexico City's alcaldías lie within 30 km of
# its point (Milpa Alta's, the farthest, 28 km); a town of its province farther off is no part of it
CITY_PART_KM = 30


def _part_of(place: Place, city: Place) -> bool:
    if place.latitude is None or city.latitude is None:
        return False
    from sucesos.places.resolve import _km

    return _km(place.latitude, place.longitude, city.latitude, city.longitude) <= CITY_PART_KM


def _town_in_region(region: Place, usable: list[Place], text: str, sentence_start: int) -> Place | None:
    """A town or municipality of `region` that the article names for the event: the nearest one
    before the sentence in its paragraph; for a headline (which names the state and leaves the
    town to the body), the one the article names most often (then the first). A body sentence
    naming only the state with no town before it in its paragraph is another incident's telling
    ("In January, the cartel bombed a camp in Michoacán"): it keeps the state."""
    towns = [
        p for p in usable
        if p.feature in ("city", "admin2") and p.admin1 == region.admin1 and p.country == region.country and not spans_municipalities(p)
        and (region.feature == "admin1" or _part_of(p, region))
    ]
    if not towns:
        return None
    paragraph = _paragraph_start(text, sentence_start)
    before = [p for p in towns if paragraph <= p.start < sentence_start]
    if before:
        return _most_specific_of_group(sorted(before, key=lambda p: p.start), text)
    # the headline only: a lead naming only the state was tried (take the town the article names
    # most often); measured, it cost real-reports-heldout admin1 0.833 -> 0.778 (stop 32), not kept
    headline_end = text.find("\n")
    if not 0 <= sentence_start < headline_end:
        return None
    counts: dict[str, int] = {}
    for p in towns:
        counts[p.admin2 or p.name or ""] = counts.get(p.admin2 or p.name or "", 0) + 1
    return min(towns, key=lambda p: (-counts[p.admin2 or p.name or ""], SPECIFICITY[p.feature], p.start))


def _most_specific_of_group(ordered: list[Place], text: str) -> Place:
    """The last place, or the town it qualifies: "Tepalcatepec, Michoacan" -> Tepalcatepec."""
    chosen = ordered[-1]
    for previous in reversed(ordered[:-1]):
        gap = text[previous.end : chosen.start]
        if len(gap) <= 3 and gap.strip() in (",", "(", "") and SPECIFICITY[previous.feature] < SPECIFICITY[chosen.feature]:
            chosen = previous
        else:
            break
    return chosen


_IN_GAP = re.compile(r"^\s*(?:,|\(|,?\s*(?:in|en|near|cerca de|municipio de|municipality of))\s*$", re.IGNORECASE)


def geo_precision(place: Place, text: str, places: list[Place] = ()) -> int:
    if place.feature == "city":
        if _NEAR.search(text[max(0, place.start - 40) : place.start]):
            return 2
        # "El Aguaje, en Aguililla": a locality the gazetteer lacks, inside the town's area
        for other in places:
            if other.latitude is None and other.end <= place.start and _IN_GAP.match(text[other.end : place.start]):
                return 2
        return 1
    if place.feature == "admin2" or (place.feature == "other" and place.admin1 is not None):
        return 2  # a part of a state: a municipality, a named area inside one state
    return 3  # a state, a country, a region spanning states or countries


# "Three journalists killed in Mexico so far this month", "en lo que va del año": the period a count runs
# over, not the day of any one killing
_SCOPE_BEFORE = re.compile(r"\b(?:so\s+far|thus\s+far|en\s+lo\s+que\s+va\s+de(?:l)?|lo\s+que\s+va\s+de(?:l)?)\s*$", re.IGNORECASE)


def choose_date(sentence_start: int, sentence_end: int, dates: list[DateMention], text: str, published: str | None, aside=None) -> DateMention | None:
    pub = _pub(published)
    usable = [d for d in dates if d.value is not None and d.precision is not None and (pub is None or dt.date.fromisoformat(d.value) <= pub)]
    inside = [
        d for d in usable
        if sentence_start <= d.start < sentence_end and not (aside is not None and aside(d.start, d.end)) and not _SCOPE_BEFORE.search(text[max(0, d.start - 20) : d.start])
    ]  # fmt: skip
    if inside:
        return min(inside, key=lambda d: (d.precision, d.start))
    paragraph = _paragraph_start(text, sentence_start)
    before = [d for d in usable if paragraph <= d.start < sentence_start]
    return max(before, key=lambda d: d.start) if before else None


def _pub(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _region_point(place: Place, gazetteer) -> tuple[float | None, float | None]:
    """ACLED's point for a region-only event: the capital (proxy) of the region or country."""
    if place.feature == "country":
        for candidate in gazetteer.lookup(place.name or ""):
            if candidate.feature == "country" and candidate.country == place.country:
                capital = gazetteer.country_capital(candidate.country_code)
                if capital is not None:
                    return capital.latitude, capital.longitude
        return place.latitude, place.longitude
    if place.feature == "admin1":
        for candidate in gazetteer.lookup(place.name or ""):
            if candidate.feature == "admin1" and candidate.geonameid == place.geonameid and candidate.country == place.country:
                seat = gazetteer.seat(candidate.index)
                if seat is not None:
                    return round(seat.latitude, 5), round(seat.longitude, 5)
    return place.latitude, place.longitude


def locate(
    events: list[Event],
    places: list[Place],
    dates: list[DateMention],
    text: str,
    gazetteer,
    *,
    published: str | None,
    mentions=(),
    doc=None,
) -> list[Event]:
    """New Event objects with place and date fields filled; inputs are not changed.

    With the article's parse (`doc`), a date or place that a participant's
    description governs, or a participant's origin, does not date or place
    the event (`aside_from_event`).

    A place inside an actor's name ("Winnipeg Police Service", "Cártel de
    Jalisco") names who acted, not where: it is not an event's place.
    """
    from sucesos.nlp.intervals import contains_longer

    inside_a_longer_mention = contains_longer([(m.start, m.end) for m in mentions])  # sorted once, not a scan per place
    places = [p for p in places if not inside_a_longer_mention(p.start, p.end)]
    # Judged once per article, not once per event (a gazetteer look-up each:
    # quadratic on long articles); choose_place then only compares offsets.
    usable = [p for p in places if _usable(p, gazetteer)]
    located = []
    for event in events:
        if event.sentence is None:
            located.append(dataclasses.replace(event, tactics=list(event.tactics), evidence=list(event.evidence)))
            continue
        start, end = event.sentence.start, event.sentence.end
        changes: dict = {}
        evidence = list(event.evidence)
        anchors = event_anchors(doc, event) if doc is not None else frozenset()
        aside = (lambda a, b, anchors=anchors: aside_from_event(doc, a, b, anchors)) if anchors else None
        place = choose_place(start, end, usable, text, aside=aside)
        if place is not None:
            precision = geo_precision(place, text, places)
            latitude, longitude = (place.latitude, place.longitude) if precision < 3 else _region_point(place, gazetteer)
            changes.update(
                location=place.name,
                latitude=latitude,
                longitude=longitude,
                geo_precision=precision,
                country=place.country,
                iso3=place.iso3,
                admin1=place.admin1,
                admin2=place.admin2 if place.feature in ("city", "admin2") else None,
            )
            evidence = [e for e in evidence if e.field not in PLACE_FIELDS]
            evidence += [Evidence(field=name, start=place.start, end=place.end, text=place.text) for name in PLACE_FIELDS if changes.get(name) is not None]
        date = choose_date(start, end, dates, text, published, aside=aside)
        if date is not None:
            changes.update(event_date=date.value, time_precision=date.precision, date_phrase=date.text)
            evidence = [e for e in evidence if e.field not in DATE_FIELDS]
            evidence += [Evidence(field=name, start=date.start, end=date.end, text=date.text) for name in DATE_FIELDS]
        located.append(dataclasses.replace(event, tactics=list(event.tactics), evidence=evidence, **changes))
    return located
