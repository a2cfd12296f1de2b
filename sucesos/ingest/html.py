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
# Markup outside scripts, styles and comments: 1.7 s a MB to parse; the
# biggest news pages carry well under 2 MB of it.
MAX_HTML_CHARS = 3_000_000
# Open containers never closed, nested: a page deeper than this is no page
# (lxml stops at 256 levels anyway; past it, the body is lost, not read).
MAX_HTML_DEPTH = 1_000
# Elements HTML closes by itself (void ones, and those the next sibling closes):
# left open, they nest nothing.
_SELF_CLOSING = frozenset(
    "area base br col embed hr img input link meta source track wbr p li dt dd tr td th option optgroup thead tbody tfoot colgroup rt rp".split()
)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>")  # [^<>]: each try stops at the next '<' (linear)
_NOT_MARKUP_START = re.compile(r"<(script|style)\b|<!--", re.IGNORECASE)
_NOT_MARKUP_END = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
    None: re.compile(r"-->"),
}
_TAG = re.compile(r"<[A-Za-z!/]")


def strip_not_markup(html: str) -> str:
    """`html` without scripts, styles and comments, in one pass (linear: an
    unclosed `<script>` swallows the rest, as in a browser; a regex with a
    lazy `.*?` took two minutes on 20,000 unclosed ones)."""
    kept, pos = [], 0
    while True:
        start = _NOT_MARKUP_START.search(html, pos)
        if start is None:
            kept.append(html[pos:])
            break
        kept.append(html[pos : start.start()])
        tag = start.group(1)
        end = _NOT_MARKUP_END[tag.lower() if tag else None].search(html, start.end())
        if end is None:
            break
        pos = end.end()
    return "".join(kept)


def element_count(html: str) -> int:
    """Tags outside scripts, styles and comments (an upper bound on elements)."""
    return len(_TAG.findall(strip_not_markup(html)))


def nesting_depth(markup: str) -> int:
    """How deep containers nest, counting unclosed ones (an upper bound; `markup` without scripts)."""
    depth = deepest = 0
    for match in _TAG_NAME.finditer(markup):
        closing, name, rest = match.groups()
        if rest.endswith("/") or name.lower() in _SELF_CLOSING:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def check_html_bounds(html: str) -> None:
    """InputError naming the limit when a page would cost too much to parse."""
    markup = strip_not_markup(html)
    if len(markup) > MAX_HTML_CHARS:
        raise InputError(Errors.E050.format(size=len(markup), limit=MAX_HTML_CHARS))
    count = len(_TAG.findall(markup))
    if count > MAX_HTML_ELEMENTS:
        raise InputError(Errors.E022.format(count=count, limit=MAX_HTML_ELEMENTS))
    depth = nesting_depth(markup)
    if depth > MAX_HTML_DEPTH:
        raise InputError(Errors.E051.format(depth=depth, limit=MAX_HTML_DEPTH))


def html_to_text(html: str | bytes) -> tuple[str, dict]:
    """(main text, metadata) of an HTML page; InputError when it has no body.

    Metadata keys: title, author, outlet (site name), published (ISO date).
    """
    import trafilatura

    markup = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    check_html_bounds(markup)
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
