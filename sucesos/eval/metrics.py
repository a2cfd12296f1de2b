"""Plain metric arithmetic shared by the scorers: ratios, F1, distances."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

EARTH_RADIUS_KM = 6371.0088
# Error given to a toponym left unresolved: half the Earth's circumference,
# the largest possible distance (the convention of Gritta et al. 2018).
MAX_ERROR_KM = math.pi * EARTH_RADIUS_KM


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator/denominator, or None when there is nothing to measure."""
    return numerator / denominator if denominator else None


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean; 0 when either is 0 (even if the other is undefined,
    e.g. nothing predicted for gold items: precision undefined, recall 0)."""
    if precision == 0 or recall == 0:
        return 0.0
    if precision is None or recall is None:
        return None
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def prf(true_positives_pred: float, predicted: int, true_positives_gold: float, gold: int) -> dict:
    """Precision, recall and F1 when a prediction and a gold item may match
    several counterparts: precision counts matched predictions, recall
    matched gold items (they need not be equal)."""
    precision = ratio(true_positives_pred, predicted)
    recall = ratio(true_positives_gold, gold)
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall), "predicted": predicted, "gold": gold}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def median(values: Iterable[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def classification_report(pairs: list[tuple[str, str]]) -> dict:
    """Per-class precision/recall/F1, macro-F1 and the confusion counts of
    (gold, predicted) label pairs.

    Macro-F1 averages over every label seen in gold *or* predictions
    (scikit-learn's default), so predicting a label that never occurs costs;
    weighted F1 weights each label's F1 by its gold count.
    """
    confusion: dict[str, Counter] = {}
    gold_counts: Counter = Counter()
    pred_counts: Counter = Counter()
    correct: Counter = Counter()
    for gold, pred in pairs:
        confusion.setdefault(gold, Counter())[pred] += 1
        gold_counts[gold] += 1
        pred_counts[pred] += 1
        if gold == pred:
            correct[gold] += 1
    labels = sorted(set(gold_counts) | set(pred_counts))
    per_class = {}
    for label in labels:
        precision = ratio(correct[label], pred_counts[label])
        recall = ratio(correct[label], gold_counts[label])
        per_class[label] = {
            "precision": precision if precision is not None else 0.0,
            "recall": recall if recall is not None else 0.0,
            "f1": f1(precision or 0.0, recall or 0.0),
            "support": gold_counts[label],
            "predicted": pred_counts[label],
        }
    macro = ratio(sum(row["f1"] for row in per_class.values()), len(per_class))
    # Weighted by gold support (the CASE 2021 task 2 headline measure).
    weighted = ratio(sum(row["f1"] * row["support"] for row in per_class.values()), len(pairs))
    return {
        "labels": labels,
        "per_class": per_class,
        "macro_f1": macro,
        "weighted_f1": weighted,
        "accuracy": ratio(sum(correct.values()), len(pairs)),
        "confusion": {gold: dict(sorted(row.items())) for gold, row in sorted(confusion.items())},
    }
