"""Given spans (spans mode) a few characters off: the place named inside them is resolved."""

from __future__ import annotations

import pytest

from sucesos.places.gazetteer import Gazetteer
from sucesos.places.resolve import lookup_for_span, resolve_spans


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _span(text: str, piece: str) -> dict:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece)}


@pytest.mark.parametrize(
    "text, piece, lookup",
    [
        ("Oil prices weigh on Edmonton's economy this winter.", "Edmonton's economy", "Edmonton"),
        ("Snow fell on Calgary.\nThe roads closed at noon.", "Calgary.\nThe", "Calgary"),
        ("A Winnipeg-based charity sent food.", "Winnipeg-based", "Winnipeg"),
        ("Talks stalled, Russian authorities said.", "Russian authorities", "Russian"),
        ("She thanked every Canadian. And finally she left.", "Canadian. And finally", "Canadian"),
    ],
)
def test_the_place_inside_a_span_that_runs_over_is_looked_up(gazetteer, text, piece, lookup):
    span = _span(text, piece)
    assert lookup_for_span(text, span["start"], span["end"], gazetteer) == lookup


def test_spans_that_run_over_resolve_to_the_place_with_their_own_offsets(gazetteer):
    text = "Oil prices weigh on Edmonton's economy, Russian authorities said, and a Winnipeg-based charity agreed."
    spans = [_span(text, p) for p in ("Edmonton's economy", "Russian authorities", "Winnipeg-based")]
    places = resolve_spans(spans, text, gazetteer)
    assert [(p.name, p.country) for p in places] == [("Edmonton", "Canada"), ("Russian Federation", "Russian Federation"), ("Winnipeg", "Canada")]
    assert [(p.start, p.end) for p in places] == [(s["start"], s["end"]) for s in spans]


def test_a_name_with_a_full_stop_inside_is_not_cut_there(gazetteer):
    text = "They flew to St. Louis on Monday."
    assert lookup_for_span(text, text.index("St. Louis"), text.index("St. Louis") + 9, gazetteer) == "St. Louis"
    text = "Fans of the Toronto Maple Leafs cheered."  # capitalised words after a place: no compound, no cut
    assert lookup_for_span(text, text.index("Toronto"), text.index(" cheered"), gazetteer) == "Toronto Maple Leafs"


def test_an_abbreviation_and_a_paired_state_name_are_found(gazetteer):
    text = "He grew up in Louisville, Ky. and later moved to Newfoundland."
    start = text.index("Ky")
    places = resolve_spans([{"start": start, "end": start + 2}, _span(text, "Newfoundland")], text, gazetteer)
    assert [p.name for p in places] == ["Kentucky", "Newfoundland and Labrador"]
    assert [c.feature for c in gazetteer.lookup("Jammu")] and all(c.name != "Jammu and Kashmīr" for c in gazetteer.lookup("Jammu"))
