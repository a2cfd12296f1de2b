"""Fixtures for the claims tests: parse a text and run mentions + claims on it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def analyse(resources):
    """analyse(text, lang) -> (claims, relations, mentions), the per-article functions run directly."""
    from sucesos.actors.component import find_mentions
    from sucesos.claims.component import find_claims, find_relations
    from sucesos.pipeline import Analysis

    def run(text: str, lang: str):
        doc = resources.nlp(lang)(text)
        values = {"doc": doc, "text": text, "lang": lang}
        values.update(find_mentions(Analysis(values), resources))
        values.update(find_claims(Analysis(values), resources))
        values.update(find_relations(Analysis(values), resources))
        return values["claims"], values["relations"], values["mentions"]

    return run


@pytest.fixture(scope="session")
def claims_of(analyse):
    def run(text: str, lang: str = "en"):
        return analyse(text, lang)[0]

    return run
