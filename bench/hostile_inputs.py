"""Hostile article records mixed into batches of good ones (issue 20's target:
0 tracebacks, 0 good records lost).

    PYTHONPATH=$PWD python bench/hostile_inputs.py            # all of them (>= 300), extract and ingest
    PYTHONPATH=$PWD python bench/hostile_inputs.py --limit 40 --mode extract

Each hostile line sits between two good articles (each stating its own toll),
the batch goes through `sucesos extract` and `sucesos ingest` in this
process, and the run counts what a user would see go wrong: a traceback, a
good article missing or changed, an output line missing, a line that is not
JSON. `tests/reliability/test_hostile_batch.py` runs a seeded sample in CI.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

GOOD = "Hombres armados asesinaron a {n} policías estatales en Uruapan, Michoacán, informó la Fiscalía."
FIELDS = ("id", "text", "html", "url", "title", "outlet", "author", "published", "lang")
NEWS = "Hace 5 días hombres armados asesinaron a dos civiles en Uruapan."


def hostile_lines() -> list[str]:
    """Every hostile record, one JSONL line each (deterministic)."""
    lines: list[str] = []
    add = lines.append
    # lone surrogates and odd characters in every field
    for field in FIELDS:
        for bad in ("\\ud800", "\\udc00", "\\ud83d", "a\\ud800b", "\\udfff\\ud800"):
            record = {"id": f"h-sur-{field}", "text": "Ataque en Uruapan"}
            add(json.dumps(record)[:-1] + f', "{field}": "{bad}"' + "}")
    for char in ("\x00", "\u202e", "\u200b", "\ufeff", "\x1b[31m", "\r", "\u2028", "\U0001f480", "\ufffd", "\x7f"):
        add(json.dumps({"id": f"h-char-{ord(char[0])}{char}", "text": f"Ataque{char} en Uruapan{char} con dos muertos", "title": char}))
    # wrong types in every field
    for field in FIELDS + ("spans",):
        for value in (5, 1.5, True, ["a"], {"a": 1}, None, 10**400 if False else 1e308, -1):
            add(json.dumps({"id": f"h-type-{field}", "text": "Ataque en Uruapan", field: value}))
    for literal in ("NaN", "Infinity", "-Infinity", "1e400", "9" * 5000):
        add('{"id": "h-lit", "text": "Ataque en Uruapan", "published": ' + literal + "}")
        add('{"id": ' + literal + ', "text": "Ataque en Uruapan"}')
    # nesting and broken JSON
    for depth in (1_000, 10_000, 100_000):
        add("[" * depth)
        add("{" * depth)
        add('{"id": "h-deep", "text": "x", "extra": ' + "[" * depth + "]" * depth + "}")
    for broken in ("not json", '"a string"', "null", "42", "[]", "{}", '{"id": "x"', '{"text": "a" "b"}', "\x00\x00", "\ufeff{}", '{"id": "h-dup", "id": "h-dup2", "text": "Ataque"}'):
        add(broken)
    # dates at and past the ends of the calendar
    for published in ("0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "1900-01-01", "2100-12-31", "2024-02-30", "2024-13-01",
                      "+002024-01-01", "2024-01-01T25:00", "2024-01-01T00:00:00+99:00", "20240101", "2024-W01", "   ", "2024-01-01\x00"):  # fmt: skip
        for text in (NEWS, "La próxima semana habrá marcha. Ayer asesinaron a dos civiles.", "El 5 de enero de 2999 asesinaron a dos civiles.", "On 12/31/9999 gunmen killed two civilians in Uruapan."):
            add(json.dumps({"id": f"h-date-{published}", "text": text, "published": published}))
    for text in ("Hace 99999999999 días asesinaron a dos civiles.", "Dentro de 10000 años habrá paz.", "Hace 3000 años asesinaron a dos civiles.", "El 31 de febrero de 2024 asesinaron a dos civiles.", "El 5 de enero de 1850 asesinaron a dos civiles."):
        add(json.dumps({"id": "h-reldate", "text": text, "published": "2024-03-01"}))
    # tolls past any event
    for figure in ("9" * 400, "9" * 20, "10,000,000,000,000,000,000", "10^18", "10^400", "1e18", "1e400", "200000", "un millón", "mil millones", "99999999999999999999 millones", "2^1000", "0x10"):
        add(json.dumps({"id": f"h-toll-{figure[:12]}", "text": f"Un ataque armado dejó {figure} muertos y {figure} heridos en Uruapan."}))
    # markup bombs
    for html in ("<p>" * 3000 + "Ataque en Uruapan", "<div>" * 5000 + "Ataque" + "</div>" * 5000, "<script>" * 20_000, "<!--" * 20_000, "<a " * 100_000,
                 "<p>x " * 60_000, "<html><body>" + "<div><span>" * 1200 + "Hombres armados atacaron a policías en Uruapan.",
                 "<![CDATA[" * 1000, "&#0;&#xD800;&#1114112;" * 1000, "<meta charset='utf-7'>+ADw-script+AD4-", "<svg><script>alert(1)</script></svg>"):  # fmt: skip
        add(json.dumps({"id": "h-html", "html": html}))
    # sizes and shapes
    add(json.dumps({"id": "h-table", "text": "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 2000}))
    add(json.dumps({"id": "h-quotes", "text": "«" * 500 + "dijo" + "“" * 500}))
    add(json.dumps({"id": "h-places", "text": ", ".join(["Uruapan", "Morelia", "Zamora", "Apatzingán"] * 500) + "."}))
    add(json.dumps({"id": "h-long-name", "text": "Llegaron a " + "Xochimilco" * 200 + " y asesinaron a un hombre."}))
    add(json.dumps({"id": "h-one-word", "text": "a" * 200_000}))
    add(json.dumps({"id": "h-no-space", "text": "ataque," * 30_000}))
    add(json.dumps({"id": "h-newlines", "text": "\n" * 100_000 + "Ataque en Uruapan."}))
    add(json.dumps({"id": "h-mixed", "text": "Атака в Уруапане 攻撃 هجوم en Uruapan con 3 muertos"}))
    add(json.dumps({"id": "h-coords", "text": "El ataque ocurrió en 19.4326, -99.1332 y dejó dos muertos."}))
    add(json.dumps({"id": "h-over-limit", "text": "x " * 600_000}))
    for spans in ([{"start": 5, "end": 2}], [{"start": 0, "end": 10**12}], [{"start": -1, "end": 3}], [{"start": 0}], "0-5", [{"start": 1.5, "end": 3}]):
        add(json.dumps({"id": "h-spans", "text": "Ataque en Uruapan", "spans": spans}))
    for url in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "http://127.0.0.1/x", "//evil.example", " javascript:x", "\\ud800"):
        add(json.dumps({"id": "h-url", "url": url}))
        add(json.dumps({"id": "h-url-text", "url": url, "text": "Hombres armados asesinaron a dos civiles en Uruapan."}))
    for outlet in ("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"):
        add(json.dumps({"id": "h-cell", "text": "Hombres armados asesinaron a dos civiles en Uruapan.", "outlet": outlet, "title": outlet, "author": outlet}))
    for lang in ("EN", "es-MX", "", " es", "zz", "ES"):
        add(json.dumps({"id": f"h-lang-{lang}", "text": "Hombres armados asesinaron a dos civiles en Uruapan.", "lang": lang}))
    for record_id in ("", " ", "x" * 10_000, "line\nbreak", "../../etc/passwd", "<script>alert(1)</script>", "h-same-id", "h-same-id"):
        add(json.dumps({"id": record_id, "text": "Hombres armados asesinaron a dos civiles en Uruapan."}))
    add(json.dumps({"id": "h-both", "text": "Ataque en Uruapan.", "html": "<script>" * 10_000}))
    for empty in ("", "   \n\t ", "\x00", "\ufeff"):
        add(json.dumps({"id": "h-empty", "text": empty}))
    return lines


def batch(hostile: list[str]) -> tuple[list[str], dict[str, int]]:
    """Hostile lines each between good articles; (lines, good id -> its toll)."""
    lines, good = [], {}
    for index, line in enumerate(hostile):
        good_id = f"good-{index}"
        good[good_id] = index % 5 + 2
        # each good text its own (the store keeps one article per text)
        tag = "".join(chr(ord("a") + int(d)) for d in str(index))
        lines.append(json.dumps({"id": good_id, "text": GOOD.format(n=good[good_id]) + f" Caso {tag}.", "lang": "es"}))
        lines.append(line)
    return lines, good


def _invoke(args: list[str]):
    """The command in this process, as a user's shell would run it (logging set up afresh:
    `basicConfig` would otherwise keep the previous run's closed stream)."""
    import logging

    from typer.testing import CliRunner

    from sucesos.cli import app

    logging.getLogger().handlers.clear()
    return CliRunner().invoke(app, args)


def _tracebacks(result) -> list[str]:
    """What a user would see as a crash: a traceback printed, or an exception out of the command."""
    problems = []
    at = result.output.find("Traceback")
    if at >= 0:
        problems.append(f"traceback printed: {result.output[at : at + 1500]}")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problems.append(f"exception: {result.exception!r}")
    return problems


def run_extract(lines: list[str], good: dict[str, int], folder: Path) -> dict:
    source, out = folder / "batch.jsonl", folder / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = _invoke(["extract", str(source), "--out", str(out), "--workers", "1"])
    seconds = time.monotonic() - started
    problems = _tracebacks(result)
    written = []
    for number, raw in enumerate(out.read_text(encoding="utf-8").split("\n")[:-1], start=1):
        try:
            written.append(json.loads(raw, parse_constant=lambda c: problems.append(f"line {number}: {c} in JSON")))
        except ValueError as exc:
            problems.append(f"output line {number} is not JSON: {exc}")
    expected = sum(1 for line in lines if line.strip())
    if len(written) != expected:
        problems.append(f"{len(written)} output lines for {expected} input lines")
    by_id = {record.get("id"): record for record in written if isinstance(record, dict)}
    lost = [gid for gid, toll in good.items() if not (by_id.get(gid) and by_id[gid]["error"] is None and by_id[gid]["events"] and by_id[gid]["events"][0]["fatalities"] == toll)]
    hostile_errors = sum(1 for record in written if record.get("error") and not str(record.get("id", "")).startswith("good-"))
    return {"mode": "extract", "seconds": round(seconds, 1), "exit": result.exit_code, "lines": len(written), "good_lost": lost,
            "hostile_with_error_line": hostile_errors, "problems": problems}  # fmt: skip


def run_ingest(lines: list[str], good: dict[str, int], folder: Path) -> dict:
    source, db = folder / "batch.jsonl", folder / "s.db"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = _invoke(["ingest", str(source), "--db", str(db), "--workers", "1"])
    seconds = time.monotonic() - started
    problems = _tracebacks(result)
    with sqlite3.connect(db) as conn:
        stored = {row[0]: row[1] for row in conn.execute("SELECT a.id, MAX(e.fatalities) FROM articles a LEFT JOIN reports e ON e.article_id = a.id GROUP BY a.id")}
    lost = [gid for gid, toll in good.items() if stored.get(gid) != toll]
    return {"mode": "ingest", "seconds": round(seconds, 1), "exit": result.exit_code, "articles": len(stored), "good_lost": lost, "problems": problems}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="a seeded sample of this many hostile lines")
    parser.add_argument("--mode", choices=("extract", "ingest", "both"), default="both")
    args = parser.parse_args(argv)
    hostile = hostile_lines()
    if args.limit:
        hostile = random.Random(20).sample(hostile, min(args.limit, len(hostile)))
    lines, good = batch(hostile)
    print(f"{len(hostile)} hostile lines between {len(good)} good articles", flush=True)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for mode, run in (("extract", run_extract), ("ingest", run_ingest)):
            if args.mode in (mode, "both"):
                report = run(lines, good, Path(tmp))
                print(json.dumps(report, ensure_ascii=False)[:4000], flush=True)
                failed = failed or bool(report["good_lost"] or report["problems"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
