"""Query latency of the web API on a large store, and a bounded load test.

    python bench/web_queries.py [--events 1000000] [--db /tmp/sucesos-1m.db] [--load-seconds 20]

Builds (once, then reuses) a SQLite store of synthetic de-duplicated events
(1 to 3 reports each, spread over Mexico's states and eight years), then:
1. server time of the filtered map/API queries and the event page, p50/p95,
   measured in-process (FastAPI TestClient: the app's own time, no network);
2. the same pages while an ingest is writing: another connection holds a
   write transaction open (2 s at a time, back to back), p50/p95 and the
   slowest request (`--write-rounds`, 0 to skip);
3. a bounded load test against a real uvicorn on 127.0.0.1: a fixed number
   of client threads for a fixed time, throughput, p95 and error count.
Only loopback is touched; the load stops by itself.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import socket
import statistics
import threading
import time

STATES = [
    ("Michoacán de Ocampo", 19.2, -101.9), ("Guerrero", 17.6, -99.9), ("Jalisco", 20.6, -103.4), ("Guanajuato", 21.0, -101.3),
    ("Sinaloa", 25.0, -107.5), ("Tamaulipas", 24.3, -98.6), ("Zacatecas", 22.8, -102.6), ("Chihuahua", 28.6, -106.1),
    ("Sonora", 29.3, -110.3), ("Baja California", 30.8, -115.3), ("Veracruz de Ignacio de la Llave", 19.2, -96.1), ("Estado de México", 19.3, -99.6),
]  # fmt: skip
TYPES = [
    ("Violence against civilians", "Attack"), ("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Air/drone strike"), ("Protests", "Peaceful protest"), ("Strategic developments", "Arrests"),
]  # fmt: skip
ACTORS = ["Cártel de Jalisco Nueva Generación", "Cártel de Sinaloa", "Unidentified Armed Group (Mexico)", "Cárteles Unidos", "Police Forces of Mexico"]


def build(db: str, n_events: int) -> None:
    from sucesos.store import open_store

    rng = random.Random(42)
    with open_store(db) as store:
        conn = store.conn
        existing = conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        if existing >= n_events:
            return
        started = time.perf_counter()
        report_id, event_id, article_no = existing, 0, 0
        chunk = 20_000
        while report_id < n_events:
            articles, reports, events, links = [], [], [], []
            while len(reports) < chunk and report_id < n_events:
                event_id += 1
                state, lat, lon = rng.choice(STATES)
                event_type, sub_type = rng.choice(TYPES)
                day = f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                events.append((event_id, "2025-01-01T00:00:00"))
                for _ in range(rng.choice((1, 1, 2, 3))):
                    article_no += 1
                    report_id += 1
                    article_id = f"a{article_no}"
                    text = f"Synthetic report {article_no} of event {event_id} in {state}."
                    articles.append((article_id, hashlib.sha256(text.encode()).hexdigest(), text, f"Outlet {rng.randint(1, 40)}", day, "es", "2025-01-01T00:00:00", "extracted"))
                    reports.append((
                        report_id, article_id, 0, event_type, sub_type, rng.choice(ACTORS), "Political militia", state, f"Town {rng.randint(1, 60)}",
                        lat + rng.uniform(-1, 1), lon + rng.uniform(-1, 1), rng.choice((1, 1, 2, 3)), day, 1, rng.choice((0, 0, 1, 2, 5)), '["firearms"]', "asserted",
                    ))  # fmt: skip
                    links.append((report_id, event_id, None, "auto", "2025-01-01T00:00:00"))
            with store.transaction():
                conn.executemany("INSERT INTO articles (id, content_hash, text, outlet, published, lang, ingested_at, status) VALUES (?,?,?,?,?,?,?,?)", articles)
                conn.executemany(
                    "INSERT INTO reports (id, article_id, idx, event_type, sub_event_type, actor1, inter1, admin1, location, latitude, longitude,"
                    " geo_precision, event_date, time_precision, fatalities, tactics, modality) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    reports,
                )
                conn.executemany("INSERT INTO events (id, created_at) VALUES (?, ?)", events)
                conn.executemany("INSERT INTO report_links (report_id, event_id, score, method, linked_at) VALUES (?,?,?,?,?)", links)
        conn.execute("ANALYZE")
        print(f"built {report_id:,} reports in {event_id:,} events in {time.perf_counter() - started:.0f} s")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def latency(db: str, rounds: int) -> None:
    from fastapi.testclient import TestClient

    from sucesos.web.app import create_app

    client = TestClient(create_app(db))
    rng = random.Random(7)
    n_events = client.get("/events.json?limit=1").json()
    max_id = 1
    with __import__("sucesos.store", fromlist=["open_store"]).open_store(db) as store:
        max_id = store.conn.execute("SELECT MAX(id) FROM events").fetchone()[0]
    del n_events

    def state():
        return rng.choice(STATES)[0]

    def bbox():
        _, lat, lon = rng.choice(STATES)
        return f"{lon - 0.5:.2f},{lat - 0.5:.2f},{lon + 0.5:.2f},{lat + 0.5:.2f}"

    queries = {
        "events.json, admin1 + type filter": lambda: f"/events.json?admin1={state()}&event_type={rng.choice(TYPES)[0]}&limit=50",
        "events.json, date range": lambda: f"/events.json?since=2021-0{rng.randint(1, 9)}-01&until=2021-12-31&limit=50",
        "events.geojson, bbox (map)": lambda: f"/events.geojson?bbox={bbox()}&limit=500",
        "events.geojson, bbox + sub-type": lambda: f"/events.geojson?bbox={bbox()}&sub_event_type={rng.choice(TYPES)[1]}&limit=500",
        "event page (HTML)": lambda: f"/events/{rng.randint(1, max_id)}",
        "event JSON": lambda: f"/events/{rng.randint(1, max_id)}.json",
        "timeline.json, admin1": lambda: f"/timeline.json?admin1={state()}",
    }
    print(f"{'query':38} {'p50 ms':>8} {'p95 ms':>8}")
    for name, make in queries.items():
        samples = []
        for _ in range(rounds):
            path = make()
            started = time.perf_counter()
            response = client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code not in (200, 404):
                raise SystemExit(f"{path}: HTTP {response.status_code}")
        p50, p95 = percentiles(samples)
        print(f"{name:38} {p50:8.1f} {p95:8.1f}")


def during_writes(db: str, rounds: int, hold_seconds: float = 2.0) -> None:
    """Page latency while another connection keeps a write transaction open (rolled back: the store is unchanged)."""
    import sqlite3

    from fastapi.testclient import TestClient

    from sucesos.web.app import create_app

    client = TestClient(create_app(db))
    stop = threading.Event()
    holding = threading.Event()

    def writer() -> None:
        conn = sqlite3.connect(db, isolation_level=None, timeout=60)
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE articles SET title = 'being rewritten' WHERE id = (SELECT MIN(id) FROM articles)")
            holding.set()
            stop.wait(hold_seconds)
            conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    holding.wait(10)
    rng = random.Random(11)
    pages = {
        "events.json, admin1": lambda: f"/events.json?admin1={rng.choice(STATES)[0]}&limit=50",
        "events.geojson, bbox (map)": lambda: "/events.geojson?bbox=-103,18,-101,20&limit=500",
        "event page (HTML)": lambda: f"/events/{rng.randint(1, 1000)}",
    }
    print(f"while a write transaction is open ({hold_seconds:.0f} s at a time):")
    print(f"{'query':38} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    try:
        for name, make in pages.items():
            samples = []
            for _ in range(rounds):
                started = time.perf_counter()
                response = client.get(make())
                samples.append((time.perf_counter() - started) * 1000)
                if response.status_code not in (200, 404):
                    raise SystemExit(f"{name}: HTTP {response.status_code}")
            p50, p95 = percentiles(samples)
            print(f"{name:38} {p50:8.1f} {p95:8.1f} {max(samples):8.1f}")
    finally:
        stop.set()
        thread.join(timeout=10)


def load(db: str, seconds: float, threads: int) -> None:
    import httpx
    import uvicorn

    from sucesos.web.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error", access_log=False))
    runner = threading.Thread(target=server.run, daemon=True)
    runner.start()
    while not server.started:
        time.sleep(0.05)
    deadline = time.perf_counter() + seconds
    samples: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            while time.perf_counter() < deadline:
                state = rng.choice(STATES)[0]
                path = rng.choice([f"/events.json?admin1={state}&limit=20", f"/events/{rng.randint(1, 1000)}.json", f"/timeline.json?admin1={state}"])
                started = time.perf_counter()
                try:
                    ok = client.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    samples.append((time.perf_counter() - started) * 1000)
                    errors[0] += 0 if ok else 1

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    server.should_exit = True
    runner.join(timeout=10)
    p50, p95 = percentiles(samples)
    print(f"load test: {threads} clients x {seconds:.0f} s on 127.0.0.1: {len(samples) / seconds:,.0f} requests/s, p50 {p50:.0f} ms, p95 {p95:.0f} ms, {errors[0]} errors of {len(samples):,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="reports in the synthetic store")
    parser.add_argument("--db", default=os.path.join("/tmp", "sucesos-bench-web.db"), help="where to build (and reuse) the store")
    parser.add_argument("--rounds", type=int, default=40, help="requests per query kind for the latency figures")
    parser.add_argument("--write-rounds", type=int, default=20, help="requests per page while a write transaction is open (0 to skip)")
    parser.add_argument("--load-seconds", type=float, default=20.0, help="duration of the load test (0 to skip)")
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients in the load test")
    args = parser.parse_args()
    build(args.db, args.events)
    latency(args.db, args.rounds)
    if args.write_rounds > 0:
        during_writes(args.db, args.write_rounds)
    if args.load_seconds > 0:
        load(args.db, args.load_seconds, args.threads)
    print(json.dumps({"db": args.db, "events": args.events}))


if __name__ == "__main__":
    main()
