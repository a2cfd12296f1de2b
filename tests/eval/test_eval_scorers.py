"""Scorers on tiny hand-made gold and predictions; every expected number worked out by hand."""

from __future__ import annotations

import math

import pytest

from sucesos.eval.gold import AttributionAnswer, EventAnswer, GoldItem, PlaceAnswer
from sucesos.eval.metrics import MAX_ERROR_KM, haversine_km
from sucesos.eval.score_claims import score_claims
from sucesos.eval.score_events import NO_EVENT, score_events
from sucesos.eval.score_places import score_places
from sucesos.model import Article

ONE_DEGREE_KM = 6371.0088 * math.pi / 180  # 111.195 km along a meridian


def item(item_id: str, answer, text: str = "text") -> GoldItem:
    return GoldItem(id=item_id, line=1, article=Article(id=item_id, text=text), answer=answer)


# -- events -------------------------------------------------------------------

def events_fixture():
    gold = [
        item("A", EventAnswer(True, {
            "sub_event_type": "Armed clash", "event_type": "Battles", "admin1": "Michoacán",
            "latitude": 19.0, "longitude": -102.0, "event_date": "2022-01-12", "fatalities": 2,
            "inter1": "State forces", "inter2": "Political militia",
        })),
        item("B", EventAnswer(False)),
        item("C", EventAnswer(True, {
            "sub_event_type": "Peaceful protest", "event_type": "Protests", "admin1": "Guerrero",
            "fatalities": 0, "inter1": "Protesters",
        })),
        item("D", EventAnswer(False)),
    ]
    predictions = {
        "A": {"id": "A", "events": [
            {"event_type": "Battles", "sub_event_type": "Armed clash", "admin1": "Michoacan de Ocampo",
             "latitude": 19.1, "longitude": -102.0, "event_date": "2022-01-12", "fatalities": 3,
             "inter1": "State forces", "inter2": "Rebel group"},
            {"event_type": "Riots", "sub_event_type": "Mob violence"},  # not the main event: ignored
        ]},
        "B": {"id": "B", "events": []},
        "C": {"id": "C", "events": [
            {"event_type": "Riots", "sub_event_type": "Violent demonstration", "admin1": "Guerrero",
             "fatalities": 0, "inter1": "Protesters"},
        ]},
        "D": {"id": "D", "events": [{"event_type": "Protests", "sub_event_type": "Peaceful protest"}]},
    }
    return gold, predictions


def test_event_figures_by_hand():
    gold, predictions = events_fixture()
    report = score_events(gold, predictions)
    figures = report["figures"]
    assert figures["event_detection_accuracy"] == 0.75  # D predicted an event where there is none
    assert figures["sub_event_type_accuracy"] == 0.5  # A right, B right (no event), C and D wrong
    assert figures["event_type_accuracy"] == 0.5
    # labels: Armed clash F1 1, (no event) P 1 R 1/2 F1 2/3, Peaceful protest 0, Violent demonstration 0
    assert figures["sub_event_type_macro_f1"] == pytest.approx((1 + 2 / 3 + 0 + 0) / 4)
    # weighted by gold counts: (1 * 1 + 2 * 2/3 + 1 * 0) / 4
    assert figures["sub_event_type_weighted_f1"] == pytest.approx(7 / 12)
    assert figures["admin1_accuracy"] == 1.0  # "Michoacan de Ocampo" is Michoacán's long form
    assert figures["within_25km_accuracy"] == 1.0  # 0.1 degree = 11 km
    assert figures["event_date_accuracy"] == 1.0
    assert figures["fatalities_accuracy"] == 0.5  # 3 vs 2 wrong; 0 vs 0 right
    assert figures["inter1_accuracy"] == 1.0
    assert figures["inter2_accuracy"] == 0.0
    assert "admin2_accuracy" not in figures  # no gold states admin2
    assert report["counts"]["admin1_accuracy"] == 2
    assert report["counts"]["inter2_accuracy"] == 1
    confusion = report["sub_event_types"]["confusion"]
    assert confusion[NO_EVENT] == {NO_EVENT: 1, "Peaceful protest": 1}
    assert confusion["Peaceful protest"] == {"Violent demonstration": 1}


def test_event_fields_need_the_main_event():
    gold = [item("A", EventAnswer(True, {"sub_event_type": "Attack", "event_type": "Violence against civilians", "fatalities": 1}))]
    report = score_events(gold, {"A": {"id": "A", "events": [], "error": "extraction failed: x"}})
    assert report["figures"]["fatalities_accuracy"] == 0.0
    assert report["figures"]["event_detection_accuracy"] == 0.0
    assert report["failed"] == 1


def test_event_beyond_25km_is_wrong():
    gold = [item("A", EventAnswer(True, {"latitude": 0.0, "longitude": 0.0}))]
    near = score_events(gold, {"A": {"events": [{"latitude": 0.2, "longitude": 0.0}]}})
    far = score_events(gold, {"A": {"events": [{"latitude": 0.3, "longitude": 0.0}]}})
    assert near["figures"]["within_25km_accuracy"] == 1.0  # 22.2 km
    assert far["figures"]["within_25km_accuracy"] == 0.0  # 33.4 km


# -- places -------------------------------------------------------------------

def places_gold():
    return [item("P", [
        PlaceAnswer(0, 5, "Alpha", 0.0, 0.0),
        PlaceAnswer(10, 16, "Bravo1", 10.0, 0.0),
        PlaceAnswer(20, 25, "Charl", 40.0, 0.0),
    ], text="x" * 40)]


def test_places_spans_mode_by_hand():
    predictions = {"P": {"places": [
        {"start": 0, "end": 5, "latitude": 1.0, "longitude": 0.0},  # 111 km: within
        {"start": 10, "end": 16, "latitude": 12.0, "longitude": 0.0},  # 222 km: miss
        {"start": 20, "end": 25, "latitude": None, "longitude": None},  # unresolved
    ]}}
    report = score_places(places_gold(), predictions, mode="spans")
    figures = report["figures"]
    assert haversine_km(0, 0, 1, 0) == pytest.approx(ONE_DEGREE_KM)
    assert figures["accuracy_161km"] == pytest.approx(1 / 3)
    assert figures["median_error_km"] == pytest.approx(2 * ONE_DEGREE_KM)
    assert figures["accuracy_161km_resolved"] == 0.5
    assert figures["median_error_km_resolved"] == pytest.approx(1.5 * ONE_DEGREE_KM)
    assert figures["resolved_share"] == pytest.approx(2 / 3)
    assert "toponym_f1" not in figures  # spans mode does not score detection


def test_places_detect_mode_by_hand():
    predictions = {"P": {"places": [
        {"start": 0, "end": 5, "latitude": 0.5, "longitude": 0.0},  # exact, 56 km
        {"start": 11, "end": 16, "latitude": 10.0, "longitude": 0.0},  # overlaps Bravo1, 0 km
        {"start": 30, "end": 35, "latitude": 5.0, "longitude": 5.0},  # not a gold toponym
    ]}}
    report = score_places(places_gold(), predictions, mode="detect")
    figures = report["figures"]
    assert figures["toponym_precision"] == pytest.approx(2 / 3)
    assert figures["toponym_recall"] == pytest.approx(2 / 3)
    assert figures["toponym_f1"] == pytest.approx(2 / 3)
    assert figures["toponym_exact_f1"] == pytest.approx(1 / 3)
    assert figures["accuracy_161km"] == pytest.approx(2 / 3)  # Charl never found
    assert figures["median_error_km"] == pytest.approx(0.5 * ONE_DEGREE_KM)  # [0, 55.6, 20015]
    assert sorted(report["records_detail"], key=lambda r: r["start"])[2]["error_km"] is None
    assert MAX_ERROR_KM == pytest.approx(20015.1, abs=0.1)


# -- claims -------------------------------------------------------------------

TEXT = "The mayor said that the road is closed. Police confirmed the attack."


def span(phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def as_dict(offsets):
    return None if offsets is None else {"start": offsets[0], "end": offsets[1], "text": TEXT[offsets[0]:offsets[1]]}


def test_claim_span_overlap_by_hand():
    gold = [item("C", [
        AttributionAnswer(source=span("The mayor"), cue=span("said"), content=span("that the road is closed")),
        AttributionAnswer(source=span("Police"), cue=span("confirmed"), content=span("the attack")),
    ], text=TEXT)]
    claims = [
        {"source": as_dict(span("mayor")), "cue": as_dict(span("said")), "content": as_dict(span("the road is closed"))},
        {"source": None, "cue": as_dict(span("confirmed")), "content": as_dict(span("the attack."))},
        {"source": None, "cue": as_dict(span("Police")), "content": None},
    ]
    report = score_claims(gold, {"C": {"claims": claims}})
    figures = report["figures"]
    # source: predicted {mayor}; gold {The mayor, Police}
    assert figures["source_overlap_precision"] == 1.0
    assert figures["source_overlap_recall"] == 0.5
    assert figures["source_overlap_f1"] == pytest.approx(2 / 3)
    assert figures["source_token_f1"] == pytest.approx(0.4)  # P 1, R (1/2 + 0)/2
    assert figures["source_exact_f1"] == 0.0
    # cue: predicted {said, confirmed, Police}; gold {said, confirmed}
    assert figures["cue_overlap_f1"] == pytest.approx(0.8)
    assert figures["cue_token_f1"] == pytest.approx(0.8)
    assert figures["cue_exact_f1"] == pytest.approx(0.8)
    # content: P (4/4 + 2/3)/2 = 5/6, R (4/5 + 2/2)/2 = 9/10
    assert figures["content_overlap_f1"] == 1.0
    assert figures["content_token_f1"] == pytest.approx(2 * (5 / 6) * 0.9 / (5 / 6 + 0.9))
    assert figures["content_exact_f1"] == 0.0
    # attribution: only the first claim matches a whole attribution (the second lacks Police)
    assert figures["attribution_overlap_precision"] == pytest.approx(1 / 3)
    assert figures["attribution_overlap_recall"] == 0.5
    assert figures["attribution_overlap_f1"] == pytest.approx(0.4)


def test_no_claims_predicted_scores_zero_not_undefined():
    gold = [item("C", [AttributionAnswer(source=None, cue=span("said"), content=None)], text=TEXT)]
    figures = score_claims(gold, {"C": {"claims": []}})["figures"]
    assert figures["cue_overlap_f1"] == 0.0
    assert figures["cue_overlap_precision"] is None  # nothing predicted: precision undefined
    assert figures["source_overlap_f1"] is None  # nothing in gold or predictions
