"""Extraction on several processes of this machine (`--workers N`).

The parent loads the models once, then forks: the workers share the loaded
models' memory pages (copy-on-write) and start at once, instead of each
paying the load. Articles go out in batches and come back in input order;
an article that fails inside a worker comes back with its error like any
other, and a worker that dies (killed, out of memory) costs only the batch
that killed it, whose articles are reported with the reason, never the run.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sucesos.errors import Errors
from sucesos.model import Article, Extraction

log = logging.getLogger(__name__)

# One short report per language that reaches every lazily loaded part
# (places' word frequencies and colonia table, the event classifier, the claims
# model), so the parent holds them before it forks and no worker loads its own copy.
WARM_UP = {
    "es": "Hombres armados atacaron a policías municipales en la colonia Centro de Uruapan, Michoacán, el lunes, informó la Fiscalía. Dos agentes murieron.",
    "en": "Gunmen attacked a police patrol in Culiacán, Sinaloa, on Monday, killing two officers, state prosecutors said.",
}


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def warm_up(pipeline, langs: Iterable[str] = ("es", "en")) -> None:
    """Load everything the pipeline loads lazily, for `langs`."""
    for lang in langs:
        pipeline.extract(Article(id=f"warm-up-{lang}", text=WARM_UP[lang], lang=lang))


_PIPELINE = None  # the forked worker's copy of the parent's pipeline


def _set_pipeline(pipeline, parent: int | None = None) -> None:
    global _PIPELINE
    _PIPELINE = pipeline
    if parent is not None:
        _die_with(parent)


def _die_with(parent: int) -> None:
    """Ask Linux to end this worker when its parent dies: a parent killed with SIGKILL
    runs no clean-up, and its pool's workers would otherwise wait on their queue for ever.
    Linux sends the signal when the thread that forked ends: pools are made and used on the
    CLI's main thread (no max_tasks_per_child, so the pool's own thread never forks)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: no such call; the pool's own shutdown still ends workers
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _extract_batch(articles: list[Article], batch_size: int) -> list[Extraction]:
    return list(_PIPELINE.extract_many(articles, batch_size=batch_size))


def _lost(articles: list[Article], reason: str) -> list[Extraction]:
    return [
        Extraction(id=a.id, lang=None, pipeline_version="", content_hash=a.content_hash, error=Errors.E020.format(detail=reason))
        for a in articles
    ]


def extract_parallel(pipeline, articles: Iterable[Article], *, workers: int, batch_size: int = 16) -> Iterator[Extraction]:
    """`pipeline.extract_many(articles)` on `workers` processes, in input order.

    With one worker, or where processes cannot be forked, it is exactly
    `extract_many` in this process.
    """
    with ParallelExtractor(pipeline, workers, task_size=batch_size) as extractor:
        yield from extractor.extract_many(articles)


class ParallelExtractor:
    """A pipeline's `extract_many` on a pool of forked workers that lives as
    long as the `with` block (ingest extracts batch after batch on one pool)."""

    def __init__(self, pipeline, workers: int, *, task_size: int = 16):
        self.pipeline, self.task_size = pipeline, task_size
        self.workers = workers if "fork" in multiprocessing.get_all_start_methods() else 1
        self.executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> ParallelExtractor:
        if self.workers > 1:
            warm_up(self.pipeline)
            self.executor = self._start()
        return self

    def __exit__(self, *exc) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def extract_many(self, articles: Iterable[Article], *, batch_size: int | None = None) -> Iterator[Extraction]:
        """In input order. On the pool, articles go out `task_size` at a time
        (`batch_size`, the in-process parse batch, applies inside each worker)."""
        if self.executor is None:
            yield from self.pipeline.extract_many(articles, batch_size=batch_size or self.task_size)
            return
        batch_size = self.task_size
        in_flight: deque[tuple[list[Article], Future, ProcessPoolExecutor]] = deque()
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) < batch_size:
                continue
            in_flight.append(self._submit(batch, batch_size))
            batch = []
            # Every worker busy with one batch queued behind it, no more: an
            # archive of any size never sits in memory.
            while len(in_flight) > 2 * self.workers:
                yield from self._collect(*in_flight.popleft())
        if batch:
            in_flight.append(self._submit(batch, batch_size))
        while in_flight:
            yield from self._collect(*in_flight.popleft())

    def _one(self, article: Article) -> Extraction:
        """One article alone on the pool; its error (or the worker's death) is its own line."""
        try:
            return self.executor.submit(_extract_batch, [article], 1).result()[0]
        except BrokenProcessPool as exc:
            self._restart()
            return _lost([article], f"worker process died ({exc or 'killed'}); run this article again with --workers 1")[0]
        except Exception as exc:  # noqa: BLE001
            return _lost([article], f"{type(exc).__name__}: {exc}")[0]

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_set_pipeline, initargs=(self.pipeline, os.getpid()))

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def _submit(self, batch: list[Article], batch_size: int):
        try:
            return batch, self.executor.submit(_extract_batch, batch, batch_size), self.executor
        except BrokenProcessPool:  # it broke since the last collect
            self._restart()
            return batch, self.executor.submit(_extract_batch, batch, batch_size), self.executor

    def _collect(self, batch: list[Article], future: Future, executor: ProcessPoolExecutor) -> list[Extraction]:
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        except Exception as exc:  # noqa: BLE001 - the batch raised (not an article: extract_many reports those)
            log.warning("a batch of %d article(s) raised %s in a worker; extracting them one by one", len(batch), type(exc).__name__)
            return [self._one(article) for article in batch]
        # A worker died, and every batch on its pool with it. Each such batch
        # is run again alone on a fresh pool: the others come back, and only
        # the batch that kills a worker twice is reported (what killed it once,
        # memory, would kill the next).
        if executor is self.executor:
            self._restart()
        try:
            return self.executor.submit(_extract_batch, batch, self.task_size).result()
        except BrokenProcessPool as exc:
            log.warning("a worker process died twice on a batch; %d article(s) reported as failed", len(batch))
            self._restart()
            return _lost(batch, f"worker process died ({exc or 'killed'}); run this article again with --workers 1")
