"""`sucesos extract` on a Dask cluster: partition files committed by rename, joined in input order.

Each finished partition's lines are written by the driver to
`<out>.parts/<index>-<digest>.jsonl` through a temporary file, flushed to
disk and renamed: a part file either is complete or does not exist. A
re-run of the same command finds the part files of the partitions it
already did and skips them. When every partition has its part, they are
concatenated in input order into `<out>` (again through a renamed temporary
file) and the parts folder is removed: the output is byte for byte what a
serial run writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sucesos import PIPELINE_VERSION
from sucesos.distributed.partitions import DEFAULT_FILES_PER_PARTITION, Partition, find_partitions
from sucesos.distributed.runner import run_partitions
from sucesos.distributed.worker import ExtractedPartition, PipelineLoader, RunOptions, extract_partition
from sucesos.errors import ConfigError


@dataclass
class ExtractSummary:
    partitions: int = 0
    done_before: int = 0  # skipped: their part file was there from an earlier run
    done_now: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (partition, reason): not done, re-run to retry
    articles: int = 0  # lines in the output (0 when it was not written)
    failures: list[tuple[str, str]] = field(default_factory=list)  # articles whose line carries an error
    out: str | None = None

    @property
    def complete(self) -> bool:
        return not self.failed


def run_key(options: RunOptions) -> str:
    """What makes one run's part files reusable by another: same pipeline, lexicons and limits."""
    material = json.dumps(["extract", PIPELINE_VERSION, options.lexicon_key, options.max_bytes])
    return hashlib.sha256(material.encode()).hexdigest()[:12]


def parts_dir_for(out: str | Path) -> Path:
    return Path(f"{out}.parts")


def part_path(parts_dir: Path, partition: Partition, key: str) -> Path:
    return parts_dir / f"{partition.index:06d}-{key}-{partition.digest}.jsonl"


def write_atomically(path: Path, chunks: Iterable[str]) -> None:
    """Write to a temporary file beside `path`, flush it to disk, rename over `path`."""
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _failures_in(path: Path) -> list[tuple[str, str]]:
    failures = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("error"):
                failures.append((str(record.get("id")), record["error"]))
    return failures


def check_output(out: str) -> Path:
    """The output path, refused early (before any cluster starts) when it cannot be written."""
    if out == "-":
        raise ConfigError("a distributed extract writes partition files next to its output: give --out FILE")
    out_path = Path(out)
    if not out_path.parent.exists():
        raise ConfigError(f"cannot write {out}: folder {out_path.parent} does not exist")
    return out_path


def distributed_extract(
    client,
    inputs: list[str],
    out: str,
    options: RunOptions,
    *,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
    on_partition: Callable[[Partition], None] | None = None,
) -> ExtractSummary:
    """Extract every article of `inputs` on the cluster behind `client` into the JSONL file `out`."""
    out_path = check_output(out)
    parts_dir = parts_dir_for(out_path)
    parts_dir.mkdir(exist_ok=True)
    key = run_key(options)
    partitions = find_partitions(inputs, files_per_partition=files_per_partition)
    summary = ExtractSummary(partitions=len(partitions))
    pending = [p for p in partitions if not part_path(parts_dir, p, key).exists()]
    summary.done_before = len(partitions) - len(pending)
    fresh_failures: dict[int, list[tuple[str, str]]] = {}

    def commit(partition: Partition, result: ExtractedPartition) -> None:
        write_atomically(part_path(parts_dir, partition, key), (line + "\n" for line in result.lines))
        fresh_failures[partition.index] = result.failures
        summary.done_now += 1
        if on_partition:
            on_partition(partition)

    if pending:
        client.register_plugin(PipelineLoader(options), name=PipelineLoader.name)
        outcome = run_partitions(client, pending, extract_partition, (options,), commit, ordered=False)
        summary.failed = [(p.name, reason) for p, reason in outcome.failed]
    if not summary.complete:
        return summary
    paths = [part_path(parts_dir, p, key) for p in partitions]

    def joined() -> Iterable[str]:
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                yield from handle

    write_atomically(out_path, joined())
    for partition, path in zip(partitions, paths):
        failures = fresh_failures.get(partition.index)
        summary.failures.extend(failures if failures is not None else _failures_in(path))
        with open(path, "rb") as handle:
            summary.articles += sum(1 for _ in handle)
    shutil.rmtree(parts_dir)
    summary.out = str(out_path)
    return summary
