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


def test_country_coding_scores_resolution_in_the_right_country(tmp_path):
    from sucesos.eval.country_gold import read_country_coding

    text = "z" * 80
    gold = [GoldItem(id="C", line=1, article=Article(id="C", text=text), answer=[
        PlaceAnswer(0, 6, "Sonora", None, None), PlaceAnswer(10, 16, "Texas1", None, None),
        PlaceAnswer(20, 26, "Europa", None, None), PlaceAnswer(30, 36, "Cajeme", None, None),
        PlaceAnswer(40, 46, "Fresno", None, None),
    ])]
    coding = tmp_path / "countries.jsonl"
    coding.write_text("\n".join([
        '{"id": "C", "start": 0, "end": 6, "text": "Sonora", "country": "MEX"}',
        '{"id": "C", "start": 10, "end": 16, "text": "Texas1", "country": "USA"}',
        '{"id": "C", "start": 20, "end": 26, "text": "Europa", "country": null}',
        '{"id": "C", "start": 30, "end": 36, "text": "Cajeme", "country": "MEX"}',
        '{"id": "C", "start": 40, "end": 46, "text": "Fresno", "country": "MEX"}',
    ]) + "\n", encoding="utf-8")
    predictions = {"C": {"places": [
        {"start": 0, "end": 6, "latitude": 29.3, "longitude": -110.6, "iso3": "USA"},  # Sonora, California: wrong
        {"start": 10, "end": 16, "latitude": 31.0, "longitude": -99.0, "iso3": "USA"},  # abroad, and right
        {"start": 20, "end": 26, "latitude": 50.0, "longitude": 10.0, "iso3": None},  # no single country: left out
        {"start": 30, "end": 36, "latitude": None, "longitude": None},  # unresolved: counts in recall only
        {"start": 60, "end": 66, "latitude": 19.4, "longitude": -99.1, "iso3": "MEX"},  # not gold: not counted
    ]}}
    report = score_places(gold, predictions, mode="detect", countries=read_country_coding(coding))
    figures, counts = report["figures"], report["counts"]
    assert figures["right_country_share"] == pytest.approx(1 / 2) and counts["right_country_share"] == 2
    assert figures["right_country_recall"] == pytest.approx(1 / 4) and counts["right_country_recall"] == 4
    # the old plausibility figure counts the right place abroad against resolution
    assert figures["resolved_in_mexico_share"] == pytest.approx(1 / 4)


def test_country_coding_reports_every_bad_line(tmp_path):
    from sucesos.eval.country_gold import read_country_coding
    from sucesos.eval.gold import GoldError

    coding = tmp_path / "countries.jsonl"
    coding.write_text(
        '{"id": "C", "start": 0, "end": 6, "country": "Mexico"}\n'
        '{"id": "C", "start": "0", "end": 6, "country": "MEX"}\n'
        '{"id": "C", "start": 7, "end": 9, "country": "USA"}\n'
        '{"id": "C", "start": 7, "end": 9, "country": "USA"}\n', encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        read_country_coding(coding)
    problems = caught.value.problems
    assert len(problems) == 3
    assert ":1:" in problems[0] and "alpha-3" in problems[0]
    assert ":2:" in problems[1] and ":4:" in problems[2] and "twice" in problems[2]


def test_countries_option_needs_detect_mode(tmp_path):
    from sucesos.errors import ConfigError
    from sucesos.eval.evaluate import evaluate

    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "A", "text": "En Hermosillo.", "gold": {"places": [{"start": 3, "end": 13, "lat": 29.1, "lon": -110.9}]}}\n', encoding="utf-8")
    coding = tmp_path / "countries.jsonl"
    coding.write_text('{"id": "A", "start": 3, "end": 13, "country": "MEX"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="detect"):
        evaluate("places", gold, mode="spans", countries_path=coding)
