"""Load the actor lexicon (YAML) and turn it into EntityRuler patterns.

Domain knowledge lives in `sucesos/data/*.yaml`; this module only reads it.
A user's own lexicon file is merged over the bundled one (same `id` replaces).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from sucesos.errors import ConfigError

# EntityRuler labels by actor type.
LABELS = {
    "armed_group": "ARMED_GROUP",
    "state_force": "STATE_FORCE",
    "person": "PERSON",
    "organisation": "ORG",
    "civilians": "CIVILIANS",
}


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    inter: str | None = None
    country: str | None = None
    parent: str | None = None
    member_of: str | None = None
    generic: bool = False
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()
    # aliases that are also ordinary words ("La Línea", "Gente Nueva"): matched only as capitalised
    cased_aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return LABELS.get(self.type, "ORG")


@dataclass
class Lexicon:
    actors: dict[str, Actor] = field(default_factory=dict)
    place_names: tuple[str, ...] = ()

    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def ruler_patterns(self) -> list[dict]:
        """EntityRuler patterns: aliases by lower-case phrase, acronyms exact."""
        patterns: list[dict] = []
        seen: set[tuple[str, str]] = set()

        def add(label: str, pattern, pattern_id: str | None) -> None:
            key = (label, repr(pattern))
            if key in seen:
                return
            seen.add(key)
            entry = {"label": label, "pattern": pattern}
            if pattern_id:
                entry["id"] = pattern_id
            patterns.append(entry)

        for actor in self.actors.values():
            for alias in (actor.name, *actor.aliases, *actor.misspellings):
                for variant in {alias, strip_accents(alias)}:
                    add(actor.label, variant, actor.id)
            for acronym in actor.acronyms:
                add(actor.label, [{"TEXT": acronym}], actor.id)
            for alias in actor.cased_aliases:
                for variant in {alias, strip_accents(alias)}:
                    add(actor.label, [{"TEXT": word} for word in variant.split()], actor.id)
        for name in self.place_names:
            for variant in {name, strip_accents(name)}:
                add("GPE", variant, None)
        return patterns


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _read_yaml(path_or_text, origin: str):
    try:
        return yaml.safe_load(path_or_text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"lexicon {origin} is not valid YAML: {exc}") from exc


def _actor_from_record(record: dict, origin: str) -> Actor:
    if not isinstance(record, dict) or not record.get("id") or not record.get("name") or not record.get("type"):
        raise ConfigError(f"lexicon {origin}: every actor needs 'id', 'name' and 'type' (got {record!r})")
    if record["type"] not in LABELS:
        raise ConfigError(f"lexicon {origin}: actor {record['id']} has unknown type {record['type']!r}; one of {sorted(LABELS)}")

    def strings(key: str) -> tuple[str, ...]:
        values = record.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ConfigError(f"lexicon {origin}: actor {record['id']}: '{key}' must be a list of strings")
        return tuple(values)

    return Actor(
        id=str(record["id"]),
        name=str(record["name"]),
        type=str(record["type"]),
        inter=record.get("inter"),
        country=record.get("country"),
        parent=record.get("parent"),
        member_of=record.get("member_of"),
        generic=bool(record.get("generic", False)),
        aliases=strings("aliases"),
        acronyms=strings("acronyms"),
        misspellings=strings("misspellings"),
        cased_aliases=strings("cased_aliases"),
    )


def load_lexicon(extra_files: list[Path] | tuple[Path, ...] = ()) -> Lexicon:
    """The bundled lexicon, with the user's files merged over it in order."""
    data = resources.files("sucesos.data")
    lexicon = Lexicon()
    sources = [(data.joinpath("actors.yaml").read_text(encoding="utf-8"), "sucesos/data/actors.yaml")]
    for path in extra_files:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"lexicon file not found: {path}")
        sources.append((path.read_text(encoding="utf-8"), str(path)))
    for text, origin in sources:
        records = _read_yaml(text, origin) or []
        if not isinstance(records, list):
            raise ConfigError(f"lexicon {origin} must be a YAML list of actors")
        for record in records:
            actor = _actor_from_record(record, origin)
            lexicon.actors[actor.id] = actor
    places = _read_yaml(data.joinpath("place_names.yaml").read_text(encoding="utf-8"), "place_names.yaml") or {}
    lexicon.place_names = tuple(name for names in places.values() for name in names)
    return lexicon
