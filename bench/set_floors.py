"""Pin floors from measured reports: a little under each measured figure.

    bench/eval_all.sh && QUICK=1 bench/eval_all.sh
    python bench/set_floors.py --full out/eval --quick out/eval-quick [--margin 0.02] [--write]
    # dedup sets' retold-pairs floors, from `sucesos eval dedup GOLD --retell --json DIR/<set>.json`:
    python bench/set_floors.py --retell out/eval-retell [--write]

For every set in sucesos/eval/floors.json, reads <dir>/<set>.json (written by
`sucesos eval ... --json`), and proposes floors: the measured figure minus
`--margin`, rounded down to 3 decimals, for the headline figures of its
task; ceilings for median errors (measured x 1.2 + 5 km), for events per
incident (measured + 10 x margin) and for mixed events (the measured count:
one more mixed event is a regression). A floor the
measurement still meets is never loosened. Prints old -> new for each,
marking floors lowered because a figure fell below them, and rewrites
floors.json only with --write. Lowering a floor is a deliberate change: the
printout shows it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "sucesos" / "eval" / "floors.json"

PINNED_MIN = {
    "events": (
        "event_detection_accuracy", "event_type_accuracy", "sub_event_type_accuracy",
        "sub_event_type_macro_f1", "sub_event_type_weighted_f1",
        "admin1_accuracy", "admin2_accuracy", "within_25km_accuracy", "event_date_accuracy",
        "fatalities_accuracy", "inter1_accuracy", "inter2_accuracy", "actor_types_accuracy",
        "event_detection_precision", "event_detection_recall", "event_detection_f1",
    ),
    # Not accuracy_161km_resolved: it falls whenever more (harder) toponyms
    # get resolved, i.e. when the headline accuracy_161km improves.
    "places": ("accuracy_161km", "toponym_f1", "resolved_in_mexico_share", "right_country_share", "right_country_recall"),
    "claims": (
        "source_overlap_f1", "cue_overlap_f1", "content_overlap_f1",
        "source_token_f1", "cue_token_f1", "content_token_f1", "attribution_overlap_f1",
        "source_exact_f1", "cue_exact_f1", "content_exact_f1",
        "source_overlap50_f1", "cue_overlap50_f1", "content_overlap50_f1",
    ),
    "dedup": (
        "pairwise_precision", "pairwise_f1", "bcubed_f1", "share_in_main_event",
        "main_sub_event_type_accuracy", "main_admin2_accuracy", "main_event_date_accuracy",
        "main_fatalities_accuracy",
    ),
}
# A --retell run scores retold pairs (every record beside a copy with its sentences reordered).
RETELL_MIN = ("retold_pairs_merged", "pairwise_f1")
PINNED_MAX = {"places": ("median_error_km",), "dedup": ("mixed_events", "events_per_incident")}


def ceiling(name: str, measured: float, margin: float) -> float:
    if name == "mixed_events":
        return measured
    if name == "events_per_incident":
        return math.ceil((measured + 10 * margin) * 1000) / 1000
    return math.ceil(measured * 1.2 + 5)


def propose(report: dict, margin: float, variant: str = "full") -> dict:
    task, figures = report["task"], report["figures"]
    minimum = RETELL_MIN if variant == "retell" else PINNED_MIN[task]
    maximum = ("mixed_events",) if variant == "retell" else PINNED_MAX.get(task, ())
    floors = {
        name: math.floor(max(0.0, figures[name] - margin) * 1000) / 1000
        for name in minimum
        if figures.get(name) is not None
    }
    ceilings = {name: ceiling(name, figures[name], margin) for name in maximum if figures.get(name) is not None}
    return {"min": floors, "max": ceilings}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", type=Path, help="folder of full-run reports")
    parser.add_argument("--quick", type=Path, help="folder of quick-run reports")
    parser.add_argument("--retell", type=Path, help="folder of `eval dedup --retell` reports (dedup sets only)")
    parser.add_argument("--margin", type=float, default=0.02)
    parser.add_argument("--write", action="store_true", help="rewrite sucesos/eval/floors.json")
    args = parser.parse_args()
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    for name, entry in data["sets"].items():
        for variant, folder in (("full", args.full), ("quick", args.quick), ("retell", args.retell)):
            if folder is None or (variant == "retell" and entry["task"] != "dedup"):
                continue
            path = folder / f"{name}.json"
            if not path.is_file():
                print(f"{name} {variant}: no report at {path}; floors kept", file=sys.stderr)
                continue
            report = json.loads(path.read_text(encoding="utf-8"))
            expected = entry["quick_limit"] if variant == "quick" else None
            if report.get("limit") != expected:
                print(f"{name} {variant}: {path} was run with --limit {report.get('limit')}, not {expected}; skipped", file=sys.stderr)
                continue
            if bool(report.get("retell")) != (variant == "retell"):
                print(f"{name} {variant}: {path} was {'' if report.get('retell') else 'not '}run with --retell; skipped", file=sys.stderr)
                continue
            new = propose(report, args.margin, variant)
            old = entry.get(variant, {})
            for kind in ("min", "max"):
                for figure, value in list(new[kind].items()):
                    before = old.get(kind, {}).get(figure)
                    measured = report["figures"][figure]
                    still_met = before is not None and (measured >= before if kind == "min" else measured <= before)
                    if still_met:
                        # Never loosen a floor the measurement still meets.
                        value = max(value, before) if kind == "min" else min(value, before)
                        new[kind][figure] = value
                    mark = "  LOWERED" if before is not None and not still_met else ""
                    print(f"{name} {variant} {kind} {figure}: {before} -> {value} (measured {measured:.4f}){mark}")
            # a floor pinned for a figure this script does not propose stays as it was
            entry[variant] = {kind: {**old.get(kind, {}), **new[kind]} for kind in ("min", "max")}
    if args.write:
        FLOORS.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {FLOORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
