"""`sucesos export`."""

from __future__ import annotations

import sys

import typer

from sucesos.cli.common import console, db_option


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command(
        format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, geojson or acled-csv."),
        out: str = typer.Option("-", "--out", "-o", help="Output file; '-' for stdout."),
        db: str = db_option(),
    ) -> None:
        """Export stored events with their sources (each event names the articles it came from)."""
        from sucesos.errors import ConfigError
        from sucesos.export.writers import FORMATS, WRITERS
        from sucesos.store import open_store

        if format not in FORMATS:
            raise ConfigError(f"unknown export format {format!r}; one of: {', '.join(FORMATS)}")
        with open_store(db) as store:
            events = store.events(limit=None)
        stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            count = WRITERS[format](events, stream)
        finally:
            if stream is not sys.stdout:
                stream.close()
        console.print(f"{count} event(s) exported as {format} to {'stdout' if out == '-' else out}", highlight=False)
