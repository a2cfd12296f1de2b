"""Capitalised runs (where a misspelt actor name may be) on hand-built Docs: the rule reads only
words and their case, so the test builds exactly those and no model can change what it checks.
The connectors it allows inside a name come from sucesos/data/words/actors.any.yaml."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sucesos.actors.component import _capitalised_runs

VOCAB = {"en": spacy.blank("en").vocab, "es": spacy.blank("es").vocab}


def runs(lang: str, text: str, known: list[tuple[int, int]] = ()) -> list[str]:
    doc = Doc(VOCAB[lang], words=text.split())
    return [span.text for span in _capitalised_runs(doc, list(known))]


def test_a_connector_joins_the_words_of_one_name():
    assert runs("es", "hombres del Cartel de Jalisco Nueva Generacon atacaron") == ["Cartel de Jalisco Nueva Generacon"]
    assert runs("en", "members of the Gulf Cartel of Tamaulipas said") == ["Gulf Cartel of Tamaulipas"]


def test_a_connector_never_begins_or_ends_a_run_and_one_word_is_no_run():
    assert runs("es", "llegaron de Sinaloa de noche") == []  # "Sinaloa" alone, the connectors around it dropped
    assert runs("en", "the Border Patrol of the town") == ["Border Patrol"]


def test_a_known_mention_breaks_a_run():
    text = "Familia Michoacana Caballeros Templarios"
    start = text.index("Caballeros")
    assert runs("es", text, [(start, len(text))]) == ["Familia Michoacana"]
