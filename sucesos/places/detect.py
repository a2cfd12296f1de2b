"""Toponym detection in EN and ES: NER places, checked and completed by the gazetteer.

- spaCy's place entities (EN: GPE, LOC, FAC; ES: LOC; the lexicon ruler's
  GPE) are toponyms; "Tepalcatepec, Michoacán" tagged as one entity is split
  at the comma into two.
- Capitalised words the model missed, or called a person or organisation,
  become toponyms when the gazetteer knows them and a locative preposition
  precedes them ("in Apatzingán", "en Aguililla"), or they name a country or
  a first-level region.
- Demonyms ("Mexican", "Turkish") are adjectives, not place names: not
  listed (GeoVirus agrees; TR-News annotates them, which costs recall there),
  and `locate_events` never takes one for an event's place.
- Metonymy: a country or capital that is the subject of a verb of saying or
  deciding ("Mexico said", "Washington sanctioned", "México anunció") stands
  for its government, not for where something happened: not listed.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from sucesos.places.gazetteer import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, REGION, Gazetteer, _read_yaml
from sucesos.places.local import feature_names
from sucesos.places.resolve import _GENERIC_WORDS, FEATURE_WORDS, Toponym, clean_lookup
from sucesos.places.words import is_common_word
from sucesos.taxonomy import LANGUAGES
from sucesos.words import words

PLACE_LABELS = {"GPE", "LOC"}
MAYBE_PLACE_LABELS = {"FAC", "ORG", "PERSON", "PER", "MISC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}

LOCATIVE = {lang: words("places", lang, "locative") for lang in LANGUAGES}
PLACE_CLASS_NOUNS = words("places", "en", "place_class_nouns")


@functools.lru_cache(maxsize=None)
def _role_heads() -> frozenset[str]:
    """Titles of people, both languages ("el gobernador", "Governor"): the claims stage's list, read once."""
    from sucesos.claims.cues import load_cues

    return frozenset().union(*(cues.role_heads for cues in load_cues().values()))


def _titled_person(text: str, start: int) -> bool:
    """"contra el gobernador Alfaro", "Governor Alfaro said": a name right after a person's title is the person."""
    before = text[max(0, start - 25) : start]
    match = re.search(r"([^\W\d_]+)\s+$", before)
    return bool(match) and match.group(1).lower() in _role_heads()


def _named_as_place(tokens, i: int) -> bool:
    """The name at token i follows "city of", "town of" ("the border city of Nuevo Laredo")."""
    return i >= 2 and tokens[i - 1].lower_ == "of" and tokens[i - 2].lower_ in PLACE_CLASS_NOUNS

# Verbs whose subject is a government when it is a country: "Mexico said".
METONYMY_VERBS = words("places", "any", "metonymy_verbs")

# Capitalised words that name a time, not a place ("in March", "en Mayo"),
# and directions and organisations that match some town's name.
NOT_PLACES = words("places", "any", "not_places")

# a place name before one of these names a disease, a strain or a weapon, not where it is ("Marburg
# virus"; "Molotov cocktail", where Molotov is also a historical name of Perm)
_EPONYM = re.compile(r"\s*(?:virus|viruses|fever|disease|flu|influenza|strain|variant|virus'|virus’|cocktails?)\b", re.IGNORECASE)
_EPONYM_BEFORE = re.compile(r"(?:c[oó]ctel(?:es)?|bombas?)\s+$", re.IGNORECASE)  # "bombas Molotov", "cóctel Molotov"

_CAPITALISED_NEXT = re.compile(r"\s+(?:(?:de|del|la|las|los)\s+)?[A-ZÁÉÍÓÚÑ]")
_CONNECTORS = words("places", "any", "name_connectors")
_ENT_SPLIT = re.compile(r"\s*,\s*")


def _is_capitalised(token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _metonymic(span) -> bool:
    root = span.root
    if root.dep_ not in ("nsubj", "nsubj:pass", "nsubjpass"):
        return False
    head = root.head
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in METONYMY_VERBS


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An entity split at commas: "Tepalcatepec, Michoacán" -> two spans."""
    pieces = []
    cursor = start
    for match in _ENT_SPLIT.finditer(text, start, end):
        if match.start() > cursor:
            pieces.append((cursor, match.start()))
        cursor = match.end()
    if cursor < end:
        pieces.append((cursor, end))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without a leading article ("the United States") or trailing possessive."""
    lowered = text[start:end].lower()
    for article in ("the ", "el ", "la ", "los ", "las "):
        if lowered.startswith(article) and end - start > len(article) + 2:
            # Spanish articles belong to some names ("La Paz", "El Paso"): keep them there
            if article != "the " and text[start + len(article)].isupper():
                break
            start += len(article)
            break
    while end > start and text[end - 1] in " ,.;:'’\"”-–":
        if text[end - 1] == "." and end - start <= 6:  # "Ky.", "D.C."
            break
        end -= 1
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2
    return start, end


def detect_toponyms(doc, gazetteer: Gazetteer, lang: str | None) -> list[Toponym]:
    """Toponyms of a parsed document, in text order, without overlaps."""
    text = doc.text
    locative = LOCATIVE.get(lang or "en", LOCATIVE["en"])
    found: list[Toponym] = []
    covered: set[int] = set()
    doubtful: set[tuple[int, int]] = set()  # entities that may be places, left out for now

    # words of people's names: "Steele" after "Christopher Steele" is the man, not Steele County
    person_words = {
        token.text for ent in doc.ents if ent.label_ in ("PERSON", "PER") and len(ent) > 1 for token in ent if token.text[:1].isupper()
    }

    def add(start: int, end: int, source: str) -> None:
        start, end = _trim(text, start, end)
        if end <= start or any(i in covered for i in range(start, end)):
            return
        lookup = clean_lookup(text, start, end)
        if not lookup or not lookup[0].isupper() or lookup.lower() in NOT_PLACES or lookup in _organisations():
            return
        if lookup in person_words or _EPONYM.match(text, end) or _EPONYM_BEFORE.search(text, max(0, start - 12), start):
            return  # "Christopher Steele" ... "Steele"; "Marburg virus", "Rift Valley fever"
        if _titled_person(text, start):
            return  # "el gobernador Alfaro" is the governor, not Alfaro (León)
        if not gazetteer.knows(lookup):
            # an unknown name is kept (with null coordinates) only where the
            # sentence says it is a place: "in Xyz", "en Xyz"
            before = text[max(0, start - 12) : start].lower().split()
            if source != "ner" or not before or before[-1] not in locative:
                return
        found.append(Toponym(start=start, end=end, lookup=lookup, source=source))
        covered.update(range(start, end))

    ents = list(doc.ents)
    joined = _joined_place_entities(ents, text, gazetteer)
    for k, ent in enumerate(ents):
        label = ent.label_
        if k in joined:
            continue  # the second half of a name the model cut in two (below)
        if k + 1 in joined:
            add(ent.start_char, ents[k + 1].end_char, "ner")
            continue
        if label in PLACE_LABELS:
            if label == "GPE" and _metonymic(ent):
                covered.update(range(ent.start_char, ent.end_char))
                continue
            for start, end in _parts(text, ent.start_char, ent.end_char):
                start, end = _known_prefix(text, start, end, gazetteer, lang)
                if start == ent.start_char:
                    start = _fuller_start(doc, ent, end, gazetteer)
                add(start, end, "ner")
        elif label in MAYBE_PLACE_LABELS:
            # the small models call many towns ORG, NORP or PRODUCT ("Aleppo", "Winnipeg")
            name = clean_lookup(text, ent.start_char, ent.end_char)
            previous = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if not name or name.lower() in NOT_PLACES or (label in ("NORP", "MISC") and gazetteer.demonym_country(name) is not None):
                covered.update(range(ent.start_char, ent.end_char))
            elif (previous in locative or _named_as_place(doc, ent.start)) and _significant(gazetteer, name, strong=False):
                add(ent.start_char, ent.end_char, "gazetteer")
            elif label not in ("PERSON", "PER") and _significant(gazetteer, name, strong=True, organisation=label == "ORG"):
                add(ent.start_char, ent.end_char, "gazetteer")
            else:
                if label in ("ORG", "FAC") and len(ent) > 1:
                    _places_inside(ent, gazetteer, add)
                covered.update(range(ent.start_char, ent.end_char))
                doubtful.add((ent.start_char, ent.end_char))
        else:
            covered.update(range(ent.start_char, ent.end_char))

    # capitalised words the model left alone
    tokens = list(doc)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.ent_type_ or not _is_capitalised(token) or token.idx in covered:
            i += 1
            continue
        best = None
        for size in range(min(5, len(tokens) - i), 0, -1):
            last = tokens[i + size - 1]
            if not _is_capitalised(last) or any(t.ent_type_ for t in tokens[i : i + size]):
                continue
            if any(not _is_capitalised(t) and t.lower_ not in _CONNECTORS for t in tokens[i : i + size]):
                continue
            name = text[token.idx : last.idx + len(last.text)]
            if name.lower() not in NOT_PLACES and gazetteer.knows(name):
                best = (token.idx, last.idx + len(last.text), size, name)
                break
        if best is None:
            i += 1
            continue
        start, end, size, name = best
        previous = tokens[i - 1].lower_ if i > 0 else ""
        sentence_start = token.is_sent_start or i == 0
        if ((previous in locative or _named_as_place(tokens, i)) and _significant(gazetteer, name, strong=False)) or (
            not sentence_start and _significant(gazetteer, name, strong=True)
        ):
            if not gazetteer.demonym_country(name):
                add(start, end, "gazetteer")
        i += size
    doubtful_starts = {start for start, _end in doubtful}
    # one name, one reading: a name taken as a place once is a place wherever
    # it stands alone in the article ("Aleppo" tagged GPE once and NORP twice)
    names = {t.lookup for t in found if t.lookup and t.lookup[0].isupper()}
    words = _word_positions(text) if names else {}
    for name in sorted(names, key=len, reverse=True):
        for match in _occurrences(text, name, words):
            if match.span() in doubtful or (match.start() in doubtful_starts and not _CAPITALISED_NEXT.match(text, match.end())):
                # "México" tagged MISC as "México de excelente calidad": the name, not the rest
                covered.difference_update(range(match.start(), match.end()))
            if any(i in covered for i in range(match.start(), match.end())):
                continue
            add(match.start(), match.end(), "repeat")
    found.sort(key=lambda t: t.start)
    found = [t for t in found if not _common_phrase_of_headline(t, text)]
    if lang == "es":
        spanish_codes = _read_yaml("places_extra.yaml").get("spanish_codes") or {}
        found = [dataclasses.replace(t, lookup=spanish_codes[t.lookup]) if t.lookup in spanish_codes else t for t in found]
        found = _with_feature_names(found, text, gazetteer)
        found = _town_state_pairs(found, text, gazetteer)
    return found


def _common_phrase_of_headline(toponym: Toponym, text: str) -> bool:
    """A title-case headline's capitalised common phrase that the article writes in lower case.

    "Mexican Soldiers Kill 12 Gunmen in Texas Border City" over "the border
    city of Nuevo Laredo": the headline capitalises every word, and "Border
    City" (a nickname of Fall River) is the body's "border city", not a place.
    """
    headline_end = text.find("\n")
    if headline_end <= 0 or toponym.start >= headline_end:
        return False
    phrase = text[toponym.start : toponym.end]
    if " " not in phrase or phrase.lower() == phrase:
        return False
    long_words = [w for w in re.findall(r"[^\W\d_]+", text[:headline_end]) if len(w) > 3]
    if not long_words or sum(w[0].isupper() for w in long_words) < 0.8 * len(long_words):
        return False  # not a title-case headline
    return re.search(r"(?<![\w])" + re.escape(phrase.lower()) + r"(?![\w])", text[headline_end:]) is not None


def _joined_place_entities(ents, text: str, gazetteer: Gazetteer) -> set[int]:
    """Indexes of place entities that end a name the model cut in two: "Dolores"
    (LOC) + "Hidalgo" (GPE) is the Guanajuato town Dolores Hidalgo, not a
    word and a state. Joined when only a space parts them and together they
    name a state, a municipality or a town of 10,000 people."""
    joined: set[int] = set()
    for k in range(1, len(ents)):
        first, second = ents[k - 1], ents[k]
        if k - 1 in joined or first.label_ not in PLACE_LABELS or second.label_ not in PLACE_LABELS:
            continue
        if text[first.end_char : second.start_char] != " ":
            continue
        name = clean_lookup(text, first.start_char, second.end_char)
        if name and any(
            c.feature == ADMIN1 or (c.feature in (ADMIN2, CITY) and c.population >= _FULLER_POPULATION) for c in gazetteer.lookup(name, limit=20)
        ):
            joined.add(k)
    return joined


# a municipality or town named for a person ("la Miguel Hidalgo", "la Gustavo A.
# Madero", "Lázaro Cárdenas"): the model often tags only the surname, which
# is also a state's name; the whole name is the place
_FULLER_POPULATION = 10_000


def _fuller_start(doc, ent, end: int, gazetteer: Gazetteer) -> int:
    """The start of the longest run of capitalised words right before `ent`
    (at most three, not opening the sentence) that with it names a
    municipality or a town of 10,000 people; else the entity's own start."""
    text = doc.text
    best = ent.start_char
    for size in (1, 2, 3):
        first = ent.start - size
        if first < 0:
            break
        run = doc[first : ent.start]
        if not all(_is_capitalised(t) and not t.ent_type_ for t in run) or run[0].is_sent_start or first == 0:
            break
        name = clean_lookup(text, run[0].idx, end)
        if name and any(c.feature in (ADMIN2, CITY) and c.population >= _FULLER_POPULATION for c in gazetteer.lookup(name, limit=20)):
            best = run[0].idx
    return best


_WORD = re.compile(r"\w+")


def _word_positions(text: str) -> dict[str, list[int]]:
    """Where each word (a maximal run of word characters) starts, in text order."""
    positions: dict[str, list[int]] = {}
    for match in _WORD.finditer(text):
        positions.setdefault(match.group(), []).append(match.start())
    return positions


def _occurrences(text: str, name: str, words: dict[str, list[int]]):
    """The matches of `name` standing alone in `text` (what finditer of the pattern below gives),
    tried only where its first word starts: a search of the whole text per name was quadratic."""
    pattern = re.compile(r"(?<![\w.])" + re.escape(name) + r"(?![\w])")
    first = _WORD.match(name)
    if first is None:
        yield from pattern.finditer(text)
        return
    after = 0
    for position in words.get(first.group(), ()):
        if position < after:
            continue  # inside the previous match (finditer does not overlap matches)
        match = pattern.match(text, position)
        if match is not None:
            after = match.end()
            yield match


def _organisations() -> frozenset[str]:
    return frozenset(_read_yaml("places_extra.yaml").get("organisations") or ())


def _with_feature_names(found: list[Toponym], text: str, gazetteer: Gazetteer) -> list[Toponym]:
    """Spanish feature-word names ("Estado de Sonora", "colonia Centro") as whole
    toponyms, replacing the toponyms found inside them (see `sucesos.places.local`)."""
    features = feature_names(text)
    if not features:
        return found
    kept = list(found)
    added = []
    for start, end, kind, name, name_start in features:
        if any(a.start < end and start < a.end for a in added):
            continue
        if kind in ("admin2", "city", "locality") or (kind == "local" and not gazetteer.colonia_municipalities(name)):
            # (a colonia SEPOMEX lists keeps its whole name: "colonia Jardines del Pedregal", not "Pedregal")
            end = _cut_at_known_place(text, name_start, end, gazetteer)
        inside = [t for t in kept if t.start < end and start < t.end]
        # a toponym reaching past the phrase ("Valle del Yaqui" inside a longer
        # entity) keeps its own reading
        if any(t.start < start or t.end > end for t in inside) and kind != "local":
            continue
        whole = clean_lookup(text, start, end)
        if kind == "admin2" and _names_municipality(clean_lookup(text, name_start, end), gazetteer):
            # "municipio de Manzanillo": the municipality, not Cuba's "Municipio de Manzanillo" (GeoNames' name)
            whole = ""
        if kind == "region" or (whole and gazetteer.knows(whole)):
            lookup = whole
            kind_used = "region" if kind == "region" and not gazetteer.knows(whole) else kind
            if gazetteer.knows(whole) and kind in ("region", "city"):
                kind_used = None  # "Valle de Bravo", "Ciudad de México": a name the gazetteer has
        else:
            lookup = clean_lookup(text, name_start, end)
            kind_used = kind
        if kind_used == "local" or (kind_used == "locality" and not gazetteer.knows(lookup)):
            kind_used, lookup = "local", lookup
        kept = [t for t in kept if t not in inside]
        qualifier = None
        if kind_used == "admin2" and text[start:name_start].split()[0].lower() in _CAPITAL_ADMIN2_WORDS:
            # "alcaldía Cuauhtémoc": an alcaldía is Mexico City's, not a namesake municipality elsewhere
            if any(c.feature == ADMIN2 and c.admin1 == CAPITAL_STATE for c in gazetteer.lookup(lookup, limit=50)):
                qualifier = CAPITAL_STATE
        added.append(Toponym(start=start, end=end, lookup=lookup, source="feature", kind=kind_used, qualifier=qualifier))
    return sorted(kept + added, key=lambda t: t.start)


# the word for Mexico City's boroughs (its admin2); elsewhere it is a town hall
_CAPITAL_ADMIN2_WORDS = words("places", "es", "capital_admin2_words")
CAPITAL_STATE = "Ciudad de México"


def _names_municipality(name: str, gazetteer: Gazetteer) -> bool:
    return bool(name) and any(c.feature == ADMIN2 for c in gazetteer.lookup(name, limit=50))


_TAIL = re.compile(r"\s+(?:de\s+la|del|de|en)\s+(?=\S)")


def _cut_at_known_place(text: str, name_start: int, end: int, gazetteer: Gazetteer) -> int:
    """ "alcaldía Cuauhtémoc de la Ciudad de México" ends before "de la Ciudad
    de México": a tail naming a state, country or town is a place of its own."""
    for match in _TAIL.finditer(text, name_start, end):
        tail = clean_lookup(text, match.end(), end)
        if tail and any(c.feature in (ADMIN1, COUNTRY) or (c.feature == CITY and c.population >= 10_000) for c in gazetteer.lookup(tail, limit=40)):
            return match.start()
    return end


_PAIR_GAP = re.compile(r"\s*,\s*")
_PAIR_NAME = re.compile(r"(?:[A-ZÁÉÍÓÚÑ][\w’'-]*\.?)(?:\s+(?:de\s+|del\s+)?[A-ZÁÉÍÓÚÑ][\w’'-]*\.?){0,3}")


def _town_state_pairs(found: list[Toponym], text: str, gazetteer: Gazetteer) -> list[Toponym]:
    """ "Morelia, Mich.", "Tijuana, Baja California": one toponym, the town,
    with the state as its qualifier (the Spanish press writes them as a unit)."""
    result: list[Toponym] = []
    skip_until = -1
    for toponym in found:
        if toponym.start < skip_until:
            continue
        if toponym.kind in (None, "city", "locality", "admin2") and toponym.lookup:
            gap = _PAIR_GAP.match(text, toponym.end)
            name = _PAIR_NAME.match(text, gap.end()) if gap and gap.group(0).strip() == "," else None
            if name is not None:
                words = name.group(0).split()
                for size in range(len(words), 0, -1):
                    qualifier = " ".join(words[:size])
                    if qualifier.endswith(".") and not gazetteer.is_code(qualifier):
                        qualifier = qualifier[:-1]  # "Sonora." ends the sentence; "Mich." keeps its dot
                    regions = [c for c in gazetteer.lookup(qualifier, limit=40) if c.feature == ADMIN1]
                    own = [c for c in gazetteer.lookup(toponym.lookup, limit=40) if c.feature in (ADMIN1, COUNTRY)]
                    if regions and not own:
                        end = gap.end() + len(qualifier)
                        if not qualifier.endswith(".") and text[end : end + 1] == "." and len(qualifier) <= 5:
                            end += 1  # "Mich." written with its dot
                        result.append(Toponym(start=toponym.start, end=end, lookup=toponym.lookup, source=toponym.source, kind=toponym.kind, qualifier=qualifier))
                        skip_until = end
                        break
                else:
                    result.append(toponym)
                continue
        result.append(toponym)
    return result


# prepositions that place what follows: "en Esperanza", "in Reading" (not "de")
STRONG_LOCATIVE = words("places", "any", "strong_locative")


def drop_common_words(toponyms: list[Toponym], text: str, gazetteer: Gazetteer, lang: str | None, focus) -> list[Toponym]:
    """Without one-word toponyms that are everyday words of the language
    ("Ayer", "Para", "Valle", "Plaza") unless something says they are places:
    a country or continent of that name, a state of the article's focus
    country, a capital or a city of a million (100,000 in the focus country),
    or a locative preposition before it with a namesake in the focus country."""
    verdicts: dict[str, bool] = {}
    kept = []
    for toponym in toponyms:
        name = toponym.lookup
        if name and name.isupper() and len(name.replace(".", "")) <= 3 and not _acronym_is_place(name, gazetteer):
            continue  # "SE" of "SE RESISTIERON" is no code: only known codes and country names pass as acronyms
        if is_bare_country_code(name, text, toponym.start, gazetteer):
            continue
        if toponym.source in ("feature", "given") or toponym.kind or toponym.qualifier or not name or not is_common_word(name, lang):
            kept.append(toponym)
            continue
        before = text[max(0, toponym.start - 12) : toponym.start].lower().split()
        locative = bool(before) and before[-1] in STRONG_LOCATIVE
        key = (name, locative)
        if key not in verdicts:
            verdicts[key] = _common_word_is_place(name, gazetteer, lang, focus, locative)
        if verdicts[key]:
            kept.append(toponym)
    return kept


_SPORTS_WORDS = words("places", "es", "sports_words")
_CLUB_ARTICLE = re.compile(r"(?:^|[\s(])(?:el|al|del)\s+$")  # lower case: "El Paso", "El Salvador" keep theirs
_SENTENCE_END = re.compile(r"[.!?\n]")
TEAM_CITY_POPULATION = 100_000


PRODUCT_MAKES = words("places", "any", "product_makes")
PRODUCT_NOUNS = words("places", "any", "product_nouns")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)\W{0,2}$")
_WORD_AFTER = re.compile(r"^\W{0,2}([^\W\d_][\w-]*)")


def drop_products(toponyms: list[Toponym], text: str) -> list[Toponym]:
    """Without vehicle models and weapon brands: a name right after a maker is
    its model ("una camioneta Dodge Durango", "a Toyota Tacoma"), and a maker's
    name beside a vehicle or weapon noun is the brand ("Barrett rifles",
    "fusiles Barrett"); crime copy describes both, and Durango, Tacoma and
    Barrett are also places."""
    kept = []
    for toponym in toponyms:
        before = _WORD_BEFORE.search(text, max(0, toponym.start - 30), toponym.start)
        after = _WORD_AFTER.search(text[toponym.end : toponym.end + 30])
        word_before = before.group(1).lower() if before else ""
        word_after = after.group(1).lower() if after else ""
        name = clean_lookup(text, toponym.start, toponym.end).lower()
        if word_before in PRODUCT_MAKES or (name in PRODUCT_MAKES and (word_before in PRODUCT_NOUNS or word_after in PRODUCT_NOUNS)):
            continue
        kept.append(toponym)
    return kept


def drop_teams(toponyms: list[Toponym], text: str, gazetteer: Gazetteer) -> list[Toponym]:
    """Without clubs named for a place: in Spanish a town or state takes no
    article, a club does ("el Monterrey", "al Southampton", "ante el Morelos");
    dropped where the sentence is sports copy (a word of `sports_words`) and
    the bare name is a state or a city of 100,000+ (clubs bear big places'
    names; "el Tobarito", "el Atotonilco" are localities whose article is usage)."""
    kept = []
    for toponym in toponyms:
        name = toponym.lookup
        if (
            name and not toponym.kind and not toponym.qualifier and toponym.source != "feature"
            and _CLUB_ARTICLE.search(text, max(0, toponym.start - 5), toponym.start)
            and clean_lookup(text, toponym.start, toponym.end) == name
            and _in_sports_sentence(text, toponym.start, toponym.end)
            and any(c.feature == ADMIN1 or (c.feature == CITY and c.population >= TEAM_CITY_POPULATION) for c in gazetteer.lookup(name, limit=40))
        ):
            continue
        kept.append(toponym)
    return kept


def _in_sports_sentence(text: str, start: int, end: int) -> bool:
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)]
    sentence_start = before[-1] if before else max(0, start - 300)
    after = _SENTENCE_END.search(text, end, end + 300)
    sentence = text[sentence_start : after.start() if after else end + 300].lower()
    return any(word in _SPORTS_WORDS for word in re.findall(r"\w+", sentence))


def is_bare_country_code(name: str | None, text: str, start: int, gazetteer: Gazetteer) -> bool:
    """ "el IVA y el ISR": an ISO alpha-3 code no press list names is an acronym of
    the language (Mexico's income tax, not Israel), unless a locative says "en ISR"."""
    return bool(name) and name.isupper() and gazetteer.is_iso3_only(name) and not _after_strong_locative(text, start)


def _after_strong_locative(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].lower().split()
    return bool(before) and before[-1] in STRONG_LOCATIVE


def _acronym_is_place(name: str, gazetteer: Gazetteer) -> bool:
    return gazetteer.is_code(name) or any(c.feature in (COUNTRY, CONTINENT, REGION) for c in gazetteer.lookup(name, limit=20))


def _common_word_is_place(name: str, gazetteer: Gazetteer, lang: str | None, focus, locative: bool) -> bool:
    focus_code = focus.country_code if focus is not None else None
    for candidate in gazetteer.lookup(name, limit=100):
        feature = candidate.feature
        if feature in (COUNTRY, CONTINENT, REGION):
            return True
        in_focus = focus_code is not None and candidate.country_code == focus_code
        if feature == ADMIN1 and (in_focus or (candidate.matched_main_name and not is_common_word(name, lang, threshold=4.5))):
            return True
        if feature in (CITY, ADMIN2):
            if candidate.capital or candidate.population >= 1_000_000 or (in_focus and candidate.matched_main_name and candidate.population >= 100_000):
                return True
        if locative and (in_focus or candidate.population >= 100_000 or (focus_code is None and candidate.population >= 10_000)):
            return True
    return False


def _places_inside(ent, gazetteer: Gazetteer, add) -> None:
    """Well-known place names inside an organisation's name: "Winnipeg Police
    Service", "University of Alberta", "Skate Canada". Listed as toponyms (the
    geoparsing gold standards count them); `locate_events` does not take a
    place inside an actor's name for an event's place."""
    tokens = list(ent)
    i = 0
    while i < len(tokens):
        taken = 0
        for size in range(min(3, len(tokens) - i), 0, -1):
            run = tokens[i : i + size]
            if not all(_is_capitalised(t) for t in run):
                continue
            name = ent.doc[run[0].i : run[-1].i + 1].text  # a Span's text: Doc.text rebuilds the whole article
            if name.lower() in NOT_PLACES or not gazetteer.knows(name):
                continue
            if _significant(gazetteer, name, strong=True):
                add(run[0].idx, run[-1].idx + len(run[-1].text), "in_name")
                taken = size
                break
        i += taken or 1


def _known_prefix(text: str, start: int, end: int, gazetteer: Gazetteer, lang: str | None = None) -> tuple[int, int]:
    """An entity the gazetteer does not know, cut to its longest known start:
    "Middle East Islamist" -> "Middle East". Unchanged when nothing is known.
    In Spanish, where adjectives of nationality are written in lower case, a
    capitalised word after the known start continues the name ("San Juan
    Chamula" is no "San Juan"): no cut (see `name_goes_on`)."""
    name = clean_lookup(text, start, end)
    if not name or gazetteer.knows(name) or gazetteer.demonym_country(name):
        return start, end
    words = list(re.finditer(r"\S+", text[start:end]))
    for count in range(len(words) - 1, 0, -1):
        cut = start + words[count - 1].end()
        if gazetteer.knows(clean_lookup(text, start, cut)):
            if lang == "es" and name_goes_on(text, cut, end, gazetteer):
                return start, end
            return start, cut
    return start, end


def name_goes_on(text: str, cut: int, end: int, gazetteer: Gazetteer) -> bool:
    """Whether a Spanish name runs on past `cut` with a capitalised word:
    "San Juan | Chamula" is one name; "Los Ángeles | California", a town and
    its state written without the comma, is not (the rest names a state or
    country), nor "Guaymas | Norte" (a part of the town)."""
    rest = re.split(r"[,;:()]", text[cut:end], maxsplit=1)[0]  # up to the next comma: "Guaymas Norte, María ..."
    stripped = rest.lstrip()
    if not stripped[:1].isupper() or not rest[:1].isspace():
        return False
    tail = clean_lookup(text, cut + len(rest) - len(stripped), cut + len(rest))
    if all(w.lower() in _GENERIC_WORDS or w.lower() in FEATURE_WORDS for w in tail.split()):
        return False  # "Guaymas Norte", "Hollywood Hills": a part of the known place
    return not any(c.feature in (ADMIN1, COUNTRY) for c in gazetteer.lookup(tail, limit=40))


def _significant(gazetteer: Gazetteer, name: str, *, strong: bool, organisation: bool = False) -> bool:
    """Whether a capitalised word the model did not tag as a place is worth taking as one.

    After a locative preposition any town of 1,000+ people will do; elsewhere
    only a country, a first-level region or a city of 100,000+ (500,000+ for
    a name the model called an organisation: "Xinhua" is a news agency first).
    """
    threshold = 1_000 if not strong else 500_000 if organisation else 100_000
    for candidate in gazetteer.lookup(name, limit=50):
        if candidate.feature in ("country", "continent", "region"):
            return True  # "U.S.", "Britain": a country's other names are as good as its name
        if candidate.feature == "admin1":
            if candidate.matched_main_name or not strong or (gazetteer.is_code(name) and len(name) > 2):  # not "OK", "IN"
                return True
        elif candidate.feature == "city" and candidate.population >= threshold:
            return True
        elif candidate.feature == "admin2" and candidate.matched_main_name and (not strong or candidate.population >= threshold):
            return True  # "Cajeme", "Ecatepec": municipalities are places news names
    return False


# The Mexican press opens a story with its dateline in capitals and ".-":
# "NAVOJOA.- Como fieles feligreses ...", "CIUDAD OBREGÓN.-"; agencies sign
# the same way ("EL UNIVERSAL.-", "NOTIMEX.-"), so the name must be a known
# settlement or region, of some size, to be the place.
_DATELINE = re.compile(r"(?:(?<=\n)|^|(?<=\s))([A-ZÁÉÍÓÚÑÜ]{3,}(?: [A-ZÁÉÍÓÚÑÜ]{2,}){0,3})\.-")
DATELINE_POPULATION = 5_000


def dateline_toponyms(text: str, gazetteer: Gazetteer) -> list[Toponym]:
    """The place of an upper-case ".-" dateline, when the gazetteer knows it as a
    town of at least DATELINE_POPULATION, a municipality, a region or a country."""
    found = []
    for match in _DATELINE.finditer(text):
        name = match.group(1)
        candidates = gazetteer.lookup(name.title(), limit=20)
        if any(c.feature in (ADMIN1, ADMIN2, COUNTRY) or (c.feature == CITY and c.population >= DATELINE_POPULATION) for c in candidates):
            found.append(Toponym(start=match.start(1), end=match.end(1), lookup=name.title(), source="dateline"))
    return found


# "the Gulf coast state of Veracruz", "the Pacific resort city of Acapulco",
# "the northern border state of Tamaulipas": a name inside a descriptor
# phrase qualifies the place the phrase introduces; it is no place of its own
_DESCRIPTOR_OF = re.compile(
    r"\s+(?:[a-z][a-z-]*\s+){1,3}(?:state|province|city|town|village|region|department|county|municipality|port|capital)\s+of\s+(?:the\s+)?$"
)


def drop_descriptor_modifiers(toponyms: list[Toponym], text: str) -> list[Toponym]:
    """Without names that only modify the descriptor of the next toponym (see `_DESCRIPTOR_OF`)."""
    if len(toponyms) < 2:
        return toponyms
    ordered = sorted(toponyms, key=lambda t: t.start)
    modifiers = set()
    for here, following in zip(ordered, ordered[1:]):
        gap = text[here.end : following.start]
        if len(gap) <= 60 and _DESCRIPTOR_OF.fullmatch(gap):
            modifiers.add(id(here))
    return [t for t in toponyms if id(t) not in modifiers] if modifiers else toponyms

