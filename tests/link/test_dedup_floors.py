"""The de-duplication gate: bench/data/dedup-dev.jsonl must stay at or above its pinned floors (issue 21).

The set lives in the repository (real incidents' reports, retellings and
near-misses; see bench/data/README.md), so this test needs no shared data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sucesos.eval.floors import check_floors, load_floors
from sucesos.eval.score_dedup import evaluate_dedup

ROOT = Path(__file__).resolve().parents[2]
SETS = {name: s for name, s in load_floors(ROOT / "sucesos" / "eval" / "floors.json").items() if s.task == "dedup"}


def test_the_dedup_set_pins_floors_for_plain_and_retold_runs():
    assert SETS, "no dedup set in floors.json"
    for eval_set in SETS.values():
        assert (ROOT / eval_set.gold).is_file(), f"{eval_set.name}: {eval_set.gold} is missing"
        for variant in ("full", "retell"):
            assert eval_set.limits[variant].get("min"), f"{eval_set.name}: no '{variant}' floors"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("retell", [False, True], ids=["plain", "retold"])
def test_dedup_set_meets_its_floors(name, retell, resources):
    eval_set = SETS[name]
    report = evaluate_dedup(ROOT / eval_set.gold, retell=retell, resources=resources)
    failures = check_floors(report["figures"], eval_set.limits["retell" if retell else "full"])
    assert not failures, f"{name} ({'retold' if retell else 'plain'}):\n" + "\n".join(failures)


def test_the_grown_set_starts_with_the_dev_set_unchanged():
    """dedup-grown.jsonl = dedup-dev.jsonl, line for line, then more real incidents (bench/data/README.md)."""
    import json

    dev = (ROOT / "bench" / "data" / "dedup-dev.jsonl").read_text(encoding="utf-8").splitlines()
    grown = (ROOT / "bench" / "data" / "dedup-grown.jsonl").read_text(encoding="utf-8").splitlines()
    assert grown[: len(dev)] == dev, "the first lines of dedup-grown.jsonl must be dedup-dev.jsonl as it is"
    added = [json.loads(line) for line in grown[len(dev) :]]
    assert len(added) >= 40 and len({r["group"] for r in added}) >= 7
    assert {r["lang"] for r in added} == {"en", "es"}
    assert all(r.get("url") and r.get("published") and r.get("outlet") and r["kind"].startswith("real") for r in added)
    dev_groups = {json.loads(line)["group"] for line in dev}
    assert not dev_groups & {r["group"] for r in added}, "new incidents get new group ids"
