"""One poll of one source: fetch conditionally, ingest only what is new.

A source's validators (ETag, Last-Modified, body hash) are saved only after
every entry of the fetched body is stored (or given up after repeated
failures): a crash halfway means the next poll fetches the feed again and
picks up the entries that were not stored yet; entries already stored are
skipped without a request.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sucesos.errors import InputError
from sucesos.ingest.batch import ingest_articles
from sucesos.ingest.feeds import article_from_page, looks_like_feed, url_articles
from sucesos.ingest.sources import Failure
from sucesos.watch.http import PoliteFetcher, RetryLater
from sucesos.watch.sources import Source
from sucesos.watch.state import MIN_BACKOFF, entry_done, record_entry, record_failure, record_success, source_state

log = logging.getLogger(__name__)


@dataclass
class PollResult:
    source: Source
    status: str  # new | not-modified | unchanged | failed
    stored: list[str] = field(default_factory=list)  # article ids new or updated
    entry_failures: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None
    retry_in: float | None = None  # after a failure: seconds until the next try


class MalformedFeed(InputError):
    pass


def _parse_feed(body: bytes):
    import feedparser

    feed = feedparser.parse(body)
    # Many live feeds are slightly broken (bozo) and still usable; a feed is
    # malformed when broken AND nothing in it can be read.
    usable = [e for e in feed.entries if e.get("link") or e.get("summary") or e.get("content")]
    if (feed.bozo or not feed.version) and not usable:
        detail = getattr(feed, "bozo_exception", None)
        raise MalformedFeed(f"malformed feed: {detail}" if detail else "malformed feed: no entries could be read")
    return feed


def poll_source(
    source: Source,
    store,
    pipeline,
    fetcher: PoliteFetcher,
    *,
    now: float,
    min_backoff: float = MIN_BACKOFF,
    on_stored: Callable[[list[str]], None] | None = None,
) -> PollResult:
    """Poll `source` once; never raises for a failing source (it is recorded and backed off)."""
    state = source_state(store, source.url)
    try:
        fetched = fetcher.get(
            source.url,
            timeout=source.timeout,
            min_delay=source.min_delay,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
        if fetched.status == 304:
            record_success(store, source, now, status="not-modified", new_items=0)
            return PollResult(source, "not-modified")
        body_hash = hashlib.sha256(fetched.body).hexdigest()
        validators = (fetched.etag, fetched.last_modified, body_hash)
        if state and state.body_hash == body_hash:
            record_success(store, source, now, status="unchanged", new_items=0, validators=validators)
            return PollResult(source, "unchanged")
        is_feed = looks_like_feed(fetched)
        kind = source.kind or ("feed" if is_feed else "page")
        if kind == "feed":
            feed = _parse_feed(fetched.body)
            result = _ingest_feed(source, fetched, feed, store, pipeline, fetcher, on_stored)
        else:
            result = _ingest_page(source, fetched, store, pipeline, on_stored)
    except RetryLater as exc:
        return _failed(store, source, now, str(exc), min_backoff, exc.retry_after)
    except InputError as exc:
        return _failed(store, source, now, str(exc), min_backoff)
    complete = not any(status == "failed" for status in result.pop("entry_status"))
    record_success(
        store, source, now, status="new" if result["stored"] else "unchanged", new_items=len(result["stored"]), kind=kind,
        validators=validators if complete else None,
    )  # fmt: skip
    return PollResult(source, "new" if result["stored"] else "unchanged", stored=result["stored"], entry_failures=result["failures"])


def _failed(store, source: Source, now: float, error: str, min_backoff: float, retry_after: float | None = None) -> PollResult:
    wait = record_failure(store, source, now, error, min_backoff=min_backoff, retry_after=retry_after)
    log.info("%s: %s (next try in %.0fs)", source.label, error, wait)
    return PollResult(source, "failed", error=error, retry_in=wait)


def _store(article, store, pipeline) -> tuple[list[str], list[str]]:
    """(every article id it was stored under, those that are new or updated)."""
    report = ingest_articles([article], store, pipeline, batch_size=1)
    if report.failures:
        raise InputError(report.failures[0][1])
    return report.new + report.updated + report.reextracted + report.unchanged, report.new + report.updated


def _ingest_page(source: Source, fetched, store, pipeline, on_stored) -> dict:
    article = article_from_page(fetched)
    _ids, stored = _store(article, store, pipeline)
    if stored and on_stored:
        on_stored(stored)
    return {"stored": stored, "failures": [], "entry_status": []}


def _ingest_feed(source: Source, fetched, feed, store, pipeline, fetcher: PoliteFetcher, on_stored) -> dict:
    def fetch_entry(url: str, **_options):
        if url == source.url:
            return fetched  # the feed itself: already fetched
        return fetcher.get(url, timeout=source.timeout, min_delay=source.min_delay)

    def seen(link: str) -> bool:
        return store.has_url(link) or entry_done(store, link)

    stored: list[str] = []
    failures: list[tuple[str, str]] = []
    statuses: list[str] = []
    if not feed.entries:  # a valid feed with nothing in it (yet)
        return {"stored": stored, "failures": failures, "entry_status": statuses}
    for item in url_articles(source.url, seen_url=seen, fetcher=fetch_entry):
        if isinstance(item, Failure):
            if item.input_id == source.url:  # the feed as a whole (cannot happen after _parse_feed, kept for safety)
                raise InputError(item.reason)
            failures.append((item.input_id, item.reason))
            store.record_failure(item.input_id, item.reason, "watch")
            statuses.append(record_entry(store, item.input_id, source.url, error=item.reason))
            continue
        link = item.source if item.source and item.source != source.url else None
        try:
            ids, new = _store(item, store, pipeline)
        except InputError as exc:
            failures.append((link or item.id, str(exc)))
            if link:
                statuses.append(record_entry(store, link, source.url, error=str(exc)))
            continue
        if link:
            statuses.append(record_entry(store, link, source.url, article_id=ids[0] if ids else None))
        stored.extend(new)
        if new and on_stored:
            on_stored(new)
    return {"stored": stored, "failures": failures, "entry_status": statuses}

