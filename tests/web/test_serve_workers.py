"""`sucesos serve --workers N`: N processes answer on one port, share what must be shared, and stop together."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx


def _children(pid: int) -> set[int]:
    found = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
            found |= {int(child) for child in children.read().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _sign_in_attempt(base: str) -> int:
    with httpx.Client(base_url=base) as client:
        page = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return client.post("/login", data={"username": "ana", "password": "wrong password!", "csrf_token": token}).status_code


def test_two_worker_processes_answer_share_sign_in_counts_and_stop_together(web_db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "sucesos", "serve", "--db", web_db, "--port", str(port), "--workers", "2"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            try:
                if httpx.get(f"{base}/events.json?limit=1", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "serve --workers 2 never answered"
            time.sleep(0.2)
        workers = {child for child in _children(server.pid) if _alive(child)}
        assert len(workers) >= 2  # two answering processes (and possibly multiprocessing's helper)
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda i: httpx.get(f"{base}/events.json?limit=5&offset={i % 3}", timeout=30).status_code, range(40)))
        assert statuses == [200] * 40
        # The default limit is 5 failed tries for one name from one address, whichever process each try reaches.
        tries = [_sign_in_attempt(base) for _ in range(7)]
        assert tries[:5] == [401] * 5 and tries[5:] == [429, 429], tries
    finally:
        server.terminate()
        server.wait(timeout=30)
    time.sleep(0.5)
    assert not [pid for pid in workers if _alive(pid)], "a worker process outlived `serve`"
