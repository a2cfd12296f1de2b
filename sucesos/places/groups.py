"""Armed groups' names in Spanish copy: place words in them name no place.

Crime reporting names gangs and cartels by words that are also places: "el
grupo delictivo La Unión" (La Unión is a department of El Salvador), "el
Cártel de Sinaloa", "la célula de Los Rojos". Read as toponyms they move an
article's focus abroad or to another state. The words that introduce a
group's name (`armed_group_words` in `sucesos/data/places_extra.yaml`) find
them:

- a capitalised name written right after the word ("grupo delictivo La
  Unión") is the group's: wherever the article repeats it ("miembro de La
  Unión"), it is no toponym (one name, one reading);
- a name after "de" ("Cártel de Sinaloa") stays a toponym (it names the
  state the group is named for) but is no evidence of where the story
  happens: it does not vote in the article's focus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sucesos.places.gazetteer import _read_yaml, name_key

_CAP = r"[A-ZÁÉÍÓÚÑÜ]"
_WORD = rf"(?:{_CAP}\.|{_CAP}[\wÁÉÍÓÚÑÜáéíóúñü'’-]*)"
_CONNECT = r"(?:de|del|la|las|los|el|y)"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_CONNECT}[ \t]+)?{_WORD}){{0,4}}"
MAX_NAME_CHARS = 60


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    words = _read_yaml("places_extra.yaml").get("armed_group_words") or ()
    alternatives = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w])(?i:{alternatives})[ \t]+(?P<de>(?i:de[ \t]+|del[ \t]+))?(?P<name>{_NAME})" if alternatives else r"(?!x)x"
    )


@dataclass(frozen=True)
class ArmedGroups:
    names: frozenset[str]  # folded names written right after a group word
    spans: tuple[tuple[int, int], ...]  # every group name's span (after a word, with or without "de")

    def names_group(self, lookup: str | None) -> bool:
        """Whether a toponym looked up as `lookup` is a group's name, wherever it stands."""
        return bool(lookup) and name_key(lookup) in self.names

    def inside(self, start: int, end: int) -> bool:
        """Whether [start, end) lies within a group's name ("Sinaloa" of "Cártel de Sinaloa")."""
        return any(s <= start and end <= e for s, e in self.spans)


NONE = ArmedGroups(frozenset(), ())


def armed_groups(text: str) -> ArmedGroups:
    """The armed groups a Spanish text names (see the module docstring)."""
    names = set()
    spans = []
    for match in _pattern().finditer(text):
        name = match.group("name").rstrip(".")
        if len(name) > MAX_NAME_CHARS:
            continue
        spans.append((match.start("name"), match.start("name") + len(name)))
        if match.group("de") is None:
            names.add(name_key(name))
    if not spans:
        return NONE
    return ArmedGroups(frozenset(names), tuple(spans))
