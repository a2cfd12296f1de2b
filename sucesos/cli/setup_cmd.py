"""`sucesos setup`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("setup")
    def setup_command() -> None:
        """Not yet available."""
        typer.echo("sucesos setup: not yet available", err=True)
        raise typer.Exit(2)
