"""The real-report sets in bench/data stay usable: readable gold, receipts in the text, no report in two sets.

A training row that is also a held-out row would make the held-out figure an
in-sample one without anyone noticing; an evidence string that is not in its
text is a receipt that points nowhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sucesos.eval.gold import read_gold

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench" / "data"
REAL_REPORTS = ("real-reports-dev.jsonl", "real-reports-train.jsonl", "real-reports-heldout.jsonl")


def _records(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _url_key(url: str) -> str:
    return url.strip().rstrip("/").split("://", 1)[-1].removeprefix("www.").lower()


@pytest.mark.parametrize("name", ["real-reports-dev.jsonl", "real-reports-train.jsonl"])
def test_every_record_reads_as_gold_with_its_evidence_in_its_text(name):
    records = _records(name)
    items = list(read_gold(DATA / name, "events"))
    assert len(items) == len(records)
    for record in records:
        gold = record["gold"]
        if gold["has_event"]:
            assert gold["sub_event_type"], f"{record['id']}: an event with no sub-type cannot train the model"
            assert gold["evidence"] and gold["evidence"] in record["text"], f"{record['id']}: evidence is not a span of the text"
        assert record["text"].startswith(record["title"]), f"{record['id']}: the text starts with its headline"


def test_no_url_is_in_two_sets():
    seen: dict[str, str] = {}
    for path in sorted(DATA.glob("*.jsonl")):
        if path.name == "cegeomex-dev-countries.jsonl":
            continue
        for record in _records(path.name):
            if not record.get("url"):
                continue
            key = _url_key(record["url"])
            other = seen.setdefault(key, path.name)
            # a dedup set may repeat a URL within itself (one report, two events) but never across sets
            assert other == path.name or not (other in REAL_REPORTS or path.name in REAL_REPORTS), f"{record['url']} is in {other} and {path.name}"


def test_training_set_has_the_kinds_it_is_for():
    labels = [record["gold"]["sub_event_type"] or "(no event)" for record in _records("real-reports-train.jsonl")]
    languages = {record["lang"] for record in _records("real-reports-train.jsonl")}
    assert len(labels) >= 60 and languages == {"es", "en"}
    for kind in ("Attack", "Armed clash", "Peaceful protest", "Abduction/forced disappearance", "Looting/property destruction", "(no event)"):
        assert kind in labels, f"no {kind} report in real-reports-train"
