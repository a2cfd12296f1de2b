"""Run the web app with uvicorn."""

from __future__ import annotations

from sucesos.store import open_store


def server_config(app, *, host: str, port: int, forwarded_allow_ips: str | None = None):
    """uvicorn's configuration for `app`.

    The client address (which the sign-in limiter counts) is the socket's:
    X-Forwarded-For is believed only from the proxies in
    `forwarded_allow_ips`; uvicorn's own default trusts it from 127.0.0.1,
    which lets any local client rotate the header past the limiter.
    access_log off: request lines carry query strings; nothing secret should
    be there, but sign-in forms are POSTs and tokens are headers either way."""
    import uvicorn

    return uvicorn.Config(
        app, host=host, port=port, log_level="info", access_log=False,
        proxy_headers=bool(forwarded_allow_ips), forwarded_allow_ips=forwarded_allow_ips or "",
    )  # fmt: skip


def run_server(
    db: str, *, host: str = "127.0.0.1", port: int = 8000, secure_cookies: bool = False, tiles_url: str | None = None, forwarded_allow_ips: str | None = None
) -> None:
    import uvicorn

    from sucesos.web.app import create_app

    open_store(db).close()  # fail now, with a clear message, if the database is unusable
    app = create_app(db, secure_cookies=secure_cookies, tiles_url=tiles_url)
    uvicorn.Server(server_config(app, host=host, port=port, forwarded_allow_ips=forwarded_allow_ips)).run()
