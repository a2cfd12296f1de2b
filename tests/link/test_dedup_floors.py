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
