"""`sucesos events`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("events")
    def events_command() -> None:
        """Not yet available."""
        typer.echo("sucesos events: not yet available", err=True)
        raise typer.Exit(2)
