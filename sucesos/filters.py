"""Filters that forgive: the names an analyst types, resolved to the values
the store holds.

`?actor=CJNG`, `--admin1 michoacan`, `--admin1 Edomex` and `--admin1
Michoacán` all mean a value that is stored under another spelling
("Cártel de Jalisco Nueva Generación", "Michoacán de Ocampo", "México").
Resolution goes, per filter: the exact stored value; the same value without
accents, case or dots; an alias (the actor lexicon and the store's analyst
aliases for actors, the press abbreviations of states for admin1); a stored
value that begins with the typed words ("Michoacán" -> "Michoacán de
Ocampo") when only one does. A name that resolves to nothing is kept as
typed, so it matches nothing, as an exact filter would.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from sucesos.store import reads

RESOLVED_COLUMNS = {"admin1": ("admin1",), "admin2": ("admin2",), "country": ("country",), "actor": ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")}


def fold(text: str) -> str:
    """Lower case, no accents, no dots, single spaces: "Edo. Méx." -> "edo mex"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace(".", " ")
    return re.sub(r"\s+", " ", plain).strip()


@functools.lru_cache(maxsize=1)
def _lexicon_aliases() -> dict[str, str]:
    """Folded alias or acronym -> canonical actor name, from the bundled lexicon."""
    from sucesos.actors.lexicon import load_lexicon

    aliases: dict[str, str] = {}
    for actor in load_lexicon().actors.values():
        for name in (actor.name, *actor.aliases, *actor.acronyms, *actor.misspellings, *actor.cased_aliases):
            aliases.setdefault(fold(name), actor.name)
    return aliases


@functools.lru_cache(maxsize=1)
def _state_abbreviations() -> dict[str, str]:
    """Folded press abbreviation -> admin1 name ("edomex" -> "México", "mich" -> "Michoacán de Ocampo")."""
    from sucesos.places.gazetteer import _read_yaml

    table = (_read_yaml("places_extra.yaml").get("subdivision_codes") or {}).get("MX") or {}
    return {fold(short): full for short, full in table.items()}


def load_aliases() -> None:
    """Read the bundled alias tables now (~0.7 s, once a process): a server does
    it before its first request, which would otherwise wait for it, and every
    request queued behind that one."""
    _lexicon_aliases()
    _state_abbreviations()


def _store_actor_aliases(store) -> dict[str, str]:
    rows = store.conn.execute("SELECT a.name, x.alias FROM actor_aliases x JOIN actors a ON a.id = x.actor_id").fetchall()
    return {fold(row[1]): row[0] for row in rows}


def resolve_value(key: str, typed: str, stored: list[str], aliases: dict[str, str]) -> str:
    """The stored value `typed` means for filter `key` (see the module docstring)."""
    if typed in stored:
        return typed
    folded = {fold(value): value for value in stored}
    wanted = fold(typed)
    if wanted in folded:
        return folded[wanted]
    alias = aliases.get(wanted)
    if alias is not None:
        if alias in stored:
            return alias
        if fold(alias) in folded:
            return folded[fold(alias)]
    starting = [value for key_, value in folded.items() if key_.startswith(wanted + " ")]
    if len(starting) == 1:
        return starting[0]
    return typed


def resolve_filters(store, filters: dict) -> dict:
    """`filters` with admin1, admin2, country and actor resolved to stored values."""
    resolved = dict(filters)
    for key, columns in RESOLVED_COLUMNS.items():
        typed = filters.get(key)
        if not typed:
            continue
        if key == "actor":
            aliases = {**_lexicon_aliases(), **_store_actor_aliases(store)}
        elif key == "admin1":
            aliases = _state_abbreviations()
        else:
            aliases = {}
        if reads.stored_exactly(store.conn, columns, typed):
            continue  # the common case, answered by the indexes without listing values
        resolved[key] = resolve_value(key, typed, reads.stored_values(store.conn, columns), aliases)
    return resolved
