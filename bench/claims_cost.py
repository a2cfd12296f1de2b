"""What the claims stage (rules and the span model) adds to a full extraction.

    OMP_NUM_THREADS=1 python bench/claims_cost.py [--n 40] [--data ../shared/data]

Runs the full default pipeline over the first N PolNeAR dev articles
(English news; synthetic Spanish paragraphs are not needed: the span model is
English only) after a warm-up, timing the `claims` component itself inside
it, and again with the span model switched off. Reports seconds for the whole
extraction, for the claims stage, and the claims stage's share of the rest
(the issue's budget: at most +20%). Times are CPU seconds of this process
(time.process_time), so load from other processes on a shared machine does not skew them.
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


def _articles(data: Path, n: int) -> list[Article]:
    rows = []
    with (data / "attribution" / "polnear-dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows.append(Article(id=row["id"], text=row["text"], lang="en"))
            if len(rows) >= n:
                break
    return rows


def _timed(pipeline: Pipeline, name: str, spent: list[float]) -> None:
    for k, component in enumerate(pipeline.components):
        if component.name == name:
            inner = component.func

            def timed(analysis, resources, inner=inner):
                started = time.process_time()
                try:
                    return inner(analysis, resources)
                finally:
                    spent.append(time.process_time() - started)

            pipeline.components[k] = dataclasses.replace(component, func=timed)


def run(articles: list[Article], span_model: bool) -> dict:
    import sucesos.claims.component as claims_component

    resources = Resources()
    if not span_model:
        resources.cached("claims.span_model", lambda: None)  # the rules alone
    pipeline = Pipeline(resources)
    spent: list[float] = []
    _timed(pipeline, "claims", spent)
    list(pipeline.extract_many(articles[:3]))  # warm-up: models, gazetteer
    spent.clear()
    started = time.process_time()
    list(pipeline.extract_many(articles))
    total = time.process_time() - started
    claims = sum(spent)
    _ = claims_component
    return {"span_model": span_model, "articles": len(articles), "total_s": round(total, 2), "claims_s": round(claims, 2),
            "claims_share_of_rest": round(claims / (total - claims), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = parser.parse_args()
    articles = _articles(Path(args.data), args.n)
    for span_model in (False, True):
        print(json.dumps(run(articles, span_model)))


if __name__ == "__main__":
    main()
