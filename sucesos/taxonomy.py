"""ACLED's taxonomy and the other domain vocabularies, loaded once from `sucesos/data/`.

The one module that reads `event_types.yaml` (for the types and sub-types;
`sucesos.events.lexicon` compiles its cues from `event_types_data()`) and
`taxonomy.yaml` (interaction codes, armed actor types, modalities, type
families, languages). Every other module imports these names instead of
writing the values out again.
"""

from __future__ import annotations

import copy
import functools
from importlib import resources

import yaml


@functools.lru_cache(maxsize=None)
def _data(name: str) -> dict:
    text = resources.files("sucesos.data").joinpath(name).read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        from sucesos.errors import ConfigError

        raise ConfigError(f"sucesos/data/{name} is not valid YAML: {exc}; fix the file or reinstall sucesos") from exc


def event_types_data() -> dict:
    """The parsed `event_types.yaml` (types, sub-types with their patterns, cues, modality cues): a copy, the caller's to keep."""
    return copy.deepcopy(_data("event_types.yaml"))


def _sub_event_types() -> dict[str, str]:
    return {entry["name"]: entry["event_type"] for entry in event_types_data()["sub_event_types"]}


# ACLED codebook: the 6 event types and the 25 sub-event types (sub-type -> its type).
EVENT_TYPES: tuple[str, ...] = tuple(event_types_data()["event_types"])
SUB_EVENT_TYPES: dict[str, str] = _sub_event_types()
# ACLED interaction codes -> CONTRACT labels, and the labels in code order.
INTER_CODES: dict[int, str] = {int(code): label for code, label in _data("taxonomy.yaml")["interaction_codes"].items()}
INTER_LABELS: tuple[str, ...] = tuple(INTER_CODES[code] for code in sorted(INTER_CODES))
ARMED_INTERS: frozenset[str] = frozenset(_data("taxonomy.yaml")["armed_interactions"])
MODALITIES: tuple[str, ...] = tuple(_data("taxonomy.yaml")["modalities"])
HAPPENED_MODALITIES: frozenset[str] = frozenset(_data("taxonomy.yaml")["happened_modalities"])
TYPE_FAMILIES: dict[str, str] = dict(_data("taxonomy.yaml")["type_families"])
LANGUAGES: tuple[str, ...] = tuple(_data("taxonomy.yaml")["languages"])
COMMON_SUB_EVENT_TYPES: frozenset[str] = frozenset(_data("taxonomy.yaml")["common_sub_event_types"])


def _check() -> None:
    """The two files agree (a typo in one would otherwise make a type silently unknown)."""
    unknown = sorted(
        {t for t in SUB_EVENT_TYPES.values() if t not in EVENT_TYPES}
        | {t for t in TYPE_FAMILIES if t not in EVENT_TYPES}
        | {s for s in COMMON_SUB_EVENT_TYPES if s not in SUB_EVENT_TYPES}
    )
    if unknown:
        from sucesos.errors import ConfigError

        raise ConfigError(f"sucesos/data/taxonomy.yaml or event_types.yaml names unknown event types: {', '.join(unknown)}")


_check()
