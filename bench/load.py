"""The JSON API under many concurrent clients, against a real `sucesos serve` on loopback.

    python bench/load.py [--events 100000] [--clients 50 200] [--seconds 20] [--think 0] [--pid PID --port PORT]

Builds (once, then reuses) a SQLite store of synthetic de-duplicated events
(`bench/web_queries.py`'s builder: 1 to 3 reports each, twelve states, eight
years; each article's MinHash stored, as linking stores it), starts `sucesos serve` on 127.0.0.1 in its own process, and for each
client count runs that many clients at once for `--seconds`. Each client
keeps one HTTP/1.1 connection and sends its next request as soon as the last
answer is in (`--think 0`: a closed loop, the hardest case; with `--think S`
each client waits S seconds between requests, like a person paging). The
requests are a mix of what the pages ask: the event list filtered by state
and type at a random page (half of them), the map's GeoJSON for a box, one
event, and the timeline. The clients are one asyncio process with a minimal
HTTP client, so that they take as little of the CPU as they can from the
server they measure.

Prints, per client count and per endpoint: requests, p50/p95/p99 in ms and
errors (any status but 200/404, a timeout, a dropped connection), the
server's CPU time per request (the figure a busy machine moves least), and
the load average of the machine before and after (latencies mean little on
a busy machine: say the load beside them). Only loopback is touched; the load
stops by itself. `--pid P --port N` drives a server already running (one
started under a profiler: `py-spy record --gil --pid P`) instead of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from web_queries import STATES, TYPES, build  # noqa: E402

REQUEST_TIMEOUT = 30.0


def sign(db: str) -> None:
    """Store each article's MinHash, as linking does for ingested articles
    (the builder skips linking; without them every event list would compute
    the signatures of its multi-outlet events per request)."""
    import sqlite3

    from sucesos.link.text import article_minhash, minhash_to_blob

    with sqlite3.connect(db) as conn:
        missing = conn.execute(
            "SELECT a.id, a.content_hash, a.text FROM articles a LEFT JOIN article_signatures s ON s.article_id = a.id WHERE s.article_id IS NULL"
        ).fetchall()
        if missing:
            started = time.perf_counter()
            conn.executemany(
                "INSERT INTO article_signatures (article_id, content_hash, minhash) VALUES (?, ?, ?)",
                [(article_id, content_hash, minhash_to_blob(article_minhash(text))) for article_id, content_hash, text in missing],
            )
            print(f"signed {len(missing):,} articles in {time.perf_counter() - started:.0f} s")


def summarise(db: str) -> None:
    """Build the event summaries the builder's raw inserts left stale, as the next
    `Store.transaction` of an ingest would (without them every list page is built
    from its reports, the path summaries exist to avoid)."""
    from sucesos.read_model import refresh_summaries
    from sucesos.store.store import open_store

    store = open_store(db)
    try:
        started = time.perf_counter()
        with store.transaction():
            built = refresh_summaries(store)
        if built:
            print(f"summarised {built:,} events in {time.perf_counter() - started:.0f} s")
    finally:
        store.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (Linux /proc)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and all its descendants (`serve --workers N` answers in child processes)."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            total += cpu_seconds(current)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    pending += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # ended meanwhile
    return total


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def make_path(rng: random.Random, max_id: int) -> tuple[str, str]:
    """(endpoint name, path) for one request of the mix."""
    state, lat, lon = rng.choice(STATES)
    roll = rng.random()
    if roll < 0.5:
        filters = [f"admin1={quote(state)}"]
        if rng.random() < 0.5:
            filters.append(f"event_type={quote(rng.choice(TYPES)[0])}")
        return "/events.json", f"/events.json?{'&'.join(filters)}&limit=50&offset={50 * rng.randint(0, 20)}"
    if roll < 0.7:
        return "/events/{id}.json", f"/events/{rng.randint(1, max_id)}.json"
    if roll < 0.85:
        return "/events.geojson", f"/events.geojson?bbox={lon - 0.5:.2f},{lat - 0.5:.2f},{lon + 0.5:.2f},{lat + 0.5:.2f}&limit=500"
    return "/timeline.json", f"/timeline.json?admin1={quote(state)}"


class Connection:
    """One keep-alive HTTP/1.1 connection; reopened after an error."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run_clients(port: int, clients: int, seconds: float, think: float, max_id: int) -> dict[str, list]:
    results: dict[str, list] = {}
    stop_at = time.perf_counter() + seconds

    async def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = Connection(port)
        await asyncio.sleep(rng.uniform(0, min(1.0, seconds / 10)))  # not all in the same millisecond
        while time.perf_counter() < stop_at:
            name, path = make_path(rng, max_id)
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(conn.get(path), REQUEST_TIMEOUT)
                ok = status in (200, 404)
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
                conn.close()
                ok = False
            results.setdefault(name, []).append(((time.perf_counter() - started) * 1000, ok))
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
        conn.close()

    await asyncio.gather(*(client(seed) for seed in range(clients)))
    return results


def report(clients: int, seconds: float, results: dict[str, list], load_before, load_after, server_cpu: float) -> dict:
    print(f"\n{clients} clients x {seconds:.0f} s (load average before {load_before[0]:.2f}, after {load_after[0]:.2f}, 1-min):")
    print(f"  {'endpoint':20} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    figures = {}
    everything = [sample for samples in results.values() for sample in samples]
    for name, samples in sorted(results.items()) + [("all", everything)]:
        ordered = sorted(ms for ms, _ok in samples)
        errors = sum(1 for _ms, ok in samples if not ok)
        row = {"requests": len(samples), "p50": percentile(ordered, 0.5), "p95": percentile(ordered, 0.95), "p99": percentile(ordered, 0.99), "errors": errors}
        figures[name] = row
        print(f"  {name:20} {row['requests']:9,} {row['p50']:8.0f} {row['p95']:8.0f} {row['p99']:8.0f} {errors:7}")
    print(f"  throughput {len(everything) / seconds:,.0f} requests/s; server CPU {server_cpu:.1f} s = {1000 * server_cpu / max(1, len(everything)):.1f} ms a request")
    figures["server_cpu_s"] = server_cpu
    return figures


def start_server(db: str, workers: int = 1) -> tuple[subprocess.Popen, int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "sucesos", "serve", "--db", db, "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"sucesos serve exited: {server.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/events.json?limit=1", timeout=5) as answer:  # noqa: S310 - loopback
                if answer.status == 200:
                    return server, port
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("sucesos serve did not answer within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="reports in the synthetic store (default 100,000)")
    parser.add_argument("--db", default=None, help="where to build (and reuse) the store (default /tmp/sucesos-bench-load-N.db)")
    parser.add_argument("--clients", type=int, nargs="+", default=[50, 200], help="client counts to run, one after the other")
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of each run")
    parser.add_argument("--think", type=float, default=0.0, help="mean seconds a client waits between requests (0: none)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (`sucesos serve --workers`; default 1)")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    parser.add_argument("--pid", type=int, default=None, help="measure a server already running on --port (e.g. under a profiler) instead of starting one; its CPU is read from this pid")
    parser.add_argument("--port", type=int, default=None, help="with --pid: the port it listens on (127.0.0.1)")
    args = parser.parse_args()
    db = args.db or os.path.join("/tmp", f"sucesos-bench-load-{args.events}.db")
    build(db, args.events)
    sign(db)
    summarise(db)
    import sqlite3

    with sqlite3.connect(db) as conn:
        max_id = conn.execute("SELECT MAX(id) FROM events").fetchone()[0]
        n_reports = conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    print(f"store {db}: {n_reports:,} reports in {max_id:,} events; {os.cpu_count()} CPUs; think time {args.think:g} s; {args.workers} server process(es)")
    figures = {"db": db, "reports": n_reports, "events": max_id, "think": args.think, "workers": args.workers, "runs": {}}
    for clients in args.clients:
        # A fresh server for each run: no run starts with what the last one cached.
        server, port = (None, args.port) if args.pid else start_server(db, args.workers)
        pid = args.pid or server.pid
        try:
            load_before, cpu_before = os.getloadavg(), tree_cpu_seconds(pid)
            results = asyncio.run(run_clients(port, clients, args.seconds, args.think, max_id))
            load_after, cpu = os.getloadavg(), tree_cpu_seconds(pid) - cpu_before
            figures["runs"][clients] = {"load_before": load_before, "load_after": load_after, **report(clients, args.seconds, results, load_before, load_after, cpu)}
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=20)
        time.sleep(2)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=1)


if __name__ == "__main__":
    main()
