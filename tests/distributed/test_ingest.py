"""`sucesos ingest` on a real local Dask cluster: the database a serial run leaves, and resume."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.distributed.ingest import distributed_ingest
from sucesos.distributed.worker import RunOptions
from sucesos.store import open_store


class Interrupted(Exception):
    """Stands for the driver dying mid-run."""


def snapshot(db: str) -> dict:
    """What an analyst reads back: articles, extractions, events and their linking into de-duplicated events."""
    with open_store(db) as store:

        def rows(sql):
            return [tuple(row) for row in store.conn.execute(sql).fetchall()]

        return {
            "articles": rows(
                "SELECT id, content_hash, text, url, outlet, title, author, published, lang, source, status, error, warnings FROM articles ORDER BY id"
            ),
            "extractions": rows("SELECT article_id, pipeline_version, error, result FROM extractions ORDER BY article_id"),
            "events": rows(
                "SELECT id, article_id, idx, event_type, sub_event_type, actor1, actor2, location, event_date, fatalities, injuries"
                " FROM reports ORDER BY id"
            ),
            "links": rows("SELECT report_id, event_id, method FROM report_links ORDER BY report_id"),
            "failures": rows("SELECT input_id, reason FROM failures ORDER BY input_id"),
        }


@pytest.fixture(scope="session")
def serial_ingest(archive, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("serial-db") / "serial.db")
    result = CliRunner().invoke(app, ["ingest", str(archive), "--db", db])
    assert result.exit_code == 1, result.output  # two bad inputs
    return snapshot(db)


def test_distributed_ingest_leaves_the_database_a_serial_run_leaves(client, archive, serial_ingest, tmp_path):
    db = str(tmp_path / "dist.db")
    args = ["ingest", str(archive), "--db", db, "--scheduler", client.scheduler.address]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "36 new" in result.output and "12 partition(s): 12 done now" in result.output
    dist = snapshot(db)
    assert len(dist["articles"]) == 36 and len(dist["events"]) > 0
    assert dist == serial_ingest

    again = CliRunner().invoke(app, args)
    assert "0 new" in again.output and "12 partition(s): 0 done now, 12 done by an earlier run" in again.output
    assert snapshot(db) == serial_ingest


def test_rerun_after_interrupted_ingest_skips_partitions_done_and_loses_nothing(client, archive, serial_ingest, tmp_path):
    db = str(tmp_path / "dist.db")
    committed = []

    def crash_after_five(partition):
        committed.append(partition.index)
        if len(committed) == 5:
            raise Interrupted

    with open_store(db) as store, pytest.raises(Interrupted):
        distributed_ingest(client, [str(archive)], store, RunOptions(fetch=True), on_partition=crash_after_five)
    with open_store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM partitions_done").fetchone()[0] == 5
        resumed = distributed_ingest(client, [str(archive)], store, RunOptions(fetch=True))
        assert (resumed.done_before, resumed.done_now) == (5, 7)
        assert len(resumed.report.new) == 36 - 5 * 3  # nothing of the five done partitions is stored twice
        assert store.conn.execute("SELECT COUNT(*) FROM partitions_done").fetchone()[0] == 12
    assert snapshot(db) == serial_ingest  # failures included: each recorded once


def test_distributed_ingest_into_postgresql(client, archive, serial_ingest, pg_url):
    result = CliRunner().invoke(app, ["ingest", str(archive), "--db", pg_url, "--scheduler", client.scheduler.address])
    assert result.exit_code == 1, result.output
    dist = snapshot(pg_url)
    for table in ("articles", "extractions", "events", "links"):
        assert dist[table] == serial_ingest[table], table


def test_worker_killed_mid_ingest_database_still_complete_and_exact(client, archive, serial_ingest, tmp_path):
    import os
    import signal

    db = str(tmp_path / "dist.db")
    pids = client.run(os.getpid)
    victim = sorted(pids)[0]
    killed = []

    def kill_after_first(partition):
        # Results that finished out of order wait on their worker: killing it
        # loses them, and Dask must compute them again.
        if not killed:
            os.kill(pids[victim], signal.SIGKILL)
            killed.append(partition.index)

    with open_store(db) as store:
        summary = distributed_ingest(client, [str(archive)], store, RunOptions(fetch=True), on_partition=kill_after_first)
    assert killed and summary.done_now == 12 and summary.complete
    assert snapshot(db) == serial_ingest
