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

import re

from sucesos.places.gazetteer import Gazetteer
from sucesos.places.resolve import Toponym, clean_lookup

PLACE_LABELS = {"GPE", "LOC"}
MAYBE_PLACE_LABELS = {"FAC", "ORG", "PERSON", "PER", "MISC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}

LOCATIVE = {
    "en": {"in", "near", "at", "from", "to", "outside", "into", "across", "around", "towards", "toward", "between"},
    "es": {"en", "de", "desde", "hacia", "cerca", "a", "entre", "por", "hasta"},
}

# Verbs whose subject is a government when it is a country: "Mexico said".
METONYMY_VERBS = {
    "say", "announce", "accuse", "warn", "deny", "claim", "condemn", "demand", "threaten", "urge", "reject",
    "agree", "sign", "sanction", "respond", "insist", "vow", "criticize", "criticise", "request", "ask", "refuse",
    "expel", "recognize", "recognise", "impose", "declare", "confirm", "call", "pledge", "promise", "negotiate",
    "decir", "anunciar", "acusar", "advertir", "negar", "condenar", "exigir", "amenazar", "rechazar", "firmar",
    "responder", "insistir", "pedir", "solicitar", "reconocer", "imponer", "declarar", "confirmar", "prometer",
    "negociar", "afirmar", "asegurar", "señalar", "criticar", "sancionar",
}

# Capitalised words that name a time, not a place ("in March", "en Mayo").
NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
    "octubre", "noviembre", "diciembre", "lunes", "martes", "miercoles", "miércoles", "jueves", "viernes",
    "sabado", "sábado", "domingo", "christmas", "easter", "navidad",
    # directions and organisations that match some town's name
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "midwest",
    "norte", "sur", "este", "oeste", "centro", "eu", "ue", "un", "onu", "nato", "otan",
}

# a place name before one of these names a disease or a strain, not where it is
_EPONYM = re.compile(r"\s*(?:virus|viruses|fever|disease|flu|influenza|strain|variant|virus'|virus’)\b", re.IGNORECASE)

_CONNECTORS = {"de", "del", "la", "las", "los", "el", "of", "the", "y", "upon", "on"}
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
    while end > start and text[end - 1] in " ,.;:'’\"”":
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
        if not lookup or not lookup[0].isupper() or lookup.lower() in NOT_PLACES:
            return
        if lookup in person_words or _EPONYM.match(text, end):
            return  # "Christopher Steele" ... "Steele"; "Marburg virus", "Rift Valley fever"
        if not gazetteer.knows(lookup):
            # an unknown name is kept (with null coordinates) only where the
            # sentence says it is a place: "in Xyz", "en Xyz"
            before = text[max(0, start - 12) : start].lower().split()
            if source != "ner" or not before or before[-1] not in locative:
                return
        found.append(Toponym(start=start, end=end, lookup=lookup, source=source))
        covered.update(range(start, end))

    for ent in doc.ents:
        label = ent.label_
        if label in PLACE_LABELS:
            if label == "GPE" and _metonymic(ent):
                covered.update(range(ent.start_char, ent.end_char))
                continue
            for start, end in _parts(text, ent.start_char, ent.end_char):
                start, end = _known_prefix(text, start, end, gazetteer)
                add(start, end, "ner")
        elif label in MAYBE_PLACE_LABELS:
            # the small models call many towns ORG, NORP or PRODUCT ("Aleppo", "Winnipeg")
            name = clean_lookup(text, ent.start_char, ent.end_char)
            previous = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if not name or name.lower() in NOT_PLACES or (label in ("NORP", "MISC") and gazetteer.demonym_country(name) is not None):
                covered.update(range(ent.start_char, ent.end_char))
            elif previous in locative and _significant(gazetteer, name, strong=False):
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
        if (previous in locative and _significant(gazetteer, name, strong=False)) or (
            not sentence_start and _significant(gazetteer, name, strong=True)
        ):
            if not gazetteer.demonym_country(name):
                add(start, end, "gazetteer")
        i += size
    # one name, one reading: a name taken as a place once is a place wherever
    # it stands alone in the article ("Aleppo" tagged GPE once and NORP twice)
    names = {t.lookup for t in found if t.lookup and t.lookup[0].isupper()}
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", text):
            if match.span() in doubtful:
                covered.difference_update(range(match.start(), match.end()))
            if any(i in covered for i in range(match.start(), match.end())):
                continue
            add(match.start(), match.end(), "repeat")
    found.sort(key=lambda t: t.start)
    return found


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


def _known_prefix(text: str, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """An entity the gazetteer does not know, cut to its longest known start:
    "Middle East Islamist" -> "Middle East". Unchanged when nothing is known."""
    name = clean_lookup(text, start, end)
    if not name or gazetteer.knows(name) or gazetteer.demonym_country(name):
        return start, end
    words = list(re.finditer(r"\S+", text[start:end]))
    for count in range(len(words) - 1, 0, -1):
        cut = start + words[count - 1].end()
        if gazetteer.knows(clean_lookup(text, start, cut)):
            return start, cut
    return start, end


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
    return False
