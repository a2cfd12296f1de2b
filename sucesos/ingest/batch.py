"""Ingest: sources -> articles -> extraction -> store, one transaction per article."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sucesos import PIPELINE_VERSION
from sucesos.errors import Errors
from sucesos.ingest.feeds import url_articles
from sucesos.ingest.sources import DEFAULT_MAX_BYTES, Failure, read_sources
from sucesos.link.cluster import link_article, link_pending
from sucesos.model import Article
from sucesos.taxonomy import LANGUAGES

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    reextracted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unsupported: list[tuple[str, str]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0

    @property
    def stored(self) -> int:
        return len(self.new) + len(self.updated) + len(self.reextracted)


def ingest_sources(
    sources: Iterable[str],
    store,
    pipeline=None,
    *,
    allow_private: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 15.0,
    batch_size: int = 32,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Store every article the sources give, extracted when `pipeline` is given.

    Safe to re-run: stored text is skipped before extraction, feed entries
    already stored are not fetched again.
    """

    def fetch_url(url: str):
        return url_articles(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, seen_url=store.has_url)

    items = read_sources(sources, max_bytes=max_bytes, fetch_url=fetch_url)
    return ingest_articles(items, store, pipeline, batch_size=batch_size, on_progress=on_progress)


def ingest_articles(
    items: Iterable[Article | Failure],
    store,
    pipeline=None,
    *,
    batch_size: int = 32,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Store articles (and record failures) in batches; one transaction per article."""
    report = IngestReport()
    pending: list[Article] = []

    def flush() -> None:
        to_extract = [a for a in pending if pipeline is not None and store.needs_extraction(a, PIPELINE_VERSION)]
        extractions = {}
        if to_extract:
            for article, extraction in zip(to_extract, pipeline.extract_many(to_extract, batch_size=batch_size)):
                extractions[id(article)] = extraction
        to_save = []
        for article in pending:
            extraction = extractions.get(id(article))
            input_id = f"{article.source or article.id} (id {article.id})"
            for warning in article.warnings:
                report.warnings.append((input_id, warning))
            if extraction is not None and extraction.error == Errors.E004:
                report.failures.append((input_id, extraction.error))
                store.record_failure(article.source or article.id, extraction.error, "ingest")
                continue
            to_save.append((article, extraction))
        # One commit for the batch, a savepoint per article: an article that
        # cannot be stored is rolled back alone and reported.
        for (article, extraction), result in zip(to_save, store.save_many(to_save)):
            input_id = f"{article.source or article.id} (id {article.id})"
            if isinstance(result, Exception):
                reason = f"could not be stored: {type(result).__name__}: {result}"
                report.failures.append((input_id, reason))
                store.record_failure(article.source or article.id, reason, "ingest")
                continue
            getattr(report, result.status).append(result.article_id)
            if extraction is None:
                continue
            if result.status != "unchanged" and extraction.events:
                # Reports join known events (or start new ones) as they arrive;
                # a crash between save and link is healed by link_pending below.
                try:
                    link_article(store, result.article_id)
                except Exception as exc:  # noqa: BLE001 - stored; link_pending below retries the link
                    log.warning("linking %s failed (%s: %s); retried at the end of the run", result.article_id, type(exc).__name__, exc)
            report.events += len(extraction.events)
            if extraction.error and extraction.lang is not None and extraction.lang not in LANGUAGES:
                report.unsupported.append((input_id, extraction.error))
            elif extraction.error:
                report.failures.append((input_id, extraction.error))
                store.record_failure(article.source or article.id, extraction.error, "ingest")
        if on_progress:
            on_progress(len(pending))
        pending.clear()

    for item in items:
        if isinstance(item, Failure):
            report.failures.append((item.input_id, item.reason))
            store.record_failure(item.input_id, item.reason, "ingest")
            if on_progress:
                on_progress(1)
            continue
        if not item.text.strip():
            report.failures.append((item.source or item.id, Errors.E004))
            store.record_failure(item.source or item.id, Errors.E004, "ingest")
            if on_progress:
                on_progress(1)
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    if pipeline is not None:
        link_pending(store)
    return report
