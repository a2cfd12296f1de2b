"""The evaluation gate: quick subsets of the dev sets must stay at or above their pinned floors.

Each set in sucesos/eval/floors.json is evaluated on its first `quick_limit`
records (deterministic: file order, no sampling) and every figure is checked
against the `quick` floors. The whole files are checked by bench/eval_all.sh.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sucesos.eval.evaluate import evaluate
from sucesos.eval.floors import check_floors, load_floors

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
FLOORS = ROOT / "sucesos" / "eval" / "floors.json"
SETS = load_floors(FLOORS)


def test_floor_check_reports_figures_below_floors_and_above_ceilings():
    limits = {"min": {"accuracy_161km": 0.5, "toponym_f1": 0.2}, "max": {"median_error_km": 100.0}}
    assert check_floors({"accuracy_161km": 0.5, "toponym_f1": 0.3, "median_error_km": 99.0}, limits) == []
    assert check_floors({"accuracy_161km": 0.49, "toponym_f1": None, "median_error_km": 120.0}, limits) == [
        "accuracy_161km = 0.4900 is below its floor 0.5",
        "toponym_f1 = none (not measured) is below its floor 0.2",
        "median_error_km = 120.0000 is above its ceiling 100.0",
    ]


def test_every_set_pins_floors_for_quick_and_full_runs():
    for eval_set in SETS.values():
        for variant in ("quick", "full"):
            assert eval_set.limits[variant].get("min"), f"{eval_set.name}: no '{variant}' floors pinned"


@pytest.mark.slow
@pytest.mark.skipif(not DATA.is_dir(), reason=f"shared dev data not found at {DATA} (it lives outside the repository)")
@pytest.mark.parametrize("name", sorted(SETS))
def test_quick_subset_meets_its_floors(name, resources):
    eval_set = SETS[name]
    if eval_set.task == "dedup":
        pytest.skip("a dedup set lives in the repository: tests/link/test_dedup_floors.py checks it")
    # a set kept in the repository (bench/data/...) lies under ROOT, the others under the shared data folder
    gold = ROOT / eval_set.gold if eval_set.gold.startswith("bench/") else DATA / eval_set.gold
    countries = ROOT / eval_set.countries if eval_set.countries else None  # a country coding kept in the repository
    report, _ = evaluate(eval_set.task, gold, limit=eval_set.quick_limit, mode=eval_set.mode, resources=resources,
                         countries_path=countries)
    assert report["records"] == eval_set.quick_limit
    failures = check_floors(report["figures"], eval_set.limits["quick"])
    assert not failures, f"{name} (first {eval_set.quick_limit} records of {gold}):\n" + "\n".join(failures)
