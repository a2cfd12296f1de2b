"""`sucesos cluster`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("cluster")
    def cluster_command() -> None:
        """Not yet available."""
        typer.echo("sucesos cluster: not yet available", err=True)
        raise typer.Exit(2)
