"""Scoring the coded-article gold format (has_event + the main event's ACLED fields)."""

from __future__ import annotations

import json

import pytest

from sucesos.eval.gold import GoldError, read_gold
from sucesos.eval.score_events import score_events


def _write(tmp_path, rows):
    path = tmp_path / "coded.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def _coded(id_, has_event, **fields):
    gold = {"has_event": has_event, "event_type": None, "sub_event_type": None, "fatalities": 0, "inter1": "", "inter2": "",
            "country": "Mexico", "admin1": "", "admin2": "", "location": "", "evidence": "", "notes": ""}
    gold.update(fields)
    return {"id": id_, "text": "Texto de la nota " + id_, "lang": "es", "gold": gold}


ROWS = [
    _coded("a", True, event_type="Violence against civilians", sub_event_type="Attack", fatalities=2, inter1="3", inter2="7", admin1="Ciudad de México"),
    _coded("b", False),
    _coded("c", True, event_type="Strategic developments", sub_event_type="Arrests", fatalities=0, inter1="1", inter2="3"),
    _coded("d", False),
]


def test_coded_articles_give_detection_precision_recall_and_actor_types(tmp_path):
    gold = read_gold(_write(tmp_path, ROWS), "events")
    assert [item.answer.is_event for item in gold] == [True, False, True, False]
    assert gold[0].answer.fields["actor_types"] == ("Civilians", "Political militia")
    predictions = {
        # right sub-type, actors given in the other order: the set matches
        "a": {"events": [{"event_type": "Violence against civilians", "sub_event_type": "Attack", "fatalities": 2,
                          "inter1": "Civilians", "inter2": "Political militia", "admin1": "Ciudad de Mexico"}]},
        "b": {"events": [{"event_type": "Violence against civilians", "sub_event_type": "Attack", "inter1": "Political militia"}]},
        "c": {"events": []},
        "d": {"events": []},
    }
    report = score_events(gold, predictions)
    figures = report["figures"]
    assert figures["event_detection_precision"] == pytest.approx(0.5)
    assert figures["event_detection_recall"] == pytest.approx(0.5)
    assert figures["event_detection_f1"] == pytest.approx(0.5)
    assert figures["actor_types_accuracy"] == pytest.approx(0.5)
    assert figures["fatalities_accuracy"] == pytest.approx(0.5)
    assert figures["admin1_accuracy"] == pytest.approx(1.0)
    assert figures["sub_event_type_accuracy"] == pytest.approx(0.5)


def test_coded_article_without_a_sub_type_is_refused_with_its_line(tmp_path):
    rows = [_coded("a", True, inter1="3"), _coded("b", "yes")]
    with pytest.raises(GoldError) as caught:
        read_gold(_write(tmp_path, rows), "events")
    message = str(caught.value)
    assert "coded.jsonl:1: field 'gold.sub_event_type'" in message
    assert "coded.jsonl:2: field 'gold.has_event'" in message
