"""`sucesos eval claims` figures: exact match and 50% overlap beside any-overlap."""

from __future__ import annotations

import pytest

from sucesos.eval.gold import AttributionAnswer, GoldItem
from sucesos.eval.score_claims import score_claims
from sucesos.model import Article

TEXT = "The mayor said that the road is closed. Police confirmed the attack."


def _span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def _claim(source=None, cue=None, content=None) -> dict:
    def as_dict(phrase):
        if phrase is None:
            return None
        start, end = _span(phrase)
        return {"start": start, "end": end, "text": phrase}

    return {"source": as_dict(source), "cue": as_dict(cue), "content": as_dict(content)}


def _figures(claims) -> dict:
    gold = [GoldItem(id="C", line=1, article=Article(id="C", text=TEXT, lang="en"), answer=[
        AttributionAnswer(source=_span("The mayor"), cue=_span("said"), content=_span("that the road is closed")),
        AttributionAnswer(source=_span("Police"), cue=_span("confirmed"), content=_span("the attack")),
    ])]
    return score_claims(gold, {"C": {"claims": claims}})["figures"]


def test_half_overlap_needs_half_of_the_longer_span():
    figures = _figures([
        _claim("mayor", "said", "road"),  # 5 of 9 chars: a match; 4 of 23: not
        _claim("Police confirmed", "confirmed", "the attack."),  # 6 of 16: not; 10 of 11: a match
    ])
    assert figures["source_overlap_f1"] == 1.0
    assert figures["source_overlap50_f1"] == pytest.approx(0.5)
    assert figures["content_overlap_f1"] == 1.0
    assert figures["content_overlap50_f1"] == pytest.approx(0.5)
    assert figures["content_exact_f1"] == 0.0
    assert figures["cue_exact_f1"] == 1.0


def test_exact_spans_score_one_on_every_measure():
    figures = _figures([_claim("The mayor", "said", "that the road is closed"), _claim("Police", "confirmed", "the attack")])
    for role in ("source", "cue", "content"):
        for kind in ("overlap", "overlap50", "exact"):
            assert figures[f"{role}_{kind}_f1"] == 1.0
