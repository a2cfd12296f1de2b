"""Turn command-line sources (files, folders, JSONL, URLs, feeds) into articles.

`read_sources` yields, in input order, either an `Article` or a `Failure`
(the input's id and a reason): one bad input never stops the others. Only
when a `fetcher` is given are URLs fetched (`ingest` does, `extract` never).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sucesos.errors import Errors, InputError
from sucesos.ingest.records import article_from_record, default_id
from sucesos.model import Article, normalise_text

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# Signatures of common binary formats, for a clearer message than "not UTF-8".
MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
    b"SQLite format 3": "SQLite database",
}


@dataclass(frozen=True)
class Failure:
    input_id: str
    reason: str


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://")) or "://" in source[:12]


def decode_bytes(raw: bytes) -> tuple[str, list[str]]:
    """Text of a file's bytes and warnings. Raises InputError for binary data."""
    for signature, what in MAGIC.items():
        if raw.startswith(signature):
            raise InputError(Errors.E003.format(what=what))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), ["decoded as UTF-16 (byte-order mark)"]
    if b"\x00" in raw[:8192]:
        raise InputError(Errors.E003.format(what="NUL bytes"))
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        return text, [Errors.E009.format(count=text.count("\ufffd"))]


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(Errors.E002.format(size=size, limit=max_bytes))
    return path.read_bytes()


def _expand(source: str) -> Iterator[str | Path | Failure]:
    if is_url(source):
        yield source
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
        for file in files:
            if file.suffix.lower() in SUPPORTED_SUFFIXES:
                yield file
            else:
                log.debug("skipping %s: not .txt/.md/.html/.jsonl", file)
        return
    if not path.exists():
        yield Failure(source, Errors.E001.format(path=source))
        return
    yield path


def articles_from_jsonl(path: Path, *, max_bytes: int, html_to_text: Callable) -> Iterator[Article | Failure]:
    """Stream a JSONL file: the size limit applies per record, so archives of any size work."""
    import json

    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            input_id = f"{path}:{number}"
            if len(raw) > max_bytes:
                yield Failure(input_id, f"line {number}: " + Errors.E002.format(size=len(raw), limit=max_bytes))
                continue
            if not raw.strip():
                continue
            try:
                line, warnings = decode_bytes(raw)
            except InputError as exc:
                yield Failure(input_id, f"line {number}: {exc}")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Failure(input_id, Errors.E005.format(line=number, detail=exc.msg))
                continue
            except RecursionError:
                yield Failure(input_id, Errors.E005.format(line=number, detail="nested too deeply"))
                continue
            except ValueError as exc:  # not a JSONDecodeError: a 5,000-digit number past Python's int limit
                yield Failure(input_id, Errors.E005.format(line=number, detail=str(exc).split(";")[0]))
                continue
            if not isinstance(record, dict):
                yield Failure(input_id, Errors.E005.format(line=number, detail="a line must be a JSON object"))
                continue
            if record.get("id") is not None:
                input_id = f"{input_id} (id {record['id']})"
            try:
                article = article_from_record(record, line=number, source=f"{path}:{number}", html_to_text=html_to_text)
            except InputError as exc:
                yield Failure(input_id, str(exc))
                continue
            except Exception as exc:  # noqa: BLE001 - one unreadable record never ends the stream
                yield Failure(input_id, f"line {number}: cannot read the record ({type(exc).__name__}: {exc})")
                continue
            article.warnings.extend(warnings)
            yield article


def _articles_from_file(path: Path, *, max_bytes: int, html_to_text: Callable) -> Iterator[Article | Failure]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from articles_from_jsonl(path, max_bytes=max_bytes, html_to_text=html_to_text)
        return
    try:
        raw = _read_bounded(path, max_bytes)
        text, warnings = decode_bytes(raw)
    except InputError as exc:
        yield Failure(str(path), str(exc))
        return
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    metadata: dict = {}
    html = None
    if suffix in HTML_SUFFIXES:
        html = text
        try:
            text, metadata = html_to_text(text)
        except InputError as exc:
            yield Failure(str(path), str(exc))
            return
    text = normalise_text(text)
    title = metadata.get("title")
    if suffix in TEXT_SUFFIXES and not title:
        # Plain-text reports conventionally start with their headline.
        first_line = text.strip().split("\n", 1)[0].strip()
        title = first_line[:300] if 0 < len(first_line) < 300 else None
    yield Article(
        id=default_id(text) if text.strip() else default_id(str(path)),
        text=text,
        title=title,
        author=metadata.get("author"),
        outlet=metadata.get("outlet"),
        published=metadata.get("published"),
        html=html,
        source=str(path),
        warnings=warnings,
    )


def url_records(items: Iterable[Article | Failure], fetch_url) -> Iterator[Article | Failure]:
    """Records that carry only a URL: fetched through `fetch_url` (ingest), reported without it (extract).

    A fetched page keeps the record's id and metadata where the record gave them.
    """
    for item in items:
        if not (isinstance(item, Article) and not item.text.strip() and item.url):
            yield item
        elif fetch_url is None:
            yield Failure(item.source or item.id, f"record has only a url ({item.url}); URLs are fetched only by `sucesos ingest`")
        else:
            for fetched in fetch_url(item.url):
                if isinstance(fetched, Article):
                    fetched.id = item.id if item.id != default_id(item.url) else fetched.id
                    fetched.title = item.title or fetched.title
                    fetched.outlet = item.outlet or fetched.outlet
                    fetched.author = item.author or fetched.author
                    fetched.published = item.published or fetched.published
                    fetched.lang = item.lang or fetched.lang
                yield fetched


def count_records(sources: Iterable[str]) -> int | None:
    """How many items `read_sources` will yield (a progress bar's total), or None
    when some source is a URL, whose feed size is known only once fetched.
    Counting reads JSONL files once more, line by line: cheap beside extraction."""
    total = 0
    for source in sources:
        for item in _expand(source):
            if isinstance(item, str):
                return None
            if isinstance(item, Path) and item.suffix.lower() == ".jsonl":
                try:
                    with item.open("rb") as handle:
                        total += sum(1 for raw in handle if raw.strip())
                except OSError:
                    total += 1  # reported once as a failure
            else:
                total += 1
    return total


def read_sources(
    sources: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_url: Callable[[str], Iterable[Article | Failure]] | None = None,
    html_to_text: Callable | None = None,
) -> Iterator[Article | Failure]:
    """Articles and failures from files, folders, JSONL and (with `fetch_url`) URLs.

    JSONL records that carry only a `url` are fetched through `fetch_url` too;
    without it they are reported (extract never touches the network).
    """
    if html_to_text is None:
        from sucesos.ingest.html import html_to_text
    for source in sources:
        for item in _guarded(_expand(source), source):
            if isinstance(item, Failure):
                yield item
            elif isinstance(item, str):
                if fetch_url is None:
                    yield Failure(item, "URLs are fetched only by `sucesos ingest`")
                else:
                    yield from _guarded(fetch_url(item), item)
            else:
                yield from _guarded(url_records(_articles_from_file(item, max_bytes=max_bytes, html_to_text=html_to_text), fetch_url), str(item))


def _guarded(items: Iterable, input_id: str) -> Iterator:
    """`items`, and a Failure for `input_id` in place of any exception that ends them
    (an unreadable folder, a file name the system refuses): the other sources go on."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one bad source never ends the run
        log.debug("reading %s failed", input_id, exc_info=True)
        yield Failure(input_id, f"cannot read: {type(exc).__name__}: {exc}")
