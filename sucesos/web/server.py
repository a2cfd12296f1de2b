"""Run the web app with uvicorn."""

from __future__ import annotations

from sucesos.store import open_store


def run_server(db: str, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    from sucesos.web.app import create_app

    open_store(db).close()  # fail now, with a clear message, if the database is unusable
    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
