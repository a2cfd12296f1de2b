"""What place resolution adds to a full extraction.

    OMP_NUM_THREADS=1 python bench/places_cost.py [--n 40] [--data ../shared/data]

Runs the full default pipeline over the first N articles of CEGEOMEX
(Spanish, Mexican news) and of TR-News (English; its gold spans are dropped,
so places are detected as for any article) after a warm-up, timing the
`places` and `locate_events` components inside it. Reports CPU seconds
(time.process_time, so other processes on a shared machine do not skew
them) for the whole extraction and for those stages, and the stages' share
of the rest (the issue's budget: at most +10%).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path

from sucesos.model import Article
from sucesos.pipeline import Pipeline, Resources

ROOT = Path(__file__).resolve().parent.parent
SETS = {"es": "places/cegeomex-dev.jsonl", "en": "places/tr-news.jsonl"}
STAGES = ("places", "locate_events")


def _articles(path: Path, lang: str, n: int) -> list[Article]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows.append(Article(id=row["id"], text=row["text"], lang=row.get("lang") or lang))
            if len(rows) >= n:
                break
    return rows


def _timed(pipeline: Pipeline, names: tuple[str, ...], spent: list[float]) -> None:
    for k, component in enumerate(pipeline.components):
        if component.name in names:
            inner = component.func

            def timed(analysis, resources, inner=inner):
                started = time.process_time()
                try:
                    return inner(analysis, resources)
                finally:
                    spent.append(time.process_time() - started)

            pipeline.components[k] = dataclasses.replace(component, func=timed)


def run(pipeline: Pipeline, articles: list[Article], spent: list[float]) -> dict:
    list(pipeline.extract_many(articles[:3]))  # warm-up: models, gazetteer, colonia table (as a worker's warm_up does)
    spent.clear()
    started = time.process_time()
    list(pipeline.extract_many(articles))
    total = time.process_time() - started
    places = sum(spent)
    return {"articles": len(articles), "total_s": round(total, 2), "places_s": round(places, 2),
            "places_share_of_rest": round(places / (total - places), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = parser.parse_args()
    from sucesos.parallel import warm_up

    pipeline = Pipeline(Resources())
    warm_up(pipeline)  # what `extract --workers` does before the first article
    spent: list[float] = []
    _timed(pipeline, STAGES, spent)
    for lang, name in SETS.items():
        result = run(pipeline, _articles(Path(args.data) / name, lang, args.n), spent)
        print(json.dumps({"lang": lang, "set": name, **result}))  # the program's output


if __name__ == "__main__":
    main()
