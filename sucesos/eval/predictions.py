"""Predictions: from a `sucesos extract`-shaped JSONL file, or by running the pipeline.

Either way the scorers get one dict per gold item, keyed by id, in the
CONTRACT shape (`{"id", "events": [...], "places": [...], "claims": [...],
"error"}`), so a file written by another system can be scored the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from sucesos.eval.gold import GoldError, GoldItem, Problems, json_object_lines

# The extraction value each task scores.
TASK_VALUE = {"events": "events", "places": "places", "claims": "claims"}


def read_predictions(path: Path, task: str, gold: list[GoldItem], *, all_gold_ids: set[str] | None = None) -> dict[str, dict]:
    """Prediction dicts by id for the gold items; every gold id must have one.

    `all_gold_ids`: ids of the whole gold file, so a prediction file made for
    the whole file can be scored against its first `--limit` records.
    """
    path = Path(path)
    problems = Problems(path)
    if not path.is_file():
        raise GoldError([f"{path}: prediction file not found (write one with `sucesos extract GOLD --out PRED`)"])
    wanted = {item.id for item in gold}
    known = all_gold_ids or wanted
    value = TASK_VALUE[task]
    found: dict[str, dict] = {}
    lines: dict[str, int] = {}
    for number, record in json_object_lines(path, problems, "in the `sucesos extract` output shape"):
        record_id = record.get("id")
        if isinstance(record_id, int) and not isinstance(record_id, bool):
            record_id = str(record_id)
        if not isinstance(record_id, str):
            problems.add(number, "id", "missing: each prediction line needs the id of its gold record")
            continue
        if record_id not in known:
            problems.add(number, "id", f"{record_id!r} is not an id in the gold file; were both made from the same input?")
            continue
        if record_id in lines:
            problems.add(number, "id", f"{record_id!r} repeats line {lines[record_id]}")
            continue
        lines[record_id] = number
        items = record.get(value)
        if items is None and record.get("error"):
            items = []
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            problems.add(number, value, "missing or not a list of objects")
            continue
        if record_id in wanted:
            found[record_id] = record
    missing = [item.id for item in gold if item.id not in found and item.id not in lines]
    if missing and not problems.items:
        shown = ", ".join(repr(m) for m in missing[:5])
        problems.add(
            None, None, f"no prediction for {len(missing)} gold record(s) (first: {shown}); every gold id needs a line"
        )
    problems.raise_if_any()
    return found


def components_for(targets: Iterable[str], order: Iterable[str] | None = None) -> list[str]:
    """The default components needed to compute `targets`, in pipeline order.

    Scoring places does not need events; skipping them makes evaluation
    faster without changing the places it scores (components are pure).
    """
    from sucesos.pipeline import DEFAULT_COMPONENTS, REGISTRY, _load_stage_modules

    _load_stage_modules()
    names = list(order or DEFAULT_COMPONENTS)
    needed = set(targets)
    chosen: list[str] = []
    for name in reversed(names):
        comp = REGISTRY[name]
        if needed & set(comp.assigns):
            chosen.append(name)
            needed |= set(comp.requires)
    return list(reversed(chosen))


def run_pipeline(
    gold: list[GoldItem],
    task: str,
    *,
    resources=None,
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, dict]:
    """Run the pipeline on the gold articles; prediction dicts by id."""
    from sucesos.pipeline import Pipeline, Resources

    pipeline = Pipeline(resources or Resources(), components=components_for([TASK_VALUE[task]]))
    found: dict[str, dict] = {}
    for item, extraction in zip(gold, pipeline.extract_many(item.article for item in gold)):
        found[item.id] = extraction.to_dict()
        if on_progress is not None:
            on_progress(1)
    return found
