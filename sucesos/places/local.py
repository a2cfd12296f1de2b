"""Spanish place names built on a feature word, found by their shape.

Mexican copy names places with a word for what they are: "Estado de
Sonora", "Municipio de Cajeme", "ciudad de Hermosillo", "poblado de Vícam",
"Valle del Yaqui", "río Papagayo", "colonia Centro", "calle Jalisco y
Norte", "Ejido 31 de Octubre". The whole phrase is the toponym (annotators
mark it so); what is looked up depends on the word:

- `admin1` (estado), `admin2` (municipio, alcaldía, delegación), `city`
  (ciudad, puerto, villa) and `locality` (poblado, comunidad, localidad,
  comisaría, sindicatura, ranchería, ejido): the name after the word, the
  word telling which of its namesakes is meant;
- `region` (valle, río, sierra, laguna, presa, bahía, isla, golfo, cerro,
  lago): the whole phrase, which names a feature, not a town; unknown to the
  gazetteer, it stays unresolved rather than become a town of that name;
- `local` (colonia, fraccionamiento, barrio, calle, avenida, bulevar,
  carretera, plaza ...): a place inside a municipality, resolved to the
  municipality it lies in (see `sucesos.places.resolve`), never to a town
  elsewhere that shares its name ("colonia Sonora" is not the state).
"""

from __future__ import annotations

import re

from sucesos.words import word_entries, words

# feature words by the kind of place the name after them is (kept in order:
# the tagger's fw= feature and the pattern read them)
KINDS = {kind: word_entries("places", "es", f"feature_{kind}") for kind in ("admin1", "admin2", "city", "locality", "region", "local")}
_KIND_OF = {word: kind for kind, names in KINDS.items() for word in names}
# the feature word needs "de" before the name for these ("ciudad de Hermosillo",
# not "ciudad Hermosillo"); the others take the name directly ("colonia Centro")
_NEEDS_DE = words("places", "es", "feature_needs_de")

_CAP = r"[A-ZÁÉÍÓÚÑÜ]"
_WORD = rf"(?:{_CAP}\.|{_CAP}[\wÁÉÍÓÚÑÜáéíóúñü’'-]*|\d+[\wº°-]*|“[^”\n]{{1,40}}”|\"[^\"\n]{{1,40}}\")"
_CONNECT = r"(?:de[ \t]+la|de[ \t]+las|de[ \t]+los|del|de|la|las|los|el|y|e)"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_CONNECT}[ \t]+)?{_WORD}){{0,6}}"
_FEATURE = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in _KIND_OF), key=len, reverse=True))
PATTERN = re.compile(
    rf"(?<![\w.])(?P<word>(?i:{_FEATURE}))[ \t]+(?P<de>(?:de[ \t]+la|de[ \t]+las|de[ \t]+los|del|de)[ \t]+)?(?P<name>{_NAME})",
)
MAX_NAME_CHARS = 120
_DATE_AFTER = re.compile(r"[ \t]+(?:el|los)[ \t]+\d")
# "una céntrica avenida de Veracruz", "un parque de Tijuana", "las calles de Culiacán": a street or a park of
# the town (an indefinite, or a plural), not one named after it ("la avenida Veracruz", "calle de Morelos")
_GENERIC_BEFORE = re.compile(r"\b(?:un|una|unos|unas|algún|alguna|cualquier|otra|otro)\s+(?:[a-záéíóúñ]+\s+)?$", re.IGNORECASE)
_PLURAL_LOCAL = re.compile(r"(?:calles|avenidas|plazas|parques|mercados|carreteras|colonias|barrios|zonas)$")

# Buildings and grounds named by what they are ("St. Michael's Hospital",
# "Bob Wills Museum", "Stade de France"): a place inside a town, placed in
# the town it lies in (the one the name starts with, else the one the text
# names), never a town elsewhere. The word ends an English name and starts
# a Romance one.
FACILITY_WORDS = words("places", "any", "facility_words") | words("places", "es", "facility_words")
_FACILITY_TAIL = re.compile(r"[\w'’-]+$")


def is_facility_name(name: str) -> bool:
    """Whether a capitalised name is a building or ground by its first or last word."""
    words = name.split()
    if len(words) < 2:
        return False
    last = _FACILITY_TAIL.search(words[-1])
    return (last is not None and last.group(0).lower() in FACILITY_WORDS) or words[0].lower() in FACILITY_WORDS


def feature_names(text: str) -> list[tuple[int, int, str, str, int]]:
    """(start, end, kind, name, name_start) of each feature-word place name, in text order."""
    found = []
    for match in PATTERN.finditer(text):
        word = " ".join(match.group("word").lower().split())
        kind = _KIND_OF.get(word)
        if kind is None:
            continue
        if word in _NEEDS_DE and not match.group("de"):
            continue
        name = match.group("name")
        # the name is capitalised (or a number for streets and fields: "calle 200", "Campo 16")
        if not (name[:1].isupper() or name[:1] in "“\"" or (kind == "local" and name[:1].isdigit()) or (kind == "locality" and name[:1].isdigit())):
            continue
        name_start, end = match.start("name"), match.end("name")
        # "la Ciudad de México el 20 de septiembre": an article and a number after the name start a date
        date = _DATE_AFTER.search(text, name_start, end)
        if date is not None:
            end = date.start()
        # a name does not end on a connector or a trailing dot of the sentence
        while end > name_start and text[end - 1] in ".,;:":
            end -= 1
        if end - name_start > MAX_NAME_CHARS or end <= name_start:
            continue
        start = match.start()
        if kind == "region" and not text[start].isupper() and match.group("de") is None and word in ("playa", "cerro", "mar"):
            continue
        if kind == "local" and match.group("de") and (_PLURAL_LOCAL.search(word) or _GENERIC_BEFORE.search(text[max(0, start - 30) : start])):
            continue  # the name after "de" is the town the street or park is in: a place of its own
        found.append((start, end, kind, text[name_start:end], name_start))
    return found
