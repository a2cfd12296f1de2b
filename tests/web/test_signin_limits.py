"""Sign-in limits that an attacker cannot step around: by rotating
X-Forwarded-For, by spraying one password across many names, or by
stalling the server with slow password checks."""

from __future__ import annotations

import re
import socket
import threading
import time

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from sucesos.store import open_store
from sucesos.web import app as web_app
from sucesos.web.app import create_app
from sucesos.web.auth import LoginLimiter
from sucesos.web.server import server_config


def _form_token(text: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)


def _attempt(client, username: str, password: str = "wrong password!", headers: dict | None = None):
    token = _form_token(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token}, headers=headers or {}, follow_redirects=False)


def test_a_password_spray_across_names_from_one_address_is_limited(web_db):
    app = create_app(web_db)
    app.state.settings.limiter = LoginLimiter(attempts=3, window=60, per_address=4, per_account=50)
    client = TestClient(app)
    statuses = [_attempt(client, f"user{i}").status_code for i in range(6)]
    assert statuses == [401, 401, 401, 401, 429, 429]


def test_one_account_guessed_from_many_addresses_is_limited(web_db):
    limiter = LoginLimiter(attempts=3, window=60, per_address=50, per_account=4)
    with open_store(web_db) as store:
        for i in range(4):
            assert not limiter.blocked(store, (f"203.0.113.{i}", "ana"))
            limiter.failed(store, (f"203.0.113.{i}", "ana"))
        assert limiter.blocked(store, ("198.51.100.7", "ana"))
        assert not limiter.blocked(store, ("198.51.100.7", "bea"))


def test_failed_sign_ins_count_across_server_processes_and_restarts(web_db):
    """Two apps on one store (two `serve --workers` processes, or a server and its restart) share one count."""
    first, second = create_app(web_db), create_app(web_db)
    for app in (first, second):
        app.state.settings.limiter = LoginLimiter(attempts=3, window=60, per_address=50, per_account=50)
    one, two = TestClient(first), TestClient(second)
    statuses = [_attempt(client, "ana").status_code for client in (one, two, one, two)]
    assert statuses == [401, 401, 401, 429]


def test_failures_older_than_the_window_no_longer_count(web_db):
    now = [1_000_000.0]
    limiter = LoginLimiter(attempts=2, window=60, clock=lambda: now[0])
    with open_store(web_db) as store:
        limiter.failed(store, ("203.0.113.1", "ana"))
        limiter.failed(store, ("203.0.113.1", "ana"))
        assert limiter.blocked(store, ("203.0.113.1", "ana"))
        now[0] += 61
        assert not limiter.blocked(store, ("203.0.113.1", "ana"))
        limiter.failed(store, ("203.0.113.1", "bea"))  # writing drops what the window has forgotten
        assert store.conn.execute("SELECT COUNT(*) FROM login_failures").fetchone()[0] == 3


@pytest.fixture
def live_server(web_db):
    """The app under uvicorn on 127.0.0.1, configured as `sucesos serve` does."""
    app = create_app(web_db)
    app.state.settings.limiter = LoginLimiter(attempts=3, window=60)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(server_config(app, host="127.0.0.1", port=port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_rotating_x_forwarded_for_does_not_reset_the_limit(live_server):
    with httpx.Client(base_url=live_server, trust_env=False) as client:
        statuses = [_attempt(client, "ana", headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code for i in range(5)]
    assert statuses == [401, 401, 401, 429, 429]


def test_a_password_check_in_progress_does_not_stall_other_requests(live_server, monkeypatch):
    release = threading.Event()
    real = web_app.authenticate

    def slow_authenticate(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(web_app, "authenticate", slow_authenticate)
    with httpx.Client(base_url=live_server, trust_env=False, timeout=15) as client:
        token = _form_token(client.get("/login").text)
        pending = threading.Thread(target=lambda: client.post("/login", data={"username": "ana", "password": "x" * 12, "csrf_token": token}))
        pending.start()
        time.sleep(0.3)
        started = time.monotonic()
        assert httpx.get(f"{live_server}/openapi.json", timeout=5).status_code == 200
        assert time.monotonic() - started < 2
        release.set()
        pending.join(10)


def test_failed_sign_ins_do_not_raise_a_cheap_requests_latency_much(web_db):
    """16 failed sign-ins a second (real scrypt checks, the limiter out of the
    way) while a client reads a small JSON page: its p95 stays near the
    quiet p95 (with scrypt on the event loop it went from 13 ms to 241 ms)."""
    app = create_app(web_db)
    app.state.settings.limiter = LoginLimiter(attempts=10**6, window=60, per_address=10**6, per_account=10**6)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(server_config(app, host="127.0.0.1", port=port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"

    def p95(client) -> float:
        samples = []
        for _ in range(40):
            started = time.perf_counter()
            assert client.get("/events.json?limit=1").status_code == 200
            samples.append(time.perf_counter() - started)
            time.sleep(0.02)
        return sorted(samples)[int(0.95 * len(samples))]

    stop = threading.Event()
    statuses: list[int] = []

    def spray() -> None:
        with httpx.Client(base_url=base, trust_env=False, timeout=30) as attacker:
            token = _form_token(attacker.get("/login").text)
            while not stop.is_set():
                started = time.monotonic()
                for_us = attacker.post("/login", data={"username": "ana", "password": "wrong password!", "csrf_token": token}, follow_redirects=False)
                statuses.append(for_us.status_code)
                stop.wait(max(0.0, 1 / 16 - (time.monotonic() - started)))

    try:
        with httpx.Client(base_url=base, trust_env=False, timeout=30) as reader:
            quiet = p95(reader)
            sprayers = [threading.Thread(target=spray, daemon=True) for _ in range(2)]  # two at 16/s each: more than the hashing threads keep up with
            for sprayer in sprayers:
                sprayer.start()
            time.sleep(0.5)
            busy = p95(reader)
            stop.set()
            for sprayer in sprayers:
                sprayer.join(30)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert len(statuses) >= 8 and set(statuses) == {401}, statuses[:20]
    print(f"cheap request p95: {quiet * 1000:.0f} ms quiet, {busy * 1000:.0f} ms with {len(statuses)} failed sign-ins")
    assert busy < 3 * quiet + 0.1, f"p95 of a cheap request {quiet * 1000:.0f} ms quiet, {busy * 1000:.0f} ms during failed sign-ins"
