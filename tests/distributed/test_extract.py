"""`sucesos extract` on a real local Dask cluster: same output as serial, worker loss, resume."""

from __future__ import annotations

import json
import os
import signal

import pytest
from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.distributed.extract import distributed_extract, parts_dir_for
from sucesos.distributed.worker import RunOptions, worker_stats


class Interrupted(Exception):
    """Stands for the driver dying mid-run."""


def test_distributed_extract_equals_serial_extract(client, archive, serial_extract, tmp_path):
    out = tmp_path / "dist.jsonl"
    result = CliRunner().invoke(app, ["extract", str(archive), "--out", str(out), "--scheduler", client.scheduler.address])
    assert result.exit_code == 1, result.output  # the same two bad inputs fail, as in the serial run
    assert out.read_bytes() == serial_extract
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 38 and sum(1 for line in lines if line["error"]) == 2
    assert "12 partition(s): 12 done now, 0 done by an earlier run, 0 failed" in result.output
    assert not parts_dir_for(out).exists()
    # The models were built once in each worker process, not once per partition.
    assert all(stats["loads"] == 1 for stats in client.run(worker_stats).values())


def test_worker_killed_mid_run_output_still_complete_and_exact(client, archive, serial_extract, tmp_path):
    out = tmp_path / "dist.jsonl"
    pids = client.run(os.getpid)
    victim = sorted(pids)[0]
    killed = []

    def kill_after_first(partition):
        # The driver has committed one partition; the rest are queued or running.
        if not killed:
            os.kill(pids[victim], signal.SIGKILL)
            killed.append(partition.index)

    summary = distributed_extract(client, [str(archive)], str(out), RunOptions(), on_partition=kill_after_first)
    assert killed and summary.done_now == 12 and summary.complete
    assert out.read_bytes() == serial_extract
    assert victim not in client.run(os.getpid)  # it really died (its nanny starts a new process)


def test_rerun_after_interrupted_run_skips_partitions_already_done(client, archive, serial_extract, tmp_path):
    out = tmp_path / "dist.jsonl"
    committed = []

    def crash_after_three(partition):
        committed.append(partition.index)
        if len(committed) == 3:
            raise Interrupted

    with pytest.raises(Interrupted):
        distributed_extract(client, [str(archive)], str(out), RunOptions(), on_partition=crash_after_three)
    assert not out.exists()
    assert len(list(parts_dir_for(out).glob("*.jsonl"))) == 3  # exactly the committed ones, no half-written part

    resumed = distributed_extract(client, [str(archive)], str(out), RunOptions())
    assert (resumed.done_before, resumed.done_now) == (3, 9)
    assert out.read_bytes() == serial_extract
    assert len(resumed.failures) == 2


def test_parquet_archive_gives_the_same_extractions_as_jsonl(client, archive, serial_extract, tmp_path):
    pyarrow = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    folder = tmp_path / "parquet"
    folder.mkdir()
    for path in sorted(archive.glob("*.jsonl")):
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # Parquet has no such thing as an unparseable row
        pq.write_table(pyarrow.Table.from_pylist(rows), folder / f"{path.stem}.parquet")
    out = tmp_path / "dist.jsonl"
    summary = distributed_extract(client, [str(folder)], str(out), RunOptions())
    expected = [line for line in serial_extract.decode().splitlines() if json.loads(line)["id"] != str(archive / "part-004.jsonl") + ":4"]
    assert summary.complete and out.read_text(encoding="utf-8").splitlines() == expected


def test_distributed_extract_needs_an_output_file(archive):
    result = CliRunner().invoke(app, ["extract", str(archive), "--local-cluster", "1"])
    assert result.exit_code == 2
    assert "give --out FILE" in result.output
