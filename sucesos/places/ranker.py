"""The learned candidate ranker: a linear score over the resolver's evidence.

`sucesos.places.resolve` computes, for every candidate of a toponym, the
evidence its rules weigh (feature type, population, qualifier, focus,
the article's other places ...: `resolve.FEATURES`). The hand-set rule
weights (`resolve.RULE_WEIGHTS`) are one linear model over that evidence;
this module holds another, fitted as a conditional logit (softmax over a
toponym's candidates, the one within 161 km of the annotators' point as the
answer) by `sucesos/places/train_ranker.py` on TR-News and GeoVirus, with
L2 shrinkage toward the rule weights. Weights ship as `ranker.json` with
the cross-validated figures they were selected on; the resolver uses them
only where those figures beat the rule weights' on every set (`"use": true`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


class LinearRanker:
    def __init__(self, weights: dict[str, float], *, meta: dict | None = None):
        self.weights = dict(weights)
        self.meta = meta or {}

    def score(self, features: dict[str, float]) -> float:
        weights = self.weights
        return sum(weights.get(name, 0.0) * value for name, value in features.items() if value)

    def to_dict(self) -> dict:
        return {"weights": self.weights, **self.meta}


@lru_cache(maxsize=1)
def shipped_ranker() -> LinearRanker | None:
    path = resources.files("sucesos.places").joinpath("ranker.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if not data.get("use"):
        return None  # selection on held-out folds kept the rule weights (see the file's figures)
    return LinearRanker(data["weights"], meta={k: v for k, v in data.items() if k != "weights"})
