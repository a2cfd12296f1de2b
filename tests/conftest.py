"""Shared fixtures. Models and the gazetteer load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "seeds" / "000_15070e05a1ecf802.txt"


@pytest.fixture(scope="session")
def resources():
    from sucesos.pipeline import Resources

    return Resources()


@pytest.fixture(scope="session")
def pipeline(resources):
    from sucesos.pipeline import Pipeline

    return Pipeline(resources)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The founding article. Bundled with the demo too, so it is always here."""
    from importlib import resources as res

    return res.files("sucesos.data.demo").joinpath("000_15070e05a1ecf802.txt").read_text(encoding="utf-8")


@pytest.fixture
def extract(pipeline):
    """extract(text, **article_fields) -> Extraction"""
    from sucesos.model import Article

    def run(text: str, **fields):
        fields.setdefault("id", "t")
        return pipeline.extract(Article(text=text, **fields))

    return run
