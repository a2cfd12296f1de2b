"""`sucesos search`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("search")
    def search_command() -> None:
        """Not yet available."""
        typer.echo("sucesos search: not yet available", err=True)
        raise typer.Exit(2)
