"""`sucesos eval` as a user runs it: tables, JSON reports, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sucesos.cli import app

ACLED_SAMPLE = Path(__file__).parent / "data" / "acled_sample.csv"


@pytest.fixture
def runner():
    return CliRunner()


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_eval_events_scores_a_prediction_file_against_acled_csv(runner, tmp_path):
    pred = write_jsonl(
        tmp_path / "pred.jsonl",
        [
            {"id": "MEX90001", "events": [{"event_type": "Battles", "sub_event_type": "Armed clash", "admin1": "Michoacán",
                                           "event_date": "2022-01-12", "fatalities": 2, "inter1": "State forces"}]},
            {"id": "MEX90002", "events": [{"event_type": "Protests", "sub_event_type": "Peaceful protest", "fatalities": 0}]},
            {"id": "COL90003", "events": []},
        ],
    )
    report_path = tmp_path / "report.json"
    result = runner.invoke(app, ["eval", "events", str(ACLED_SAMPLE), "--pred", str(pred), "--json", str(report_path)])
    assert result.exit_code == 0, result.output
    assert "sub_event_type_accuracy" in result.output
    assert "Armed clash" in result.output  # the per-class table
    report = json.loads(report_path.read_text())
    figures = report["figures"]
    assert figures["event_detection_accuracy"] == pytest.approx(2 / 3)
    assert figures["sub_event_type_accuracy"] == pytest.approx(2 / 3)
    assert figures["event_date_accuracy"] == pytest.approx(1 / 3)
    assert figures["fatalities_accuracy"] == pytest.approx(2 / 3)
    assert figures["admin1_accuracy"] == pytest.approx(1 / 3)
    assert report["counts"]["inter2_accuracy"] == 2
    assert report["pred"] == str(pred)


def test_eval_limit_scores_first_records_of_a_full_prediction_file(runner, tmp_path):
    pred = write_jsonl(tmp_path / "pred.jsonl", [
        {"id": i, "events": []} for i in ("MEX90001", "MEX90002", "COL90003")
    ])
    result = runner.invoke(app, ["eval", "events", str(ACLED_SAMPLE), "--pred", str(pred), "--limit", "1", "--json", "-"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["records"] == 1
    assert report["figures"]["event_detection_accuracy"] == 0.0


def test_eval_bad_gold_exits_2_with_file_line_and_field(runner, tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "a", "text": "Rebels took the town.", "gold": {"sub_event_type": "Rebel victory"}},
    ])
    result = runner.invoke(app, ["eval", "events", str(gold)])
    assert result.exit_code == 2
    assert "gold.jsonl:1: field 'gold.sub_event_type': unknown label 'Rebel victory'" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_eval_prediction_with_unknown_id_exits_2(runner, tmp_path):
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": "nope", "events": []}])
    result = runner.invoke(app, ["eval", "events", str(ACLED_SAMPLE), "--pred", str(pred)])
    assert result.exit_code == 2
    assert "pred.jsonl:1: field 'id': 'nope' is not an id in the gold file" in " ".join(result.output.split())


def test_eval_places_runs_the_pipeline_in_spans_mode(runner, tmp_path):
    text = "Officials in Madrid said the meeting would move to Lisbon next week."
    start = text.index("Madrid")
    gold = write_jsonl(tmp_path / "places.jsonl", [
        {"id": "g1", "text": text, "lang": "en",
         "gold": {"places": [{"start": start, "end": start + 6, "lat": 40.4165, "lon": -3.70256}]}},
    ])
    pred_out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["eval", "places", str(gold), "--json", str(tmp_path / "r.json"), "--write-pred", str(pred_out)])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["mode"] == "spans"
    assert report["counts"]["accuracy_161km"] == 1
    assert "places" in report["components"] and "events" not in report["components"]
    # the written predictions rescore to the same figures
    rescored = runner.invoke(app, ["eval", "places", str(gold), "--pred", str(pred_out), "--json", "-"])
    assert rescored.exit_code == 0, rescored.output
    assert json.loads(rescored.stdout)["figures"] == report["figures"]


def test_eval_places_rejects_unknown_mode(runner, tmp_path):
    gold = write_jsonl(tmp_path / "places.jsonl", [{"id": "g", "text": "In Lima.", "gold": {"places": []}}])
    result = runner.invoke(app, ["eval", "places", str(gold), "--mode", "guess"])
    assert result.exit_code == 2
    assert "unknown places mode 'guess'" in result.output


def test_eval_floor_breach_exits_1_and_says_which_figure(runner, tmp_path, monkeypatch):
    from sucesos.eval import floors

    floors_file = tmp_path / "floors.json"
    floors_file.write_text(json.dumps({"sets": {"tiny": {
        "task": "events", "gold": "tiny.csv", "quick_limit": 2,
        "full": {"min": {"sub_event_type_accuracy": 0.9}, "max": {}},
    }}}))
    original = floors.load_floors
    monkeypatch.setattr(floors, "load_floors", lambda path=None: original(floors_file))
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": i, "events": []} for i in ("MEX90001", "MEX90002", "COL90003")])
    result = runner.invoke(app, ["eval", "events", str(ACLED_SAMPLE), "--pred", str(pred), "--floor", "tiny"])
    assert result.exit_code == 1
    assert "sub_event_type_accuracy = 0.0000 is below its floor 0.9" in result.output
    wrong_limit = runner.invoke(app, ["eval", "events", str(ACLED_SAMPLE), "--pred", str(pred), "--floor", "tiny", "--limit", "1"])
    assert wrong_limit.exit_code == 2
    assert "use --limit 2" in wrong_limit.output


def test_eval_help_lists_the_three_tasks(runner):
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    for task in ("events", "places", "claims"):
        assert task in result.output


def test_eval_claims_scores_span_overlap_from_a_prediction_file(runner, tmp_path):
    text = "The mayor said the road was closed."
    gold = write_jsonl(tmp_path / "claims.jsonl", [{"id": "c1", "text": text, "gold": {"attributions": [
        {"source": {"start": 0, "end": 9}, "cue": {"start": 10, "end": 14}, "content": {"start": 15, "end": 34}},
    ]}}])
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": "c1", "claims": [
        {"source": {"start": 4, "end": 9, "text": "mayor"}, "cue": {"start": 10, "end": 14, "text": "said"}, "content": None},
    ]}])
    result = runner.invoke(app, ["eval", "claims", str(gold), "--pred", str(pred), "--json", "-"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["figures"]
    assert figures["source_overlap_f1"] == 1.0
    assert figures["source_exact_f1"] == 0.0
    assert figures["cue_exact_f1"] == 1.0
    assert figures["content_overlap_recall"] == 0.0
    assert figures["attribution_overlap_f1"] == 0.0  # the claim has no content
    assert "content_overlap_f1" in result.stderr  # the table goes to stderr when JSON owns stdout


def test_eval_compare_shows_change_since_an_earlier_report(runner, tmp_path):
    none_found = write_jsonl(tmp_path / "none.jsonl", [{"id": i, "events": []} for i in ("MEX90001", "MEX90002", "COL90003")])
    earlier = tmp_path / "earlier.json"
    first = runner.invoke(app, ["eval", "events", str(ACLED_SAMPLE), "--pred", str(none_found), "--json", str(earlier)])
    assert first.exit_code == 0, first.output
    one_found = write_jsonl(tmp_path / "one.jsonl", [
        {"id": "MEX90001", "events": [{"event_type": "Battles", "sub_event_type": "Armed clash"}]},
        {"id": "MEX90002", "events": []}, {"id": "COL90003", "events": []},
    ])
    result = runner.invoke(app, ["eval", "events", str(ACLED_SAMPLE), "--pred", str(one_found), "--compare", str(earlier)])
    assert result.exit_code == 0, result.output
    assert "+0.333" in result.output  # detection and sub-type accuracy rose from 0 to 1/3
    wrong_task = runner.invoke(app, ["eval", "claims", str(ACLED_SAMPLE), "--compare", str(earlier)])
    assert wrong_task.exit_code == 2
    assert "not a `sucesos eval claims --json` report" in " ".join(wrong_task.output.split())
