"""Fit the event model on gold: `sucesos train events` and the shipped default use this.

Training rows come from any gold `sucesos eval events` reads (CASE-style
JSONL, coded-article JSONL, an ACLED export CSV) and from a store's events
that analysts confirmed (their sub-type, edits applied) or rejected ("(no
event)"). Each row is (text the model reads, label): the lead of the
article, the ACLED notes, the report's sentence.

Figures are cross-validated (k folds, seeded): every row is scored by a
model that never saw it. The model written is then fitted on all rows.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sucesos.errors import ConfigError
from sucesos.eval.metrics import classification_report
from sucesos.events.classifier import (
    NO_EVENT,
    EventModel,
    cross_validated_probabilities,
    encode,
    fit_softmax,
    lead_text,
    text_key,
)

# Above this many rows training takes more than an hour on 2 cores (encoding ~15 ms a row):
# a regional export of a few months is enough; sample a larger one.
MAX_ROWS = 50_000
MIN_ROWS_PER_CLASS = 2
SEED = 0
FOLDS = 5
FIT = {"l2": 1e-4, "iterations": 300, "learning_rate": 5.0}
# Precedence of the shipped model over the cues, measured on the development sets
# with cross-validated probabilities (bench/train_event_model.py): the model's
# sub-type wins over the cues' at p >= override_probability; an article the model
# calls "(no event)" at p >= drop_probability keeps no event.
DEFAULT_PRECEDENCE = {"override_probability": 0.8, "drop_probability": 0.8}


@dataclass
class TrainingRow:
    text: str
    label: str
    source: str  # file:line or db:event id


def rows_from_gold(path: Path, *, fmt: str = "auto") -> list[TrainingRow]:
    """Training rows of one gold file; articles whose gold gives no sub-type are skipped."""
    from sucesos.eval.gold import read_gold

    rows = []
    for item in read_gold(Path(path), "events", fmt=fmt):
        answer = item.answer
        if answer.is_event is False:
            label = NO_EVENT
        elif answer.is_event and answer.fields.get("sub_event_type"):
            label = answer.fields["sub_event_type"]
        else:
            continue
        rows.append(TrainingRow(lead_text(item.article.text), label, f"{path}:{item.line}"))
    if not rows:
        raise ConfigError(f"{path}: no row states a sub_event_type or 'no event'; a training file needs labelled rows")
    return rows


def rows_from_store(db: str) -> list[TrainingRow]:
    """Events analysts reviewed: confirmed ones with their (edited) sub-type, rejected ones as "(no event)"."""
    from sucesos.queries import find_events
    from sucesos.store.store import open_store

    if "://" not in db and not Path(db).is_file():
        raise ConfigError(f"{db}: no such database; give --from-db the store `sucesos ingest` wrote (e.g. sucesos.db)")
    store = open_store(db)
    rows: list[TrainingRow] = []
    offset: int | None = 0
    while offset is not None:
        events, offset = find_events(store, limit=500, offset=offset, reviewed="yes")
        for event in events:
            status = (event.get("review") or {}).get("status")
            sentence = next((r["sentence"]["text"] for r in event.get("reports") or [] if r.get("sentence")), None) or event.get("sentence_text")
            if not sentence:
                continue
            if status == "confirmed" and event.get("sub_event_type"):
                rows.append(TrainingRow(lead_text(sentence), event["sub_event_type"], f"{db}:event {event['id']}"))
            elif status == "rejected":
                rows.append(TrainingRow(lead_text(sentence), NO_EVENT, f"{db}:event {event['id']}"))
    if not rows:
        raise ConfigError(f"{db}: no reviewed events to learn from; confirm or reject events in `sucesos serve` first")
    return rows


def check_rows(rows: list[TrainingRow], where: str) -> list[TrainingRow]:
    """Refuse training sets a model cannot be fitted or measured on, saying what to do."""
    if len(rows) > MAX_ROWS:
        raise ConfigError(
            f"{where}: {len(rows):,} training rows is more than {MAX_ROWS:,} (about an hour of encoding on 2 cores); "
            "train on a sample (e.g. one region or a few months of the export)"
        )
    counts = Counter(row.label for row in rows)
    if len(counts) < 2:
        raise ConfigError(f"{where}: {len(rows)} row(s), all {next(iter(counts), 'unlabelled')!r}; a classifier needs at least two labels")
    empty = [row.source for row in rows if not row.text.strip()]
    if empty:
        raise ConfigError(f"{empty[0]}: empty text; every training row needs the text the model reads")
    return rows


def train_event_model(
    rows: list[TrainingRow],
    *,
    folds: int = FOLDS,
    seed: int = SEED,
    encoder=None,
    precedence: dict | None = None,
    name: str = "event-model",
    on_stage: Callable[[str], None] | None = None,
) -> tuple[EventModel, dict]:
    """(model fitted on all rows, report with per-class cross-validated figures)."""
    rows = check_rows(rows, "training data")
    started = time.perf_counter()
    if on_stage:
        on_stage(f"encoding {len(rows)} rows")
    vectors = encode([row.text for row in rows], encoder)
    counts = Counter(row.label for row in rows)
    # classes seen too rarely to be learned are kept out of the model (the cues still find them)
    classes = sorted(label for label, n in counts.items() if n >= MIN_ROWS_PER_CLASS)
    if len(classes) < 2:
        raise ConfigError(f"training data: fewer than two labels with {MIN_ROWS_PER_CLASS}+ rows ({dict(counts)}); add labelled rows")
    index = {label: i for i, label in enumerate(classes)}
    keep = np.array([row.label in index for row in rows])
    x = vectors[keep]
    y = np.array([index[row.label] for row in rows if row.label in index])
    folds = max(2, min(folds, int(np.bincount(y).min()) if len(y) else 2, len(y)))
    if on_stage:
        on_stage(f"cross-validating ({folds} folds)")
    probabilities = cross_validated_probabilities(x, y, len(classes), folds=folds, seed=seed, **FIT)
    predicted = probabilities.argmax(axis=1)
    report = classification_report([(classes[g], classes[p]) for g, p in zip(y, predicted)])
    if on_stage:
        on_stage("fitting on all rows")
    weights, bias = fit_softmax(x, y, len(classes), seed=seed, **FIT)
    figures = {
        "folds": folds,
        "seed": seed,
        "rows": int(len(y)),
        "accuracy": report["accuracy"],
        "macro_f1": report["macro_f1"],
        "weighted_f1": report["weighted_f1"],
        "per_class": {label: {k: report["per_class"][label][k] for k in ("precision", "recall", "f1", "support")} for label in classes if label in report["per_class"]},
    }
    meta = {
        "name": name,
        "trained_rows": int(len(y)),
        "skipped_rare_labels": {label: n for label, n in counts.items() if label not in index},
        "fit": dict(FIT, seed=seed),
        "precedence": dict(precedence or DEFAULT_PRECEDENCE),
        "cross_validated": figures,
        "seconds": round(time.perf_counter() - started, 1),
    }
    kept = [row for row in rows if row.label in index]
    out_of_fold = {text_key(row.text): probabilities[i] for i, row in enumerate(kept)}
    model = EventModel(classes=classes, weights=weights, bias=bias, meta=meta, out_of_fold=out_of_fold)
    return model, figures


def gather_rows(gold: Iterable[Path], *, from_db: str | None = None, fmt: str = "auto") -> list[TrainingRow]:
    rows: list[TrainingRow] = []
    for path in gold:
        rows.extend(rows_from_gold(Path(path), fmt=fmt))
    if from_db:
        rows.extend(rows_from_store(from_db))
    if not rows:
        raise ConfigError("no training data: give gold files (CASE JSONL, coded-article JSONL, ACLED CSV) or --from-db DB")
    return rows
