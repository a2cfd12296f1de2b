"""Pinned floors: the figures an evaluation must not drop below.

`floors.json` (next to this module) names each dev set, where it lies under
the shared data folder, how to run it, and two sets of limits: `quick` (the
first `quick_limit` records, what the test suite runs) and `full` (the
whole file, `bench/eval_all.sh`). A places set in detect mode may name a
`countries` file (in the repository: `bench/data/...`), the country coding of
its gold spans that `--countries` scores. Each holds `min` (figures that must stay
at or above) and `max` (figures, such as median error, that must stay at or
below). Raising a floor is part of any improvement; lowering one is a
visible, deliberate change to that file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources as package_files
from pathlib import Path

from sucesos.errors import ConfigError

FLOORS_FILE = "floors.json"


@dataclass(frozen=True)
class EvalSet:
    name: str
    task: str
    gold: str  # path relative to the shared data folder
    mode: str
    quick_limit: int
    limits: dict  # {"quick": {"min": {...}, "max": {...}}, "full": {...}}
    countries: str | None = None  # a country coding of gold's place spans, relative to the repository (detect mode)


def load_floors(path: Path | None = None) -> dict[str, EvalSet]:
    where = str(path) if path is not None else f"sucesos/eval/{FLOORS_FILE}"
    try:
        if path is None:
            raw = package_files.files("sucesos.eval").joinpath(FLOORS_FILE).read_text(encoding="utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read the floors file ({exc.strerror or exc}); reinstall sucesos") from exc
    try:
        data = json.loads(raw)
        return {
            name: EvalSet(
                name=name,
                task=entry["task"],
                gold=entry["gold"],
                mode=entry.get("mode", "spans"),
                quick_limit=int(entry["quick_limit"]),
                limits={variant: entry.get(variant, {}) for variant in ("quick", "full", "retell")},
                countries=entry.get("countries"),
            )
            for name, entry in data["sets"].items()
        }
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: not a valid floors file ({type(exc).__name__}: {exc})") from exc


def variant_for(eval_set: EvalSet, limit: int | None) -> str:
    """'full' for the whole file, 'quick' for its first `quick_limit` records."""
    if limit is None:
        return "full"
    if limit == eval_set.quick_limit:
        return "quick"
    raise ConfigError(
        f"floors for {eval_set.name} are pinned for the whole file and for --limit {eval_set.quick_limit}; "
        f"drop --limit or use --limit {eval_set.quick_limit}"
    )


def check_floors(figures: dict, limits: dict) -> list[str]:
    """Messages for every figure below its floor (or above its ceiling)."""
    failures = []
    for name, floor in sorted(limits.get("min", {}).items()):
        value = figures.get(name)
        if value is None or value < floor:
            failures.append(f"{name} = {_show(value)} is below its floor {floor}")
    for name, ceiling in sorted(limits.get("max", {}).items()):
        value = figures.get(name)
        if value is None or value > ceiling:
            failures.append(f"{name} = {_show(value)} is above its ceiling {ceiling}")
    return failures


def _show(value) -> str:
    return "none (not measured)" if value is None else f"{value:.4f}"
