"""`sucesos serve`."""

from __future__ import annotations

import typer

from sucesos.cli.common import console, db_option, shown_db


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        db: str = db_option(must_exist=True),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
        secure_cookies: bool = typer.Option(False, "--secure-cookies", help="Mark session cookies Secure (set this when served over HTTPS)."),
        tiles: str = typer.Option(None, "--tiles", envvar="SUCESOS_TILES", help="Online base-map tile URL, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (default: offline outlines)."),
        forwarded_allow_ips: str = typer.Option(
            None, "--forwarded-allow-ips", help="Comma-separated addresses of a trusted reverse proxy whose X-Forwarded-For header names the client (default: none; the socket's address counts)."
        ),
        workers: int = typer.Option(
            1, "--workers", min=1, max=64, help="Server processes sharing the port (a Python process uses at most one core: give the JSON API as many as the machine has to spare)."
        ),
    ) -> None:
        """Start the web UI and JSON API. Read-only until an analyst signs in (create one with `sucesos user add`)."""
        from sucesos.web.server import run_server

        processes = f", {workers} processes" if workers > 1 else ""
        console.print(f"sucesos: serving {shown_db(db)} on http://{host}:{port}/{processes}  (OpenAPI at /openapi.json; Ctrl-C to stop)", highlight=False)
        run_server(db, host=host, port=port, secure_cookies=secure_cookies, tiles_url=tiles, forwarded_allow_ips=forwarded_allow_ips, workers=workers)
