"""`sucesos export`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command() -> None:
        """Not yet available."""
        typer.echo("sucesos export: not yet available", err=True)
        raise typer.Exit(2)
