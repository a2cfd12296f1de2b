"""`sucesos demo`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo_command() -> None:
        """Not yet available."""
        typer.echo("sucesos demo: not yet available", err=True)
        raise typer.Exit(2)
