"""`sucesos eval dedup GOLD`: the figures, the retold copies and the errors a user sees (issue 21)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.eval.score_dedup import clustering_scores, retold, score_dedup

runner = CliRunner()


def test_pairwise_and_bcubed_scores_of_a_clustering():
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    perfect = clustering_scores(gold, {"a": "1", "b": "1", "c": "1", "d": "2"})
    assert (perfect["pairwise_f1"], perfect["bcubed_f1"]) == (1.0, 1.0)
    split = clustering_scores(gold, {"a": "1", "b": "1", "c": "2", "d": "3"})
    assert split["pairwise_precision"] == 1.0 and split["pairwise_recall"] == pytest.approx(1 / 3)
    lumped = clustering_scores(gold, {"a": "1", "b": "1", "c": "1", "d": "1"})
    assert lumped["pairwise_precision"] == pytest.approx(0.5) and lumped["pairwise_recall"] == 1.0


def test_the_main_event_is_scored_against_the_incidents_coding():
    coded = {"sub_event_type": "Attack", "admin2": "Reynosa", "event_date": "2021-06-19", "fatalities": 14}
    records = [{"id": i, "group": "reynosa", "gold": coded} for i in ("a", "b", "c")] + [{"id": "d", "group": "celaya"}]
    assignment = {"a": [(0, 7)], "b": [(0, 7), (1, 9)], "c": [(0, 8)], "d": [(0, 7)]}
    events = {7: {"sub_event_type": "Attack", "admin2": "Reynosa", "event_date": "2021-06-19", "fatalities": 14, "fatalities_range": [14, 19]}}
    report = score_dedup(records, assignment, lambda event_id: events.get(event_id, {}))
    figures = report["figures"]
    assert figures["mixed_events"] == 1  # event 7 holds the main events of two incidents
    assert figures["main_fatalities_accuracy"] == 1.0 and figures["main_admin2_accuracy"] == 1.0
    assert report["incidents_detail"]["reynosa"]["events"] == 3  # 7, 8 and the recalled 9
    assert figures["share_in_main_event"] == pytest.approx((2 / 3 + 1) / 2)


def test_a_retold_copy_keeps_the_headline_drops_the_dateline_and_reorders_the_body():
    record = {"id": "r1", "group": "g", "url": "https://example.org/1", "outlet": "Wire",
              "text": "Gunmen kill 13 police\nMEXICO CITY (Reuters) - Gunmen killed 13 police on Thursday. Gov. Juan Pérez condemned it. Troops were sent."}  # fmt: skip
    copy = retold(record)
    head, body = copy["text"].split("\n\n", 1)
    assert head == "Gunmen kill 13 police" and "MEXICO CITY" not in body and "url" not in copy
    assert sorted(body.split("\n")) == sorted(["Gunmen killed 13 police on Thursday.", "Gov. Juan Pérez condemned it.", "Troops were sent."])
    assert body.split("\n") != ["Gunmen killed 13 police on Thursday.", "Gov. Juan Pérez condemned it.", "Troops were sent."]
    assert copy["retold_from"] == "r1" and copy["outlet"] == "Wire (retold)"


def test_gold_without_a_group_is_refused_with_the_fix(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Gunmen killed two men in Celaya on Saturday."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "dedup", str(gold)])
    assert result.exit_code == 2
    assert "line 1: no 'group' id" in " ".join(result.output.split()) and "--retell" in result.output


@pytest.mark.slow
def test_two_outlets_one_incident_and_a_near_miss_through_the_cli(tmp_path):
    rows = [
        {"id": "en", "group": "celaya-tacos", "lang": "en", "published": "2021-05-09", "outlet": "A",
         "text": "Taco seller shot dead in Celaya\nGunmen on a motorcycle shot dead a taco seller at his stall in Celaya, Guanajuato, on Saturday night."},
        {"id": "en2", "group": "celaya-tacos", "lang": "en", "published": "2021-05-09", "outlet": "B",
         "text": "Taco vendor killed in Celaya\nA taco vendor was shot dead at his stall in Celaya, Guanajuato, on Saturday night by two men on a motorcycle."},
        {"id": "es", "group": "celaya-soldiers", "lang": "es", "published": "2021-05-09", "outlet": "C",
         "text": "Enfrentamiento en Celaya deja cinco muertos\nCinco civiles armados murieron el sábado en un enfrentamiento con militares en Celaya, Guanajuato."},
    ]  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["eval", "dedup", str(gold), "--json", str(out)])
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    assert figures["mixed_events"] == 0  # the clash with soldiers never joins the taco seller's killing
    assert "pairwise_f1" in figures and "bcubed_f1" in figures and "events_per_incident" in figures
