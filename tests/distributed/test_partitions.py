"""Partitions of an archive: serial reading order, Parquet and fsspec paths read as JSONL is."""

from __future__ import annotations

import json
import os

import pytest

from sucesos.distributed.partitions import PARQUET, REMOTE_JSONL, SOURCES, find_partitions, read_partition
from sucesos.ingest.sources import Failure, read_sources


def articles_of(partitions):
    items = []
    for partition in partitions:
        items.extend(read_partition(partition))
    return items


def key(item):
    if isinstance(item, Failure):
        return ("failure", item.reason)
    return (item.id, item.text, item.title, item.published, item.lang)


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "news"
    (folder / "2024").mkdir(parents=True)
    (folder / "a.txt").write_text("Titular uno\n\nHombres armados atacaron una patrulla en Uruapan.", encoding="utf-8")
    (folder / "b.txt").write_text("Titular dos\n\nUn grupo armado quemó vehículos en Culiacán.", encoding="utf-8")
    (folder / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": "Gunmen killed two officers in Tijuana."}) + "\n{broken\n", encoding="utf-8"
    )
    (folder / "d.md").write_text("A roadside bomb hit a convoy in Cauca.", encoding="utf-8")
    (folder / "2024" / "e.jsonl").write_text(json.dumps({"id": "e1", "text": "Protesters marched in Bogota."}) + "\n", encoding="utf-8")
    (folder / ".hidden.jsonl").write_text(json.dumps({"id": "h", "text": "never read"}) + "\n", encoding="utf-8")
    (folder / "notes.csv").write_text("skipped", encoding="utf-8")
    return folder


def test_partitions_read_the_articles_a_serial_run_reads_in_the_same_order(mixed_folder, tmp_path):
    missing = str(tmp_path / "missing.jsonl")
    partitions = find_partitions([str(mixed_folder), missing], files_per_partition=1)
    assert [p.kind for p in partitions] == [SOURCES] * 6
    assert [os.path.basename(p.paths[0]) for p in partitions] == ["e.jsonl", "a.txt", "b.txt", "c.jsonl", "d.md", "missing.jsonl"]
    serial = list(read_sources([str(mixed_folder), missing]))
    distributed = articles_of(partitions)
    assert [key(i) for i in distributed] == [key(i) for i in serial]
    assert [getattr(i, "source", None) for i in distributed] == [getattr(i, "source", None) for i in serial]
    assert sum(isinstance(i, Failure) for i in distributed) == 2  # the broken line, the missing file


def test_loose_files_are_grouped_and_archive_files_stand_alone(mixed_folder):
    partitions = find_partitions([str(mixed_folder)], files_per_partition=200)
    assert [len(p.paths) for p in partitions] == [1, 2, 1, 1]  # e.jsonl, (a.txt, b.txt), c.jsonl, d.md
    assert partitions[1].name.endswith("a.txt (+1 files)")
    assert len({p.name for p in partitions}) == len(partitions)


def test_an_edited_file_gets_a_new_fingerprint(mixed_folder):
    before = {p.name: p.fingerprint for p in find_partitions([str(mixed_folder)])}
    path = mixed_folder / "c.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + json.dumps({"id": "c2", "text": "More."}) + "\n", encoding="utf-8")
    after = {p.name: p.fingerprint for p in find_partitions([str(mixed_folder)])}
    assert before[str(path)] != after[str(path)]
    assert {n: f for n, f in before.items() if n != str(path)} == {n: f for n, f in after.items() if n != str(path)}


def test_fsspec_url_reads_jsonl_as_the_local_path_does(mixed_folder):
    local = [key(i) for i in read_sources([str(mixed_folder / "c.jsonl"), str(mixed_folder / "2024")])]
    partitions = find_partitions([f"file://{mixed_folder / 'c.jsonl'}", f"file://{mixed_folder / '2024'}"])
    assert [p.kind for p in partitions] == [REMOTE_JSONL, REMOTE_JSONL]
    assert [key(i) for i in articles_of(partitions)] == local


def test_parquet_rows_are_article_records(tmp_path):
    pyarrow = pytest.importorskip("pyarrow")
    import datetime as dt

    import pyarrow.parquet as pq

    rows = [
        {"id": 7, "text": "Gunmen killed two officers in Tijuana.", "published": dt.date(2026, 3, 1), "lang": "en"},
        {"id": 8, "text": None, "published": None, "lang": "es"},  # neither text, html nor url: refused
    ]
    path = tmp_path / "rows.parquet"
    pq.write_table(pyarrow.Table.from_pylist(rows), path)
    (partition,) = find_partitions([str(tmp_path)])
    assert partition.kind == PARQUET
    first, second = read_partition(partition)
    assert (first.id, first.published, first.lang, first.source) == ("7", "2026-03-01", "en", f"{path}:1")
    assert isinstance(second, Failure) and second.input_id == f"{path}:2 (id 8)"
