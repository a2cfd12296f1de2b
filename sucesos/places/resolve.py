"""Resolution in context: which of the same-named places a toponym means.

Each candidate gets a score (log scale) from these kinds of evidence:

1. a prior: countries and continents over regions, regions over towns, and
   among towns the more populous (log10 of the population);
2. a qualifier written next to it: "Tepalcatepec, Michoacán", "London,
   Ont.", "Paris (Texas)": the candidate inside the named region or country
   gets a large bonus;
3. the article's geography: the share of the *other* toponyms of the article
   that lie in the candidate's country and admin1 (computed from their own
   candidates, weighted by how likely each is, and re-estimated twice).
   A toponym's own repetitions do not vote for it, so "London" said twenty
   times cannot outvote "Ontario" said twice.

4. nearby places: towns of the article's other names within 150 km, as
   likely as each is, and the share of the other names with *any* reading
   within 150 km, however unlikely alone ("Edmonton" next to "Enfield": of
   their readings only the two in north London lie together; a prior that
   favours Alberta and Connecticut cannot keep them apart);
5. the words and names around it: "Washington state", "New York Gov.",
   "Hebei province", "the city of X" say what it is; a list ("Utah,
   Washington and Wisconsin") names places of one kind, or a place and
   what contains it ("Melbourne and Victoria");
6. smaller rules, each a constant below: a national capital named like a
   region ("Washington") and an upper-case dateline name towns; a town
   beats its same-named municipality unless the text says "municipio de";
   a country beats its same-named region ("Mexico" vs "México" state), and
   a country written beside another is its peer, not a town of it ("in
   Russia, U.S. officials said").

The winner's softmax probability (summed over candidates that are the same
referent, a town and its municipality) is the Place's `score`: an ambiguous
name with no context ("Paris" alone) gets a lower score than "Paris,
France". A name with no candidate is kept with null coordinates (never a
guess). In detect mode a doubtful pick is left unresolved rather than put
far away: a tiny town nothing points to, an unsure pick outside the region
a local story is about, or a name qualified by a region none of its
candidates lies in ("El Aguaje, en Aguililla").

Given spans are looked up by whole words, so offsets a few characters off
("exas" for "Texas") still find the place, and the words around it are read
around the name's own words ("ashington " of "Washington state"); the Place
keeps the offsets given.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from sucesos.model import Place
from sucesos.places.gazetteer import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, REGION, Candidate, Gazetteer, name_key
from sucesos.places.local import is_facility_name
from sucesos.words import words

PRIOR_COUNTRY = 10.0
PRIOR_CONTINENT = 10.0
QUALIFIER_BONUS = 8.0
COUNTRY_CONTEXT = 4.0
ADMIN1_CONTEXT = 3.0
NEARBY_CONTEXT = 3.0  # other places of the article within NEARBY_KM: "Edmonton" next to "Enfield" is in London
NEARBY_KM = 150.0
ALIAS_PENALTY = 0.5
ADMIN2_TOWN_PENALTY = 1.5
ADMIN2_CUE_BONUS = 2.0
REGION_NAMED_LIKE_COUNTRY = 2.0
# local press: a foreign country named like a city of 100,000 at home is that
# city unless the text backs the country ("Guadalupe": Guadeloupe, and Nuevo León's city)
HOME_CITY_COUNTRY_PENALTY = 4.0
HOME_CITY_POPULATION = 100_000
# and the other way: in local press a country's own name ("México" in a story
# the text sets in Arizona) is the country, not a town of under 100,000 that
# shares it ("Mexico, Missouri"), unless a qualifier names the town's state
TOWN_NAMED_LIKE_COUNTRY_PENALTY = 4.0
QUALIFIER_REGION_BONUS = 4.0
# a national capital named like a region: "Washington" in the news is the
# capital more often than the state
CAPITAL_BONUS = 3.0
DATELINE_CITY_BONUS = 3.0  # "WASHINGTON —", "OTTAWA (Reuters) -": datelines name towns
# the article's focus (sucesos.places.focus): its country and state first
FOCUS_COUNTRY = 3.0
FOCUS_ADMIN1 = 2.0
# what a feature word says the place is: "Municipio de X", "Estado de X", "poblado de X"
KIND_BONUS = 4.0
# what the words around a name say it is: "the city of Sao Paulo", "Washington state" (`_context_kind`)
CONTEXT_KIND_BONUS = 3.0
LIST_PEER_BONUS = 2.0  # a name in a list is of its neighbours' kind: states beside states (`_list_peer_features`)
_KIND_FEATURES = {"admin1": (ADMIN1,), "admin2": (ADMIN2,), "city": (CITY,), "locality": (CITY,)}
# In detect mode, a town this small that nothing in the article points to is
# more likely a misread word than the place: left unresolved.
MIN_UNSUPPORTED_POPULATION = 1000


@dataclass(frozen=True)
class Toponym:
    """A place name in the text: the span reported and the text looked up."""

    start: int
    end: int
    lookup: str
    source: str = "given"  # given (spans mode), ner, gazetteer, qualifier, feature
    kind: str | None = None  # what a feature word says it is: admin1, admin2, city, locality, region, local
    qualifier: str | None = None  # the state written with it: "Mich." of "Morelia, Mich."


_TRAILING = " \t\n,;:!?\"“”‘’'()[]{}"
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def clean_lookup(text: str, start: int, end: int) -> str:
    """The name inside a span: whole words, without possessives or quotes.

    Given spans may cut a word ("exas " for "Texas") or carry punctuation
    ("Canada's,"): the span is widened to whole words and trimmed for the
    lookup; the Place keeps the offsets it was given.
    """
    start, end = name_bounds(text, start, end)
    return " ".join(text[start:end].split())


def name_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the name a span means (see `clean_lookup`): where the
    words around it are read ("Washington state", "Ames, Iowa", "Utah,
    Washington and Wisconsin") whatever the span's own offsets carry."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if start >= end:
        return start, start
    # a span that starts inside a word ("exas" of "Texas", ".S." of "U.S.") starts at the word
    if start > 0 and start < end and text[start - 1].isalnum() and (text[start].isalnum() or text[start] == "."):
        while start > 0 and (text[start - 1].isalnum() or (text[start - 1] == "." and start > 1 and text[start - 2].isalnum())):
            start -= 1
    while start < end and not text[start].isalnum():
        start += 1
    while end < len(text) and end > start and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive is not None:
        end = possessive.start()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
    return start, end


def _at_name(text: str, toponym: "Toponym") -> "Toponym":
    """The toponym with the offsets of its name's own words (`name_bounds`)."""
    start, end = name_bounds(text, toponym.start, toponym.end)
    return toponym if (start, end) == (toponym.start, toponym.end) else replace(toponym, start=start, end=end)


FEATURES = (
    "is_country", "is_continent", "is_admin1", "admin1_log_population", "is_region", "is_admin2",
    "admin2_log_population", "city_log_population", "alias", "capital", "admin2_cue", "admin2_town_named_alike",
    "region_named_like_country", "qualifier", "dateline_city", "focus_country", "focus_admin1", "kind",
    "qualifier_region", "share_country", "share_admin1", "share_nearby", "most_populous", "population_share",
    "country_named_like_home_city", "city_named_like_own_admin1", "context_city", "context_region",
    "exact_name", "near_other", "town_named_like_country",
    "near_other_100km", "population_rank", "neighbours_country", "neighbours_admin1", "contains_neighbours",
    "could_be_near", "list_peer",
)
# evidence computed after the rules' rounds (from their picks of the other names), added to their score
LATE_FEATURES = ("list_peer", "could_be_near")
# The hand-set weights of the rules above, feature by feature: the rule score
# is exactly this weighted sum (the learned ranker refits these weights).
RULE_WEIGHTS = {
    "is_country": PRIOR_COUNTRY, "is_continent": PRIOR_CONTINENT, "is_admin1": 7.0, "admin1_log_population": 0.25,
    "is_region": 8.0, "is_admin2": 3.0, "admin2_log_population": 0.25, "city_log_population": 1.0,
    "alias": -ALIAS_PENALTY, "capital": CAPITAL_BONUS, "admin2_cue": ADMIN2_CUE_BONUS,
    "admin2_town_named_alike": -ADMIN2_TOWN_PENALTY, "region_named_like_country": -REGION_NAMED_LIKE_COUNTRY,
    "qualifier": QUALIFIER_BONUS, "dateline_city": DATELINE_CITY_BONUS, "focus_country": FOCUS_COUNTRY,
    "focus_admin1": FOCUS_ADMIN1, "kind": KIND_BONUS, "qualifier_region": QUALIFIER_REGION_BONUS,
    "share_country": COUNTRY_CONTEXT, "share_admin1": ADMIN1_CONTEXT, "share_nearby": NEARBY_CONTEXT,
    "country_named_like_home_city": -HOME_CITY_COUNTRY_PENALTY,
    "town_named_like_country": -TOWN_NAMED_LIKE_COUNTRY_PENALTY,
    "most_populous": 0.0, "population_share": 0.0,
    # evidence only the learned ranker weighs (0 in the rules): a big town
    # sharing its state's name ("New York", "São Paulo", "Quebec"); and what
    # the words around the name say it is ("the city of X", "X province",
    # "Washington state"), which the rules weigh as CONTEXT_KIND_BONUS
    "city_named_like_own_admin1": 0.0, "context_city": CONTEXT_KIND_BONUS, "context_region": CONTEXT_KIND_BONUS,
    # the name matched is the place's own (not an alias), whatever its kind;
    # closeness to the article's other places (1 at 0 km, 0 at 10,000 km or more)
    "exact_name": 0.0, "near_other": 0.0,
    # evidence only the learned ranker weighs, from the names written near this
    # one (see `_neighbour_features`): within 100 km of another name's town; the
    # candidate's place by population among its namesakes (1 the largest, 1/2
    # the next ...); the share of the names within a sentence or two that lie in
    # its country, in its state; the share of them it contains (a state or country)
    "near_other_100km": 0.0, "population_rank": 0.0, "neighbours_country": 0.0, "neighbours_admin1": 0.0,
    "contains_neighbours": 0.0,
    # the share of the article's other names that have some reading within NEARBY_KM of this
    # candidate, however unlikely that reading ("London" beside "St. Thomas" and "Middlesex":
    # each has an Ontario reading, none of them the likeliest alone)
    "could_be_near": 3.0,
    # the share of the names listed with it ("Utah, Washington and Wisconsin", "New York,
    # London and Paris") whose reading is of its kind: a list names places alike
    "list_peer": LIST_PEER_BONUS,
}


def _prior_features(candidate: Candidate, x: dict) -> None:
    feature = candidate.feature
    if feature == COUNTRY:
        x["is_country"] = 1.0
    elif feature == CONTINENT:
        x["is_continent"] = 1.0
    elif feature == ADMIN1:
        x["is_admin1"], x["admin1_log_population"] = 1.0, math.log10(candidate.population + 1)
    elif feature == REGION:
        x["is_region"] = 1.0
    elif feature == ADMIN2:
        x["is_admin2"], x["admin2_log_population"] = 1.0, math.log10(candidate.population + 1)
    else:
        x["city_log_population"] = math.log10(candidate.population + 100)
    if not candidate.matched_main_name and feature in (CITY, ADMIN2):
        x["alias"] = 1.0


def default_ranker():
    """The shipped learned ranker (sucesos/places/ranker.json), or None when absent."""
    from sucesos.places.ranker import shipped_ranker

    return shipped_ranker()


def _prior(candidate: Candidate) -> float:
    feature = candidate.feature
    if feature == COUNTRY:
        score = PRIOR_COUNTRY
    elif feature == CONTINENT:
        score = PRIOR_CONTINENT
    elif feature == ADMIN1:
        score = 7.0 + 0.25 * math.log10(candidate.population + 1)
    elif feature == REGION:
        score = 8.0
    elif feature == ADMIN2:
        score = 3.0 + 0.25 * math.log10(candidate.population + 1)
    else:
        score = math.log10(candidate.population + 100)
    if not candidate.matched_main_name and feature in (CITY, ADMIN2):
        score -= ALIAS_PENALTY
    return score


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _inside(candidate: Candidate, region: Candidate) -> bool:
    """Whether `candidate` lies in `region` (a country, admin1 or admin2 candidate)."""
    if candidate.index == region.index:
        return False
    if region.feature == COUNTRY:
        return candidate.country_code is not None and candidate.country_code == region.country_code
    if region.feature == ADMIN1:
        return candidate.admin1_index == region.index
    if region.feature == ADMIN2:
        return candidate.admin2_index == region.index
    return False


_CIUDAD = re.compile(r"^(?:Nueva\s+)?Ciudad\s+([A-ZÁÉÍÓÚÑ].+)$")
_QUALIFIER_GAP = re.compile(r"^\s*(?:,|\(|,\s*in|\bin\b|\ben\b|,\s*en|de)\s*$", re.IGNORECASE)
# "Las Tunas, un paraje de San Miguel Totolapan", "El Naranjo, una comunidad del municipio de
# Leonardo Bravo", "Zimanca, en el municipio de Buenavista": an apposition that places a locality
_APPOSITIVE_GAP = re.compile(
    r"^\s*,\s*(?:(?:un|una|el|la)\s+(?:\w+\s+)?(?:paraje|comunidad|poblado|localidad|ranchería|rancheria|ejido|pueblo|colonia|barrio|"
    r"comisaría|comisaria|sindicatura|congregación|town|village|community|hamlet)\s+(?:de(?:l)?|en\s+el|of|in)\s+"
    r"|en\s+el\s+municipio\s+de\s+|(?:municipio|municipality)\s+(?:de|of)\s+)(?:(?:el\s+)?municipio\s+de\s+)?$",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+|y\s+|e\s+|o\s+)?|and|or|y|e|o)\s*$", re.IGNORECASE)
_QUALIFIER_AFTER = re.compile(r"^\s*[,(]\s*((?:[A-ZÁÉÍÓÚÑ][\w.’'-]*\.?)(?:\s+(?:de\s+|del\s+)?[A-ZÁÉÍÓÚÑ][\w.’'-]*\.?){0,3})")


def _qualifiers(toponyms: list[Toponym], text: str, candidates: list[list[Candidate]], gazetteer: Gazetteer) -> list[list[Candidate]]:
    """For each toponym, the region candidates named right after it."""
    result: list[list[Candidate]] = [[] for _ in toponyms]
    order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
    for position, i in enumerate(order):
        here = toponyms[i]
        regions: list[Candidate] = []
        in_list = appositive = False
        following = order[position + 1] if position + 1 < len(order) else None
        if following is not None:
            gap = text[here.end : toponyms[following].start]
            appositive = len(gap) <= 40 and bool(_APPOSITIVE_GAP.match(gap))
            if (len(gap) <= 6 and _QUALIFIER_GAP.match(gap)) or appositive:
                regions = [c for c in candidates[following] if c.feature in (COUNTRY, ADMIN1, ADMIN2)]
                after = order[position + 2] if position + 2 < len(order) else None
                if regions and after is not None and _LIST_GAP.match(text[toponyms[following].end : toponyms[after].start]):
                    # "México, Estados Unidos y Canadá": a list of places alike, not a town qualified by its country
                    kinds = {c.feature for c in regions}
                    if any(c.feature in kinds for c in candidates[after]):
                        regions, in_list = [], True
        if not regions and not in_list:
            match = _QUALIFIER_AFTER.match(text[here.end : here.end + 60])
            if match:
                name = match.group(1)
                words = name.split()
                # the longest run of words that names a region: "Ky." in "Edmonton, Ky., police said"
                for size in range(len(words), 0, -1):
                    # "Valparaíso, Zac.- La Vocería ...": the dateline's dash is no part of the state's abbreviation
                    found = [c for c in gazetteer.lookup(" ".join(words[:size]).rstrip("-–—")) if c.feature in (COUNTRY, ADMIN1, ADMIN2)]
                    if found:
                        regions = found
                        break
        if regions and not appositive and not any(_inside(c, r) for c in candidates[i] for r in regions):
            # "los municipios de Navojoa, Huatabampo, Obregón": a municipality beside a municipality
            # (a state beside a state) that contains none of its readings is its peer in a list, not
            # its qualifier ("El Aguaje, en Aguililla" is: El Aguaje names no municipality)
            own = {c.feature for c in candidates[i]}
            if any(r.feature in own for r in regions):
                regions = []
        if (
            regions and any(c.feature == COUNTRY for c in candidates[i]) and all(r.feature == COUNTRY for r in regions)
            and not any(c.feature == ADMIN1 and _inside(c, r) for c in candidates[i] for r in regions)
        ):
            # "in Russia, U.S. officials said": a country's name beside another country's is its
            # peer, not a village of that country (Russia, Ohio); one of its states it may be
            # ("Georgia, United States")
            regions = []
        if here.qualifier:
            regions = [c for c in gazetteer.lookup(here.qualifier) if c.feature in (COUNTRY, ADMIN1, ADMIN2)] or regions
        result[i] = regions
    return result


# a state's capital named as such is the city, not the state of the same name: "in the state capital,
# Chihuahua", "Colima, capital del estado del mismo nombre", "Culiacán, capital de Sinaloa"
_CITY_BEFORE = re.compile(
    r"\b(?:city|town|village|ciudad|poblado|localidad)\s+(?:of|de)\s+$|\b(?:state|provincial)\s+capital,?\s+(?:of\s+)?$|\bcapital\s+city\s+(?:of\s+)?$",
    re.IGNORECASE,
)
_CITY_AFTER = re.compile(
    r"^\s+(?:city|town)\b(?!\s+(?:of|de)\b)|^,\s+(?:the\s+)?(?:state\s+)?capital\b(?!\s+city)|^,\s+(?:la\s+)?capital\s+(?:del?|estatal)\b",
    re.IGNORECASE,
)
_REGION_BEFORE = re.compile(r"\b(?:province|region|provincia|región)\s+(?:of|de)\s+$", re.IGNORECASE)
_REGION_AFTER = re.compile(r"^\s+(?:province|prefecture)\b", re.IGNORECASE)  # not "region": "the Houston region" is the city's area
# words said of a first-level division only: "the state of Georgia", "Washington state", "New York
# Gov. Andrew Cuomo" (a governor's is a state), "estado de Sonora"
_STATE_BEFORE = re.compile(r"\b(?:state|estado|governor|gobernador(?:a)?)\s+(?:of|de(?:l)?)\s+$", re.IGNORECASE)
# ("the western Mexico state of Colima" is the country's: the state named after it)
_STATE_AFTER = re.compile(r"^\s+(?:state|governorate|oblast|gov\.|governor)(?!\w)(?!\s+(?:of|de)\b)", re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"^['’]s?(?!\w)")


def _context_kind(text: str, toponym: "Toponym") -> str | None:
    """What the words around a name say it is: "city" ("the city of Sao
    Paulo", "Quebec City"), "state" ("the state of Georgia", "Washington
    state", "New York Gov."), "region" ("Hebei province"), or None."""
    after = text[toponym.end : toponym.end + 20]
    # a name that owns what follows is not what the words before it name: "the former governor
    # of Mexico's western state of Jalisco" governed Jalisco
    before = "" if _POSSESSIVE_AFTER.match(after) else text[max(0, toponym.start - 20) : toponym.start]
    if _CITY_BEFORE.search(before) or _CITY_AFTER.match(after):
        return "city"
    if _STATE_BEFORE.search(before) or _STATE_AFTER.match(after):
        return "state"
    if _REGION_BEFORE.search(before) or _REGION_AFTER.match(after):
        return "region"
    return None


_ADMIN2_CUE = re.compile(r"(?:municipio|municipality|county|condado|partido|delegación|alcaldía)\s+(?:of\s+|de\s+)?$", re.IGNORECASE)
_DATELINE_AFTER = re.compile(r"^[A-Z .,'’-]{0,40}?\s*(?:\(|—|–|--|-\s|:|[A-Z])")


def _is_dateline(text: str, toponym: Toponym) -> bool:
    """An upper-case town name opening a line, then a dash or "(AP)"."""
    line_start = text.rfind("\n", 0, toponym.start) + 1
    if text[line_start : toponym.start].strip():
        return False
    name = text[toponym.start : toponym.end]
    return name.isupper() and len(name) > 2 and bool(_DATELINE_AFTER.match(text[toponym.end : toponym.end + 50]))


def resolve_toponyms(
    toponyms: list[Toponym],
    text: str,
    gazetteer: Gazetteer,
    *,
    guard_unsupported: bool = False,
    focus=None,
    ranker=None,
    record: list | None = None,
) -> list[Place]:
    """One Place per toponym (same order), resolved in the article's context
    and, first, against the article's `focus` (a `sucesos.places.focus.Focus`)."""
    if not toponyms:
        return []
    keys = [name_key(t.lookup) for t in toponyms]
    found_by_name: dict[tuple, list[Candidate]] = {}
    candidates: list[list[Candidate]] = []
    for toponym in toponyms:
        if toponym.kind == "local":
            candidates.append([])  # inside a municipality: placed below, never a namesake elsewhere
            continue
        name = (toponym.lookup, toponym.kind)
        if name not in found_by_name:
            found = gazetteer.lookup(toponym.lookup) if toponym.lookup else []
            ciudad = _CIUDAD.match(toponym.lookup) if not found and toponym.lookup else None
            if ciudad:
                # "Ciudad Mier", "Ciudad Guerrero": the press's name for the seat of a municipality
                # whose official name is the rest (Mier, Tamaulipas); a town or municipality only
                found = [c for c in gazetteer.lookup(ciudad.group(1)) if c.feature in (CITY, ADMIN2)]
            if toponym.kind == "region":
                found = [c for c in found if c.feature not in (CITY, ADMIN2)]  # "Valle del Yaqui" is no town
            demonym = gazetteer.demonym_country(toponym.lookup) if toponym.lookup else None
            if demonym is not None and all(c.index != demonym.index for c in found):
                found = [*found, demonym]
            found_by_name[name] = found
        candidates.append(found_by_name[name])
    # the words around each name are read from the name's own offsets: given spans may be a
    # character or two off ("ashington " for "Washington" in "Washington state")
    located = [_at_name(text, t) for t in toponyms]
    qualifiers = _qualifiers(located, text, candidates, gazetteer)
    datelines = [_is_dateline(text, t) for t in located]
    admin2_cues = [bool(_ADMIN2_CUE.search(text[max(0, t.start - 30) : t.start])) for t in located]
    context_kinds = [_context_kind(text, t) for t in located]

    # toponyms alike in every input of the score (same name, kind, qualifier,
    # dateline, cue) get the same scores: computed once, however often the
    # name is repeated (a 50,000-name list costs what its distinct names cost)
    signatures = [
        (keys[i], toponyms[i].lookup, toponyms[i].kind, tuple(sorted(r.index for r in qualifiers[i])), datelines[i], admin2_cues[i], context_kinds[i])
        for i in range(len(toponyms))
    ]
    rep_of: dict[tuple, int] = {}
    reps: list[int] = []
    group: list[int] = []
    for i, signature in enumerate(signatures):
        if signature not in rep_of:
            rep_of[signature] = len(reps)
            reps.append(i)
        group.append(rep_of[signature])
    weight = [0] * len(reps)
    for g in group:
        weight[g] += 1
    rep_candidates = [candidates[i] for i in reps]
    rep_keys = [keys[i] for i in reps]

    # a region named as a qualifier agrees with the place it qualifies
    boosted: set[int] = set()
    for g, i in enumerate(reps):
        for region in qualifiers[i]:
            if candidates[i] and any(_inside(c, region) for c in candidates[i]):
                boosted.add(region.index)

    rep_base: list[list[float]] = []
    rep_features: list[list[list[float]]] = []
    for g, i in enumerate(reps):
        found = candidates[i]
        scores = []
        feature_rows = []
        has_region = any(other.feature in (ADMIN1, ADMIN2) for other in found)
        # a country, or a region lying in no one country ("Sahel", "Balkans"): what the name
        # means unless the text places the state (Burkina Faso's Sahel province)
        has_country = any(o.feature == COUNTRY or (o.feature == REGION and o.country_code is None) for o in found)
        top_population = max((o.population for o in found), default=0)
        all_population = sum(o.population for o in found) or 1
        for candidate in found:
            x = dict.fromkeys(FEATURES, 0.0)
            _prior_features(candidate, x)
            x["most_populous"] = float(candidate.population == top_population and top_population > 0)
            x["exact_name"] = float(candidate.matched_main_name)
            x["population_share"] = candidate.population / all_population
            if candidate.capital and has_region:
                x["capital"] = 1.0
            if candidate.feature == ADMIN2 and any(o.feature == CITY and o.admin2_index == candidate.index for o in found):
                # "Aguililla" is the town unless the text says "municipio de Aguililla"
                x["admin2_cue" if admin2_cues[i] else "admin2_town_named_alike"] = 1.0
            if candidate.feature == ADMIN1 and has_country:
                x["region_named_like_country"] = 1.0  # "Mexico" is the country, "Estado de México" the state; "Sahel" the region
            if (
                candidate.feature == COUNTRY and focus is not None and focus.strong and candidate.country_code != focus.country_code
                and any(o.country_code == focus.country_code and o.feature in (CITY, ADMIN2) and o.population >= HOME_CITY_POPULATION for o in found)
            ):
                x["country_named_like_home_city"] = 1.0
            if any(_inside(candidate, region) for region in qualifiers[i]):
                x["qualifier"] = 1.0
            elif (
                candidate.feature == CITY and focus is not None and focus.strong and candidate.population < HOME_CITY_POPULATION
                and toponyms[i].kind is None and context_kinds[i] != "city"  # "sindicatura de Costa Rica" says it is a town
                and any(o.feature == COUNTRY and o.matched_main_name for o in found)
            ):
                x["town_named_like_country"] = 1.0
            if candidate.feature == CITY and candidate.admin1_index is not None and any(
                o.feature == ADMIN1 and o.index == candidate.admin1_index for o in found
            ):
                x["city_named_like_own_admin1"] = 1.0
            if context_kinds[i] == "city" and candidate.feature in (CITY, ADMIN2):
                x["context_city"] = 1.0
            elif (context_kinds[i] == "region" and candidate.feature in (ADMIN1, ADMIN2, REGION)) or (context_kinds[i] == "state" and candidate.feature == ADMIN1):
                x["context_region"] = 1.0
            if candidate.feature == CITY and datelines[i]:
                x["dateline_city"] = 1.0
            if focus is not None and focus.strong and candidate.country_code == focus.country_code:
                x["focus_country"] = 1.0
                if focus.admin1_index is not None and candidate.admin1_index == focus.admin1_index:
                    x["focus_admin1"] = 1.0
            if candidate.feature in _KIND_FEATURES.get(toponyms[i].kind or "", ()):
                x["kind"] = 1.0
            if candidate.index in boosted and not any(_inside(c, candidate) for c in qualifiers[i]):
                x["qualifier_region"] = 1.0
            scores.append(sum(RULE_WEIGHTS[name] * value for name, value in x.items()))
            feature_rows.append(x)
        rep_base.append(scores)
        rep_features.append(feature_rows)

    rep_scores = [list(s) for s in rep_base]
    for _round in range(2):
        probabilities = [_softmax(s) if s else [] for s in rep_scores]
        # votes of all toponyms, and of each name's own mentions (subtracted below)
        all_country: dict[str, float] = defaultdict(float)
        all_admin1: dict[int, float] = defaultdict(float)
        own_country: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        own_admin1: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        voters: dict[str, int] = defaultdict(int)
        all_voters = 0
        for g, found in enumerate(rep_candidates):
            if not found:
                continue
            m = weight[g]
            all_voters += m
            voters[rep_keys[g]] += m
            for candidate, p in zip(found, probabilities[g]):
                if candidate.country_code:
                    all_country[candidate.country_code] += p * m
                    own_country[rep_keys[g]][candidate.country_code] += p * m
                if candidate.admin1_index is not None:
                    all_admin1[candidate.admin1_index] += p * m
                    own_admin1[rep_keys[g]][candidate.admin1_index] += p * m
        totals = {key: float(all_voters - count) for key, count in voters.items()}
        nearby = _nearby_votes(rep_candidates, probabilities, rep_keys, weights=weight)
        new_scores = []
        for g, found in enumerate(rep_candidates):
            key = rep_keys[g]
            total = totals.get(key, 0.0)
            own_c = own_country.get(key, {})
            own_a = own_admin1.get(key, {})
            row = []
            for k, (candidate, score) in enumerate(zip(found, rep_base[g])):
                if total:
                    share_country = (all_country.get(candidate.country_code, 0.0) - own_c.get(candidate.country_code, 0.0)) / total
                    share_admin1 = (all_admin1.get(candidate.admin1_index, 0.0) - own_a.get(candidate.admin1_index, 0.0)) / total if candidate.admin1_index is not None else 0.0
                    share_nearby = min(1.0, nearby.get((g, candidate.index), 0.0) / total)
                    score += COUNTRY_CONTEXT * share_country + ADMIN1_CONTEXT * share_admin1
                    score += NEARBY_CONTEXT * share_nearby
                    x = rep_features[g][k]
                    x["share_country"], x["share_admin1"], x["share_nearby"] = share_country, share_admin1, share_nearby
                row.append(score)
            new_scores.append(row)
        rep_scores = new_scores

    # evidence read from the rules' picks of the other names (after the rounds above): the names
    # listed with each one, and the readings of the others that could lie near it
    _list_peer_features(located, group, rep_candidates, rep_scores, rep_keys, text, rep_features)
    if focus is None or not focus.strong:
        # local press (a strong focus) is placed by its focus: in a country of dense namesakes (a
        # Mexican state has dozens of "San José") some reading of every name lies near any other's
        # (measured: it moved El Gráfico's and the real reports' places only for the worse)
        _possible_nearby_features(rep_candidates, rep_keys, rep_features)
    model = ranker if ranker is not None else default_ranker()
    if record is not None or model is not None:
        _closeness_features(rep_candidates, rep_scores, rep_keys, rep_features)
        _neighbour_features(toponyms, group, rep_candidates, rep_scores, rep_keys, rep_features)
    # what the article's geography and cues gave each candidate (the detect-mode guard below reads
    # it): the rounds' evidence, not the late features (a hamlet near other names' hamlets is no
    # support for reading a word as that hamlet)
    support_scores = [[score - prior for score, prior in zip(row, base_row)] for row, base_row in zip(rep_scores, rep_base)]
    for g, rows in enumerate(rep_features):
        for k, x in enumerate(rows):
            rep_scores[g][k] += sum(RULE_WEIGHTS[name] * x[name] for name in LATE_FEATURES if x[name])
    if record is not None:
        record.extend((i, [list(x.values()) for x in rep_features[group[i]]], candidates[i]) for i in range(len(toponyms)))
    if model is not None:
        rep_scores = [[model.score(x) for x in rows] for rows in rep_features]
    supports = [support_scores[g] for g in group]
    scores = [rep_scores[g] for g in group]
    rep_final = [_softmax(s) if s else [] for s in rep_scores]
    final = [rep_final[g] for g in group]
    region_memo: dict = {}
    places: list[Place] = []
    qualified: dict[tuple, dict[int, Candidate]] = {}  # name -> the readings its qualified mentions chose
    for i, toponym in enumerate(toponyms):
        span_text = text[toponym.start : toponym.end]
        found = candidates[i]
        if guard_unsupported and qualifiers[i]:
            first = found[max(range(len(found)), key=lambda k: scores[i][k])] if found else None
            if first is None or not any(_inside(first, r) for r in qualifiers[i]):
                within = _within_qualifying_state(toponym, found, qualifiers[i], gazetteer, focus)
                if within is not None:
                    places.append(place_from_candidate(within, toponym.start, toponym.end, span_text, 0.5))
                    qualified.setdefault(keys[i], {})[within.index] = within
                    continue
        if not found:
            state = _named_for_its_place(toponym, gazetteer, focus) if guard_unsupported else None
            if state is not None:
                places.append(place_from_candidate(state, toponym.start, toponym.end, span_text, 0.5))
                continue
            places.append(Place(start=toponym.start, end=toponym.end, text=span_text, feature=None, score=0.0))
            continue
        probabilities = final[i]
        best = max(range(len(found)), key=lambda k: scores[i][k])
        chosen = found[best]
        if guard_unsupported and _home_kind_abroad(toponym, chosen, focus, rep_features[group[i]][best]):
            # "sindicatura de la Palma", "municipio de X" in local press: the feature word names the
            # focus country's own subdivisions; abroad only with the country in the text
            home = [k for k, c in enumerate(found) if c.country_code == focus.country_code]
            if not home:
                places.append(Place(start=toponym.start, end=toponym.end, text=span_text, feature=None, score=0.0))
                continue
            best = max(home, key=lambda k: scores[i][k])
            chosen = found[best]
        if guard_unsupported and chosen.feature == CITY and not any(_inside(chosen, region) for region in qualifiers[i]):
            support = supports[i][best]
            # a small town nothing in the article points to, or an unsure pick
            # in another region than the article's: unresolved, never a guess far away
            if (
                (chosen.population < MIN_UNSUPPORTED_POPULATION and support <= 1.0)
                or (probabilities[best] < 0.5 and not _memo(region_memo, (keys[i], chosen.index), lambda: _in_article_regions(chosen, i, candidates, final, keys)))
                or qualifiers[i]  # "El Aguaje, en Aguililla": a locality the gazetteer lacks, not a namesake elsewhere
                or _foreign_without_evidence(chosen, focus, rep_features[group[i]][best])
            ):
                places.append(Place(start=toponym.start, end=toponym.end, text=span_text, feature=None, score=0.0))
                continue
        # the confidence is that of the referent: a town and its same-named
        # municipality a few km away are one answer, not two rivals
        confidence = sum(p for candidate, p in zip(found, probabilities) if _same_referent(candidate, chosen))
        places.append(place_from_candidate(chosen, toponym.start, toponym.end, span_text, round(min(confidence, 1.0), 3)))
        if any(_inside(chosen, region) for region in qualifiers[i]):
            qualified.setdefault(keys[i], {})[chosen.index] = chosen
    places = _one_reading_per_name(toponyms, places, keys, candidates, qualifiers, qualified, text)
    if any(t.kind == "local" for t in toponyms):
        places = _place_local(toponyms, places, text, gazetteer, focus)
    return places


def _one_reading_per_name(toponyms, places, keys, candidates, qualifiers, qualified, text) -> list[Place]:
    """A name the article qualifies once ("Valparaíso, Zac.-") means that place
    wherever else the article writes it bare (the headline's "en Valparaíso"):
    one sense per discourse. Only where the qualified mentions agree on one
    reading, and never over a bare mention's own qualifier."""
    if not qualified:
        return places
    result = places
    for i, toponym in enumerate(toponyms):
        readings = qualified.get(keys[i])
        if readings is None or len(readings) != 1 or qualifiers[i] or toponym.kind == "local":
            continue
        (reading,) = readings.values()
        if places[i].geonameid == reading.geonameid or all(c.index != reading.index for c in candidates[i]):
            continue
        if result is places:
            result = list(places)
        result[i] = place_from_candidate(reading, toponym.start, toponym.end, text[toponym.start : toponym.end], places[i].score)
    return result


_NAMED_FOR = re.compile(
    r"^(?P<word>\w+)\s+(?:de\s+la|de\s+las|de\s+los|del|de)\s+(?P<name>[A-ZÁÉÍÓÚÑ].*)$", re.IGNORECASE
)
_FEATURES_NAMED_FOR_A_PLACE = words("places", "es", "features_named_for_a_place")


def _named_for_its_place(toponym: Toponym, gazetteer: Gazetteer, focus) -> Candidate | None:
    """A lake, sierra, dam or bay the gazetteer lacks that bears the name of the
    town or state it lies at ("lago de Chapala", "sierra de Yécora"): the state
    of that place, when the name's places (of the article's focus country, if
    it has one) all lie in one state (admin2 null: such a feature spans
    municipalities). None for a river or a sea, which run through several, and
    for a name of two states."""
    if toponym.kind != "region" or not toponym.lookup:
        return None
    match = _NAMED_FOR.match(toponym.lookup)
    if match is None or match.group("word").lower() not in _FEATURES_NAMED_FOR_A_PLACE:
        return None
    home_country = focus.country_code if focus is not None else None
    home = [c for c in gazetteer.lookup(match.group("name"), limit=50) if home_country in (None, c.country_code) and c.admin1_index is not None]
    # the state of that name, else its municipalities, else its towns ("desierto de Sonora" is the
    # state's, not a hamlet's; "playa de Acapulco" the municipality's, not a namesake ranch's)
    home = [c for c in home if c.feature == ADMIN1] or [c for c in home if c.feature == ADMIN2] or [c for c in home if c.feature == CITY and c.matched_main_name]
    states = {c.admin1_index for c in home}
    if len(states) != 1:
        return None
    index = states.pop()
    if focus is not None and focus.admin1_index is not None and focus.admin1_index != index:
        return None  # "lago de Chapultepec" in a story about Mexico City: not the Chapultepec of another state
    return next((c for c in home if c.index == index), None) or gazetteer.candidate(index)


COUNTRY_QUALIFIED_CITY = 100_000  # a city a dateline names with its country's abbreviation ("GUADALAJARA, Méx.-")


def _within_qualifying_state(toponym: Toponym, found: list[Candidate], regions: list[Candidate], gazetteer: Gazetteer, focus) -> Candidate | None:
    """A town written with its state ("San Juan Chamula, Chiapas", "Escobedo,
    Nuevo León") that no reading of its own puts in that state: the one
    municipality of the state whose name is the town's, written longer or
    shorter ("Chamula", "General Escobedo"); else the state itself, which the
    pair names (admin2 null). Never a namesake elsewhere: the pair says where
    it is. None when no state qualifies it (a locality written with its
    municipality the gazetteer does not place in it stays unresolved: the
    event is coded to the municipality, see `sucesos.places.locate`)."""
    home = focus.country_code if focus is not None else None
    # a state of the country the article is about, and of the town's own country when the
    # gazetteer knows the town: "Tepalcatepec, Lombardía" is a list of Michoacán towns, not Italy
    countries = {c.country_code for c in found}
    states = [r for r in regions if r.feature == ADMIN1 and home in (None, r.country_code) and (not countries or r.country_code in countries)]
    if not states or not toponym.lookup:
        return None
    state = max(states, key=lambda r: (r.matched_main_name, r.population))
    municipalities = gazetteer.municipalities_bearing(state.index, toponym.lookup)
    if len(municipalities) == 1:
        return municipalities[0]
    country = gazetteer.country_name(state.country_code)
    in_country = [c for c in found if c.country_code == state.country_code and c.feature in (CITY, ADMIN2) and c.population >= COUNTRY_QUALIFIED_CITY]
    if in_country and country and name_key(country) == name_key(state.name):
        # a state named as its country ("Méx." is Estado de México and México): "GUADALAJARA, Méx.-"
        # names the country when the town is a city of it known as such; a small namesake elsewhere
        # in the country is no reading of a locality of the state the gazetteer lacks
        return max(in_country, key=lambda c: (c.population, c.feature == CITY))
    return state


# the feature words of settlements SEPOMEX lists (not streets, roads or fields)
_SETTLEMENT_WORD = re.compile(r"(?i:colonia|col\.|fraccionamiento|fracc\.|barrio|unidad\s+habitacional|residencial)\s")
_LOCAL_LINK = re.compile(
    r"^\s*(?:,\s*)?(?:(?:de|del|en|in|al\s+(?:norte|sur|oriente|poniente|este|oeste|noreste|noroeste|sureste|suroeste)\s+de)\s+"
    r"(?:la\s+ciudad\s+de\s+|el\s+municipio\s+de\s+|la\s+|el\s+)?)?$",
    re.IGNORECASE,
)


def _place_local(toponyms: list[Toponym], places: list[Place], text: str, gazetteer: Gazetteer, focus) -> list[Place]:
    """A colonia, street or field ("colonia Centro", "calle 200") placed in its
    municipality: the town written right after it ("colonia Sonacer, de
    Hermosillo"), else the nearest town or municipality named before it, else
    the first one after it; with none, the municipality the article's own
    colonias share (see `_colonias_municipality`), else the state the
    article's focus names (municipality unknown), else unresolved. The Place
    carries the town's point and names (ACLED codes such an event to the town)."""
    towns = [
        (i, p) for i, p in enumerate(places)
        if p.feature in (CITY, ADMIN2) and p.latitude is not None and toponyms[i].kind != "local"
        and (focus is None or p.country == focus.country)
    ]
    shared = None if towns else _colonias_municipality(toponyms, text, gazetteer, focus)
    focus_state = _article_state(toponyms, places, focus, gazetteer) if not towns and shared is None else None
    result = list(places)
    for i, toponym in enumerate(toponyms):
        if toponym.kind != "local":
            continue
        span_text = text[toponym.start : toponym.end]
        barrio = gazetteer.barrio(toponym.lookup) if toponym.lookup else None
        if barrio is not None and (focus is None or barrio.country == focus.country):
            # "barrio de Tepito": a barrio known by name lies in its own municipality, whatever town is near
            result[i] = place_from_candidate(barrio, toponym.start, toponym.end, span_text, 0.8)
            continue
        chosen = None
        for j, town in towns:
            if town.start >= toponym.end and _LOCAL_LINK.match(text[toponym.end : town.start]) and town.start - toponym.end <= 30:
                chosen = town
                break
        if chosen is None and _SETTLEMENT_WORD.match(span_text) and toponym.lookup:
            # the span's own words: the lookup may stop at a known place inside it ("Santa Fe")
            full_name = " ".join(span_text[_SETTLEMENT_WORD.match(span_text).end() :].split())
            town = _town_in_colonia_name(full_name, gazetteer, focus)
            if town is not None:
                # "colonia Santa Fe de Zamora": a colonia called after its town lies in it
                result[i] = place_from_candidate(town, toponym.start, toponym.end, span_text, 0.7)
                continue
        if chosen is None and _SETTLEMENT_WORD.match(span_text) and toponym.lookup:
            # "la colonia Nueva Industrial Vallejo": SEPOMEX lists the municipalities
            # that have a colonia of that name; the article's towns in one of them,
            # else, when it names no town, the only one in its state (or in Mexico)
            municipalities = gazetteer.colonia_municipalities(toponym.lookup)
            if municipalities and (focus is None or focus.country_code == "MX"):
                homes = {(m.admin1, m.admin2) for m in municipalities}
                inside = [town for j, town in towns if (town.admin1, town.admin2) in homes]
                if inside:
                    before = [town for town in inside if town.end <= toponym.start]
                    chosen = before[-1] if before else inside[0]
                elif not towns:  # the text names no town: the catalogue's only one in the state (a town it names wins)
                    state = focus.admin1 if focus is not None else None
                    local = [m for m in municipalities if state is None or m.admin1 == state]
                    if len(local) == 1 and local[0].latitude is not None:
                        result[i] = place_from_candidate(local[0], toponym.start, toponym.end, span_text, 0.6)
                        continue
        if chosen is None:
            before = [town for j, town in towns if town.end <= toponym.start]
            after = [town for j, town in towns if town.start >= toponym.end]
            chosen = before[-1] if before else (after[0] if after else None)
        if chosen is None and not towns:
            # the article names no town: a road is placed by the towns it joins ("carretera
            # Cuauhtémoc–La Junta"), a street by the city its name ends with ("avenida Niños
            # Héroes de Cancún")
            town = _road_origin(span_text, gazetteer, focus) or _town_of_street(span_text, gazetteer, focus)
            if town is not None:
                result[i] = place_from_candidate(town, toponym.start, toponym.end, span_text, 0.6)
                continue
        if chosen is None and shared is not None:
            # no town named: the municipality the article's colonias lie in (a street, a colonia of it)
            result[i] = place_from_candidate(shared, toponym.start, toponym.end, span_text, 0.5)
            continue
        if chosen is None and focus_state is not None:
            # no town named, but the article is about one state ("en la colonia Centro" of a story
            # the text places in Sonora): the colonia or street lies in it; its municipality stays
            # unknown (admin2 null), as ACLED codes a place known only to its state
            result[i] = place_from_candidate(focus_state, toponym.start, toponym.end, span_text, 0.3)
            continue
        if chosen is None:
            result[i] = Place(start=toponym.start, end=toponym.end, text=span_text, feature=None, score=0.0)
            continue
        result[i] = Place(
            start=toponym.start, end=toponym.end, text=span_text, name=chosen.name, geonameid=chosen.geonameid,
            latitude=chosen.latitude, longitude=chosen.longitude, country=chosen.country, iso3=chosen.iso3,
            admin1=chosen.admin1, admin2=chosen.admin2, feature=chosen.feature,
            score=round(0.8 * (chosen.score or 0.0), 3),
        )
    return _streets_of_the_colonias(toponyms, result)


_ROAD = re.compile(
    r"^(?i:carretera|autopista|tramo|libramiento|camino)(?:\s+(?i:federal|estatal|libre|de\s+cuota))?\s+(?:(?i:del?)\s+)?"
    r"(?P<a>[A-ZÁÉÍÓÚÑ][^–—,;()\n-]*?)\s*(?:[–—-]|\s(?i:a)\s)\s*(?P<b>[A-ZÁÉÍÓÚÑ][^–—,;()\n-]*?)\s*(?:[–—-].*)?$"
)
ROAD_END_KM = 400  # two towns a road's name joins lie within a day's drive: readings farther apart are not that road
_STREET = re.compile(r"^(?i:calle|avenida|av\.|bulevar|boulevard|blvd\.|calzada)\s+(?P<name>.+)$")
STREET_CITY_POPULATION = 100_000


def _road_origin(span: str, gazetteer: Gazetteer, focus) -> Candidate | None:
    """The first town of a road named by the towns it joins ("carretera
    Cuauhtémoc–La Junta", "autopista Morelia-Pátzcuaro"): of each end's readings
    in the focus country, the pair that lies closest together (the Chihuahua
    Cuauhtémoc beside Chihuahua's La Junta, not Mexico City's alcaldía); the
    road's own name starts where it is reported from. None for a road not so named."""
    match = _ROAD.match(" ".join(span.split()))
    if not match or (focus is not None and focus.country_code != "MX"):
        return None

    def towns(name: str) -> list[Candidate]:
        return [
            c for c in gazetteer.lookup(name, limit=40)
            if c.feature in (CITY, ADMIN2) and c.country_code == "MX" and c.latitude is not None
        ]

    firsts, seconds = towns(match.group("a")), towns(match.group("b"))
    if not firsts:
        return None
    if not seconds:
        state = focus.admin1 if focus is not None else None
        inside = [c for c in firsts if state is None or c.admin1 == state]
        best = max(inside, key=lambda c: c.population, default=None)
        return best if best is not None and best.population >= COLONIA_TOWN_POPULATION else None
    km, best = min(
        ((_km(a.latitude, a.longitude, b.latitude, b.longitude), a) for a in firsts for b in seconds),
        key=lambda pair: (pair[0], -pair[1].population),
    )
    return best if km <= ROAD_END_KM else None


def _town_of_street(span: str, gazetteer: Gazetteer, focus) -> Candidate | None:
    """The city a street's name ends with ("avenida Niños Héroes de Cancún"): a
    city of STREET_CITY_POPULATION or more (streets are named after battles and
    heroes "de" smaller towns far more often than colonias are)."""
    match = _STREET.match(" ".join(span.split()))
    if not match:
        return None
    return _town_in_colonia_name(match.group("name"), gazetteer, focus, min_population=STREET_CITY_POPULATION)


def _streets_of_the_colonias(toponyms: list[Toponym], places: list[Place]) -> list[Place]:
    """A street left unplaced in an article whose colonias all lie in one
    municipality ("calle Jesús García, en la colonia Náinari del Yaqui") lies
    in that municipality too."""
    unplaced = [i for i, (t, p) in enumerate(zip(toponyms, places)) if t.kind == "local" and p.latitude is None]
    if not unplaced:
        return places
    homes = {(p.admin1, p.admin2): p for t, p in zip(toponyms, places) if t.kind == "local" and p.latitude is not None and p.admin2}
    if len(homes) != 1:
        return places
    (home,) = homes.values()
    result = list(places)
    for i in unplaced:
        result[i] = replace(home, start=places[i].start, end=places[i].end, text=places[i].text, score=round(0.8 * (home.score or 0.0), 3))
    return result


def _article_state(toponyms: list[Toponym], places: list[Place], focus, gazetteer: Gazetteer) -> Candidate | None:
    """The state an article that names no town is about, as a place: the one
    its focus names (set only by names in the text), else the one all its
    resolved places lie in ("en el Valle del Yaqui", a region of Sonora)."""
    if focus is None or focus.country_code != "MX":  # the colonia, the ejido: Mexico's local geography
        return None
    if getattr(focus, "admin1_index", None) is not None:
        state = gazetteer.candidate(focus.admin1_index)
        return state if state.latitude is not None and state.country_code == focus.country_code else None
    states = {
        p.admin1 for t, p in zip(toponyms, places)
        if t.kind != "local" and p.latitude is not None and p.admin1 and p.country == focus.country
    }
    if len(states) != 1:
        return None
    (name,) = states
    found = [c for c in gazetteer.lookup(name) if c.feature == ADMIN1 and c.country_code == focus.country_code and c.latitude is not None]
    return found[0] if len(found) == 1 else None


_OF_TOWN = re.compile(r"^.+?\s+de(?:l|\s+la|\s+los|\s+las)?\s+([A-ZÁÉÍÓÚÑ][^,;()]*)$")
COLONIA_TOWN_POPULATION = 10_000


def _town_in_colonia_name(name: str, gazetteer: Gazetteer, focus, *, min_population: int = 0) -> Candidate | None:
    """The Mexican town a colonia's name ends with ("Santa Fe de Zamora",
    "Jardines de Jacona"): a town or municipality of 10,000 or more, in the
    focus state when there is one. Where SEPOMEX lists the colonia, the town
    must be one of its municipalities ("Lomas de Chapultepec" lies in Miguel
    Hidalgo, not in the Edomex town of Chapultepec)."""
    if focus is not None and focus.country_code != "MX":
        return None
    match = _OF_TOWN.match(name)
    if not match:
        return None
    towns = [
        c for c in gazetteer.lookup(match.group(1), limit=60)
        if c.feature in (CITY, ADMIN2) and c.country_code == "MX" and c.population >= max(COLONIA_TOWN_POPULATION, min_population) and c.latitude is not None
        and (focus is None or focus.admin1 is None or c.admin1 == focus.admin1)
    ]
    listed = gazetteer.colonia_municipalities(name)
    if listed:
        homes = {(m.admin1, m.admin2) for m in listed}
        towns = [c for c in towns if (c.admin1, c.admin2) in homes]
    if not towns:
        return None
    best = max(towns, key=lambda c: c.population)
    # two different towns of that name and size: the name does not say which
    if any((c.admin1, c.admin2) != (best.admin1, best.admin2) and c.population * 10 > best.population for c in towns):
        return None
    return best


def _colonias_municipality(toponyms: list[Toponym], text: str, gazetteer: Gazetteer, focus) -> Candidate | None:
    """The municipality most of an article's colonias lie in, when the article
    names no town: a local paper writes "la colonia Beltrones", "la colonia
    Pimentel" for its own city. Each colonia name (SEPOMEX) lists the
    municipalities that have one, within the focus state when it is known;
    the municipality at least two different colonias share, and more than
    any other, is the article's. None in foreign news, or with no such one."""
    if focus is not None and focus.country_code != "MX":
        return None
    counts: dict[int, int] = defaultdict(int)
    municipality_of: dict[int, Candidate] = {}
    seen: set[str] = set()
    for toponym in toponyms:
        if toponym.kind != "local" or not toponym.lookup or not _SETTLEMENT_WORD.match(text[toponym.start : toponym.end]):
            continue
        key = name_key(toponym.lookup)
        if key in seen:
            continue
        seen.add(key)
        homes = gazetteer.colonia_municipalities(toponym.lookup)
        if focus is not None and focus.admin1 is not None:
            homes = [m for m in homes if m.admin1 == focus.admin1]
        for municipality in {m.index: m for m in homes}.values():
            counts[municipality.index] += 1
            municipality_of[municipality.index] = municipality
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    index, count = ranked[0]
    if count < 2 or (len(ranked) > 1 and ranked[1][1] == count):
        return None
    chosen = municipality_of[index]
    return chosen if chosen.latitude is not None else None


# a foreign town read in local news needs its country in the text
FOREIGN_TOWN_POPULATION = 100_000
FOREIGN_COUNTRY_SHARE = 0.15


def _foreign_without_evidence(chosen: Candidate, focus, features: dict) -> bool:
    """In an article with a strong focus (local press), a town of under
    100,000 outside the focus country whose country the article's other
    places hardly point to (under 15% of them): "Centro Histórico" is not the
    one in Cabo Verde. Big cities (Tucson, Los Angeles) need no such evidence."""
    if focus is None or not focus.strong or chosen.country_code == focus.country_code:
        return False
    return chosen.population < FOREIGN_TOWN_POPULATION and features.get("share_country", 0.0) < FOREIGN_COUNTRY_SHARE


HOME_KINDS = ("locality", "admin2")


def _home_kind_abroad(toponym: Toponym, chosen: Candidate, focus, features: dict) -> bool:
    """A subdivision named by its feature word ("sindicatura de la Palma",
    "municipio de X") picked abroad in local press with no country evidence."""
    return (
        toponym.kind in HOME_KINDS and focus is not None and focus.strong and chosen.country_code != focus.country_code
        and features.get("share_country", 0.0) < FOREIGN_COUNTRY_SHARE
    )


def _memo(memo: dict, key, compute):
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _in_article_regions(chosen: Candidate, i: int, candidates, probabilities, keys) -> bool:
    """False only when the article's other names mostly lie in one admin1 and
    the chosen town is not in it (a local story: "El Aguaje" of Aguililla is
    not the El Aguaje of Veracruz). Worldwide stories are left alone."""
    regions: dict[int | None, int] = defaultdict(int)
    seen: set[str] = set()
    for j, found in enumerate(candidates):
        if keys[j] == keys[i] or not found or keys[j] in seen:
            continue
        seen.add(keys[j])
        best = max(range(len(found)), key=lambda k: probabilities[j][k])
        if found[best].feature in (CITY, ADMIN2, ADMIN1):
            regions[found[best].admin1_index] += 1
    if not regions:
        return True
    dominant, count = max(regions.items(), key=lambda item: item[1])
    if count / sum(regions.values()) < 0.5 or dominant is None:
        return True
    return chosen.admin1_index in regions


MAX_CLOSENESS_PLACES = 300


def _closeness_features(candidates, scores, keys, features) -> None:
    """`near_other` of every candidate: how close it lies to the nearest of the
    article's other names, as the rules read them (towns, municipalities and
    named areas; countries' and states' points are centres of large areas).
    Only the learned ranker weighs it (computed when one is used or recorded)."""
    others: dict[str, tuple[float, float]] = {}
    for g, found in enumerate(candidates):
        if not found or keys[g] in others or len(others) >= MAX_CLOSENESS_PLACES:
            continue
        best = found[max(range(len(found)), key=lambda k: scores[g][k])]
        if best.feature in (CITY, ADMIN2, REGION) and best.latitude is not None:
            others[keys[g]] = (best.latitude, best.longitude)
    if not others:
        return
    for g, found in enumerate(candidates):
        points = [point for key, point in others.items() if key != keys[g]]
        if not points:
            continue
        for candidate, x in zip(found, features[g]):
            if candidate.latitude is None:
                continue
            km = min(_great_circle_km(candidate.latitude, candidate.longitude, lat, lon) for lat, lon in points)
            x["near_other"] = max(0.0, 1.0 - math.log10(1.0 + km) / 4.0)


def _possible_nearby_features(candidates, keys, features) -> None:
    """`could_be_near`: for each town, municipality or named-area candidate, the share of
    the article's other names with any reading within NEARBY_KM of it (every reading
    counts alike: the places of one story lie together, whichever is likeliest alone);
    for a first-level region or a country, the share with any reading inside it (the
    state of Guanajuato holds Irapuato as surely as the city of Guanajuato lies near it). Only
    names with a reading that has a point to be near count: a country's or a state's is
    the centre of a large area (they do not vote), and a name the gazetteer lacks has none."""
    placeable = (CITY, ADMIN2, REGION)
    # name -> the states and countries its readings lie in, and how many readings it has
    states_of: dict[str, set[int]] = defaultdict(set)
    countries_of: dict[str, set[str]] = defaultdict(set)
    readings: dict[str, set[int]] = defaultdict(set)
    for g, found in enumerate(candidates):
        for c in found:
            if c.feature in placeable and c.latitude is not None:
                states_of[keys[g]].add(c.admin1_index)
                countries_of[keys[g]].add(c.country_code)
                readings[keys[g]].add(c.index)
    if len(states_of) < 2:
        return
    # a name of many places ("San Isidro": 75 towns) has one near almost anywhere by chance: its
    # vote shrinks with the count of its readings beyond COMMON_NAME_READINGS
    weight = {key: min(1.0, COMMON_NAME_READINGS / len(found)) for key, found in readings.items()}
    votes = _nearby_votes(candidates, [[1.0] * len(found) for found in candidates], keys, key_weights=weight)
    for g, found in enumerate(candidates):
        others = len(states_of) - (keys[g] in states_of)
        for candidate, x in zip(found, features[g]):
            if candidate.feature == ADMIN1:
                inside = sum(weight[key] for key in states_of if key != keys[g] and candidate.index in states_of[key])
            elif candidate.feature == COUNTRY:
                # as much as any of its states: a state never outranks its country on this
                inside = sum(weight[key] for key in countries_of if key != keys[g] and candidate.country_code in countries_of[key])
            else:
                inside = votes.get((g, candidate.index), 0.0)
            x["could_be_near"] = min(1.0, inside / others)
        # a state or country is near what its own namesake town inside it is near (the state of
        # Aguascalientes beside Jalisco's towns, as its capital is): never below it on this
        for candidate, x in zip(found, features[g]):
            if candidate.feature in (ADMIN1, COUNTRY):
                inner = [y["could_be_near"] for c, y in zip(found, features[g]) if _inside(c, candidate)]
                x["could_be_near"] = max([x["could_be_near"], *inner])


def _list_peer_features(toponyms, group, candidates, scores, keys, text, features) -> None:
    """`list_peer` of every candidate: the share of the names listed beside the
    name's mentions (joined by a comma, "and", "or", "y") whose reading, as the
    rules read it, is of the candidate's kind (a country, a state, a town or
    municipality) or lies inside it: "Utah, Washington and Wisconsin" are states,
    "New York, London and Paris" towns, "Melbourne and Victoria" a town and its
    state. `toponyms` carry their names' own offsets (`_at_name`)."""
    order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
    peers: dict[int, dict[str, Candidate]] = defaultdict(dict)  # group -> other name -> its reading
    for position in range(len(order) - 1):
        i, j = order[position], order[position + 1]
        gap = text[toponyms[i].end : toponyms[j].start]
        if len(gap) > 8 or not _LIST_GAP.match(gap):
            continue
        g, h = group[i], group[j]
        if keys[g] == keys[h] or not candidates[g] or not candidates[h]:
            continue
        for here, there in ((g, h), (h, g)):
            found = candidates[there]
            best = found[max(range(len(found)), key=lambda k: scores[there][k])]
            peers[here].setdefault(keys[there], best)
    for g, readings in peers.items():
        n = len(readings)
        for candidate, x in zip(candidates[g], features[g]):
            x["list_peer"] = sum(_LIST_KIND.get(o.feature, o.feature) == _LIST_KIND.get(candidate.feature, candidate.feature) or _inside(o, candidate) for o in readings.values()) / n


# the kinds a list keeps alike: a town and a municipality are one kind ("los municipios de
# Apatzingán, Buenavista, Tepalcatepec": the towns and the municipalities they head)
_LIST_KIND = {CITY: "settlement", ADMIN2: "settlement"}


COMMON_NAME_READINGS = 10  # `could_be_near`: a name of more readings than this votes less, in proportion

NEIGHBOUR_CHARS = 250  # "a sentence or two" either side of a name


def _neighbour_features(toponyms, group, candidates, scores, keys, features) -> None:
    """Evidence from the names written near each one, as the rules read them:
    "London" among "Middlesex" and "St. Thomas" is the Ontario one, among
    "Enfield" and "Haringey" the English. For a name (all its mentions alike):
    the share of the other names within NEIGHBOUR_CHARS of any of its mentions
    whose pick lies in the candidate's country (`neighbours_country`), in its
    state (`neighbours_admin1`), or inside the candidate itself, a state or
    country (`contains_neighbours`); and each candidate's place by population
    among its namesakes of the same kind (`population_rank`, 1 the largest).
    Only the learned ranker weighs these (computed when one is used or recorded)."""
    best: list[Candidate | None] = [
        found[max(range(len(found)), key=lambda k: scores[g][k])] if found else None for g, found in enumerate(candidates)
    ]
    order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
    starts = [toponyms[i].start for i in order]
    near_of: dict[int, dict[str, Candidate]] = defaultdict(dict)
    for position, i in enumerate(order):
        g = group[i]
        if len(near_of[g]) >= MAX_CLOSENESS_PLACES:
            continue
        low = position
        while low > 0 and toponyms[i].start - starts[low - 1] <= NEIGHBOUR_CHARS:
            low -= 1
        high = position
        while high + 1 < len(order) and starts[high + 1] - toponyms[i].end <= NEIGHBOUR_CHARS:
            high += 1
        for other in order[low : high + 1]:
            h = group[other]
            if keys[h] != keys[g] and best[h] is not None:
                near_of[g].setdefault(keys[h], best[h])
    for g, found in enumerate(candidates):
        ranks: dict[str, list[int]] = defaultdict(list)
        for candidate in found:
            ranks[candidate.feature].append(candidate.population)
        for feature in ranks:
            ranks[feature].sort(reverse=True)
        neighbours = list(near_of.get(g, {}).values())
        for candidate, x in zip(found, features[g]):
            x["population_rank"] = 1.0 / (1 + ranks[candidate.feature].index(candidate.population))
            if x["near_other"] >= 1.0 - math.log10(101.0) / 4.0:
                x["near_other_100km"] = 1.0
            if not neighbours:
                continue
            n = len(neighbours)
            x["neighbours_country"] = sum(o.country_code is not None and o.country_code == candidate.country_code for o in neighbours) / n
            if candidate.admin1_index is not None:
                x["neighbours_admin1"] = sum(o.admin1_index == candidate.admin1_index for o in neighbours) / n
            if candidate.feature in (COUNTRY, ADMIN1):
                x["contains_neighbours"] = sum(_inside(o, candidate) for o in neighbours) / n


def _nearby_votes(
    candidates: list[list[Candidate]], probabilities: list[list[float]], keys: list[str], *, weights: list[int] | None = None,
    key_weights: dict[str, float] | None = None,
) -> dict[tuple[int, int], float]:
    """For each (toponym, town candidate): the probability mass of other names'
    towns within NEARBY_KM (at most 1 a name, times its `key_weights` entry).
    Countries and first-level regions do not vote: their points are centres of
    large areas."""
    # one entry per (name, candidate) however often the name is repeated: a
    # list article of 50,000 names costs what its distinct names cost
    mass_of: dict[tuple[str, int], list] = {}
    for j, found in enumerate(candidates):
        m = weights[j] if weights is not None else 1
        for candidate, p in zip(found, probabilities[j]):
            if candidate.feature in (CITY, ADMIN2, REGION) and candidate.latitude is not None and p > 0.01:
                entry = mass_of.get((keys[j], candidate.index))
                if entry is None:
                    mass_of[(keys[j], candidate.index)] = [keys[j], p * m, candidate.latitude, candidate.longitude]
                else:
                    entry[1] += p * m
    cells: dict[tuple[int, int], list[tuple[str, float, float, float]]] = defaultdict(list)
    for key, p, lat, lon in mass_of.values():
        cells[(int(lat // 1), int(lon // 1))].append((key, p, lat, lon))
    votes: dict[tuple[int, int], float] = {}
    if len({key for entries in cells.values() for key, *_ in entries}) < 2:
        return votes
    done: dict[tuple[str, int], float] = {}
    for i, found in enumerate(candidates):
        if len(found) < 2:
            continue
        for candidate in found:
            if (keys[i], candidate.index) in done:
                if done[(keys[i], candidate.index)]:
                    votes[(i, candidate.index)] = done[(keys[i], candidate.index)]
                continue
            if candidate.feature not in (CITY, ADMIN2, REGION) or candidate.latitude is None:
                continue
            lat, lon = candidate.latitude, candidate.longitude
            cell_lat, cell_lon = int(lat // 1), int(lon // 1)
            mass = 0.0
            seen_keys: dict[str, float] = {}
            for d_lat in (-1, 0, 1):
                for d_lon in (-2, -1, 0, 1, 2):
                    for key, p, other_lat, other_lon in cells.get((cell_lat + d_lat, cell_lon + d_lon), ()):
                        if key == keys[i]:
                            continue
                        if _km(lat, lon, other_lat, other_lon) <= NEARBY_KM:
                            seen_keys[key] = seen_keys.get(key, 0.0) + p
            if key_weights is None:
                mass = sum(min(1.0, p) for p in seen_keys.values())
            else:
                mass = sum(min(1.0, p) * key_weights.get(key, 1.0) for key, p in seen_keys.items())
            done[(keys[i], candidate.index)] = mass
            if mass:
                votes[(i, candidate.index)] = mass
    return votes


def _great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: exact enough under a few hundred km."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def _same_referent(candidate: Candidate, chosen: Candidate) -> bool:
    if candidate.index == chosen.index:
        return True
    if None in (candidate.latitude, chosen.latitude) or candidate.feature in (COUNTRY, ADMIN1) or chosen.feature in (COUNTRY, ADMIN1):
        return False
    return abs(candidate.latitude - chosen.latitude) + abs(candidate.longitude - chosen.longitude) < 0.5


def place_from_candidate(candidate: Candidate, start: int, end: int, text: str, score: float | None) -> Place:
    # the contract's Place.feature values: a region (the Sahel, Southern Europe) or a continent is
    # "other"; locate.py tells them apart (a region inside one state carries its admin1)
    feature = candidate.feature if candidate.feature in (CITY, ADMIN1, ADMIN2, COUNTRY) else "other"
    return Place(
        start=start,
        end=end,
        text=text,
        name=candidate.name,
        geonameid=candidate.geonameid,
        latitude=None if candidate.latitude is None else round(candidate.latitude, 5),
        longitude=None if candidate.longitude is None else round(candidate.longitude, 5),
        country=candidate.country,
        iso3=candidate.iso3,
        admin1=candidate.admin1,
        admin2=candidate.admin2,
        feature=feature,
        score=score,
    )


_WORD = re.compile(r"[^\W\d_][\w.’'-]*", re.UNICODE)
_SENTENCE_BREAK = re.compile(r"(?<=[a-z])[.!?]\s+(?=[A-Z])")
_COMPOUND = re.compile(r"([A-Z][\w.’' -]*?)-[a-z]+")


def lookup_for_span(text: str, start: int, end: int, gazetteer: Gazetteer) -> str:
    """The name to look up for a given span: its whole words, and when they
    name no place, the longest known start of them (see below)."""
    name = clean_lookup(text, start, end)
    if not name or gazetteer.knows(name) or gazetteer.demonym_country(name):
        return name
    if end < len(text) and text[end] == "." and name.isalpha() and gazetteer.knows(name + "."):
        return name + "."  # an abbreviation whose full stop the span left out ("Ky" of "Ky.")
    # offsets a few characters off carry the next sentence's first words
    # ("Calgary. The", "Canadian. And finally"): the name ends at the full stop
    head = _SENTENCE_BREAK.split(name, maxsplit=1)[0]
    if head != name and (gazetteer.knows(head) or gazetteer.demonym_country(head)):
        return head
    end_cut = 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    # drop trailing words that are a feature type ("Salinas Valley", "Da Nang
    # International Airport" -> the town), lower case, or cut by offsets that
    # are a few characters off ("Ottawa is", "British Columbia For")
    words = [w.group(0).strip(".’'") for w in _WORD.finditer(name)]
    for keep in range(len(words) - 1, 0, -1):
        dropped = list(enumerate(words[keep:], start=keep))
        if not all(w[:1].islower() or w.lower() in FEATURE_WORDS or (end_cut and index == len(words) - 1) for index, w in dropped):
            continue
        # the last word kept may be a possessive ("Edmonton's economy")
        candidate = " ".join([*words[: keep - 1], _POSSESSIVE.sub("", words[keep - 1])])
        if candidate.lower() not in _GENERIC_WORDS and gazetteer.knows(candidate):
            return candidate
        if keep == 1 and gazetteer.demonym_country(candidate):
            return candidate  # "Russian authorities": the demonym names the country
    # a compound adjective: "Washington-based", "Ottawa-area" name the place before the hyphen
    compound = _COMPOUND.fullmatch(words[0]) if len(words) == 1 or all(w[:1].islower() for w in words[1:]) else None
    if compound and gazetteer.knows(compound.group(1)):
        return compound.group(1)
    # a part of a known place: "North London", "Upper Edmonton", "Greater
    # Toronto Area", "North Dallas" are in London, Edmonton, Toronto, Dallas
    if len(words) > 1 and words[0].lower() in _PART_WORDS:
        rest = [w for w in words[1:] if w.lower() not in ("area", "region", "metropolitan")]
        if rest and " ".join(rest).lower() not in _GENERIC_WORDS and gazetteer.knows(" ".join(rest)):
            return " ".join(rest)
    return name


# trailing words of a feature type a lookup may drop ("Salinas Valley", "Da Nang International Airport")
FEATURE_WORDS = words("places", "any", "feature_words")
_PART_WORDS = words("places", "en", "part_words")
_GENERIC_WORDS = words("places", "en", "generic_words") | words("places", "es", "generic_words")


def spans_to_toponyms(spans: list[dict], text: str, gazetteer: Gazetteer) -> list[Toponym]:
    """Given `{start, end}` spans as toponyms: "colonia Centro" given as a span
    is a place inside a municipality, "Municipio de Cajeme" the municipality."""
    from sucesos.places.local import feature_names

    toponyms = []
    for span in spans:
        start, end = int(span["start"]), int(span["end"])
        kind = None
        lookup = lookup_for_span(text, start, end, gazetteer)
        features = feature_names(text[start:end]) if 0 <= start < end <= len(text) else []
        if features and features[0][0] == 0 and not gazetteer.knows(clean_lookup(text, start, end)):
            _, _, feature_kind, name, _ = features[0]
            kind = feature_kind if feature_kind != "locality" or not gazetteer.knows(name) else "locality"
            kind = "local" if feature_kind == "locality" and not gazetteer.knows(name) else kind
            lookup = clean_lookup(text, start, end) if kind == "region" else name
        if kind is None and lookup:
            lookup, kind = facility_reading(lookup, gazetteer)
        toponyms.append(Toponym(start=start, end=end, lookup=lookup, kind=kind))
    return toponyms


def facility_reading(lookup: str, gazetteer: Gazetteer) -> tuple[str, str | None]:
    """(what to look up, kind) of a name the gazetteer does not know: a
    building or ground named by what it is lies in a town, never a namesake
    elsewhere: "Vancouver Art Gallery" in Vancouver; "St. Michael's Hospital",
    "Teatro Dr. Oscar Russo Vogel" in the town the text names (kind local)."""
    if gazetteer.knows(lookup) or not is_facility_name(lookup):
        return lookup, None
    town = _leading_place(lookup, gazetteer)
    return (town, None) if town else (lookup, "local")


def _leading_place(name: str, gazetteer: Gazetteer) -> str | None:
    """The longest run of a name's first words that names a place ("Vancouver"
    of "Vancouver Art Gallery"); a saint or a person the building is named
    for is none ("St. Michael's Hospital", "Bob Wills Museum")."""
    words = name.replace("-", " ").split()
    if words and words[0].lower().rstrip(".") in _DEDICATION_WORDS:
        return None
    for size in range(len(words) - 1, 0, -1):
        head = " ".join(words[:size])
        if _POSSESSIVE.search(head) or not head[:1].isupper() or head.lower() in _GENERIC_WORDS or is_facility_name(head):
            continue
        if gazetteer.knows(head):
            return head
    return None


_DEDICATION_WORDS = words("places", "any", "dedication_words")


def resolve_spans(spans: list[dict], text: str, gazetteer: Gazetteer, *, focus=None) -> list[Place]:
    """Spans mode: one Place per given `{start, end}`, same offsets, in order."""
    return resolve_toponyms(spans_to_toponyms(spans, text, gazetteer), text, gazetteer, focus=focus)
