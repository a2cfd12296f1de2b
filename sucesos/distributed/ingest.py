"""`sucesos ingest` on a Dask cluster: workers read and extract, the driver stores.

Workers return each partition's articles with their extractions; the driver
stores them through `ingest_articles` (the serial code: one transaction per
article, idempotent by content hash, reports linked into events) in input
order, so the database ends up as a serial run leaves it, then records the
partition in `partitions_done`. A crash between the two re-does that one
partition on the next run, whose articles are then "unchanged": nothing is
written twice. Storing on the driver means the workers need no database
access at all; cross-article linking needs one writer in order anyway.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sucesos import PIPELINE_VERSION
from sucesos.distributed.partitions import DEFAULT_FILES_PER_PARTITION, Partition, find_partitions
from sucesos.distributed.runner import run_partitions
from sucesos.distributed.worker import AnalysedPartition, PipelineLoader, RunOptions, analyse_partition
from sucesos.ingest.batch import IngestReport, ingest_articles
from sucesos.model import Article, Extraction


@dataclass
class IngestSummary:
    report: IngestReport = field(default_factory=IngestReport)
    partitions: int = 0
    done_before: int = 0  # skipped: recorded in partitions_done by an earlier run
    done_now: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (partition, reason): not stored, re-run to retry

    @property
    def complete(self) -> bool:
        return not self.failed


class PrecomputedPipeline:
    """Hands `ingest_articles` the extractions the workers made, instead of extracting again."""

    def __init__(self, result: AnalysedPartition):
        self._by_object = {id(item): extraction for item, extraction in zip(result.items, result.extractions) if extraction is not None}

    def extract_many(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Extraction]:
        for article in articles:
            extraction = self._by_object.get(id(article))
            if extraction is None:
                raise LookupError(f"no extraction came back from the worker for article {article.id}; re-run the command")
            yield extraction


def run_key(options: RunOptions) -> str:
    """Runs whose partitions_done rows count for each other: same pipeline, lexicons, limits, mode."""
    material = json.dumps(["ingest", PIPELINE_VERSION, options.lexicon_key, options.max_bytes, options.extract])
    return hashlib.sha256(material.encode()).hexdigest()[:12]


def done_partitions(store, key: str) -> set[tuple[str, str]]:
    rows = store.conn.execute("SELECT partition_name, fingerprint FROM partitions_done WHERE run_key = ?", (key,)).fetchall()
    return {(row[0], row[1]) for row in rows}


def record_partition(store, key: str, partition: Partition, report: IngestReport, worker: str | None) -> None:
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    articles = report.stored + len(report.unchanged) + len(report.unsupported)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO partitions_done (run_key, partition_name, fingerprint, articles, failures, events, worker, finished_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_key, partition_name, fingerprint) DO NOTHING",
            (key, partition.name, partition.fingerprint, articles, len(report.failures), report.events, worker, now),
        )


def _merge(total: IngestReport, part: IngestReport) -> None:
    for name in ("new", "updated", "reextracted", "unchanged", "unsupported", "failures", "warnings"):
        getattr(total, name).extend(getattr(part, name))
    total.events += part.events


def distributed_ingest(
    client,
    inputs: list[str],
    store,
    options: RunOptions,
    *,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
    on_partition: Callable[[Partition], None] | None = None,
) -> IngestSummary:
    """Ingest every article of `inputs` into `store`, extracted on the cluster behind `client`."""
    key = run_key(options)
    partitions = find_partitions(inputs, files_per_partition=files_per_partition)
    done = done_partitions(store, key)
    pending = [p for p in partitions if (p.name, p.fingerprint) not in done]
    summary = IngestSummary(partitions=len(partitions), done_before=len(partitions) - len(pending))

    def commit(partition: Partition, result: AnalysedPartition) -> None:
        pipeline = PrecomputedPipeline(result) if options.extract else None
        report = ingest_articles(result.items, store, pipeline, batch_size=options.batch_size)
        record_partition(store, key, partition, report, result.worker)
        _merge(summary.report, report)
        summary.done_now += 1
        if on_partition:
            on_partition(partition)

    if pending:
        if options.extract:
            client.register_plugin(PipelineLoader(options), name=PipelineLoader.name)
        outcome = run_partitions(client, pending, analyse_partition, (options,), commit, ordered=True)
        summary.failed = [(p.name, reason) for p, reason in outcome.failed]
    return summary
