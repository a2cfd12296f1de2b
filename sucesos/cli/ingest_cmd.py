"""`sucesos ingest`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_command() -> None:
        """Not yet available."""
        typer.echo("sucesos ingest: not yet available", err=True)
        raise typer.Exit(2)
