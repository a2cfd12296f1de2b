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
  country other evidence names (or alone, when there is none);
- a region's demonym in lower case ("la Fiscalía mexiquense", "la policía
  capitalina") votes for its region like the region's name, but not for a
  country (the country is what the names and the address say; "capitalino"
  is said of every capital); capitalised, it is part of a name ("La Familia
  Michoacana") and does not vote.

A place named as where something heads ("con dirección a la CDMX", "rumbo
a Puebla", "headed to Texas") is not where the story is: it votes half.

In Spanish copy Mexico starts with one vote (`LANGUAGE_HOME`), and a
country's or a foreign region's name that also names a Mexican town splits
its vote with Mexico ("Guadalupe", "San Juan"); a name a feature word
qualifies ("sindicatura de Costa Rica") votes as what the word says.

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
# Spanish copy is read as Mexican unless the text says otherwise: sucesos is
# built for Mexican news (the project's scope), so a Spanish article with
# no other evidence is about Mexico, and one country name ("España") or two
# region names abroad outvote the prior
LANGUAGE_HOME = {"es": "MX"}
LANGUAGE_WEIGHT = 1.0
# a name that is a country (or a region) abroad and a town at home splits its vote
COUNTRY_NAMESAKE_POPULATION = 100_000
REGION_NAMESAKE_POPULATION = 1_000
CITY_NAMESAKE_POPULATION = 100_000  # a region's name that is also a big city's elsewhere splits its vote with it
# toponyms a feature word qualifies ("sindicatura de", "colonia", "municipio de")
QUALIFIED_KINDS = ("admin1", "admin2", "city", "locality", "local")

DESTINATION_WEIGHT = 0.5
_DESTINATION = re.compile(
    r"(?:\b(?:con\s+)?(?:direcci[oó]n|destino|rumbo)\s+(?:a|al|hacia)|\bhacia|\bheaded\s+(?:to|for)|\bbound\s+for|\btowards?)\s+(?:la\s+|el\s+|los\s+|las\s+|the\s+)?$",
    re.IGNORECASE,
)
# lower case only: a capitalised demonym belongs to a name ("La Familia Michoacana",
# a cartel; "Universidad Michoacana"), which says nothing of where the story is
_WORD = re.compile(r"(?<!\w)[a-záéíóúñü][^\W\d_]{4,}")

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
    home = LANGUAGE_HOME.get(lang or "")
    if home is None or not gazetteer.country_name(home):
        home = None
    named = False  # the prior needs a place named: an article that names none has no focus
    looked_up: dict[str, list] = {}
    headline_end = text.find("\n")
    headline_end = len(text) if headline_end < 0 else headline_end
    for toponym in toponyms:
        name = toponym.lookup
        if not name:
            continue
        weight = HEADLINE_WEIGHT if toponym.start < headline_end else 1.0
        if _DESTINATION.search(text[max(0, toponym.start - 30) : toponym.start]):
            weight *= DESTINATION_WEIGHT
        if name not in looked_up:
            looked_up[name] = gazetteer.lookup(name, limit=60)
        candidates = looked_up[name]
        qualifier = getattr(toponym, "qualifier", None)
        if not candidates and qualifier:
            # "San Juan Chamula, Chiapas": a town the gazetteer lacks still names its state
            name = qualifier
            if name not in looked_up:
                looked_up[name] = gazetteer.lookup(name, limit=60)
            candidates = looked_up[name]
        if not candidates:
            continue
        named = True
        # a feature word says what the name is: "sindicatura de Costa Rica" is a town, not the country
        qualified = getattr(toponym, "kind", None) in QUALIFIED_KINDS
        countries = [c for c in candidates if c.feature == COUNTRY] if not qualified else []
        regions = [c for c in candidates if c.feature == ADMIN1 and (c.matched_main_name or gazetteer.is_code(name) or _long_alias(name))]
        if qualified and getattr(toponym, "kind", None) != "admin1":
            regions = []
        span = (toponym.start, toponym.end)
        if countries:
            code = countries[0].country_code
            if home is not None and code != home and _home_namesake(candidates, home, COUNTRY_NAMESAKE_POPULATION):
                # "Guadalupe" (Guadeloupe, and a Mexican city of 600,000): half each
                country_votes[code] += weight / 2
                country_votes[home] += weight / 2
            else:
                country_votes[code] += weight
            support[code].append(span)
            continue
        if regions and not is_common_word(name, lang, threshold=REGION_COMMON_ZIPF):
            # a region's name that also names a town at home, in local copy ("San Juan", "Las Palmas",
            # "La Unión"), or a big city in another country ("Manchester": a parish of Jamaica, and
            # England's city) splits its vote with them
            at_home = home is not None and all(r.country_code != home for r in regions) and _home_namesake(candidates, home, REGION_NAMESAKE_POPULATION)
            elsewhere = {c.country_code for c in candidates if c.feature == CITY and c.population >= CITY_NAMESAKE_POPULATION} - {r.country_code for r in regions} - {home}
            share = weight / (len(regions) + int(at_home) + len(elsewhere))
            if at_home:
                country_votes[home] += share
            for code in elsewhere:
                town_votes[code] += share
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
    for match in _WORD.finditer(text):
        region = gazetteer.region_demonym(match.group(0))
        if region is not None:
            named = True  # "la policía capitalina" says where as a name would
            weight = HEADLINE_WEIGHT if match.start() < headline_end else 1.0
            admin1_votes[region.index] += weight
            admin1_country[region.index] = region.country_code
            admin1_support[region.index].append((match.start(), match.end()))
    if home is not None and named:
        country_votes[home] += LANGUAGE_WEIGHT
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
    elif home == code and not support[code]:
        evidence.append({"start": None, "end": None, "text": f"lang:{lang}"})  # the language's prior alone
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


def _home_namesake(candidates, home: str, population: int) -> bool:
    """Whether a name also names a town or municipality of `home` of at least `population` people."""
    return any(c.country_code == home and c.feature in (ADMIN2, CITY) and c.population >= population for c in candidates)


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
