"""Run the web app with uvicorn."""

from __future__ import annotations

from sucesos.store import open_store


def run_server(db: str, *, host: str = "127.0.0.1", port: int = 8000, secure_cookies: bool = False, tiles_url: str | None = None) -> None:
    import uvicorn

    from sucesos.web.app import create_app

    open_store(db).close()  # fail now, with a clear message, if the database is unusable
    app = create_app(db, secure_cookies=secure_cookies, tiles_url=tiles_url)
    # access_log off: request lines carry query strings; nothing secret should
    # be there, but sign-in forms are POSTs and tokens are headers either way.
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)
