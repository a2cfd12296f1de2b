"""Ingest and extract of local files: every bad input is reported, the batch goes on."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from sucesos.cli import app

runner = CliRunner()

GOOD_EN = "Gunmen attacked a police station in Uruapan, Michoacán, on Monday. Two officers were wounded."
GOOD_ES = "Hombres armados atacaron una comandancia en Uruapan, Michoacán. Dos policías resultaron heridos."


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "01_good.txt").write_text("Police station attacked\n\n" + GOOD_EN, encoding="utf-8")
    (folder / "02_binary.txt").write_bytes(b"\x00\x01\x02garbage\x00" * 10)
    (folder / "03_latin1.txt").write_bytes(("Ataque en Apatzingán. " + GOOD_ES).encode("latin-1", errors="replace"))
    (folder / "04_empty.txt").write_text("   \n\n", encoding="utf-8")
    (folder / "05_nobody.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    records = [
        json.dumps({"id": "r1", "text": GOOD_ES, "published": "2024-03-14"}),
        "{not json",
        json.dumps({"id": "r3", "title": "no text at all"}),
        json.dumps({"id": "r4", "text": GOOD_EN, "published": "yesterday"}),
        json.dumps({"id": "r5", "text": GOOD_EN + " Later reports added details."}),
    ]
    (folder / "06_records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (folder / "07_pdf.txt").write_bytes(b"%PDF-1.7 binary")
    return folder


def rows(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_ingest_reports_each_bad_input_and_keeps_the_good_ones(batch, tmp_path):
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["ingest", str(batch), "--db", db])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "02_binary.txt: binary content (NUL bytes)" in out
    assert "07_pdf.txt: binary content (PDF)" in out
    assert "04_empty.txt" in out and "empty text" in out
    assert "05_nobody.html: HTML has no article body" in out
    assert "06_records.jsonl:2: line 2: not valid JSON" in out
    assert "06_records.jsonl:3 (id r3): line 3: an article record needs one of 'text', 'html' or 'url'" in out
    assert "line 4: 'published' is not an ISO date" in out
    assert "invalid UTF-8, decoded with replacement characters" in out
    stored = {row[0] for row in rows(db, "SELECT id FROM articles")}
    assert {"r1", "r5"} <= stored
    assert len(stored) == 4  # 01_good, 03_latin1 (with replacement), r1, r5
    failures = rows(db, "SELECT input_id FROM failures")
    assert len(failures) == 7


def test_reingest_changes_nothing(batch, tmp_path):
    db = str(tmp_path / "s.db")
    runner.invoke(app, ["ingest", str(batch), "--db", db])
    before = rows(db, "SELECT id, content_hash, ingested_at FROM articles ORDER BY id")
    mentions_before = rows(db, "SELECT COUNT(*) FROM mentions")
    result = runner.invoke(app, ["ingest", str(batch), "--db", db])
    assert "0 new" in result.output and "4 unchanged" in result.output
    assert rows(db, "SELECT id, content_hash, ingested_at FROM articles ORDER BY id") == before
    assert rows(db, "SELECT COUNT(*) FROM mentions") == mentions_before


def test_huge_file_is_refused_with_the_limit_named(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:  # sparse: 100 MB on paper, nothing on disk
        handle.truncate(100 * 1024 * 1024)
    result = runner.invoke(app, ["extract", str(big), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    assert "104,857,600 bytes, over the 10,485,760-byte limit" in result.output
    line = json.loads((tmp_path / "o.jsonl").read_text().strip())
    assert line["id"] == str(big) and "limit" in line["error"] and line["events"] == []


def test_extract_writes_one_line_per_input_in_order(batch, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(batch / "06_records.jsonl"), str(batch / "01_good.txt"), "--out", str(out)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 6
    assert [line["id"] for line in lines][0] == "r1"
    assert lines[0]["lang"] == "es" and lines[0]["error"] is None
    assert lines[1]["error"].startswith("line 2: not valid JSON")
    for line in lines:
        assert set(line) >= {"id", "lang", "events", "places", "claims", "relations", "statistics", "error"}


def test_same_id_with_new_text_updates_the_article(tmp_path):
    db = str(tmp_path / "s.db")
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps({"id": "x1", "text": GOOD_EN}) + "\n")
    second = tmp_path / "b.jsonl"
    second.write_text(json.dumps({"id": "x1", "text": GOOD_EN + " A third officer later died."}) + "\n")
    runner.invoke(app, ["ingest", str(first), "--db", db])
    result = runner.invoke(app, ["ingest", str(second), "--db", db])
    assert "1 updated" in result.output
    texts = rows(db, "SELECT text FROM articles WHERE id = 'x1'")
    assert len(texts) == 1 and texts[0][0].endswith("later died.")


def test_unsupported_language_is_stored_and_reported_not_extracted(tmp_path):
    db = str(tmp_path / "s.db")
    article = tmp_path / "de.txt"
    article.write_text("Bewaffnete Männer griffen am Montag eine Polizeiwache an und verletzten zwei Beamte schwer.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(article), "--db", db])
    assert result.exit_code == 0
    assert "unsupported" in result.output and "language 'de' is not supported" in result.output
    assert rows(db, "SELECT lang, status FROM articles") == [("de", "unsupported")]
    assert rows(db, "SELECT COUNT(*) FROM mentions") == [(0,)]


def test_progress_total_is_counted_before_ingest_and_reached(tmp_path):
    """The ingest bar shows 'n/N', not 'n/?': N is counted first and the bar ends on it."""
    from sucesos.ingest.batch import ingest_sources
    from sucesos.ingest.sources import count_records, read_sources
    from sucesos.store import open_store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Hallan un cuerpo en Uruapan, Michoacán.", encoding="utf-8")
    (folder / "notes.csv").write_text("skipped: not an article format", encoding="utf-8")
    records = [{"id": "r1", "text": "Police arrested two men in Tijuana."}, {"id": "r2", "text": "   "}, {"id": "r3", "text": "x"}]
    (folder / "batch.jsonl").write_text("\n".join(json.dumps(r) for r in records[:2]) + "\n\n{not json\n" + json.dumps(records[2]) + "\n", encoding="utf-8")
    sources = [str(folder), str(tmp_path / "missing.txt")]
    total = count_records(sources)
    assert total == 1 + 4 + 1  # a.txt, four JSONL records (one broken), the missing file
    assert total == len(list(read_sources(sources)))
    assert count_records(["https://example.org/feed.xml"]) is None  # a feed's size is known only once fetched
    advanced = []
    with open_store(tmp_path / "s.db") as store:
        report = ingest_sources(sources, store, None, on_progress=advanced.append)
    assert sum(advanced) == total, report
