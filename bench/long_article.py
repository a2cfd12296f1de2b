"""CPU time and peak memory of one long article, stage by stage.

    python bench/long_article.py --lang en --chars 999000 [--sep '\\n\\n'] [--data ../shared/data]

The article is real dev articles (PolNeAR dev for English, El Gráfico dev for
Spanish) joined end to end (`--sep ' '`: one paragraph, words joined by
spaces, as `bench/pipeline.py --lengths` builds them). It is parsed as
`Pipeline` parses it (`sucesos.nlp.chunks.parse_many`) and run through every
default component, bypassing the pipeline's length limit so that lengths past
it can be measured. CPU seconds (process time), not wall time: on a shared
machine wall time measures the neighbours. Time per word should stay flat as
the length grows.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from sucesos.frame import Analysis
from sucesos.model import Article
from sucesos.nlp.chunks import parse_many
from sucesos.parallel import warm_up
from sucesos.pipeline import Pipeline, Resources

ROOT = Path(__file__).resolve().parent.parent
SETS = {"en": "attribution/polnear-dev.jsonl", "es": "events/elgrafico-es-dev.jsonl"}


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def long_text(path: Path, chars: int, sep: str) -> str:
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    if sep == " ":
        texts = [" ".join(text.split()) for text in texts]
    parts: list[str] = []
    size = 0
    while size < chars:
        for text in texts:
            parts.append(text)
            size += len(text) + len(sep)
            if size >= chars:
                break
    return sep.join(parts)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(SETS), default="en")
    parser.add_argument("--chars", type=int, default=999_000)
    parser.add_argument("--sep", default="\\n\\n", help="between joined articles (escapes allowed); ' ' for one paragraph")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    sep = args.sep.encode().decode("unicode_escape")
    text = long_text(args.data / SETS[args.lang], args.chars, sep)
    words = len(text.split())
    pipeline = Pipeline(Resources())
    warm_up(pipeline, [args.lang])
    print(f"{args.lang}: {len(text):,} characters, {words:,} words; peak after loading {peak_mb():,} MB")
    started = time.process_time()
    doc = next(parse_many(pipeline.resources.nlp(args.lang), [text]))
    print(f"  {'parse':15s} {time.process_time() - started:7.1f} s CPU  peak {peak_mb():,} MB")
    values = {"article": Article(id="long", text=text, lang=args.lang), "text": text, "lang": args.lang, "doc": doc}
    for comp in pipeline.components:
        began = time.process_time()
        produced = comp.func(Analysis(values, declared=(*comp.requires, *comp.reads), component=comp.name), pipeline.resources)
        values = {**values, **produced}
        print(f"  {comp.name:15s} {time.process_time() - began:7.1f} s CPU  peak {peak_mb():,} MB")
    seconds = time.process_time() - started
    print(f"total {seconds:.1f} s CPU, {1000 * seconds / words:.3f} ms per word, peak {peak_mb():,} MB; "
          f"{len(values.get('events', []))} events, {len(values.get('claims', []))} claims")


if __name__ == "__main__":
    main()
