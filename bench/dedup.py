"""De-duplication cost: rebuild all links, and link one new article, on synthetic stores.

    python bench/dedup.py build  --n 100000 --db /tmp/dedup-100k.db     # make a store (not timed)
    python bench/dedup.py rebuild --db /tmp/dedup-100k.db [--no-encoder]  # time + peak memory of `recluster`
    python bench/dedup.py incremental --db /tmp/dedup-1m.db --articles 200  # median ms per `link_article`
    python bench/dedup.py all --sizes 100000 1000000                      # all of the above, one process each

Synthetic reports mimic the layout the matcher sees, at a constant density
whatever N: towns (N/1000 of them, 50 to a country, 8 regions to a
country, about 0.9 events per town per day over one year), events with
1-6 reports each from a pool of outlets in English and Spanish, a few
reports only precise to a region or a country, some week- or month-precise
dates, conflicting tolls, named actors on some. Each `rebuild` runs in a
fresh process so its peak RSS is its own; it also prints pairwise precision
and recall against the generator's truth (a sanity check, not a quality
measure: real text is harder).

Measured 2026-11-25 on the shared 2-core, 24 GB machine (other jobs running;
load average 2-9, so wall times are noisy; CPU seconds are steadier):

| run | wall s | CPU s | peak RSS |
|---|---|---|---|
| rebuild 100k, no encoder | 27.6 | 23.5 | 332 MB |
| rebuild 1M, no encoder | 308.9 | 263.6 | 2.9 GB (11.2x the 100k run) |
| rebuild 100k, encoder across languages | 176.6 | 176.5 | 663 MB |
| link one article, 1M store, encoder | median 24.7 ms (CPU 12.4), p95 75 ms | | |
| link one article, 1M store, no encoder | median 11.7 ms (CPU 5.8), p95 40 ms | | |
| link one article, 100k store, encoder | median 14.6 ms, p95 44 ms | | |

Pairwise precision/recall on the synthetic truth: 0.85/0.81 at both 100k
and 1M without the encoder; at 10k, 0.87/0.82 without and 0.87/0.99 with it.

Re-measured 2026-12-02 (20k reports, seed 1): 0.589/0.923 without the
encoder, 0.388/0.929 with it. The drop dates from the fitted pair score
(sucesos/data/link_pair_score.json, merged at 4b06eb8; the hand weights
before it gave 0.805/0.896 on the same store). Here distinct events share a
town, a day and often a sub-type (0.9 events a town a day), every report is
one templated sentence, and the only victim difference is a phrase ("a taxi
driver" / "three young men") no feature reads: same town + same day + same
sub-type + the fitted cross-language weight is a match on structure alone,
and the encoder scores templated sentences as one story. Real near-miss pairs
(two killings in one city on one night, EN and ES, told as news) stay apart in
the dedup sets and in a check of two such reports through `sucesos ingest`;
this figure is a warning about dense same-town days, not a measure of real
precision.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sucesos.model import Article, Event, Extraction, Span
from sucesos.store import open_store

REPORTS_PER_EVENT = (1, 1, 2, 2, 3, 3, 4, 6)  # mean 2.75
TYPES = [
    ("Violence against civilians", "Attack", "Civilians"),
    ("Battles", "Armed clash", "Political militia"),
    ("Explosions/Remote violence", "Air/drone strike", "Civilians"),
    ("Violence against civilians", "Abduction/forced disappearance", "Civilians"),
    ("Protests", "Peaceful protest", None),
]
GROUPS = ["CJNG: Jalisco New Generation Cartel", "Sinaloa Cartel", "Carteles Unidos", "La Familia Michoacana", "Gulf Cartel", "Los Viagras"]
VICTIMS_EN = ["a taxi driver", "two police officers", "a shopkeeper", "three young men", "a family", "a teacher", "soldiers", "farmers"]
VICTIMS_ES = ["un taxista", "dos policías", "un comerciante", "tres jóvenes", "una familia", "un maestro", "militares", "campesinos"]
SPOTS_EN = ["at a gas station", "near the market", "on the highway", "outside a school", "in the town centre", "at a ranch"]
SPOTS_ES = ["en una gasolinera", "cerca del mercado", "en la carretera", "afuera de una escuela", "en el centro", "en un rancho"]
TACTICS = ["firearms", "armed drone", "arson", "landmine/IED", "ambush"]
START = dt.date(2024, 1, 1).toordinal()


def towns_for(n_reports: int, rng: random.Random) -> list[dict]:
    towns = []
    for t in range(max(10, n_reports // 1000)):
        country = t // 50
        # Towns on a jittered 0.7-degree grid: one or two in each 3x3 cell neighbourhood, as in a real region.
        row, col = divmod(t % 50, 10)
        towns.append(
            {
                "location": f"Town {t}",
                "country": f"Country {country}",
                "iso3": f"C{country:02d}",
                "admin1": f"Region {country}-{(t % 50) // 7}",
                "latitude": 15.0 + row * 0.7 + rng.uniform(-0.1, 0.1),
                "longitude": -170.0 + (country * 11 + col) * 0.7 + rng.uniform(-0.1, 0.1),
            }
        )
    return towns


def synthetic_reports(n_reports: int, seed: int = 1):
    """Yield (event number, article dict, [event dicts]) until n_reports reports are made."""
    rng = random.Random(seed)
    towns = towns_for(n_reports, rng)
    made, event_no, article_no = 0, 0, 0
    while made < n_reports:
        town = rng.choice(towns)
        event_type, sub_type, inter2 = rng.choice(TYPES)
        day = START + rng.randrange(365)
        fatalities = rng.choice([0, 0, 1, 1, 1, 2, 3, 5, 8])
        victim = rng.randrange(len(VICTIMS_EN))
        spot = rng.randrange(len(SPOTS_EN))
        named = rng.sample(GROUPS, 2) if rng.random() < 0.3 else None
        tactic = rng.choice(TACTICS)
        for _ in range(min(rng.choice(REPORTS_PER_EVENT), n_reports - made)):
            lang = rng.choice(["en", "es"])
            town_name = town["location"]
            when = dt.date.fromordinal(day).isoformat()
            if lang == "en":
                sentence = f"Gunmen killed {VICTIMS_EN[victim]} {SPOTS_EN[spot]} in {town_name} on {when}, leaving {fatalities} dead."
            else:
                sentence = f"Hombres armados atacaron a {VICTIMS_ES[victim]} {SPOTS_ES[spot]} en {town_name} el {when}; hubo {fatalities} muertos."
            text = f"{sentence} Authorities opened an investigation. Nota {article_no}."
            precision_roll = rng.random()
            place = dict(town, geo_precision=1)
            if precision_roll < 0.05:
                place = {k: town[k] for k in ("country", "iso3", "admin1")} | {"geo_precision": 3, "location": town["admin1"]}
            elif precision_roll < 0.07:
                place = {k: town[k] for k in ("country", "iso3")} | {"geo_precision": 3, "location": town["country"]}
            date_roll = rng.random()
            event_date, time_precision = when, 1
            if date_roll < 0.05:
                event_date, time_precision = dt.date.fromordinal(day - day % 7 + 3).isoformat(), 2
            elif date_roll < 0.08:
                event_date, time_precision = dt.date.fromordinal(day).replace(day=15).isoformat(), 3
            reported = fatalities + (1 if rng.random() < 0.1 else 0)
            event = {
                "event_type": event_type, "sub_event_type": sub_type,
                "actor1": named[0] if named and rng.random() < 0.8 else "Unidentified Armed Group",
                "actor2": named[1] if named and event_type == "Battles" else None, "inter2": inter2,
                **place, "event_date": event_date, "time_precision": time_precision,
                "fatalities": reported, "tactics": [tactic] if rng.random() < 0.7 else [],
                "modality": "asserted", "confidence": 0.8, "sentence": (0, len(sentence)),
            }  # fmt: skip
            article = {
                "id": f"syn-{article_no}", "text": text, "lang": lang, "outlet": f"Outlet {rng.randrange(200)}",
                "published": dt.date.fromordinal(day + rng.randrange(3)).isoformat(), "url": f"https://news.example/{article_no}",
            }  # fmt: skip
            article_no += 1
            made += 1
            yield event_no, article, [event]
        event_no += 1


EVENT_COLUMNS = (
    "event_type", "sub_event_type", "actor1", "actor2", "inter2", "country", "iso3", "admin1", "location",
    "latitude", "longitude", "geo_precision", "event_date", "time_precision", "fatalities", "modality", "confidence",
)  # fmt: skip


def build(n_reports: int, db: str, seed: int = 1) -> None:
    """Bulk-load a synthetic store (straight SQL: the bench measures linking, not saving)."""
    from sucesos.model import content_hash

    Path(db).unlink(missing_ok=True)
    truth = []
    with open_store(db) as store:
        conn = store.conn
        conn.execute("BEGIN")
        articles, events = [], []
        for i, (event_no, article, reports) in enumerate(synthetic_reports(n_reports, seed)):
            ingested = f"2025-01-01T00:00:00+00:00#{i:09d}"  # keeps first-seen order
            articles.append((article["id"], content_hash(article["text"]), article["text"], article["url"], article["outlet"], article["text"][:40],
                             article["published"], article["lang"], ingested, ingested, "extracted"))  # fmt: skip
            for idx, event in enumerate(reports):
                events.append((article["id"], idx, *(event.get(c) for c in EVENT_COLUMNS), json.dumps(event["tactics"]), *event["sentence"]))
                truth.append(event_no)
            if len(articles) >= 20_000:
                _flush(conn, articles, events)
        _flush(conn, articles, events)
        conn.execute("COMMIT")
    Path(db + ".truth.json").write_text(json.dumps(truth))


def _flush(conn, articles, events):
    conn.executemany(
        "INSERT INTO articles (id, content_hash, text, url, outlet, title, published, lang, ingested_at, retrieved_at, status)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        articles,
    )
    conn.executemany(
        f"INSERT INTO reports (article_id, idx, {', '.join(EVENT_COLUMNS)}, tactics, sentence_start, sentence_end)"  # noqa: S608
        f" VALUES (?, ?, {', '.join('?' * len(EVENT_COLUMNS))}, ?, ?, ?)",
        events,
    )
    articles.clear()
    events.clear()


def rebuild(db: str, *, encoder: bool = True) -> dict:
    from sucesos.link.cluster import recluster
    from sucesos.link.text import SentenceVectors, sentence_encoder

    with open_store(db) as store:
        vectors = SentenceVectors(sentence_encoder() if encoder else None)
        started, cpu_started = time.perf_counter(), time.process_time()
        counts = recluster(store, vectors=vectors)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        quality = pairwise_quality(store, db)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"reports": counts["reports"], "events": counts["events"], "seconds": round(seconds, 1), "cpu_seconds": round(cpu_seconds, 1), "peak_rss_mb": round(peak_mb), "encoder": encoder, **quality}


def pairwise_quality(store, db: str) -> dict:
    truth_path = Path(db + ".truth.json")
    if not truth_path.exists():
        return {}
    truth = json.loads(truth_path.read_text())
    from collections import Counter

    rows = store.conn.execute("SELECT e.id, l.event_id FROM reports e JOIN report_links l ON l.report_id = e.id ORDER BY e.id").fetchall()
    predicted = [row[1] for row in rows]
    if len(predicted) != len(truth):
        return {}
    both = Counter(zip(truth, predicted))
    pairs = lambda counter: sum(c * (c - 1) // 2 for c in counter.values())  # noqa: E731
    true_pairs, predicted_pairs, agreed = pairs(Counter(truth)), pairs(Counter(predicted)), pairs(both)
    return {
        "true_events": len(set(truth)),
        "pair_precision": round(agreed / predicted_pairs, 3) if predicted_pairs else None,
        "pair_recall": round(agreed / true_pairs, 3) if true_pairs else None,
    }


def incremental(db: str, n_articles: int, *, encoder: bool = True, seed: int = 99) -> dict:
    """Save new articles (half retelling events already stored) and time `link_article` for each."""
    from sucesos.link.cluster import link_article, link_pending
    from sucesos.link.text import SentenceVectors, sentence_encoder

    rng = random.Random(seed)
    timings, cpu_timings = [], []
    with open_store(db) as store:
        link_pending(store)  # a store built by `build` is linked by `rebuild`; make sure
        vectors = SentenceVectors(sentence_encoder() if encoder else None)
        total = store.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        rows = store.conn.execute(
            "SELECT e.*, a.text, a.lang FROM reports e JOIN articles a ON a.id = e.article_id WHERE e.id IN (%s)"  # noqa: S608
            % ",".join(str(rng.randrange(1, total + 1)) for _ in range(n_articles))
        ).fetchall()
        for i, row in enumerate(rows):
            text = row["text"] if i % 2 == 0 else f"Retold: {row['text']}"
            sentence = text[: text.index(".") + 1]
            event = Event(
                **{c: row[c] for c in EVENT_COLUMNS if c not in ("modality", "confidence")},
                modality="asserted", confidence=0.8, tactics=json.loads(row["tactics"]),
                sentence=Span.of(text, 0, len(sentence)),
            )  # fmt: skip
            if i % 2:  # a different event in the same town and day: new victims and toll
                event.fatalities = (event.fatalities or 0) + 5
            article = Article(id=f"new-{seed}-{i}", text=f"{text} Update {i}.", lang=row["lang"], outlet=f"Outlet {rng.randrange(200)}", published=row["event_date"])
            store.save(article, Extraction(id=article.id, lang=row["lang"], events=[event], pipeline_version="bench", content_hash=article.content_hash))
            started, cpu_started = time.perf_counter(), time.process_time()
            link_article(store, article.id, vectors=vectors)
            timings.append((time.perf_counter() - started) * 1000)
            cpu_timings.append((time.process_time() - cpu_started) * 1000)
        stored = store.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    timings.sort()
    return {
        "store_reports": stored,
        "articles": len(timings),
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "max_ms": round(timings[-1], 2),
        "median_cpu_ms": round(statistics.median(cpu_timings), 2),
        "encoder": encoder,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["build", "rebuild", "incremental", "all"])
    parser.add_argument("--n", type=int, default=100_000, help="build: number of reports")
    parser.add_argument("--db", default="/tmp/dedup-bench.db", help="the SQLite file to build or use")
    parser.add_argument("--articles", type=int, default=200, help="incremental: articles to add")
    parser.add_argument("--no-encoder", action="store_true", help="leave the sentence encoder out (rapidfuzz within a language only)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="all: store sizes")
    args = parser.parse_args()
    if args.what == "build":
        started = time.perf_counter()
        build(args.n, args.db)
        print(json.dumps({"built": args.db, "reports": args.n, "seconds": round(time.perf_counter() - started, 1)}))
    elif args.what == "rebuild":
        print(json.dumps(rebuild(args.db, encoder=not args.no_encoder)))
    elif args.what == "incremental":
        # A different seed per run: the same articles again would be "unchanged" and cost nothing.
        print(json.dumps(incremental(args.db, args.articles, encoder=not args.no_encoder, seed=int(time.time()))))
    else:
        for size in args.sizes:
            db = f"/tmp/dedup-{size}.db"
            extra = ["--no-encoder"] if args.no_encoder else []
            for step in (["build", "--n", str(size)], ["rebuild", *extra], ["incremental", "--articles", str(args.articles), *extra]):
                subprocess.run([sys.executable, __file__, *step, "--db", db], check=True)


if __name__ == "__main__":
    main()
