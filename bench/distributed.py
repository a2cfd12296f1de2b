"""Distributed extraction throughput: articles/s with 1 local Dask worker vs 2 (and more).

    python bench/distributed.py [--n 300] [--per-partition 10] [--workers 1,2] [--rounds 2]

Writes `--n` synthetic news articles (Spanish and English crime and
political-violence paragraphs, 5-9 sentence pairs each, every text unique)
as JSONL partitions, then for each worker count starts a LocalCluster (one
single-threaded worker process per worker), lets every worker load the
models (load time reported apart, not counted in the rate), and times
`distributed_extract` over the archive, output committed and joined as the
CLI does. Rounds alternate the worker counts so load from other processes
slows each alike; the best round of each count is kept. Prints the
load average before and after (the ratio means little on a busy machine),
each worker's peak memory, and the ratio of the largest count to 1 worker.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import tempfile
import time
import sys
from pathlib import Path

# Run as `python bench/distributed.py`, this file's folder comes first on the
# path and its name would hide the `distributed` package: take the folder off.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ES_PLACES = ["Uruapan, Michoacán", "Aguililla", "Culiacán, Sinaloa", "Reynosa, Tamaulipas", "Celaya, Guanajuato", "Tumaco, Nariño"]
ES_ACTORS = ["Hombres armados", "Presuntos integrantes del CJNG", "Un grupo armado", "Integrantes de una célula delictiva"]
ES_VERBS = ["atacaron a", "emboscaron a", "se enfrentaron con", "dispararon contra"]
ES_TARGETS = ["policías municipales", "una patrulla estatal", "pobladores de la comunidad", "elementos del Ejército"]
ES_DAYS = ["el pasado lunes", "el martes por la noche", "la madrugada del viernes", "hace dos días"]
ES_SOURCES = ["informó la fiscalía estatal", "dijo un vocero de la Secretaría de Seguridad", "según medios locales"]
EN_PLACES = ["Mosul", "Kandahar", "Culiacan, Sinaloa", "Maiduguri", "Goma", "Aleppo"]
EN_ACTORS = ["Gunmen", "Suspected militants", "Security forces", "An armed group", "Protesters"]
EN_VERBS = ["attacked", "ambushed", "clashed with", "fired on"]
EN_TARGETS = ["a police checkpoint", "villagers", "an army patrol", "a convoy"]
EN_DAYS = ["on Monday", "late on Tuesday", "early Friday", "two days ago"]
EN_SOURCES = ["officials said", "a police spokesman said", "local media reported"]


def article_text(index: int, rng: random.Random) -> tuple[str, str]:
    spanish = index % 2 == 0
    sentences = []
    for _ in range(rng.randint(5, 9)):
        if spanish:
            sentences.append(
                f"{rng.choice(ES_ACTORS)} {rng.choice(ES_VERBS)} {rng.choice(ES_TARGETS)} en {rng.choice(ES_PLACES)} "
                f"{rng.choice(ES_DAYS)}, {rng.choice(ES_SOURCES)}."
            )
            sentences.append(f"{rng.randint(1, 9)} personas murieron y {rng.randint(0, 9)} resultaron heridas.")
        else:
            sentences.append(
                f"{rng.choice(EN_ACTORS)} {rng.choice(EN_VERBS)} {rng.choice(EN_TARGETS)} in {rng.choice(EN_PLACES)} "
                f"{rng.choice(EN_DAYS)}, {rng.choice(EN_SOURCES)}."
            )
            sentences.append(f"{rng.randint(1, 9)} people were killed and {rng.randint(0, 9)} wounded.")
    note = f"(nota {index})" if spanish else f"(report {index})"
    return ("es" if spanish else "en"), " ".join(sentences) + " " + note


def demo_text(index: int) -> tuple[str, str]:
    """The bundled founding article (English news, ~1,000 words), made unique by a closing note."""
    from importlib import resources

    text = resources.files("sucesos.data.demo").joinpath("000_15070e05a1ecf802.txt").read_text(encoding="utf-8")
    return "en", f"{text}\n\n(report {index})"


def write_archive(folder: Path, n: int, per_partition: int, kind: str = "synthetic") -> tuple[int, int]:
    """Writes the archive; returns (characters, words) in all."""
    rng = random.Random(20261125)
    characters = words = 0
    for start in range(0, n, per_partition):
        with open(folder / f"part-{start // per_partition:05d}.jsonl", "w", encoding="utf-8") as handle:
            for index in range(start, min(n, start + per_partition)):
                lang, text = article_text(index, rng) if kind == "synthetic" else demo_text(index)
                characters += len(text)
                words += len(text.split())
                handle.write(json.dumps({"id": f"b{index}", "text": text, "lang": lang, "published": "2026-03-14"}, ensure_ascii=False) + "\n")
    return characters, words


def measure(workers: int, archive: Path, out: Path, n: int) -> dict:
    from distributed import Client, LocalCluster

    from sucesos.distributed.extract import distributed_extract
    from sucesos.distributed.worker import PipelineLoader, RunOptions, worker_stats

    options = RunOptions()
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR) as cluster,
        Client(cluster) as client,
    ):
        started = time.perf_counter()
        client.register_plugin(PipelineLoader(options), name=PipelineLoader.name)
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        summary = distributed_extract(client, [str(archive)], str(out), options)
        elapsed = time.perf_counter() - started
        stats = list(client.run(worker_stats).values())
    if not summary.complete or summary.articles != n:
        raise RuntimeError(f"run incomplete: {summary}")
    return {
        "workers": workers, "seconds": elapsed, "rate": n / elapsed, "load_seconds": loaded,
        "peak_rss_mb": max(s["peak_rss_mb"] for s in stats), "out_bytes": out.stat().st_size,
    }  # fmt: skip


def measure_store(archive: Path, db: Path) -> dict:
    """The driver's share of a distributed ingest: storing and linking precomputed extractions, in order."""
    from distributed import Client, LocalCluster

    from sucesos.distributed.ingest import PrecomputedPipeline
    from sucesos.distributed.partitions import find_partitions
    from sucesos.distributed.worker import PipelineLoader, RunOptions, analyse_partition
    from sucesos.ingest.batch import ingest_articles
    from sucesos.link.cluster import default_vectors
    from sucesos.store import open_store

    options = RunOptions()
    partitions = find_partitions([str(archive)])
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR) as cluster,
        Client(cluster) as client,
    ):
        client.register_plugin(PipelineLoader(options), name=PipelineLoader.name)
        results = client.gather(client.map(analyse_partition, partitions, options=options, pure=False))
    articles = events = 0
    with open_store(str(db)) as store:
        # Loads (the linker's sentence encoder) happen once per driver: untimed.
        ingest_articles(results[0].items, store, PrecomputedPipeline(results[0]))
        default_vectors().encoder.encode(["warm-up"])
        started = time.perf_counter()
        for result in results[1:]:
            report = ingest_articles(result.items, store, PrecomputedPipeline(result))
            articles += report.stored
            events += report.events
        elapsed = time.perf_counter() - started
    return {"articles": articles, "events": events, "seconds": elapsed, "db_bytes": db.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="articles")
    parser.add_argument("--per-partition", type=int, default=10, help="articles per JSONL partition")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, comma-separated")
    parser.add_argument("--rounds", type=int, default=2, help="rounds over the worker counts; the best of each is kept")
    parser.add_argument("--articles", choices=["synthetic", "demo"], default="synthetic", help="short synthetic ES/EN reports, or the founding article (long English news)")
    parser.add_argument("--store", action="store_true", help="also time the driver storing the extractions into SQLite (ingest)")
    args = parser.parse_args()
    counts = [int(c) for c in args.workers.split(",")]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        archive.mkdir()
        characters, words = write_archive(archive, args.n, args.per_partition, args.articles)
        print(
            f"{args.n} articles ({characters / args.n:.0f} characters, {words / args.n:.0f} words each on average)"
            f" in {-(-args.n // args.per_partition)} partitions"
        )
        best: dict[int, dict] = {}
        for round_number in range(args.rounds):
            for workers in counts:
                result = measure(workers, archive, Path(tmp) / f"out-{workers}-{round_number}.jsonl", args.n)
                print(
                    f"round {round_number + 1}: {workers} worker(s): {result['rate']:.1f} articles/s "
                    f"({result['seconds']:.1f} s; models loaded in {result['load_seconds']:.1f} s; peak {result['peak_rss_mb']:.0f} MB per worker)"
                )
                if workers not in best or result["rate"] > best[workers]["rate"]:
                    best[workers] = result
        outputs = {(Path(tmp) / f"out-{w}-0.jsonl").read_bytes() for w in counts}
        print(f"outputs identical across worker counts: {len(outputs) == 1}")
        if args.store:
            stored = measure_store(archive, Path(tmp) / "bench.db")
            print(
                f"driver storing (ingest_articles, SQLite, linking included): {stored['articles'] / stored['seconds']:.1f} articles/s, "
                f"{stored['events'] / stored['seconds']:.1f} events/s; database {stored['db_bytes'] / stored['articles'] / 1024:.1f} KiB per article"
            )
    for workers in counts:
        rate = best[workers]["rate"]
        print(f"best: {workers} worker(s): {rate:.1f} articles/s, {rate * words / args.n:.0f} words/s")
    print(f"extract output: {best[counts[0]]['out_bytes'] / args.n / 1024:.1f} KiB per article")
    top = max(counts)
    if 1 in best and top != 1:
        print(f"ratio {top} workers / 1 worker: {best[top]['rate'] / best[1]['rate']:.2f}x")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
