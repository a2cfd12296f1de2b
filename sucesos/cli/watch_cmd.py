"""`sucesos watch`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("watch")
    def watch_command() -> None:
        """Not yet available."""
        typer.echo("sucesos watch: not yet available", err=True)
        raise typer.Exit(2)
