"""The word-list loader: lists come from sucesos/data/words/, and a missing or malformed file says what to do."""

import pytest

from sucesos import words as words_module
from sucesos.errors import ConfigError


def test_a_missing_file_names_the_file_to_add():
    with pytest.raises(ConfigError, match=r"sucesos/data/words/nostage\.es\.yaml"):
        words_module.words("nostage", "es", "anything")


def test_every_packaged_word_file_maps_names_to_lists():
    from importlib import resources

    folder = resources.files("sucesos.data").joinpath("words")
    for entry in folder.iterdir():
        if not entry.name.endswith(".yaml"):
            continue
        stage, lang, _ = entry.name.split(".")
        assert lang in {"en", "es", "any"}, entry.name
        data = words_module._file(stage, lang)
        for name, value in data.items():
            assert isinstance(value, list) and value, f"{entry.name}: {name} must be a non-empty list"
            assert words_module.words(stage, lang, name), name


def test_a_bare_yaml_boolean_in_a_list_is_an_error_not_the_word_true(monkeypatch):
    # YAML reads a bare `on` as true: the list would hold "True" and never match "on"
    monkeypatch.setattr(words_module, "_file", lambda stage, lang: {"preps_with_a_bare_on": [True, "against"]})
    with pytest.raises(ConfigError, match=r"quote words"):
        words_module.words("teststage", "any", "preps_with_a_bare_on")
