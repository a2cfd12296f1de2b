"""Main text and metadata from raw HTML (trafilatura)."""

from __future__ import annotations

import logging
import re

from sucesos.errors import Errors, InputError

# trafilatura logs every page it cannot parse at WARNING; we report those
# ourselves, with the input's id, so its own messages are only noise.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

MIN_BODY_WORDS = 5
# Parsing costs ~0.1 ms per element (2 MB of unclosed <p> took a minute);
# a news page has a few thousand, so past this it is not a page to read.
MAX_HTML_ELEMENTS = 50_000
_NOT_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[A-Za-z!/]")


def element_count(html: str) -> int:
    """Tags outside scripts, styles and comments (an upper bound on elements)."""
    return len(_TAG.findall(_NOT_MARKUP.sub("", html)))


def html_to_text(html: str | bytes) -> tuple[str, dict]:
    """(main text, metadata) of an HTML page; InputError when it has no body.

    Metadata keys: title, author, outlet (site name), published (ISO date).
    """
    import trafilatura

    markup = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    count = element_count(markup)
    if count > MAX_HTML_ELEMENTS:
        raise InputError(Errors.E022.format(count=count, limit=MAX_HTML_ELEMENTS))
    try:
        text = trafilatura.extract(
            html,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            include_images=False,
            with_metadata=False,
        )
    except Exception as exc:  # noqa: BLE001 - lxml raises many kinds on broken markup
        raise InputError(f"{Errors.E008} ({type(exc).__name__})") from exc
    # Boilerplate-only pages (a menu, a cookie notice) leave a few words
    # behind; that is not an article body worth extracting events from.
    if not text or len(text.split()) < MIN_BODY_WORDS:
        raise InputError(Errors.E008)
    metadata: dict = {}
    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is optional; the text is what matters
        meta = None
    if meta is not None:
        metadata = {
            "title": meta.title or None,
            "author": meta.author or None,
            "outlet": meta.sitename or None,
            "published": meta.date or None,
        }
    return text, metadata
