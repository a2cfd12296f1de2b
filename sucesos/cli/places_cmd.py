"""`sucesos places`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("places")
    def places_command() -> None:
        """Not yet available."""
        typer.echo("sucesos places: not yet available", err=True)
        raise typer.Exit(2)
