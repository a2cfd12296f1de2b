"""`sucesos eval`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command() -> None:
        """Not yet available."""
        typer.echo("sucesos eval: not yet available", err=True)
        raise typer.Exit(2)
