"""`--workers N`: the same output, in the same order, with the same error reports, on N processes."""

from __future__ import annotations

import json
import os

from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.model import Article, Extraction
from sucesos.parallel import ParallelExtractor, extract_parallel

runner = CliRunner()

TEXTS = [
    "Hombres armados asesinaron a dos policías municipales en Uruapan, Michoacán, el lunes, informó la Fiscalía.",
    "Gunmen killed three people at a bar in Celaya, Guanajuato, on Saturday, police said.",
    "Localizan el cuerpo de un hombre con huellas de violencia en un camino de terracería de Cajeme, Sonora.",
    "About 80 firefighters protested in Tijuana on Tuesday demanding better pay.",
]


def test_cli_extract_with_two_workers_writes_what_one_worker_writes(tmp_path):
    records = [{"id": f"r{i}", "text": TEXTS[i % len(TEXTS)] + f" Nota {i}."} for i in range(10)]
    records.insert(3, {"id": "empty", "text": "   "})  # a failure keeps its place in the output
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    outputs = {}
    for workers in (1, 2):
        out = tmp_path / f"out{workers}.jsonl"
        result = runner.invoke(app, ["extract", str(source), "--workers", str(workers), "--out", str(out)])
        assert result.exit_code == 1, result.output  # the empty record is reported, the rest extracted
        outputs[workers] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert outputs[1] == outputs[2]
    assert [line["id"] for line in outputs[2]] == [r["id"] for r in records]
    assert outputs[2][3]["error"] and not outputs[2][0]["error"]
    assert any(line["events"] for line in outputs[2])


class DiesOnBoom:
    """A pipeline whose worker process is killed by one article (as the kernel's OOM killer would)."""

    def extract(self, article):
        return Extraction(id=article.id, lang="es", pipeline_version="t", content_hash="h")

    def extract_many(self, articles, batch_size=32):
        for article in articles:
            if article.id == "boom":
                os._exit(137)
            yield self.extract(article)


def test_a_worker_that_dies_costs_only_its_batch_and_the_run_goes_on():
    articles = [Article(id=f"a{i}", text="x") for i in range(12)]
    articles[5] = Article(id="boom", text="x")
    results = list(extract_parallel(DiesOnBoom(), articles, workers=2, batch_size=2))
    assert [r.id for r in results] == [a.id for a in articles]  # nothing lost, order kept
    failed = {r.id for r in results if r.error}
    assert failed == {"a4", "boom"}  # the batch that killed a worker; the batches beside it were run again
    assert all("worker process died" in r.error and "--workers 1" in r.error for r in results if r.error)


def test_one_worker_runs_in_this_process():
    seen = []

    class Here(DiesOnBoom):
        def extract_many(self, articles, batch_size=32):
            for article in articles:
                seen.append(os.getpid())
                yield self.extract(article)

    with ParallelExtractor(Here(), 1) as extractor:
        assert [r.id for r in extractor.extract_many([Article(id="a", text="x")])] == ["a"]
    assert seen == [os.getpid()]
