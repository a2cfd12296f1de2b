"""`sucesos ingest`: sources into the database, extracted."""

from __future__ import annotations

from pathlib import Path

import typer

from sucesos.cli.common import console, db_option, escape, report_failures, resources_for, shown_db


def print_ingest_summary(report, db: str) -> None:
    for input_id, reason in report.warnings:
        console.print(f"[yellow]warning[/yellow] {escape(input_id)}: {escape(reason)}", highlight=False)
    for input_id, reason in report.unsupported:
        console.print(f"[yellow]unsupported[/yellow] {escape(input_id)}: {escape(reason)}", highlight=False)
    report_failures(report.failures)
    console.print(
        f"{len(report.new)} new, {len(report.updated)} updated, {len(report.reextracted)} re-extracted, "
        f"{len(report.unchanged)} unchanged, {len(report.unsupported)} unsupported language, "
        f"{len(report.failures)} failed; {report.events} event(s) extracted -> {shown_db(db)}",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_command(
        sources: list[str] = typer.Argument(..., help="Files (.txt/.md/.html/.jsonl), folders, page URLs or RSS/Atom feed URLs."),
        db: str = db_option(),
        lexicon: list[Path] = typer.Option(None, "--lexicon", help="Extra actor lexicon YAML merged over the bundled one (repeatable)."),
        no_extract: bool = typer.Option(False, "--no-extract", help="Store articles only; extract later by ingesting again."),
        allow_private: bool = typer.Option(
            False, "--allow-private", help="Allow fetching from loopback, private and link-local addresses (refused by default)."
        ),
        max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", help="Refuse files and responses larger than this many bytes."),
        timeout: float = typer.Option(15.0, "--timeout", help="Seconds to wait for each URL."),
    ) -> None:
        """Store articles and their extraction in the database. Re-running is safe: stored text is skipped."""
        from sucesos.cli.progress import progress_bar
        from sucesos.ingest.batch import ingest_sources
        from sucesos.pipeline import Pipeline
        from sucesos.store import open_store

        pipeline = None if no_extract else Pipeline(resources_for(lexicon))
        with open_store(db) as store, progress_bar("ingesting") as advance:
            report = ingest_sources(
                sources, store, pipeline, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout, on_progress=advance
            )
        print_ingest_summary(report, db)
        if report.failures:
            raise typer.Exit(1)
