"""SIGKILL in the middle of an ingest, and two ingests at once on one SQLite file."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

SUCESOS = [sys.executable, "-m", "sucesos"]


def write_articles(path, count: int, *, prefix: str = "a", offset: int = 0) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for index in range(offset, offset + count):
            text = f"Hombres armados atacaron a policías municipales en Uruapan, Michoacán. Nota número {index} de {prefix}."
            handle.write(json.dumps({"id": f"{prefix}-{index}", "text": text, "lang": "es"}, ensure_ascii=False) + "\n")


def query(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def stored_count(db) -> int:
    try:
        return query(db, "SELECT COUNT(*) FROM articles")[0][0] if os.path.exists(db) else 0
    except sqlite3.OperationalError:  # not created yet, or locked for a moment
        return 0


def run(args, **kwargs):
    return subprocess.run(SUCESOS + args, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.mark.slow
def test_sigkill_during_ingest_then_rerun_loses_nothing_and_duplicates_nothing(tmp_path):
    source = tmp_path / "articles.jsonl"
    write_articles(source, 10_000)
    db = str(tmp_path / "s.db")
    rng = random.Random(7)
    kills = 0
    for _attempt in range(4):
        before = stored_count(db)
        process = subprocess.Popen(SUCESOS + ["ingest", str(source), "--db", db, "--no-extract"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # kill somewhere inside the batch: once a random number more are stored
        target = min(9_900, before + rng.randint(200, 3_000))
        while process.poll() is None and stored_count(db) < target:
            time.sleep(0.005)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        assert query(db, "PRAGMA integrity_check") == [("ok",)]
    finished = run(["ingest", str(source), "--db", db, "--no-extract"])
    assert finished.returncode == 0, finished.stderr
    ids = [row[0] for row in query(db, "SELECT id FROM articles")]
    assert len(ids) == len(set(ids)) == 10_000
    assert kills >= 3


@pytest.mark.slow
def _processes_with(argument: str) -> list[int]:
    """Live processes whose command line holds `argument` (Linux /proc; zombies are not live)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read().split(b"\0")
            with open(f"/proc/{entry}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if argument.encode() in cmdline and state != b"Z":
            found.append(int(entry))
    return found


def test_sigkill_during_extracting_ingest_leaves_no_half_article(tmp_path):
    source = tmp_path / "articles.jsonl"
    write_articles(source, 300)
    db = str(tmp_path / "s.db")
    process = subprocess.Popen(SUCESOS + ["ingest", str(source), "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:  # kill once some articles are in, before all are
        time.sleep(0.2)
        if os.path.exists(db):
            try:
                stored = query(db, "SELECT COUNT(*) FROM articles")[0][0]
            except sqlite3.OperationalError:
                continue
            if stored >= 40:
                break
    process.send_signal(signal.SIGKILL)
    process.wait()
    # its extraction workers go with it, rather than wait on their queue for ever
    deadline = time.time() + 20
    while _processes_with(db) and time.time() < deadline:
        time.sleep(0.2)
    left = _processes_with(db)
    for pid in left:  # not left behind by a failing run either
        os.kill(pid, signal.SIGKILL)
    assert left == []
    partial = query(db, "SELECT COUNT(*) FROM articles")[0][0]
    # every stored article has its extraction: written in the same transaction
    assert query(db, "SELECT COUNT(*) FROM articles a LEFT JOIN extractions x ON x.article_id = a.id WHERE x.article_id IS NULL") == [(0,)]
    finished = run(["ingest", str(source), "--db", db])
    assert finished.returncode == 0, finished.stderr
    assert query(db, "SELECT COUNT(*) FROM articles")[0][0] == 300
    assert query(db, "SELECT COUNT(*) FROM extractions")[0][0] == 300
    assert 0 < partial <= 300


@pytest.mark.slow
def test_two_concurrent_ingests_on_one_file_both_finish(tmp_path):
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    write_articles(first, 3000, prefix="one")
    write_articles(second, 3000, prefix="two")
    shared = tmp_path / "shared.jsonl"  # both processes also ingest the same 500 articles
    write_articles(shared, 500, prefix="both")
    db = str(tmp_path / "s.db")
    procs = [
        subprocess.Popen(SUCESOS + ["ingest", str(path), str(shared), "--db", db, "--no-extract"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in (first, second)
    ]
    results = [proc.communicate(timeout=600) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], results
    assert query(db, "SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM articles") == [(6500, 6500)]


@pytest.mark.slow
def test_concurrent_ingests_into_postgresql_duplicate_nothing(tmp_path, pg_url):
    first, second, shared = tmp_path / "one.jsonl", tmp_path / "two.jsonl", tmp_path / "both.jsonl"
    write_articles(first, 400, prefix="one")
    write_articles(second, 400, prefix="two")
    write_articles(shared, 200, prefix="both")
    procs = [
        subprocess.Popen(SUCESOS + ["ingest", str(path), str(shared), "--db", pg_url, "--no-extract"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in (first, second, shared)
    ]
    results = [proc.communicate(timeout=600) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0], results
    password = pg_url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    assert all(f":{password}@" not in out + err for out, err in results)  # the URL's password is never echoed
    from sucesos.store import open_store

    with open_store(pg_url) as store:
        assert store.conn.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM articles").fetchone() == (1000, 1000)
