"""Train the shipped event model (sucesos/data/event_model) on the development sets, and measure its precedence.

    OMP_NUM_THREADS=1 python bench/train_event_model.py [--data ../shared/data] [--write]

1. Training rows: the CASE 2021 dev snippets, the El Gráfico coded articles and
   the real Mexican reports of bench/data/real-reports-dev.jsonl (the same
   `sucesos.events.train` code path as `sucesos train events`).
2. Out-of-fold probabilities (5 folds, seed 0) for every row.
3. The cues alone (`--model none`) on each set.
4. The precedence (model's sub-type over the cues' at p >= t; "(no event)"
   drops the article's events at p >= d) chosen on those out-of-fold
   probabilities, by the mean over the sets of sub-type accuracy,
   detection F1 and, on El Gráfico (whose gold states tolls), fatalities
   accuracy (a drop that removes a true event costs its detection, its toll
   and its actors, which sub-type accuracy alone undercounts); the table
   of every (t, d) tried is printed, so the choice can be checked.
5. With --write, the model fitted on all rows is written to
   sucesos/data/event_model with the chosen precedence and its figures.

Every figure printed is cross-validated: the model never scores a row it saw.

Measured and not shipped (stop 30): adding bench/data/real-reports-train.jsonl (68 real Mexican
reports) to the training rows (516 rows) lifts the model alone out of fold from accuracy 0.518 /
macro-F1 0.368 to 0.564 / 0.410, and the precedence chosen then is override 0.9, never drop; but
out of fold the combination equals the cues alone on both real-report sets (real-reports-dev 0.906,
real-reports-train 0.882 sub-type accuracy) and gains 0.007-0.009 on CASE and El Gráfico only,
while real-reports-heldout (summary figure only) lost one record (sub-type 0.737 -> 0.711). The
model adds too little on real reports to ship a retrain on that evidence; the shipped weights stay.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = {"case2021-task2-dev": "events/case2021-task2-dev.jsonl", "elgrafico-es-dev": "events/elgrafico-es-dev.jsonl"}
# development sets kept in the repository (paths relative to its root)
REPO_SETS = {"real-reports-dev": "bench/data/real-reports-dev.jsonl"}
OVERRIDES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
DROPS = (0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--write", action="store_true", help="write sucesos/data/event_model")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from sucesos.eval.acled import SUB_EVENT_TYPES
    from sucesos.eval.evaluate import evaluate
    from sucesos.eval.metrics import classification_report
    from sucesos.events.classifier import NO_EVENT, default_model_dir, lead_text, save_model, text_key
    from sucesos.events.train import DEFAULT_PRECEDENCE, rows_from_gold, train_event_model
    from sucesos.pipeline import Resources

    paths = {name: Path(args.data) / rel for name, rel in SETS.items()} | {name: ROOT / rel for name, rel in REPO_SETS.items()}
    rows = []
    for path in paths.values():
        rows.extend(rows_from_gold(path))
    model, figures = train_event_model(rows, seed=args.seed, name="sucesos-default-use-lr")
    print(f"model alone, cross-validated on {figures['rows']} rows: accuracy {figures['accuracy']:.3f} macro-F1 {figures['macro_f1']:.3f}")

    per_set = {}
    for name, path in paths.items():
        report, predictions = evaluate("events", path, resources=Resources(event_model="none"))
        from sucesos.eval.gold import read_gold

        items = []
        for item in read_gold(path, "events"):
            answer = item.answer
            gold = NO_EVENT if answer.is_event is False else answer.fields.get("sub_event_type")
            if gold is None:
                continue
            events = predictions[item.id].get("events") or []
            cue = events[0]["sub_event_type"] if events else NO_EVENT
            probs = model.out_of_fold.get(text_key(lead_text(item.article.text)))
            # the cues' toll right (ACLED's 0 for null), for gold events stating a toll: a drop loses it
            toll = answer.fields.get("fatalities") if answer.is_event else None
            toll_ok = None if toll is None else bool(events) and (events[0].get("fatalities") or 0) == toll
            items.append((gold, cue, probs, toll_ok))
        per_set[name] = items
        cue_report = classification_report([(g, c) for g, c, _p, _t in items])
        print(f"{name}: cues alone sub-type accuracy {cue_report['accuracy']:.3f} macro-F1 {cue_report['macro_f1']:.3f}")

    def combined(items, override, drop):
        pairs = []
        tolls = []
        for gold, cue, probs, toll_ok in items:
            pred = cue
            if probs is not None and cue != NO_EVENT:
                best = int(probs.argmax())
                label, p = model.classes[best], float(probs[best])
                if label == NO_EVENT and p >= drop:
                    pred = NO_EVENT
                elif label in SUB_EVENT_TYPES and p >= override:
                    pred = label
            pairs.append((gold, pred))
            if toll_ok is not None:
                tolls.append(toll_ok and pred != NO_EVENT)
        report = classification_report(pairs)
        report["fatalities_accuracy"] = sum(tolls) / len(tolls) if tolls else None
        true_pos = sum(1 for g, p in pairs if g != NO_EVENT and p != NO_EVENT)
        predicted = sum(1 for _g, p in pairs if p != NO_EVENT)
        actual = sum(1 for g, _p in pairs if g != NO_EVENT)
        precision = true_pos / predicted if predicted else 0.0
        recall = true_pos / actual if actual else 0.0
        report["detection_f1"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return report

    best = None
    print("override  drop  " + "  ".join(f"{name} acc/macro/detF1[/fatalities]" for name in per_set))
    for override in OVERRIDES:
        for drop in DROPS:
            reports = {name: combined(items, override, drop) for name, items in per_set.items()}
            score = sum(_objective(r) for r in reports.values()) / len(reports)
            print(f"{override:8.2f} {drop:5.2f}  " + "  ".join(_row(r) for r in reports.values()) + f"  score {score:.4f}")
            # on a tie the higher override wins: the cues (and the codebook rules they carry) keep their say
            if best is None or score > best[0] + 1e-9 or (abs(score - best[0]) <= 1e-9 and override > best[1] and drop == best[2]):
                best = (score, override, drop, reports)
    _score, override, drop, reports = best
    print(f"chosen: override_probability {override}, drop_probability {drop} (default {DEFAULT_PRECEDENCE})")
    model.meta["precedence"] = {"override_probability": override, "drop_probability": drop}
    model.meta["precedence_objective"] = "mean over the sets of the mean of sub-type accuracy, detection F1 and (where gold states tolls) fatalities accuracy, out-of-fold"
    model.meta["precedence_selected_on"] = {
        name: {"cues_and_model_sub_type_accuracy": round(r["accuracy"], 4), "macro_f1": round(r["macro_f1"], 4), "detection_f1": round(r["detection_f1"], 4)}
        | ({"fatalities_accuracy": round(r["fatalities_accuracy"], 4)} if r["fatalities_accuracy"] is not None else {})
        for name, r in reports.items()
    }
    model.meta["trained_on"] = [f"shared/data/{rel}" for rel in SETS.values()] + list(REPO_SETS.values())
    model.meta["script"] = "bench/train_event_model.py"
    if args.write:
        save_model(model, default_model_dir())
        print(f"wrote {default_model_dir()}")
    print(json.dumps(model.meta["precedence_selected_on"], indent=1))
    return 0


def _objective(report: dict) -> float:
    """Sub-type accuracy, detection F1 and, where the gold states tolls, fatalities accuracy, averaged.

    A drop that removes a true event costs its detection and its toll (and its
    actors): sub-type accuracy alone undercounts it.
    """
    parts = [report["accuracy"], report["detection_f1"]]
    if report.get("fatalities_accuracy") is not None:
        parts.append(report["fatalities_accuracy"])
    return sum(parts) / len(parts)


def _row(report: dict) -> str:
    text = f"{report['accuracy']:.3f}/{report['macro_f1']:.3f}/{report['detection_f1']:.3f}"
    if report.get("fatalities_accuracy") is not None:
        text += f"/{report['fatalities_accuracy']:.3f}"
    return text


if __name__ == "__main__":
    raise SystemExit(main())
