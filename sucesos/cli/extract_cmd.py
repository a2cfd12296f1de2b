"""`sucesos extract`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_command() -> None:
        """Not yet available."""
        typer.echo("sucesos extract: not yet available", err=True)
        raise typer.Exit(2)
