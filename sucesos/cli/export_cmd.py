"""`sucesos export`."""

from __future__ import annotations

import sys

import typer

from sucesos.cli.common import console, db_option


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command(
        format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, geojson, acled-csv or parquet (parquet needs pyarrow and --out FILE)."),
        out: str = typer.Option("-", "--out", "-o", help="Output file; '-' for stdout."),
        per_report: bool = typer.Option(
            False, "--per-report", help="One row per report (an event as one article told it) instead of de-duplicated events."
        ),
        include_rejected: bool = typer.Option(False, "--include-rejected", help="Also export events analysts rejected (each carries its `review`)."),
        db: str = db_option(must_exist=True),
    ) -> None:
        """Export de-duplicated events with their sources: one record per event, however many articles reported it.

        Each event lists its sources (article id, url, outlet, title, published),
        how many are independent, its reports, and conflicting figures as a range
        with the lowest (ACLED's conservative) count as the headline. Reports not
        yet linked to an event are linked first. Analysts' edits are applied and
        events they rejected left out, as everywhere else events are read.
        """
        from sucesos.errors import ConfigError
        from sucesos.export.writers import BINARY_FORMATS, FORMATS, WRITERS
        from sucesos.link.cluster import link_pending
        from sucesos.read_model import find_reports, iter_events
        from sucesos.store import open_store

        if format not in FORMATS:
            raise ConfigError(f"unknown export format {format!r}; one of: {', '.join(FORMATS)}")
        binary = format in BINARY_FORMATS
        if binary and out == "-":
            raise ConfigError(f"{format} is a binary format: give a file with --out FILE")
        with open_store(db) as store:
            if per_report:
                events = find_reports(store, limit=None, include_rejected=include_rejected)
            else:
                link_pending(store)
                events = list(iter_events(store, include_rejected=include_rejected))
        if binary:
            stream = open(out, "wb")  # noqa: SIM115
        else:
            stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            count = WRITERS[format](events, stream)
        finally:
            if stream is not sys.stdout:
                stream.close()
        what = "report(s)" if per_report else "event(s)"
        console.print(f"{count} {what} exported as {format} to {'stdout' if out == '-' else out}", highlight=False)
