"""Per-article pipeline throughput, its ratio to a bare spaCy NER pass, workers, memory, time per word by length.

    python bench/pipeline.py [--n 60] [--data ../shared/data] [--lengths 1000,10000,50000]

Real texts: PolNeAR dev articles for English, El Gráfico crime-page
articles for Spanish (synthetic paragraphs only where the data folder is
absent). For each language, the full `Pipeline.extract_many` and the same
spaCy model with only the components NER needs run over the same texts,
alternating chunk by chunk (so load from other processes slows both alike),
after a warm-up that loads models, the gazetteer and every lazily loaded part
(`sucesos.parallel.warm_up`; load time reported apart). The ratio is
pipeline throughput / bare-NER throughput (1.0 = as fast as NER alone).
Then the same texts with 1 and 2 worker processes (`--workers`), and time
per word for articles of growing length (real articles joined end to end),
which should stay flat.

Peak memory is measured in a child process that loads only the pipeline
(both languages) and extracts the same texts: the bench process also holds
the bare-NER models, which a worker never loads.

`--disable parser --enable senter` (or more components) times the pipeline
with those spaCy components off, to show the ceiling of the ratio (its
extractions are then not the pipeline's; for the ceiling only).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy
from spacy.attrs import DEP, HEAD
from spacy.language import Language

from sucesos.model import Article
from sucesos.nlp.models import load_model
from sucesos.parallel import ParallelExtractor, warm_up
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


def dev_texts(path: Path, n: int) -> list[str]:
    texts: list[str] = []
    if path.is_file():
        with path.open(encoding="utf-8") as handle:
            for line, _ in zip(handle, range(n)):
                texts.append(json.loads(line)["text"])
    return texts


def english_texts(data: Path, n: int) -> tuple[list[str], str]:
    texts = dev_texts(data / "attribution" / "polnear-dev.jsonl", n)
    if texts:
        return texts, "PolNeAR dev (first articles)"
    rng = random.Random(2)
    return [english_article(i, rng) for i in range(n)], "synthetic"


def spanish_texts(data: Path, n: int) -> tuple[list[str], str]:
    texts = dev_texts(data / "events" / "elgrafico-es-dev.jsonl", n)
    if texts:
        return texts, "El Gráfico dev (first articles)"
    rng = random.Random(1)
    return [spanish_article(i, rng) for i in range(n)], "synthetic"


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
    warm_up(pipeline, [lang])  # loads models, gazetteer and every lazily loaded part
    loaded = pipeline.extract(Article(id="warm-up", text=texts[0], lang=lang))
    load_seconds = time.perf_counter() - started
    nlp = bare_ner(lang)
    list(nlp.pipe(texts[:2]))  # warm-up
    pipeline_seconds = ner_seconds = pipeline_cpu = ner_cpu = 0.0
    failures = int(bool(loaded.error))
    for first in range(0, len(texts), chunk):
        started, cpu = time.perf_counter(), time.process_time()
        results = list(pipeline.extract_many(articles[first : first + chunk]))
        pipeline_seconds += time.perf_counter() - started
        pipeline_cpu += time.process_time() - cpu
        failures += sum(1 for r in results if r.error)
        started, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts[first : first + chunk]):
            pass
        ner_seconds += time.perf_counter() - started
        ner_cpu += time.process_time() - cpu
    return {
        "lang": lang,
        "articles": len(texts),
        "words": words,
        "load_seconds": load_seconds,
        "pipeline_articles_per_s": len(texts) / pipeline_seconds,
        "pipeline_words_per_s": words / pipeline_seconds,
        "ner_words_per_s": words / ner_seconds,
        "ratio_to_ner": ner_seconds / pipeline_seconds,
        # this process's CPU time: on a shared machine wall time also measures the neighbours
        "cpu_ratio_to_ner": ner_cpu / pipeline_cpu,
        "failures": failures,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _cpu_seconds(who=resource.RUSAGE_SELF) -> float:
    """CPU seconds of this process (or of its reaped children)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure_workers(lang: str, texts: list[str], pipeline: Pipeline, workers: int) -> tuple[float, float]:
    """(articles per second, CPU seconds of every process) over `texts` with `workers` processes (models already loaded).

    The CPU seconds do not depend on the machine's load: 2 workers can be at
    most (2 x one worker's CPU seconds / their own) times faster on 2 idle cores.
    Timed once the pool is up (the parent's warm-up before the fork is a
    one-off, which a day's thousands of reports do not feel).
    """
    articles = [Article(id=f"{lang}-w{i}", text=text, lang=lang) for i, text in enumerate(texts)]
    children = _cpu_seconds(resource.RUSAGE_CHILDREN)
    with ParallelExtractor(pipeline, workers, task_size=max(1, len(texts) // (4 * workers))) as extractor:
        started, own = time.perf_counter(), _cpu_seconds()
        results = list(extractor.extract_many(articles))
        seconds, own = time.perf_counter() - started, _cpu_seconds() - own
    assert len(results) == len(articles)
    return len(articles) / seconds, own + _cpu_seconds(resource.RUSAGE_CHILDREN) - children


def measure_lengths(lang: str, texts: list[str], pipeline: Pipeline, lengths: list[int]) -> list[dict]:
    """Milliseconds per word for one article of each length (real articles joined)."""
    rows = []
    for length in lengths:
        words: list[str] = []
        while len(words) < length:
            for text in texts:
                words.extend(text.split())
                if len(words) >= length:
                    break
        text = " ".join(words[:length])
        started, cpu = time.perf_counter(), time.process_time()
        result = pipeline.extract(Article(id=f"{lang}-long-{length}", text=text, lang=lang))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        # CPU time too: on a shared machine wall time also measures the neighbours
        rows.append({"lang": lang, "words": length, "seconds": seconds, "ms_per_word": 1000 * seconds / length,
                     "cpu_ms_per_word": 1000 * cpu / length, "failed": bool(result.error)})
    return rows


def pipeline_peak_mb(data: Path, n: int, disable: list[str], enable: list[str]) -> float:
    """Peak RSS (MB) of a process holding only the pipeline: both languages warmed up, then the texts extracted."""
    args = [sys.executable, __file__, "--peak-only", "--n", str(n), "--data", str(data)]
    if disable:
        args += ["--disable", ",".join(disable)]
    if enable:
        args += ["--enable", ",".join(enable)]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


@Language.component("bench_flat_parse")
def flat_parse(doc):
    """Every token of a sentence attached to its first: a dependency tree at almost no cost,
    so that with the parser off the stages run (spaCy crashes reading `children`
    of a Doc that has sentence starts but no heads)."""
    heads = numpy.zeros((len(doc), 2), dtype="uint64")
    dep = doc.vocab.strings.add("dep")
    for sent in doc.sents:
        for token in sent[1:]:
            heads[token.i] = ((sent.start - token.i) % (1 << 64), dep)
        heads[sent.start, 1] = doc.vocab.strings.add("ROOT")
    doc.from_array([HEAD, DEP], heads)
    return doc


def configure(pipeline: Pipeline, disable: list[str], enable: list[str]) -> None:
    """Turn the named spaCy components off (and on) in both languages' models;
    with the parser off, `bench_flat_parse` gives each sentence a flat tree."""
    for lang in ("en", "es"):
        nlp = pipeline.resources.nlp(lang)
        for name in enable:
            if name in nlp.disabled:
                nlp.enable_pipe(name)
        for name in disable:
            if name in nlp.pipe_names:
                nlp.disable_pipe(name)
        if "parser" in disable and "bench_flat_parse" not in nlp.pipe_names:
            nlp.add_pipe("bench_flat_parse", before="ner")


def peak_only(args, disable: list[str], enable: list[str]) -> None:
    pipeline = Pipeline(Resources())
    configure(pipeline, disable, enable)
    warm_up(pipeline, ["en", "es"])
    for lang, (texts, _) in (("en", english_texts(args.data, args.n)), ("es", spanish_texts(args.data, args.n))):
        list(pipeline.extract_many(Article(id=f"{lang}-{i}", text=text, lang=lang) for i, text in enumerate(texts)))
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child would report its parent's peak
    with open("/proc/self/status", encoding="ascii") as status:
        peak_kb = next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), None)
    print((peak_kb or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60, help="articles per language")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="shared dev data folder")
    parser.add_argument("--lengths", default="1000,10000,50000", help="article lengths (words) for time per word; '' to skip")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    parser.add_argument("--disable", default="", help="spaCy components to turn off (e.g. parser): the ratio's ceiling")
    parser.add_argument("--enable", default="", help="spaCy components to turn on (e.g. senter, for sentences without the parser)")
    parser.add_argument("--no-workers", action="store_true", help="skip the 1 vs 2 workers figures")
    parser.add_argument("--workers-only", action="store_true", help="only the 1 vs 2 workers figures (with the load average)")
    parser.add_argument("--rounds", type=int, default=1, help="1-then-2-worker rounds, alternated; the median speed-up is printed")
    parser.add_argument("--peak-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    disable = [x for x in args.disable.split(",") if x]
    enable = [x for x in args.enable.split(",") if x]
    if args.peak_only:
        peak_only(args, disable, enable)
        return
    en_texts, en_origin = english_texts(args.data, args.n)
    es_texts, es_origin = spanish_texts(args.data, args.n)
    pipeline = Pipeline(Resources())
    configure(pipeline, disable, enable)
    if disable or enable:
        print(f"spaCy components off: {', '.join(disable) or '-'}; on: {', '.join(enable) or '-'} (the ratio's ceiling, not the pipeline's output)")
    print(f"texts: en {en_origin}; es {es_origin}")
    if args.workers_only:
        warm_up(pipeline, ["en", "es"])
    rows = [] if args.workers_only else [measure("en", en_texts, pipeline), measure("es", es_texts, pipeline)]
    for row in rows:
        print(
            f"{row['lang']}: {row['articles']} articles, {row['words']:,} words | "
            f"pipeline {row['pipeline_articles_per_s']:.2f} articles/s, {row['pipeline_words_per_s']:,.0f} words/s | "
            f"bare spaCy NER {row['ner_words_per_s']:,.0f} words/s | "
            f"pipeline/NER throughput ratio {row['ratio_to_ner']:.2f} (CPU time: {row['cpu_ratio_to_ner']:.2f}) | "
            f"first-article load {row['load_seconds']:.1f} s | failures {row['failures']}"
        )
    peak = None if args.workers_only else pipeline_peak_mb(args.data, args.n, disable, enable)
    if peak is not None:
        print(f"peak memory (RSS, one process holding the pipeline, both languages, these texts extracted): {peak:,.0f} MB")
    figures = {"single_process": rows, "peak_rss_mb": peak, "workers": [], "lengths": []}
    for lang, texts in (("en", en_texts), ("es", es_texts)) if not args.no_workers else ():
        load_before = os.getloadavg()[0]
        rounds = []
        for _ in range(max(1, args.rounds)):  # alternated, so a change in load hits both alike
            (one, cpu_one), (two, cpu_two) = measure_workers(lang, texts, pipeline, 1), measure_workers(lang, texts, pipeline, 2)
            rounds.append((one, two, cpu_one, cpu_two))
        one, two, cpu_one, cpu_two = sorted(rounds, key=lambda r: r[1] / r[0])[len(rounds) // 2]
        load = (load_before, os.getloadavg()[0])
        figures["workers"].append({"lang": lang, "one_worker_articles_per_s": one, "two_workers_articles_per_s": two, "speed_up": two / one,
                                   "rounds": [r[1] / r[0] for r in rounds], "load_average_1min": load,
                                   "cpu_seconds_one_two": [cpu_one, cpu_two], "idle_bound_speed_up": 2 * cpu_one / cpu_two})
        print(f"{lang}: 1 worker {one:.2f} articles/s, 2 workers {two:.2f} articles/s, speed-up {two / one:.2f}x"
              + (f" (median of {len(rounds)}: " + ", ".join(f"{r[1] / r[0]:.2f}" for r in rounds) + ")" if len(rounds) > 1 else "")
              + f"; 1-min load average {load[0]:.2f} before, {load[1]:.2f} after (2 cores: above ~0.3 others are running); "
              f"CPU seconds, all processes: {cpu_one:.1f} with 1, {cpu_two:.1f} with 2, so at most {2 * cpu_one / cpu_two:.2f}x on 2 idle cores")
    lengths = [int(x) for x in args.lengths.split(",") if x.strip()]
    for lang, texts in (("en", en_texts), ("es", es_texts)):
        for row in measure_lengths(lang, texts, pipeline, lengths):
            figures["lengths"].append(row)
            print(f"{lang}: one article of {row['words']:,} words: {row['seconds']:.1f} s, {row['ms_per_word']:.2f} ms/word, "
                  f"{row['cpu_ms_per_word']:.2f} CPU ms/word" + (" (failed)" if row["failed"] else ""))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
