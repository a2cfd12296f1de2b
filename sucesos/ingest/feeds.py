"""URLs to articles: a page is extracted, a feed (RSS/Atom) is expanded.

Each feed entry's page is fetched once: entries whose URL is already stored
(`seen_url`) are skipped, so polling a feed again costs one request.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator

from sucesos.errors import Errors, InputError
from sucesos.ingest.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Fetched, fetch
from sucesos.ingest.html import html_to_text
from sucesos.ingest.records import default_id
from sucesos.ingest.sources import Failure, decode_bytes, now_iso
from sucesos.model import Article, normalise_text

log = logging.getLogger(__name__)

FEED_TYPES = ("rss", "atom", "application/xml", "text/xml", "application/rdf")


def looks_like_feed(fetched: Fetched) -> bool:
    content_type = fetched.content_type.lower()
    if any(kind in content_type for kind in FEED_TYPES):
        return True
    head = fetched.body[:500].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) or head.startswith((b"<rss", b"<feed"))


def article_from_page(fetched: Fetched) -> Article:
    """An Article from a fetched page (HTML or plain text)."""
    text, warnings = decode_bytes(fetched.body)
    metadata: dict = {}
    html = None
    if "html" in fetched.content_type.lower() or text.lstrip()[:1] == "<":
        html = text
        text, metadata = html_to_text(text)
    text = normalise_text(text)
    if not text.strip():
        raise InputError(Errors.E004)
    return Article(
        id=default_id(text),
        text=text,
        url=fetched.final_url,
        title=metadata.get("title"),
        outlet=metadata.get("outlet"),
        author=metadata.get("author"),
        published=metadata.get("published"),
        html=html,
        source=fetched.url,
        retrieved_at=now_iso(),
        warnings=warnings,
    )


def _entry_published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc).isoformat()


def url_articles(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    seen_url: Callable[[str], bool] = lambda _url: False,
    fetcher: Callable[..., Fetched] = fetch,
) -> Iterator[Article | Failure]:
    """Articles from a page URL or from every new entry of a feed URL."""
    options = {"allow_private": allow_private, "timeout": timeout, "max_bytes": max_bytes}
    try:
        fetched = fetcher(url, **options)
    except InputError as exc:
        yield Failure(url, str(exc))
        return
    if not looks_like_feed(fetched):
        try:
            yield article_from_page(fetched)
        except InputError as exc:
            yield Failure(url, str(exc))
        return

    import feedparser

    feed = feedparser.parse(fetched.body)
    if not feed.entries:
        yield Failure(url, Errors.E015.format(url=url))
        return
    outlet = feed.feed.get("title") or None
    for entry in feed.entries:
        link = entry.get("link")
        entry_id = link or entry.get("id") or f"{url}#{entry.get('title', '?')}"
        if link and seen_url(link):
            log.debug("feed entry already stored: %s", link)
            continue
        article = None
        if link:
            try:
                article = article_from_page(fetcher(link, **options))
            except InputError as exc:
                yield Failure(entry_id, str(exc))
                continue
        else:
            # An entry without a link: its own content is all there is.
            content = (entry.get("content") or [{}])[0].get("value") or entry.get("summary")
            if not content:
                yield Failure(entry_id, Errors.E004)
                continue
            try:
                text, _meta = html_to_text(content) if "<" in content else (content, {})
            except InputError as exc:
                yield Failure(entry_id, str(exc))
                continue
            text = normalise_text(text)
            article = Article(id=default_id(text), text=text, source=url, retrieved_at=now_iso())
        article.title = entry.get("title") or article.title
        article.author = entry.get("author") or article.author
        article.published = _entry_published(entry) or article.published
        article.outlet = outlet or article.outlet
        yield article
