"""`sucesos train events GOLD... --out DIR`: fit the event model on your own gold."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from sucesos.cli.common import console, escape


def register(app: typer.Typer) -> None:
    train_app = typer.Typer(
        help="Fit sucesos' learned parts on your own gold. Exit 0 trained, 2 unusable gold, folder or options.",
        no_args_is_help=True,
    )

    @train_app.command("events")
    def train_events(
        gold: list[Path] = typer.Argument(
            None,
            help="Gold files in any format `sucesos eval events` reads: CASE-style JSONL, coded-article JSONL "
            "(has_event + ACLED fields), an ACLED export CSV (notes + coded columns).",
        ),
        out: Path = typer.Option(..., "--out", "-o", help="Model folder to write (new, empty, or an earlier model folder to replace)."),
        from_db: str | None = typer.Option(
            None, "--from-db", help="Also learn from a store's reviewed events: confirmed ones (with analysts' edits) and rejected ones (no event)."
        ),
        fmt: str = typer.Option("auto", "--format", help="Gold format: auto (by extension), jsonl or acled-csv."),
        folds: int = typer.Option(5, "--folds", help="Cross-validation folds for the figures printed (the model is then fitted on all rows)."),
        seed: int = typer.Option(0, "--seed", help="Seed of the fold split and the fit."),
        name: str = typer.Option("event-model", "--name", help="Name recorded in the model and in each value it sets."),
        json_out: str | None = typer.Option(None, "--json", help="Also write the cross-validated figures as JSON to this file ('-' for stdout)."),
    ) -> None:
        """Train the sub-event-type model (multilingual sentence encoder + logistic regression) and print per-class cross-validated figures.

        Use the model with `sucesos extract|ingest|eval --model DIR` or $SUCESOS_MODEL.
        """
        from sucesos.errors import ConfigError
        from sucesos.events.classifier import save_model
        from sucesos.events.train import gather_rows, train_event_model

        if folds < 2:
            raise ConfigError("--folds must be 2 or more (the figures are cross-validated)")
        if not gold and not from_db:
            raise ConfigError("give gold files to train on (CASE JSONL, coded-article JSONL, ACLED CSV) or --from-db DB")
        rows = gather_rows(gold or [], from_db=from_db, fmt=fmt)
        model, figures = train_event_model(
            rows, folds=folds, seed=seed, name=name, on_stage=lambda stage: console.print(f"train events: {stage}", highlight=False)
        )
        model.meta["trained_on"] = [str(p) for p in gold or []] + ([f"db:{from_db}"] if from_db else [])
        save_model(model, out)
        table = Table(title=f"cross-validated ({figures['folds']} folds, seed {seed}) on {figures['rows']} rows")
        for column in ("label", "support", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "label" else "right")
        for label, row in figures["per_class"].items():
            table.add_row(escape(label), str(row["support"]), f"{row['precision']:.2f}", f"{row['recall']:.2f}", f"{row['f1']:.2f}")
        console.print(table)
        console.print(
            f"accuracy {figures['accuracy']:.3f}  macro-F1 {figures['macro_f1']:.3f}  weighted F1 {figures['weighted_f1']:.3f}",
            highlight=False,
        )
        if model.meta.get("skipped_rare_labels"):
            console.print(f"labels with fewer than 2 rows, left to the cues: {escape(json.dumps(model.meta['skipped_rare_labels'], ensure_ascii=False))}", highlight=False)
        console.print(f"wrote {escape(str(out))} (use it with --model {escape(str(out))})", highlight=False)
        if json_out:
            payload = json.dumps(figures, indent=1, ensure_ascii=False)
            if json_out == "-":
                typer.echo(payload)
            else:
                Path(json_out).write_text(payload + "\n", encoding="utf-8")

    app.add_typer(train_app, name="train")
