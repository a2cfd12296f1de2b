"""Detect-mode scoring of gold without coordinates (CEGEOMEX-style)."""

from __future__ import annotations

import pytest

from sucesos.eval.gold import GoldItem, PlaceAnswer
from sucesos.eval.score_places import score_places
from sucesos.model import Article


def test_detection_only_gold_reports_share_in_mexico():
    text = "x" * 60
    gold = [GoldItem(id="A", line=1, article=Article(id="A", text=text), answer=[
        PlaceAnswer(0, 5, "Alpha", None, None), PlaceAnswer(10, 16, "Bravo1", None, None),
    ])]
    predictions = {"A": {"places": [
        {"start": 0, "end": 5, "latitude": 19.4, "longitude": -99.1, "country": "Mexico", "iso3": "MEX"},
        {"start": 11, "end": 14, "latitude": 31.0, "longitude": -110.0, "country": "United States", "iso3": "USA"},
        {"start": 30, "end": 35, "latitude": 29.1, "longitude": -110.9, "country": "Mexico", "iso3": "MEX"},
        {"start": 40, "end": 45, "latitude": None, "longitude": None},  # unresolved: not counted in the share
    ]}}
    report = score_places(gold, predictions, mode="detect")
    figures = report["figures"]
    assert figures["toponym_recall"] == 1.0 and figures["toponym_precision"] == 0.5
    assert figures["resolved_in_mexico_share"] == pytest.approx(2 / 3)
    assert report["counts"]["resolved_in_mexico_share"] == 3
    assert figures["accuracy_161km"] is None  # nothing to measure distances on


def test_gold_with_coordinates_has_no_share_figure():
    gold = [GoldItem(id="B", line=1, article=Article(id="B", text="y" * 20), answer=[PlaceAnswer(0, 5, "Alpha", 1.0, 1.0)])]
    report = score_places(gold, {"B": {"places": [{"start": 0, "end": 5, "latitude": 1.0, "longitude": 1.0}]}}, mode="detect")
    assert "resolved_in_mexico_share" not in report["figures"]
