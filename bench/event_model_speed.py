"""What the event model adds to a full extraction: seconds per article, model step vs whole pipeline.

    OMP_NUM_THREADS=1 python bench/event_model_speed.py [--n 80] [--data ../shared/data]

Texts the shipped model was not trained on: Mexican news of CEGEOMEX (Spanish)
and PolNeAR dev (English). For each language, the full pipeline
(`Pipeline.extract_many`, model included) runs over the texts after a warm-up,
then the model step alone (lead, sentence encoding, logistic regression) over
the same texts; the share printed is model seconds / (pipeline seconds - model seconds), an upper
bound since the pipeline calls the model only for articles where the cues found events.
Single process, one BLAS thread.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def texts_of(path: Path, n: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            text = json.loads(line).get("text") or ""
            if len(text) > 200:
                texts.append(text)
            if len(texts) >= n:
                break
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=80)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from sucesos.events.classifier import encode, lead_text, model_for
    from sucesos.model import Article
    from sucesos.pipeline import Pipeline, Resources

    resources = Resources()
    pipeline = Pipeline(resources)
    model = model_for(resources)
    data = Path(args.data)
    for lang, path in (("es", data / "places" / "cegeomex-dev.jsonl"), ("en", data / "attribution" / "polnear-dev.jsonl")):
        texts = texts_of(path, args.n)
        articles = [Article(id=f"{lang}{i}", text=t, lang=lang) for i, t in enumerate(texts)]
        list(pipeline.extract_many(articles[:3]))  # warm-up: models, gazetteer, encoder
        started = time.perf_counter()
        list(pipeline.extract_many(articles))
        whole = time.perf_counter() - started
        started = time.perf_counter()
        for text in texts:
            model.probabilities(encode([lead_text(text)]))
        step = time.perf_counter() - started
        print(f"{lang}: {len(texts)} articles, pipeline {whole / len(texts) * 1000:.0f} ms/article, "
              f"event model {step / len(texts) * 1000:.1f} ms/article: adds at most {step / max(whole - step, 1e-9):.1%} "
              "to an extraction without it (the model runs only on articles with events; this times it on all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
