"""`sucesos places`, spans mode and detect mode, through typer's CliRunner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sucesos.cli import app


def test_spans_mode_writes_one_place_per_span_and_reports_bad_lines(tmp_path):
    source = tmp_path / "in.jsonl"
    text = "Gunmen attacked police in Tepalcatepec, Michoacán, on Monday."
    source.write_text(
        json.dumps({"id": "a", "text": text, "spans": [{"start": 26, "end": 38}, {"start": 40, "end": 49}]}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "c", "text": "Xyzzyville.", "spans": [{"start": 0, "end": 10}]}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["places", str(source), "--out", str(out)])
    assert result.exit_code == 1
    assert "line 2" in result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines][0] == "a" and lines[2]["id"] == "c"
    places = lines[0]["places"]
    assert [(p["start"], p["end"]) for p in places] == [(26, 38), (40, 49)]
    assert places[0]["name"] == "Tepalcatepec" and places[0]["admin1"] == "Michoacán de Ocampo"
    assert places[0]["geonameid"] == 3982007 and places[0]["feature"] == "city"
    assert places[1]["feature"] == "admin1"
    assert lines[1]["error"] and lines[1]["places"] == []
    assert len(lines[2]["places"]) == 1 and lines[2]["places"][0]["latitude"] is None


def test_detect_mode_finds_toponyms_itself(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "b", "text": "Soldiers clashed with gunmen near Apatzingán in Michoacán state."}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["places", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    names = [p["name"] for p in line["places"]]
    assert "Apatzingán" in names and "Michoacán de Ocampo" in names


def test_missing_input_is_bad_usage(tmp_path):
    result = CliRunner().invoke(app, ["places", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code in (1, 2)
    assert "not found" in result.output
