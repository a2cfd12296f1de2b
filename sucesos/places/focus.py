"""Where an article is about: its focus country and state, before resolving.

Evidence, each weighed once per mention (the headline, the text's first
line, counts double):
- the outlet's address: a country-code domain (".mx", ".com.mx") sets that
  country (no span: the evidence entry has null offsets and the address);
- names that can only be a country ("México", "Estados Unidos");
- names of first-level regions by their own name or press abbreviation
  ("Guanajuato", "Ciudad de México", "Mich.", "Edomex", "CDMX"), which vote
  for the region and its country; a region name shared by several countries
  splits its vote;
- municipalities whose name points to one region (its namesakes in one
  state, or ten times the next elsewhere: "Texcoco", "Iztapalapa"), and
  barrios known by name alone ("Tepito"), which vote for it like its own
  name, and for its country as towns do;
- towns whose name points to one region (the most populous namesake ten
  times larger than the next: "Hermosillo", "Culiacán") vote half, for a
  country other evidence names (or alone, when there is none).

The focus is the country with most votes (at least one, and 40% of all),
and within it the region with most votes. No evidence: None, never a guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sucesos.places.gazetteer import ADMIN1, ADMIN2, CITY, COUNTRY, Gazetteer
from sucesos.places.words import is_common_word

MIN_VOTES = 1.0
MIN_SHARE = 0.4
HEADLINE_WEIGHT = 2.0
TOWN_WEIGHT = 0.5
MUNICIPALITY_POPULATION = 10_000
URL_WEIGHT = 3.0
# a region's name votes unless it is a very common word ("Valle", a
# department of Honduras; "Pará"); "Sonora" (4.2) and "Guerrero" (4.4) vote
REGION_COMMON_ZIPF = 4.5
MAX_EVIDENCE = 6

_TLD = re.compile(r"^(?:[a-z]+://)?[^/]*?\.([a-z]{2})(?::\d+)?(?:/|$)", re.IGNORECASE)
# generic country-code domains that say nothing about where a story is
_GENERIC_TLDS = {"tv", "io", "co", "me", "fm", "ly", "ai", "cc", "ws", "to", "am", "eu", "uk"}


@dataclass
class Focus:
    country_code: str
    country: str | None
    admin1: str | None = None
    admin1_index: int | None = None
    evidence: list[dict] = field(default_factory=list)
    # whether resolution should prefer the focus over other readings: the
    # local press (Spanish copy, or a national outlet's own domain) writes for
    # readers who know where "Cuauhtémoc" is; English wire copy ranges over
    # the world and is left to the article's geography (measured: a focus
    # prior costs TR-News and GeoVirus 1-2 points, gains CEGEOMEX several)
    strong: bool = False

    def to_dict(self) -> dict:
        return {"country": self.country, "admin1": self.admin1, "evidence": list(self.evidence)}


def article_focus(toponyms, text: str, gazetteer: Gazetteer, *, url: str | None = None, lang: str | None = None) -> Focus | None:
    """The focus of one article from its toponyms (see the module docstring)."""
    country_votes: dict[str, float] = defaultdict(float)
    town_votes: dict[str, float] = defaultdict(float)
    admin1_votes: dict[int, float] = defaultdict(float)
    admin1_country: dict[int, str] = {}
    support: dict[str, list[tuple[int, int]]] = defaultdict(list)
    admin1_support: dict[int, list[tuple[int, int]]] = defaultdict(list)
    url_code = _url_country(url, gazetteer)
    if url_code:
        country_votes[url_code] += URL_WEIGHT
    looked_up: dict[str, list] = {}
    headline_end = text.find("\n")
    headline_end = len(text) if headline_end < 0 else headline_end
    for toponym in toponyms:
        name = toponym.lookup
        if not name:
            continue
        weight = HEADLINE_WEIGHT if toponym.start < headline_end else 1.0
        if name not in looked_up:
            looked_up[name] = gazetteer.lookup(name, limit=60)
        candidates = looked_up[name]
        if not candidates:
            continue
        countries = [c for c in candidates if c.feature == COUNTRY]
        regions = [c for c in candidates if c.feature == ADMIN1 and (c.matched_main_name or gazetteer.is_code(name) or _long_alias(name))]
        span = (toponym.start, toponym.end)
        if countries:
            code = countries[0].country_code
            country_votes[code] += weight
            support[code].append(span)
            continue
        if regions and not is_common_word(name, lang, threshold=REGION_COMMON_ZIPF):
            share = weight / len(regions)
            for region in regions:
                country_votes[region.country_code] += share
                admin1_votes[region.index] += share
                admin1_country[region.index] = region.country_code
                support[region.country_code].append(span)
                admin1_support[region.index].append(span)
            continue
        municipality = _one_state_municipality(candidates) or gazetteer.barrio(name)
        if municipality is not None and not is_common_word(name, lang):
            # "Texcoco", "Iztapalapa", "Neza": a municipality of one state names that state as surely as
            # its name does; its country, like a town's, only within one that other evidence names
            town_votes[municipality.country_code] += weight
            admin1_votes[municipality.admin1_index] += weight
            admin1_country[municipality.admin1_index] = municipality.country_code
            support[municipality.country_code].append(span)
            admin1_support[municipality.admin1_index].append(span)
            continue
        towns = sorted((c for c in candidates if c.feature == CITY), key=lambda c: -c.population)
        if towns and towns[0].admin1_index is not None and towns[0].population >= 10_000 and not is_common_word(name, lang):
            if len(towns) == 1 or towns[0].population >= 10 * max(1, towns[1].population):
                top = towns[0]
                town_votes[top.country_code] += TOWN_WEIGHT * weight
                admin1_votes[top.admin1_index] += TOWN_WEIGHT * weight
                admin1_country[top.admin1_index] = top.country_code
                support[top.country_code].append(span)
                admin1_support[top.admin1_index].append(span)
    # towns place the article within a country that a country name, a region
    # name or the address already points to; they set the country alone only
    # when nothing else does ("San Bernardino" is also a poblado of Texcoco)
    for code, votes in town_votes.items():
        if code in country_votes or not country_votes:
            country_votes[code] += votes
    if not country_votes:
        for code, votes in town_votes.items():
            country_votes[code] += votes
    if not country_votes:
        return None
    total = sum(country_votes.values())
    code, votes = max(country_votes.items(), key=lambda item: (item[1], item[0]))
    if votes < MIN_VOTES or votes / total < MIN_SHARE:
        return None
    focus = Focus(country_code=code, country=gazetteer.country_name(code), strong=lang == "es" or url_code == code)
    in_country = {index: v for index, v in admin1_votes.items() if admin1_country.get(index) == code}
    spans = list(support[code])
    if in_country:
        index, region_votes = max(in_country.items(), key=lambda item: (item[1], -item[0]))
        if region_votes >= MIN_VOTES / 2:
            focus.admin1_index = index
            focus.admin1 = gazetteer.candidate(index).name
            first = set(admin1_support[index])
            spans = admin1_support[index] + [s for s in spans if s not in first]
    evidence = []
    if url_code == code:
        evidence.append({"start": None, "end": None, "text": url})
    seen = set()
    for start, end in spans:
        if (start, end) in seen:
            continue
        seen.add((start, end))
        evidence.append({"start": start, "end": end, "text": text[start:end]})
        if len(evidence) >= MAX_EVIDENCE:
            break
    focus.evidence = evidence
    return focus


def _one_state_municipality(candidates):
    """The municipality (admin2) a name points to when its namesakes lie in one state, or the most
    populous is ten times the next one elsewhere ("Texcoco"; not "Cuauhtémoc": Mexico City's, and
    Chihuahua's of 180,000), of at least 10,000 people; else None."""
    municipalities = sorted((c for c in candidates if c.feature == ADMIN2 and c.admin1_index is not None), key=lambda c: -c.population)
    if not municipalities or municipalities[0].population < MUNICIPALITY_POPULATION:
        return None
    top = municipalities[0]
    elsewhere = [c.population for c in municipalities[1:] if c.admin1_index != top.admin1_index]
    towns_elsewhere = [c.population for c in candidates if c.feature == CITY and c.admin1_index != top.admin1_index]
    if top.population < 10 * max([1, *elsewhere, *towns_elsewhere]):
        return None
    return top


def _long_alias(name: str) -> bool:
    """ "Estado de México", "Michoacán": a region's other full name, not a short code."""
    return len(name) > 4 and not name.isupper()


def _url_country(url: str | None, gazetteer: Gazetteer) -> str | None:
    if not url:
        return None
    match = _TLD.match(url.strip())
    if not match:
        return None
    tld = match.group(1).lower()
    if tld in _GENERIC_TLDS:
        return None
    code = tld.upper()
    return code if gazetteer.country_name(code) else None
