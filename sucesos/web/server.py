"""Run the web app with uvicorn: one process, or `workers` processes on one socket."""

from __future__ import annotations

import json
import os

from sucesos.store import open_store

# How `serve --workers N` hands its settings to the worker processes (uvicorn
# starts them fresh and imports `worker_app` by name; nothing else passes).
_WORKER_SETTINGS = "SUCESOS_SERVE_SETTINGS"


def _options(*, host: str, port: int, forwarded_allow_ips: str | None) -> dict:
    """uvicorn's settings.

    The client address (which the sign-in limiter counts) is the socket's:
    X-Forwarded-For is believed only from the proxies in
    `forwarded_allow_ips`; uvicorn's own default trusts it from 127.0.0.1,
    which lets any local client rotate the header past the limiter.
    access_log off: request lines carry query strings; nothing secret should
    be there, but sign-in forms are POSTs and tokens are headers either way."""
    return {
        "host": host, "port": port, "log_level": "info", "access_log": False,
        "proxy_headers": bool(forwarded_allow_ips), "forwarded_allow_ips": forwarded_allow_ips or "",
    }  # fmt: skip


def server_config(app, *, host: str, port: int, forwarded_allow_ips: str | None = None):
    """uvicorn's configuration for `app` in this process."""
    import uvicorn

    return uvicorn.Config(app, **_options(host=host, port=port, forwarded_allow_ips=forwarded_allow_ips))


def worker_app():
    """The app of one `serve --workers` process, from the settings its parent left in the environment."""
    from sucesos.web.app import create_app

    settings = json.loads(os.environ[_WORKER_SETTINGS])
    return create_app(settings["db"], secure_cookies=settings["secure_cookies"], tiles_url=settings["tiles_url"])


def run_server(
    db: str, *, host: str = "127.0.0.1", port: int = 8000, secure_cookies: bool = False, tiles_url: str | None = None,
    forwarded_allow_ips: str | None = None, workers: int = 1,
) -> None:  # fmt: skip
    """Serve until stopped. With `workers` > 1, that many processes share the
    listening socket, each with its own caches and read connections: the JSON
    API then uses every core (one Python process uses one). What must be one
    for all (sign-in counts, sessions, reviews) lives in the store."""
    import uvicorn

    from sucesos.web.app import create_app

    open_store(db).close()  # fail now, with a clear message, if the database is unusable; migrations run here, once
    options = _options(host=host, port=port, forwarded_allow_ips=forwarded_allow_ips)
    if workers <= 1:
        app = create_app(db, secure_cookies=secure_cookies, tiles_url=tiles_url)
        uvicorn.Server(uvicorn.Config(app, **options)).run()
        return
    os.environ[_WORKER_SETTINGS] = json.dumps({"db": db, "secure_cookies": secure_cookies, "tiles_url": tiles_url})
    uvicorn.run("sucesos.web.server:worker_app", factory=True, workers=workers, **options)
