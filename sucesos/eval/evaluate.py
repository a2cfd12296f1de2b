"""One evaluation: read gold, get predictions (file or pipeline), score, report.

The report is a plain dict (written as JSON by the CLI): `figures` holds the
headline numbers that floors pin, `counts` how many items each was measured
on, `definitions` how each was computed.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

from sucesos import PIPELINE_VERSION
from sucesos.errors import ConfigError
from sucesos.eval.country_gold import read_country_coding
from sucesos.eval.gold import GoldItem, read_gold
from sucesos.eval.predictions import components_for, read_predictions, run_pipeline
from sucesos.eval.score_claims import score_claims
from sucesos.eval.score_events import score_events
from sucesos.eval.score_places import MODES, score_places


def evaluate(
    task: str,
    gold_path: Path,
    *,
    pred_path: Path | None = None,
    limit: int | None = None,
    mode: str = "spans",
    fmt: str = "auto",
    resources=None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    countries_path: Path | None = None,
) -> tuple[dict, dict[str, dict]]:
    """(report, predictions by id) for the first `limit` gold records.

    `countries_path`: a country coding of gold's place spans (places, detect
    mode), scored as `right_country_share`/`right_country_recall`.
    """
    if limit is not None and limit < 1:
        raise ConfigError("--limit must be a positive number of records")
    if task == "places" and mode not in MODES:
        raise ConfigError(f"unknown places mode {mode!r}: use 'spans' (resolve gold toponyms) or 'detect'")
    if countries_path is not None and (task != "places" or mode != "detect"):
        raise ConfigError("--countries scores resolution of detected places: use it with `eval places --mode detect`")
    countries = read_country_coding(Path(countries_path)) if countries_path is not None else None
    gold = read_gold(Path(gold_path), task, limit=limit, fmt=fmt)
    if task == "places":
        gold = _for_mode(gold, mode)
    started = time.perf_counter()
    if pred_path is not None:
        all_ids = {item.id for item in read_gold(Path(gold_path), task, fmt=fmt)} if limit is not None else None
        predictions = read_predictions(Path(pred_path), task, gold, all_gold_ids=all_ids)
    else:
        if on_start is not None:
            on_start(len(gold))
        predictions = run_pipeline(gold, task, resources=resources, on_progress=on_progress)
    seconds = time.perf_counter() - started
    report = score(task, gold, predictions, mode=mode, countries=countries)
    gold_warnings = [warning for item in gold for warning in item.warnings]
    report.update(
        {
            "gold_warnings": gold_warnings,
            "gold": str(gold_path),
            "countries": str(countries_path) if countries_path is not None else None,
            "pred": str(pred_path) if pred_path is not None else None,
            "limit": limit,
            "pipeline_version": PIPELINE_VERSION if pred_path is None else None,
            "components": components_for([task]) if pred_path is None else None,
            "seconds": round(seconds, 2) if pred_path is None else None,
        }
    )
    return report, predictions


def score(task: str, gold: list[GoldItem], predictions: dict[str, dict], *, mode: str = "spans", countries=None) -> dict:
    if task == "events":
        return score_events(gold, predictions)
    if task == "places":
        return score_places(gold, predictions, mode=mode, countries=countries)
    if task == "claims":
        return score_claims(gold, predictions)
    raise ConfigError(f"unknown evaluation task {task!r}: use events, places or claims")


def _for_mode(gold: list[GoldItem], mode: str) -> list[GoldItem]:
    """Spans mode hands the pipeline gold's toponym offsets; detect mode hides them."""
    if mode == "spans":
        return gold
    return [dataclasses.replace(item, article=dataclasses.replace(item.article, spans=None)) for item in gold]
