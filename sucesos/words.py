"""Per-language word lists, loaded once from `sucesos/data/words/`.

Stages keep their vocabularies (function words, cue words, titles, units)
as data, not as literals in modules: one file a stage and language,
`sucesos/data/words/<stage>.<lang>.yaml`, each a mapping of list name to
words. A stage reads a list with `words("events", "es", "killing_verbs")`;
lists shared by both languages live in `<stage>.any.yaml` (lang "any").

Why files and not module constants: a linguist can review or extend a
language's lists without reading code, and adding a language is adding
files, not editing every stage.
"""

from __future__ import annotations

import functools
from importlib import resources

import yaml

from sucesos.errors import ConfigError


@functools.lru_cache(maxsize=None)
def _file(stage: str, lang: str) -> dict[str, list]:
    name = f"{stage}.{lang}.yaml"
    path = resources.files("sucesos.data").joinpath("words", name)
    if not path.is_file():
        raise ConfigError(f"no word lists sucesos/data/words/{name}; reinstall sucesos or add the file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"sucesos/data/words/{name} is not valid YAML: {exc}; fix the file or reinstall sucesos") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"sucesos/data/words/{name} must map list names to lists of words")
    return data


def word_entries(stage: str, lang: str, name: str) -> tuple:
    """The list `name` of `<stage>.<lang>.yaml` as written (order kept; entries may be strings or mappings)."""
    data = _file(stage, lang)
    if name not in data:
        raise ConfigError(f"sucesos/data/words/{stage}.{lang}.yaml has no list {name!r}; add it or reinstall sucesos")
    value = data[name]
    if not isinstance(value, list):
        raise ConfigError(f"list {name!r} in sucesos/data/words/{stage}.{lang}.yaml must be a list")
    return tuple(value)


@functools.lru_cache(maxsize=None)
def words(stage: str, lang: str, name: str) -> frozenset[str]:
    """The list `name` of `<stage>.<lang>.yaml` as a set of strings (for membership tests)."""
    entries = word_entries(stage, lang, name)
    if any(isinstance(w, bool) for w in entries):
        # YAML reads a bare on, off, yes, no as true/false: the word would silently be "True"
        raise ConfigError(f"list {name!r} in sucesos/data/words/{stage}.{lang}.yaml holds a true/false: quote words such as \"on\" and \"no\"")
    return frozenset(str(w) for w in entries)
