"""What runs on a Dask worker: the pipeline, loaded once per process, and the partition tasks.

The models (spaCy per language, gazetteer, lexicon, sentence tables) cost
seconds and hundreds of MB, so they are built once per worker process and
kept in a module-level cache; every task of that process reuses them. The
`PipelineLoader` worker plugin builds them when a worker joins (and again
when a restarted worker rejoins), so the first partition does not pay for it
and a broken install shows up before any work is handed out.
"""

from __future__ import annotations

import hashlib
import os
import resource
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sucesos.distributed.partitions import Partition, read_partition
from sucesos.ingest.sources import Failure
from sucesos.model import Article, Extraction

try:  # the plugin base class; without distributed the module still imports (serial tests, docs)
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - distributed is a declared dependency
    WorkerPlugin = object  # type: ignore[assignment,misc]

_LOCK = threading.Lock()
_PIPELINES: dict[tuple, object] = {}
_STATS = {"loads": 0, "load_seconds": 0.0}

# Short, neutral texts that make every lazy resource load (both languages).
WARM_UP = (
    Article(id="warm-up-en", lang="en", text="Police said two people were injured in Lima on Monday."),
    Article(id="warm-up-es", lang="es", text="La policía informó que dos personas resultaron heridas en Lima el lunes."),
)


@dataclass(frozen=True)
class RunOptions:
    """Everything a worker needs to handle a partition; shipped with each task."""

    lexicons: tuple[tuple[str, bytes], ...] = ()  # (file name, content): workers need no shared disk for them
    max_bytes: int = 10 * 1024 * 1024
    batch_size: int = 32
    extract: bool = True
    fetch: bool = False  # ingest fetches URL-only records, pages and feeds; extract never does
    allow_private: bool = False
    timeout: float = 15.0

    @property
    def lexicon_key(self) -> str:
        return hashlib.sha256(b"".join(hashlib.sha256(content).digest() for _, content in self.lexicons)).hexdigest()[:16]


def _lexicon_files(options: RunOptions) -> tuple[str, ...]:
    """The run's extra lexicons as files on this machine (written once per content)."""
    if not options.lexicons:
        return ()
    folder = Path(tempfile.gettempdir()) / f"sucesos-lexicons-{os.getpid()}-{options.lexicon_key}"
    folder.mkdir(exist_ok=True)
    paths = []
    for number, (name, content) in enumerate(options.lexicons):
        path = folder / f"{number:02d}-{Path(name).name}"
        if not path.exists():
            path.write_bytes(content)
        paths.append(str(path))
    return tuple(paths)


def pipeline_for(options: RunOptions):
    """This process's pipeline for the run's lexicons, built and warmed on first use."""
    key = (options.lexicon_key,)
    with _LOCK:
        if key not in _PIPELINES:
            from sucesos.pipeline import Pipeline, Resources

            started = time.perf_counter()
            pipeline = Pipeline(Resources(lexicon_files=_lexicon_files(options)))
            list(pipeline.extract_many(list(WARM_UP)))
            _PIPELINES[key] = pipeline
            _STATS["loads"] += 1
            _STATS["load_seconds"] += time.perf_counter() - started
        return _PIPELINES[key]


def worker_stats() -> dict:
    """This process: pid, pipelines built, seconds spent building them, peak memory (MB)."""
    return {
        "pid": os.getpid(),
        "loads": _STATS["loads"],
        "load_seconds": round(_STATS["load_seconds"], 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


class PipelineLoader(WorkerPlugin):
    """Builds the pipeline when a worker starts, off the worker's event loop."""

    name = "sucesos-pipeline"

    def __init__(self, options: RunOptions):
        self.options = options

    async def setup(self, worker) -> None:
        import asyncio

        # In a thread: a 10-second load on the event loop would stall heartbeats.
        await asyncio.get_running_loop().run_in_executor(None, pipeline_for, self.options)


def _fetcher(options: RunOptions):
    if not options.fetch:
        return None
    from sucesos.ingest.feeds import url_articles

    def fetch_url(url: str):
        return url_articles(url, allow_private=options.allow_private, timeout=options.timeout, max_bytes=options.max_bytes)

    return fetch_url


def _worker_name() -> str | None:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return None


# -- tasks ---------------------------------------------------------------------
@dataclass
class ExtractedPartition:
    """`sucesos extract` output of one partition: its JSONL lines, in input order."""

    index: int
    lines: list[str]
    failures: list[tuple[str, str]] = field(default_factory=list)
    worker: str | None = None


def failure_line(item: Failure) -> dict:
    """The output line of an input that could not be read (as serial `extract` writes it)."""
    return {"id": item.input_id, "lang": None, "events": [], "places": [], "claims": [], "relations": [], "statistics": [], "error": item.reason}


def extract_partition(partition: Partition, options: RunOptions) -> ExtractedPartition:
    """Lines of `sucesos extract` for one partition: one per input article, in order."""
    import json

    pipeline = pipeline_for(options)
    items = list(read_partition(partition, max_bytes=options.max_bytes))
    articles = [item for item in items if not isinstance(item, Failure)]
    extractions = iter(pipeline.extract_many(articles, batch_size=options.batch_size))
    result = ExtractedPartition(partition.index, [], worker=_worker_name())
    for item in items:
        if isinstance(item, Failure):
            line = failure_line(item)
            result.failures.append((item.input_id, item.reason))
        else:
            extraction = next(extractions)
            line = extraction.to_dict()
            if extraction.error:
                result.failures.append((item.source or item.id, extraction.error))
        result.lines.append(json.dumps(line, ensure_ascii=False))
    return result


@dataclass
class AnalysedPartition:
    """One partition's articles and their extractions, for the driver to store."""

    index: int
    items: list[Article | Failure]
    extractions: list[Extraction | None]  # aligned with items; None for failures and unextracted articles
    worker: str | None = None


def analyse_partition(partition: Partition, options: RunOptions) -> AnalysedPartition:
    """Read (and, unless --no-extract, extract) one partition for `sucesos ingest`."""
    items = list(read_partition(partition, max_bytes=options.max_bytes, fetch_url=_fetcher(options)))
    extractions: list[Extraction | None] = [None] * len(items)
    if options.extract:
        pipeline = pipeline_for(options)
        # Empty texts are refused by ingest before extraction; do not extract them either.
        positions = [i for i, item in enumerate(items) if isinstance(item, Article) and item.text.strip()]
        for position, extraction in zip(positions, pipeline.extract_many([items[i] for i in positions], batch_size=options.batch_size)):
            extractions[position] = extraction
    return AnalysedPartition(partition.index, items, extractions, worker=_worker_name())
