"""What every view needs: settings, the store, templates, who is signed in, CSRF.

Authentication: a session cookie (from the login form) or an API token
(`Authorization: Bearer ...`). A write made with the cookie must carry the
session's CSRF token (form field `csrf_token` or header `X-CSRF-Token`);
a token-authenticated request carries no cookie and needs none.
"""

from __future__ import annotations

import contextlib
import hmac
import sqlite3
import threading
from dataclasses import dataclass, field

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse

from sucesos.store import reads
from sucesos.store.store import open_reader
from sucesos.web.auth import LoginLimiter, User, session_user, token_user

SESSION_COOKIE = "sucesos_session"
PRELOGIN_COOKIE = "sucesos_prelogin"


class ReaderPool:
    """Store connections kept open between requests (SQLite), one request's at a time.

    A fresh SQLite connection parses the schema and starts with a cold page
    cache: opening one per request cost more CPU than the event list it
    served. A connection goes back only when no transaction is open on it;
    PostgreSQL connections are opened and closed per request as before."""

    def __init__(self, db: str, *, size: int = 16):
        self.db, self.size = str(db), size
        self.pooled = not self.db.startswith(("postgresql://", "postgres://"))
        self._idle: list = []
        self._lock = threading.Lock()

    def take(self):
        if self.pooled:
            with self._lock:
                if self._idle:
                    return self._idle.pop()
        return open_reader(self.db)

    def give_back(self, store) -> None:
        if self.pooled:
            try:
                reads.end_open_transaction(store.conn)
            except sqlite3.Error:
                store.close()
                return
            with self._lock:
                if len(self._idle) < self.size:
                    self._idle.append(store)
                    return
        store.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for store in idle:
            store.close()


@dataclass
class Settings:
    db: str
    secure_cookies: bool = False
    session_hours: float = 12.0
    tiles_url: str | None = None  # optional online base map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    readers: ReaderPool | None = None  # set by create_app


@dataclass(frozen=True)
class Viewer:
    user: User | None
    csrf: str | None
    via_token: bool = False

    @property
    def signed_in(self) -> bool:
        return self.user is not None


@contextlib.contextmanager
def store_for(request: Request):
    """The request's one connection to the store, opened on first use (see `close_request_store`).

    Migrations ran once when the app was made (`create_app`), so opening
    takes no lock: a page never waits on an ingest transaction (SQLite WAL
    readers do not wait on the writer; PostgreSQL readers never do). A write
    handler writes through the same connection, in its own transaction.
    """
    store = getattr(request.state, "store", None)
    if store is None:
        settings = request.app.state.settings
        store = settings.readers.take() if settings.readers is not None else open_reader(settings.db)
        request.state.store = store
    yield store


def close_request_store(request: Request) -> None:
    store = getattr(request.state, "store", None)
    if store is not None:
        request.state.store = None
        readers = request.app.state.settings.readers
        if readers is not None:
            readers.give_back(store)
        else:
            store.close()


def viewer(request: Request) -> Viewer:
    """Who is making this request (cached on the request)."""
    if hasattr(request.state, "viewer"):
        return request.state.viewer
    found = Viewer(None, None)
    authorization = request.headers.get("authorization", "")
    with store_for(request) as store:
        if authorization.lower().startswith("bearer "):
            user = token_user(store, authorization[7:].strip())
            if user is None:
                raise HTTPException(status_code=401, detail="invalid or revoked API token")
            found = Viewer(user, None, via_token=True)
        else:
            session = session_user(store, request.cookies.get(SESSION_COOKIE))
            if session is not None:
                found = Viewer(session[0], session[1])
    request.state.viewer = found
    return found


async def require_writer(request: Request) -> Viewer:
    """The signed-in user allowed to write, after the CSRF check for cookie sessions."""
    who = viewer(request)
    if not who.signed_in:
        raise HTTPException(status_code=401, detail="sign in (or send an API token) to change anything")
    if not who.via_token:
        sent = request.headers.get("x-csrf-token")
        if sent is None and request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            sent = (await request.form()).get("csrf_token")
        if not sent or not hmac.compare_digest(str(sent), who.csrf or ""):
            raise HTTPException(status_code=403, detail="missing or wrong CSRF token: reload the page and try again")
    return who


async def payload(request: Request) -> dict:
    """A write's fields, from a JSON body or a form."""
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            body = await request.json()
        except ValueError as exc:
            raise HTTPException(status_code=400, detail="body is not valid JSON") from exc
        if not isinstance(body, dict):
            raise HTTPException(status_code=400, detail="body must be a JSON object")
        return body
    form = await request.form()
    return {key: form.getlist(key) if len(form.getlist(key)) > 1 else form.get(key) for key in form.keys()}


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "") or request.headers.get("content-type", "").startswith("application/json")


def json_error(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)
