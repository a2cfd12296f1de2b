"""Article records (CONTRACT.md "Article records"): validation into `Article`.

A record is untrusted input: every field is checked for its type, and a bad
record raises `InputError` naming its line and field, so the caller reports
it and goes on with the next one.
"""

from __future__ import annotations

import datetime as dt

from sucesos.errors import Errors, InputError
from sucesos.model import Article, content_hash, normalise_text, repair_surrogates
from sucesos.taxonomy import LANGUAGES

STRING_FIELDS = ("id", "text", "html", "url", "title", "outlet", "author", "published", "lang")


def default_id(text: str) -> str:
    """The id an article gets when its record has none: a hash of its text."""
    return content_hash(text)[:16]


def parse_published(value: str | None, *, line: int | None = None) -> str | None:
    """Check an ISO date/datetime and return it as given (None if absent)."""
    if value is None or value == "":
        return None
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
        else:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InputError(Errors.E017.format(line=line or 0, value=value)) from exc
    return value


def check_record(record: dict, *, line: int = 0) -> dict:
    """Validate field types of an article record; returns a cleaned copy
    (with `warnings` listing what was repaired rather than refused)."""
    cleaned: dict = {}
    repairs: list[str] = []
    for field in STRING_FIELDS:
        value = record.get(field)
        if value is None:
            continue
        if field == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise InputError(Errors.E007.format(line=line, field=field, kind="a string"))
        value, repaired = repair_surrogates(value)
        if repaired:
            repairs.append(f"line {line}: '{field}' held invalid UTF-16 (lone surrogates): replaced with U+FFFD")
        cleaned[field] = value
    if not any(cleaned.get(key) for key in ("text", "html", "url")):
        raise InputError(Errors.E006.format(line=line))
    lang = cleaned.get("lang")
    if lang is not None and lang not in LANGUAGES:
        raise InputError(Errors.E018.format(line=line, value=lang))
    cleaned["published"] = parse_published(cleaned.get("published"), line=line)
    spans = record.get("spans")
    if spans is not None:
        if not isinstance(spans, list) or not all(
            isinstance(s, dict) and isinstance(s.get("start"), int) and isinstance(s.get("end"), int) and 0 <= s["start"] <= s["end"]
            for s in spans
        ):
            raise InputError(f"line {line}: " + Errors.E019.format())
        cleaned["spans"] = [{"start": s["start"], "end": s["end"]} for s in spans]
    cleaned["warnings"] = repairs
    return cleaned


def article_from_record(record: dict, *, line: int = 0, source: str | None = None, html_to_text=None) -> Article:
    """An `Article` from a validated record. HTML is turned into text here;
    URLs are *not* fetched (only `ingest` fetches, through `sucesos.ingest.fetch`)."""
    cleaned = check_record(record, line=line)
    warnings: list[str] = list(cleaned["warnings"])
    text = cleaned.get("text")
    html = cleaned.get("html")
    metadata: dict = {}
    if not text and html:
        if html_to_text is None:
            from sucesos.ingest.html import html_to_text
        text, metadata = html_to_text(html)
    if not text:
        # A URL-only record: the caller fetches it (ingest) or reports it (extract).
        text = ""
    text = normalise_text(text)
    spans = cleaned.get("spans")
    if spans:
        # A span past the text is the annotation's fault, not the article's:
        # keep the article and the other spans, and say which one was dropped.
        outside = [s for s in spans if s["end"] > len(text)]
        for span in outside:
            warnings.append(f"span {span['start']}-{span['end']} is outside the text ({len(text)} characters): ignored")
        spans = [s for s in spans if s["end"] <= len(text)] if outside else spans
    return Article(
        id=cleaned.get("id") or (default_id(text) if text.strip() else default_id(cleaned.get("url", ""))),
        text=text,
        lang=cleaned.get("lang"),
        url=cleaned.get("url"),
        title=cleaned.get("title") or metadata.get("title"),
        outlet=cleaned.get("outlet") or metadata.get("outlet"),
        author=cleaned.get("author") or metadata.get("author"),
        published=cleaned.get("published") or metadata.get("published"),
        spans=spans,
        html=html,
        source=source,
        warnings=warnings,
    )
