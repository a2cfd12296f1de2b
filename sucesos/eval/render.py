"""Reports as rich tables for the terminal (the JSON report holds everything)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

KM_FIGURES = ("median_error_km", "median_error_km_resolved")


def show_value(name: str, value) -> str:
    if value is None:
        return "—"
    if name in KM_FIGURES:
        return f"{value:,.1f} km"
    return f"{value:.3f}"


def render_report(report: dict, console: Console, *, confusion: bool = False, before: dict | None = None) -> None:
    """Print the figures (with the change since `before`, an earlier report's
    figures, when given), then per-class tables for events."""
    title = f"sucesos eval {report['task']}"
    if report.get("mode") and report["task"] == "places":
        title += f" ({report['mode']} mode)"
    subtitle = f"{report['records']} records from {report.get('gold')}"
    if report.get("pred"):
        subtitle += f", predictions {report['pred']}"
    elif report.get("seconds") is not None:
        subtitle += f", pipeline {report['seconds']:.1f} s"
    console.print(f"[bold]{escape(title)}[/bold]: {escape(subtitle)}")
    table = Table()
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("n", justify="right")
    if before is not None:
        table.add_column("change", justify="right")
    for name, value in report["figures"].items():
        cells = [name, show_value(name, value), str(report["counts"].get(name, ""))]
        if before is not None:
            cells.append(_change(name, before.get(name), value))
        table.add_row(*cells)
    console.print(table)
    if report.get("gold_warnings"):
        console.print(
            f"[yellow]{len(report['gold_warnings'])} gold annotation(s) skipped as unusable "
            "(empty or out-of-text spans; listed under gold_warnings in the JSON report)[/yellow]"
        )
    if report.get("failed"):
        console.print(f"[yellow]{report['failed']} article(s) failed extraction and were scored as empty[/yellow]")
    if report["task"] == "events" and report.get("sub_event_types", {}).get("labels"):
        _render_classes(report["sub_event_types"], console)
        if confusion:
            _render_confusion(report["sub_event_types"], console)
    for message in report.get("floor_failures", []) or []:
        console.print(f"[red]below floor[/red] {escape(message)}")


def _change(name: str, old, new) -> str:
    if old is None or new is None:
        return ""
    delta = new - old
    if abs(delta) < 1e-9:
        return "="
    better = delta < 0 if name in KM_FIGURES else delta > 0
    colour = "green" if better else "red"
    shown = f"{delta:+,.1f} km" if name in KM_FIGURES else f"{delta:+.3f}"
    return f"[{colour}]{shown}[/{colour}]"


def _render_classes(classes: dict, console: Console) -> None:
    table = Table(title="sub-event types (gold rows)", title_justify="left")
    for column in ("gold label", "support", "precision", "recall", "F1", "most often predicted instead"):
        table.add_column(column, justify="left" if "label" in column or "instead" in column else "right")
    for label in classes["labels"]:
        row = classes["per_class"][label]
        wrong = {pred: n for pred, n in classes["confusion"].get(label, {}).items() if pred != label}
        instead = max(wrong.items(), key=lambda kv: (kv[1], kv[0]), default=None)
        table.add_row(
            escape(label),
            str(row["support"]),
            f"{row['precision']:.2f}",
            f"{row['recall']:.2f}",
            f"{row['f1']:.2f}",
            f"{escape(instead[0])} ({instead[1]})" if instead else "",
        )
    console.print(table)


def _render_confusion(classes: dict, console: Console) -> None:
    labels = classes["labels"]
    table = Table(title="confusion: rows gold, columns predicted (numbered as the rows)", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("gold")
    for index in range(1, len(labels) + 1):
        table.add_column(str(index), justify="right")
    for index, gold in enumerate(labels, start=1):
        row = classes["confusion"].get(gold, {})
        table.add_row(str(index), escape(gold), *[str(row.get(pred, "")) for pred in labels])
    console.print(table)
