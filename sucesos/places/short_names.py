"""Press short forms of Mexican official place names.

Mexican municipalities and towns carry honorifics the press leaves out:
"Tlajomulco de Zúñiga" is "Tlajomulco", "Coalcomán de Vázquez Pallares" is
"Coalcomán", "Heroica Ciudad de Juchitán de Zaragoza" is "Juchitán",
"Hidalgo del Parral" is "Parral", "Dolores Hidalgo Cuna de la Independencia
Nacional" is "Dolores Hidalgo". `short_forms` derives the candidates from the
name's shape alone (a title before it, a dedication or "de <Name>" after it,
a hero's name before "del"); whether a candidate is safe to index (not an
everyday word, not another place's name in the state, not shared by many
places) is decided by `derive_short_names`, which sees every place.
"""

from __future__ import annotations

import re

from sucesos.words import word_entries, words

_TITLES = word_entries("places", "es", "honorific_titles")
_TAILS = word_entries("places", "es", "honorific_tails")
_EPITHETS = frozenset(word_entries("places", "es", "saint_epithets"))


def _alternatives(names) -> str:
    return "|".join(re.escape(n) for n in names)


# "San Pablo Huitzo", "San Juan Bautista Tuxtepec", "Asunción Nochixtlán": saint (and given
# name, and epithet) or feast, then one name word ending the name
_SAINT = re.compile(
    rf"^(?:(?:{_alternatives(word_entries('places', 'es', 'saint_words'))})\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+(?:\s+(?:{_alternatives(_EPITHETS)}))?"
    rf"|{_alternatives(word_entries('places', 'es', 'feast_names'))})\s+(?P<rest>[A-ZÁÉÍÓÚÑ][\wáéíóúñ]{{3,}})$"
)
_CONNECTORS = r"(?:de|del|de la|de las|de los|la|las|los|y|e)"
_NAME_WORD = r"[A-ZÁÉÍÓÚÑÜ][\w.'’]*"
_TITLE = re.compile(r"^(?:" + "|".join(re.escape(t) for t in _TITLES) + r")\s+(?P<rest>\S.{2,})$")
_DEDICATION = re.compile(r"^(?P<head>.{3,}?)\s+(?:" + "|".join(re.escape(t) for t in _TAILS) + r")$")
# "de <Name>" ending the name: a person honoured ("de Zúñiga", "de Vázquez Pallares",
# "de los Bravo"); the shortest head is taken, the tail is capitalised words and connectors only
_NAMED_TAIL = re.compile(
    r"^(?P<head>.{3,}?)\s+(?:de|del)\s+(?:(?:la|las|los|el)\s+)?(?P<tail>" + _NAME_WORD + r"(?:\s+(?:" + _CONNECTORS + r"\s+)?" + _NAME_WORD + r")*)$"
)
# "Hidalgo del Parral": "del" only ("Santiago de Querétaro" is the saint's town, not a hero's)
_LEADING_HERO = re.compile(r"^(?P<hero>" + _NAME_WORD + r")\s+del\s+(?P<rest>" + _NAME_WORD + r".*)$")
# a tail of the landscape ("del Valle", "del Río", "de la Sierra") or a generic word
# ("Nuevo", "Alto") tells two places apart: it is part of the name, no honorific
_PLACE_NOUNS = words("places", "es", "feature_region") | words("places", "es", "generic_words") | words("places", "es", "feature_city")


def _is_named_tail(tail: str) -> bool:
    from sucesos.places.gazetteer import strip_accents

    return not any(strip_accents(word).lower() in _PLACE_NOUNS or word.lower() in _PLACE_NOUNS for word in tail.split())


def short_forms(name: str, heroes: frozenset[str] = frozenset()) -> list[str]:
    """Shorter forms of an official Mexican name the press writes, longest first,
    the name itself excluded. `heroes`: the (accent-free, lower-case) surnames that
    end other official names as "de <Surname>" ("hidalgo"), which also lead some
    ("Hidalgo del Parral")."""
    from sucesos.places.gazetteer import strip_accents

    forms: list[str] = []
    current = name.strip()
    match = _TITLE.match(current)
    if match:
        current = match.group("rest")
        forms.append(current)
    match = _DEDICATION.match(current)
    if match:
        forms.append(match.group("head"))
    match = _NAMED_TAIL.match(current)
    if match and _is_named_tail(match.group("tail")):
        forms.append(match.group("head"))
    match = _LEADING_HERO.match(current)
    if match and strip_accents(match.group("hero")).lower() in heroes:
        forms.append(match.group("rest"))
    seen = {name.strip()}
    return [f for f in forms if not (f in seen or seen.add(f))]


def saint_short_form(name: str) -> str | None:
    """The one word after a leading saint or feast ("Huitzo" of "San Pablo
    Huitzo", "Nochixtlán" of "Asunción Nochixtlán"), or None: only where that
    word ends the name, so "San Juan del Río" and "San Pedro Garza García"
    keep theirs. Whether it is safe to index is `derive_short_names`' call."""
    match = _SAINT.match(name.strip())
    if not match or match.group("rest") in _EPITHETS:  # "San Juan Evangelista": the saint's whole name
        return None
    return match.group("rest")


def head(name: str) -> str | None:
    """The name before a "de <Name>" tail of any kind ("Teotitlán" of "Teotitlán
    del Valle"): what two places' short forms could be confused on."""
    match = _NAMED_TAIL.match(name.strip())
    return match.group("head") if match else None


def honorific_surnames(names, minimum: int = 3) -> frozenset[str]:
    """Surnames that end at least `minimum` different names as "de <Surname>"
    ("Acapulco de Juárez", "Ecatepec de Morelos"): heroes of the nation, read
    off the official names themselves rather than listed by hand."""
    from sucesos.places.gazetteer import strip_accents

    counts: dict[str, set[str]] = {}
    for name in names:
        match = re.match(r"^(?P<head>.{3,}?)\s+de\s+(?P<tail>" + _NAME_WORD + r")$", name)
        if match:
            counts.setdefault(strip_accents(match.group("tail")).lower(), set()).add(match.group("head"))
    return frozenset(tail for tail, heads in counts.items() if len(heads) >= minimum)
