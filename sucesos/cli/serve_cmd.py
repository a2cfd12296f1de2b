"""`sucesos serve`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command() -> None:
        """Not yet available."""
        typer.echo("sucesos serve: not yet available", err=True)
        raise typer.Exit(2)
