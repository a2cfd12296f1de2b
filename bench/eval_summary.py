"""Print a Markdown table of the headline figures in a folder of `sucesos eval --json` reports.

    python bench/eval_summary.py out/eval

One row per report: the set, how many records, and the figures that matter
most for its task (every figure is in the JSON itself).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HEADLINE = {
    "events": (
        "event_detection_accuracy", "event_type_accuracy", "sub_event_type_accuracy", "sub_event_type_macro_f1",
        "sub_event_type_weighted_f1",
    ),
    "places": (
        "accuracy_161km", "median_error_km", "accuracy_161km_resolved", "toponym_precision", "toponym_recall", "toponym_f1",
    ),
    "claims": ("source_overlap_f1", "cue_overlap_f1", "content_overlap_f1", "content_token_f1", "attribution_overlap_f1"),
    "dedup": ("pairwise_f1", "bcubed_f1", "share_in_main_event", "events_per_incident", "max_events_per_incident", "mixed_events"),
}


def show(name: str, value) -> str:
    if value is None:
        return "—"
    if name.startswith("median_error"):
        return f"{value:,.0f} km"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def main(folder: str) -> int:
    reports = sorted(Path(folder).glob("*.json"))
    if not reports:
        print(f"no reports in {folder}", file=sys.stderr)
        return 2
    print("| set | task | records | figures |")
    print("|---|---|---|---|")
    for path in reports:
        report = json.loads(path.read_text(encoding="utf-8"))
        task = report["task"] + (f" ({report['mode']})" if report.get("mode") else "")
        figures = report["figures"]
        shown = ", ".join(f"{name} {show(name, figures[name])}" for name in HEADLINE.get(report["task"], ()) if name in figures)
        limit = f" (first {report['limit']})" if report.get("limit") else ""
        print(f"| {path.stem} | {task} | {report['records']}{limit} | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "out/eval"))
