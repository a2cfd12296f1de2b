"""An archive cut into partitions, and the articles of one partition.

A partition is the unit a worker reads, the unit of retry and the unit that
is committed once: one JSONL or Parquet file, or a run of consecutive loose
files (.txt/.md/.html). Partitions are listed on the driver, in the order a
serial run reads the same inputs, so outputs can be put back in that order.

Local paths are read with the very code a serial run uses
(`sucesos.ingest.sources.read_sources`), so a distributed run's articles are
the serial run's articles. Any other `protocol://` path (s3://, gs://,
abfs://, file://, ...) is read through fsspec; http(s) URLs stay pages or
feeds, fetched on the worker by `sucesos ingest` as in a serial run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sucesos.errors import Errors
from sucesos.ingest.sources import (
    DEFAULT_MAX_BYTES,
    JSONL_SUFFIXES,
    SUPPORTED_SUFFIXES,
    Failure,
    read_sources,
    url_records,
)
from sucesos.model import Article

log = logging.getLogger(__name__)

PARQUET_SUFFIXES = {".parquet", ".pq"}
ARCHIVE_SUFFIXES = JSONL_SUFFIXES | PARQUET_SUFFIXES
LOCAL_SUFFIXES = SUPPORTED_SUFFIXES | PARQUET_SUFFIXES
DEFAULT_FILES_PER_PARTITION = 200
PARQUET_BATCH_ROWS = 1024

# How a partition is read.
SOURCES = "sources"  # local files or http(s) URLs: read_sources, as a serial run
PARQUET = "parquet"  # a Parquet file, local or fsspec
REMOTE_JSONL = "remote-jsonl"  # a JSONL file behind fsspec
FAILED = "failed"  # an input that cannot be read at all: one failure line


@dataclass(frozen=True)
class Partition:
    index: int  # position in input order
    name: str  # unique within a run: the first path of the partition
    paths: tuple[str, ...]
    kind: str
    fingerprint: str  # size and modification time (or ETag) of its files: an edited file is read again
    reason: str | None = None  # why a FAILED partition failed

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{self.name}\0{self.fingerprint}".encode()).hexdigest()[:16]


def is_http(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def is_fsspec(source: str) -> bool:
    return "://" in source and not is_http(source)


def _local_fingerprint(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _fsspec_fingerprint(info: dict) -> str:
    stamp = next((info[key] for key in ("ETag", "etag", "md5Hash", "crc32c", "mtime", "LastModified", "last_modified", "updated", "created") if info.get(key)), "")
    return f"{info.get('size')}:{stamp}"


def _group_fingerprint(parts: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def find_partitions(inputs: Iterable[str], *, files_per_partition: int = DEFAULT_FILES_PER_PARTITION) -> list[Partition]:
    """The partitions of `inputs` (files, folders, fsspec paths), in serial reading order."""
    if files_per_partition < 1:
        raise ValueError("files_per_partition must be at least 1")
    specs: list[tuple[str, tuple[str, ...], str, str | None]] = []  # (kind, paths, fingerprint, reason)
    loose: list[tuple[str, str]] = []  # (path, fingerprint) of consecutive loose local files

    def flush_loose() -> None:
        for start in range(0, len(loose), files_per_partition):
            group = loose[start : start + files_per_partition]
            specs.append((SOURCES, tuple(p for p, _ in group), _group_fingerprint(f"{p}={f}" for p, f in group), None))
        loose.clear()

    for source in inputs:
        if is_http(source):
            loose.append((source, "url"))
            continue
        if is_fsspec(source):
            flush_loose()
            specs.extend(_fsspec_specs(source))
            continue
        path = Path(source)
        if path.is_dir():
            # The same walk as a serial run (sucesos.ingest.sources._expand), plus Parquet.
            files = sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for file in files:
                suffix = file.suffix.lower()
                if suffix in ARCHIVE_SUFFIXES:
                    flush_loose()
                    kind = PARQUET if suffix in PARQUET_SUFFIXES else SOURCES
                    specs.append((kind, (str(file),), _local_fingerprint(file), None))
                elif suffix in LOCAL_SUFFIXES:
                    loose.append((str(file), _local_fingerprint(file)))
                else:
                    log.debug("skipping %s: not .txt/.md/.html/.jsonl/.parquet", file)
            continue
        suffix = path.suffix.lower()
        if path.exists() and suffix in ARCHIVE_SUFFIXES:
            flush_loose()
            kind = PARQUET if suffix in PARQUET_SUFFIXES else SOURCES
            specs.append((kind, (source,), _local_fingerprint(path), None))
        else:
            # A missing or odd file: read_sources reports it exactly as a serial run does.
            loose.append((source, _local_fingerprint(path)))
    flush_loose()
    partitions = []
    for index, (kind, paths, fingerprint, reason) in enumerate(specs):
        name = paths[0] if len(paths) == 1 else f"{paths[0]} (+{len(paths) - 1} files)"
        partitions.append(Partition(index, name, paths, kind, fingerprint, reason))
    names = [p.name for p in partitions]
    if len(set(names)) != len(names):
        raise ValueError("an input is named twice; give each file or folder once")
    return partitions


def _fsspec_specs(url: str) -> list[tuple[str, tuple[str, ...], str, str | None]]:
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        return [(FAILED, (url,), "failed", f"cannot open {url}: {exc} (install the fsspec driver for this protocol)")]
    try:
        if not fs.exists(root):
            return [(FAILED, (url,), "missing", Errors.E001.format(path=url))]
        if fs.isdir(root):
            found = fs.find(root, detail=True)
            items = sorted(found.items())
        else:
            items = [(root, fs.info(root))]
    except OSError as exc:
        return [(FAILED, (url,), "failed", f"cannot list {url}: {exc}")]
    specs = []
    for path, info in items:
        relative = path[len(root) :].lstrip("/") if path.startswith(root) else path
        if any(part.startswith(".") for part in relative.split("/") if part):
            continue
        suffix = os.path.splitext(path)[1].lower()
        full = fs.unstrip_protocol(path)
        if suffix in PARQUET_SUFFIXES:
            specs.append((PARQUET, (full,), _fsspec_fingerprint(info), None))
        elif suffix in JSONL_SUFFIXES:
            specs.append((REMOTE_JSONL, (full,), _fsspec_fingerprint(info), None))
        elif len(items) == 1:
            specs.append((FAILED, (full,), "failed", f"{full}: only JSONL and Parquet files are read from fsspec paths"))
        else:
            log.debug("skipping %s: not .jsonl/.parquet", full)
    return specs


# -- reading a partition -------------------------------------------------------
class _FsspecPath:
    """Just enough of `Path` for the serial JSONL reader: `open()` and `str()`."""

    def __init__(self, url: str):
        self.url = url

    def open(self, mode: str = "rb"):
        import fsspec

        return fsspec.open(self.url, mode).open()

    def __str__(self) -> str:
        return self.url


def read_partition(
    partition: Partition,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_url: Callable[[str], Iterable[Article | Failure]] | None = None,
) -> Iterator[Article | Failure]:
    """Articles and failures of one partition, in file order (as a serial run)."""
    if partition.kind == SOURCES:
        yield from read_sources(partition.paths, max_bytes=max_bytes, fetch_url=fetch_url)
    elif partition.kind == FAILED:
        yield Failure(partition.name, partition.reason or "cannot read")
    elif partition.kind == REMOTE_JSONL:
        from sucesos.ingest.html import html_to_text
        from sucesos.ingest.sources import articles_from_jsonl

        for path in partition.paths:
            yield from url_records(articles_from_jsonl(_FsspecPath(path), max_bytes=max_bytes, html_to_text=html_to_text), fetch_url)
    elif partition.kind == PARQUET:
        for path in partition.paths:
            yield from url_records(_articles_from_parquet(path, max_bytes=max_bytes), fetch_url)
    else:
        raise ValueError(f"unknown partition kind {partition.kind!r}")


def _record_value(value):
    # Parquet has real date types; records (CONTRACT.md) carry ISO strings.
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _articles_from_parquet(path: str, *, max_bytes: int) -> Iterator[Article | Failure]:
    """Rows of a Parquet file as article records (columns named as CONTRACT.md's record fields)."""
    import fsspec
    import pyarrow.parquet as pq

    from sucesos.errors import InputError
    from sucesos.ingest.records import article_from_record

    try:
        handle = fsspec.open(path, "rb").open() if is_fsspec(path) else open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield Failure(path, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        try:
            batches = pq.ParquetFile(handle).iter_batches(batch_size=PARQUET_BATCH_ROWS)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a bad file
            yield Failure(path, f"not a readable Parquet file: {exc}")
            return
        number = 0
        for batch in batches:
            for row in batch.to_pylist():
                number += 1
                input_id = f"{path}:{number}"
                record = {key: _record_value(value) for key, value in row.items() if value is not None}
                size = sum(len(v) for v in record.values() if isinstance(v, str))
                if size > max_bytes:
                    yield Failure(input_id, f"row {number}: " + Errors.E002.format(size=size, limit=max_bytes))
                    continue
                if record.get("id") is not None:
                    input_id = f"{input_id} (id {record['id']})"
                try:
                    yield article_from_record(record, line=number, source=f"{path}:{number}")
                except InputError as exc:
                    yield Failure(input_id, str(exc))
