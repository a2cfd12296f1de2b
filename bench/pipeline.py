"""Per-article pipeline throughput, its ratio to a bare spaCy NER pass, and peak memory.

    python bench/pipeline.py [--n 60] [--data ../shared/data]

English texts: the first news articles of the dev sets (PolNeAR dev,
TR-News), or synthetic ones when the data folder is absent; Spanish texts:
synthetic crime-news paragraphs (the dev sets have no Spanish). For each
language, the full `Pipeline.extract_many` and the same spaCy model with
only the components NER needs run over the same texts, alternating chunk by
chunk (so load from other processes slows both alike), after a warm-up that
loads models and the gazetteer (load time reported apart). Single process.
The ratio is pipeline throughput / bare-NER throughput (1.0 = as fast as NER
alone).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

from sucesos.model import Article
from sucesos.nlp.models import load_model
from sucesos.pipeline import Pipeline, Resources

ROOT = Path(__file__).resolve().parent.parent

ES_PLACES = ["Uruapan, Michoacán", "Aguililla", "Culiacán, Sinaloa", "Reynosa, Tamaulipas", "Celaya, Guanajuato",
             "Acapulco, Guerrero", "Tumaco, Nariño", "Suárez, Cauca"]
ES_ACTORS = ["Hombres armados", "Presuntos integrantes del CJNG", "Un grupo armado", "Integrantes de una célula delictiva",
             "Disidencias de las FARC"]
ES_VERBS = ["atacaron a", "emboscaron a", "se enfrentaron con", "dispararon contra"]
ES_TARGETS = ["policías municipales", "una patrulla estatal", "pobladores de la comunidad", "elementos del Ejército"]
ES_DAYS = ["el pasado lunes", "el martes por la noche", "la madrugada del viernes", "hace dos días"]
ES_SOURCES = ["informó la fiscalía estatal", "dijo un vocero de la Secretaría de Seguridad",
              "según medios locales", "de acuerdo con vecinos de la zona"]
EN_PLACES = ["Mosul", "Kandahar", "Culiacan, Sinaloa", "Maiduguri", "Goma", "Aleppo"]
EN_ACTORS = ["Gunmen", "Suspected militants", "Security forces", "An armed group", "Protesters"]
EN_VERBS = ["attacked", "ambushed", "clashed with", "fired on"]
EN_TARGETS = ["a police checkpoint", "villagers", "an army patrol", "a convoy"]


def spanish_article(index: int, rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(5, 9)):
        sentences.append(
            f"{rng.choice(ES_ACTORS)} {rng.choice(ES_VERBS)} {rng.choice(ES_TARGETS)} en {rng.choice(ES_PLACES)} "
            f"{rng.choice(ES_DAYS)}, {rng.choice(ES_SOURCES)}."
        )
        sentences.append(
            f"{rng.randint(1, 9)} personas murieron y {rng.randint(0, 9)} resultaron heridas; "
            "las autoridades desplegaron un operativo en la zona."
        )
    return " ".join(sentences) + f" (nota {index})"


def english_article(index: int, rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(5, 9)):
        sentences.append(
            f"{rng.choice(EN_ACTORS)} {rng.choice(EN_VERBS)} {rng.choice(EN_TARGETS)} near {rng.choice(EN_PLACES)} on Tuesday, "
            "officials said."
        )
        sentences.append(f"At least {rng.randint(1, 9)} people were killed and {rng.randint(0, 9)} wounded, police told reporters.")
    return " ".join(sentences) + f" (report {index})"


def english_texts(data: Path, n: int) -> tuple[list[str], str]:
    files = [data / "attribution" / "polnear-dev.jsonl", data / "places" / "tr-news.jsonl"]
    texts: list[str] = []
    if all(path.is_file() for path in files):
        per_file = (n + 1) // 2
        for path in files:
            with path.open(encoding="utf-8") as handle:
                for line, _ in zip(handle, range(per_file)):
                    texts.append(json.loads(line)["text"])
        return texts[:n], "dev sets (PolNeAR dev + TR-News, first articles)"
    rng = random.Random(2)
    return [english_article(i, rng) for i in range(n)], "synthetic"


def bare_ner(lang: str):
    """The model with only NER and what its features come from."""
    nlp = load_model(lang)
    keep = {"ner"}
    if "tok2vec" in nlp.pipe_names and "ner" in getattr(nlp.get_pipe("tok2vec"), "listening_components", []):
        keep.add("tok2vec")
    nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in keep])
    return nlp


def measure(lang: str, texts: list[str], pipeline: Pipeline, *, chunk: int = 10) -> dict:
    """Time the pipeline and bare NER chunk by chunk, alternating, so a
    machine whose load changes during the run slows both alike."""
    words = sum(len(text.split()) for text in texts)
    articles = [Article(id=f"{lang}-{i}", text=text, lang=lang) for i, text in enumerate(texts)]
    started = time.perf_counter()
    loaded = pipeline.extract(Article(id="warm-up", text=texts[0], lang=lang))  # loads models, gazetteer
    load_seconds = time.perf_counter() - started
    nlp = bare_ner(lang)
    list(nlp.pipe(texts[:2]))  # warm-up
    pipeline_seconds = ner_seconds = 0.0
    failures = int(bool(loaded.error))
    for first in range(0, len(texts), chunk):
        started = time.perf_counter()
        results = list(pipeline.extract_many(articles[first : first + chunk]))
        pipeline_seconds += time.perf_counter() - started
        failures += sum(1 for r in results if r.error)
        started = time.perf_counter()
        for _ in nlp.pipe(texts[first : first + chunk]):
            pass
        ner_seconds += time.perf_counter() - started
    return {
        "lang": lang,
        "articles": len(texts),
        "words": words,
        "load_seconds": load_seconds,
        "pipeline_articles_per_s": len(texts) / pipeline_seconds,
        "pipeline_words_per_s": words / pipeline_seconds,
        "ner_words_per_s": words / ner_seconds,
        "ratio_to_ner": ner_seconds / pipeline_seconds,
        "failures": failures,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60, help="articles per language")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="shared dev data folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = parser.parse_args()
    en_texts, en_origin = english_texts(args.data, args.n)
    rng = random.Random(1)
    es_texts = [spanish_article(i, rng) for i in range(args.n)]
    pipeline = Pipeline(Resources())
    rows = [measure("en", en_texts, pipeline), measure("es", es_texts, pipeline)]
    print(f"texts: en {en_origin}; es synthetic crime-news paragraphs")
    for row in rows:
        print(
            f"{row['lang']}: {row['articles']} articles, {row['words']:,} words | "
            f"pipeline {row['pipeline_articles_per_s']:.2f} articles/s, {row['pipeline_words_per_s']:,.0f} words/s | "
            f"bare spaCy NER {row['ner_words_per_s']:,.0f} words/s | "
            f"pipeline/NER throughput ratio {row['ratio_to_ner']:.2f} | "
            f"first-article load {row['load_seconds']:.1f} s | failures {row['failures']}"
        )
    print(f"peak memory (RSS, both languages loaded): {rows[-1]['peak_rss_mb']:,.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
