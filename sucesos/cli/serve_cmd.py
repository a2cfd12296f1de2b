"""`sucesos serve`."""

from __future__ import annotations

import typer

from sucesos.cli.common import console, db_option


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        db: str = db_option(),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
    ) -> None:
        """Start the web UI and JSON API (read-only) on the database."""
        from sucesos.web.server import run_server

        console.print(f"sucesos: serving {db} on http://{host}:{port}/  (OpenAPI at /openapi.json; Ctrl-C to stop)", highlight=False)
        run_server(db, host=host, port=port)
