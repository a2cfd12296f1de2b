"""Bulk write rate: events per second stored (article + extraction + events + evidence, one transaction per article).

    python bench/store_write.py [--n 2000] [--pg postgresql://user:pass@127.0.0.1/db]

Without --pg (or $SUCESOS_TEST_PG) only SQLite is measured. The PostgreSQL
database given is written to a fresh schema-named database and dropped after.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid

from sucesos.model import Article, Event, Evidence, Extraction, Span
from sucesos.store import open_store

EVENTS_PER_ARTICLE = 3


def synthetic(index: int) -> tuple[Article, Extraction]:
    text = f"Hombres armados atacaron a policías en Uruapan, Michoacán. Dos murieron. Nota {index}. " * 3
    article = Article(id=f"w{index}", text=text, outlet="Bench", published="2024-03-14", lang="es")
    events = [
        Event(
            event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified Armed Group (Mexico)",
            inter1="Political militia", location="Uruapan", admin1="Michoacán de Ocampo", latitude=19.42, longitude=-102.06,
            geo_precision=1, event_date="2024-03-12", time_precision=1, fatalities=2, tactics=["firearms"], modality="asserted",
            confidence=0.8, sentence=Span.of(text, 0, 58), evidence=[Evidence("actor1", 0, 15, text[0:15]), Evidence("fatalities", 59, 62, text[59:62])],
        )  # fmt: skip
        for _ in range(EVENTS_PER_ARTICLE)
    ]
    return article, Extraction(id=article.id, lang="es", events=events, pipeline_version="bench", content_hash=article.content_hash)


def measure(db: str, n: int, batch: int) -> float:
    items = [synthetic(i) for i in range(n)]
    with open_store(db) as store:
        started = time.perf_counter()
        if batch <= 1:
            for article, extraction in items:
                store.save(article, extraction)
        else:
            for start in range(0, n, batch):
                store.save_many(items[start : start + batch])
        elapsed = time.perf_counter() - started
    return n * EVENTS_PER_ARTICLE / elapsed


def describe(batch: int) -> str:
    return "one transaction per article" if batch <= 1 else f"{batch} articles per transaction, a savepoint each"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles to write (3 events each)")
    parser.add_argument("--pg", default=os.environ.get("SUCESOS_TEST_PG"), help="PostgreSQL URL whose role may create databases")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for batch in (1, 32):
            print(f"SQLite:     {measure(os.path.join(tmp, f'w{batch}.db'), args.n, batch):,.0f} events/s ({args.n:,} articles; {describe(batch)})")
    if args.pg:
        import psycopg

        name = f"sucesos_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        try:
            url = args.pg.rsplit("/", 1)[0] + "/" + name
            for batch in (1, 32):
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
                print(f"PostgreSQL: {measure(url, args.n, batch):,.0f} events/s ({args.n:,} articles; {describe(batch)})")
        finally:
            with psycopg.connect(args.pg, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
