"""Ingest rate: store N synthetic articles (no extraction) and report articles/s and database size.

    python bench/ingest.py [--n 10000]

Measures reading JSONL, validating records, hashing, and one SQLite
transaction per article (the path `sucesos ingest --no-extract` takes).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from sucesos.ingest.batch import ingest_sources
from sucesos.store import open_store

PLACES = ["Uruapan, Michoacán", "Aguililla, Michoacán", "Culiacán, Sinaloa", "Reynosa, Tamaulipas", "Celaya, Guanajuato", "Acapulco, Guerrero"]
ACTORS = ["Hombres armados", "Presuntos sicarios", "Un comando armado", "Elementos de la Guardia Nacional"]
VERBS = ["atacaron a", "emboscaron a", "se enfrentaron con"]
TARGETS = ["policías municipales", "una patrulla estatal", "pobladores", "militares"]


def synthetic_article(index: int, rng: random.Random) -> dict:
    sentences = [
        f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(TARGETS)} en {rng.choice(PLACES)}, el pasado {rng.choice(['lunes', 'martes', 'viernes'])}.",
        f"{rng.randint(1, 9)} personas murieron y {rng.randint(0, 9)} resultaron heridas, informó la fiscalía estatal.",
        "Las autoridades desplegaron un operativo en la zona y no se reportaron detenidos.",
    ] * 4
    return {
        "id": f"bench-{index}",
        "text": " ".join(sentences) + f" (nota {index})",
        "outlet": rng.choice(["Diario A", "Diario B", "Agencia C"]),
        "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "lang": "es",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of synthetic articles")
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for index in range(args.n):
                handle.write(json.dumps(synthetic_article(index, rng), ensure_ascii=False) + "\n")
        db = Path(tmp) / "bench.db"
        with open_store(db) as store:
            started = time.perf_counter()
            report = ingest_sources([str(source)], store, None)
            elapsed = time.perf_counter() - started
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db.stat().st_size
        started = time.perf_counter()
        with open_store(db) as store:
            again = ingest_sources([str(source)], store, None)
        rerun = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles stored:        {len(report.new):,} (failures {len(report.failures)})")
    print(f"ingest rate:            {len(report.new) / elapsed:,.0f} articles/s ({elapsed:.1f} s)")
    print(f"re-ingest (all known):  {len(again.unchanged) / rerun:,.0f} articles/s, {len(again.new)} new")
    print(f"database size:          {size / 1e6:.1f} MB ({size / max(1, len(report.new)):,.0f} bytes/article)")
    print(f"peak memory (RSS):      {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
