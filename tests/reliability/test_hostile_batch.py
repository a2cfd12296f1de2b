"""A batch of good articles with hostile records mixed in: every record gets
its own line (the hostile ones an error or a clean extraction), no good
article is lost, and no traceback reaches the user."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sucesos.cli import app

GOOD = "Hombres armados asesinaron a {n} policías estatales en Uruapan, Michoacán, informó la Fiscalía."

HOSTILE_LINES = [
    '{"id": "h-sur-text", "text": "Ataque \\ud800 en Uruapan"}',
    '{"id": "h-sur-id\\udc00", "text": "Ataque en Uruapan"}',
    '{"id": "h-sur-title", "title": "\\ud83d", "text": "Ataque en Uruapan"}',
    "[" * 100_000,
    "{" * 50_000,
    '{"id": "h-num-text", "text": 5}',
    '{"id": "h-list-text", "text": ["a", "b"]}',
    '{"id": "h-lang", "text": "Ataque en Uruapan", "lang": "xx"}',
    '{"id": "h-pub", "text": "Ataque en Uruapan", "published": "banana"}',
    '{"id": "h-spans", "text": "Ataque en Uruapan", "spans": [{"start": 5, "end": 2}]}',
    '{"id": "h-empty", "text": ""}',
    '{"id": "h-blank", "text": "   \\n\\t "}',
    '{"id": "h-url-only", "url": "https://news.example/a"}',
    '{"id": "h-js-url", "url": "javascript:alert(1)"}',
    "not json at all",
    '"a string"',
    "null",
    "42",
    json.dumps({"id": "h-old-pub", "text": "Hace 5 días asesinaron a dos civiles en Uruapan.", "published": "0001-01-01"}),
    json.dumps({"id": "h-late-pub", "text": "La próxima semana habrá marcha. Ayer asesinaron a dos civiles.", "published": "9999-12-31"}),
    json.dumps({"id": "h-toll", "text": "9" * 400 + " muertos dejó un ataque armado en Uruapan."}),
    json.dumps({"id": "h-toll-huge", "text": "Un ataque dejó 10,000,000,000,000,000,000 muertos en Uruapan."}),
    json.dumps({"id": "h-nul", "text": "Ataque\x00 en\x00 Uruapan"}),
    json.dumps({"id": "h-long-name", "text": "Llegaron a " + "Xochimilco" * 200 + " y asesinaron a un hombre."}),
    json.dumps({"id": "h-mixed", "text": "Атака в Уруапане 攻撃 هجوم en Uruapan con 3 muertos"}),
    json.dumps({"id": "h-coords", "text": "El ataque ocurrió en 19.4326, -99.1332 y dejó dos muertos."}),
    json.dumps({"id": "h-html", "html": "<p>" * 3000 + "Ataque en Uruapan"}),
    json.dumps({"id": "h-html-deep", "html": "<div>" * 5000 + "Ataque" + "</div>" * 5000}),
    json.dumps({"id": "h-table", "text": "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 2000}),
    json.dumps({"id": "h-quotes", "text": "«" * 500 + "dijo" + "“" * 500}),
    json.dumps({"id": "h-places", "text": ", ".join(["Uruapan", "Morelia", "Zamora", "Apatzingán"] * 500) + "."}),
    json.dumps({"id": "h-rtl", "text": "\u202eAtaque en Uruapan\u202c con dos muertos"}),
]


def test_hostile_records_mixed_into_a_batch_lose_no_good_article(tmp_path):
    lines, good_ids = [], []
    for index, hostile in enumerate(HOSTILE_LINES):
        good_id = f"good-{index}"
        good_ids.append(good_id)
        lines.append(json.dumps({"id": good_id, "text": GOOD.format(n=index % 5 + 2), "lang": "es"}))
        lines.append(hostile)
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(source), "--out", str(out)])
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output[-2000:]  # some inputs failed; the rest were written
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(written) == len(lines)  # one line per input record, in order
    by_id = {record["id"]: record for record in written if record.get("id")}
    for index, good_id in enumerate(good_ids):
        record = by_id[good_id]
        assert record["error"] is None, record
        assert record["events"] and record["events"][0]["fatalities"] == index % 5 + 2, good_id
    for record in written:
        if record.get("error"):
            assert isinstance(record["error"], str) and record["error"]
        for event in record.get("events", []):
            assert event["fatalities"] is None or event["fatalities"] <= 100_000


def _bench():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "hostile_inputs.py"
    spec = importlib.util.spec_from_file_location("hostile_inputs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_seeded_sample_of_the_hostile_bench_loses_nothing_in_extract_and_ingest(tmp_path):
    """The bench (bench/hostile_inputs.py, 300+ lines) in small: 30 of its lines, both commands."""
    import random

    bench = _bench()
    hostile = bench.hostile_lines()
    assert len(hostile) >= 300
    lines, good = bench.batch(random.Random(20).sample(hostile, 30))
    for run in (bench.run_extract, bench.run_ingest):
        report = run(lines, good, tmp_path)
        assert report["problems"] == [] and report["good_lost"] == [], report
        assert report["exit"] == 1  # the hostile ones are reported, the rest written
