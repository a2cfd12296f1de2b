"""Values bounded where they are read, and every input failure kept to its
own record (issue 20, the input half): each test is a finding, reproduced."""

from __future__ import annotations

import json
import time

import pytest

from sucesos.errors import InputError
from sucesos.events.casualties import MAX_PLAUSIBLE_TOLL
from sucesos.ingest.html import MAX_HTML_CHARS, MAX_HTML_DEPTH, element_count, html_to_text
from sucesos.ingest.sources import Failure, read_sources
from sucesos.model import Article

BODY = "<p>Hombres armados atacaron a policías en Uruapan este lunes por la noche, informó la Fiscalía.</p>"


@pytest.mark.parametrize(
    "figure",
    ["10^18", "1e18", "9" * 400, "10,000,000,000,000,000,000", "200000"],
)
def test_an_implausible_toll_is_null_with_the_refusal_as_its_receipt(pipeline, figure):
    extraction = pipeline.extract(Article(id="t", text=f"Un ataque armado dejó {figure} muertos en Uruapan.", lang="es"))
    assert extraction.error is None
    (event,) = extraction.events
    assert event.fatalities is None  # never 18, never 1, never a number past the bound
    (receipt,) = [item for item in event.evidence if item.field == "fatalities"]
    assert figure in receipt.text and receipt.rule.startswith("refused") and f"{MAX_PLAUSIBLE_TOLL:,}" in receipt.rule
    json.dumps(extraction.to_dict(), allow_nan=False)  # no Infinity anywhere in the line


def test_a_plausible_toll_is_still_read(pipeline):
    extraction = pipeline.extract(Article(id="t", text="Un ataque armado dejó 12 muertos y 300 heridos en Uruapan.", lang="es"))
    assert [(e.fatalities, e.injuries) for e in extraction.events] == [(12, 300)]
    assert not any(item.rule and item.rule.startswith("refused") for e in extraction.events for item in e.evidence)


def test_an_article_built_in_python_with_lone_surrogates_is_repaired_and_warned(pipeline):
    article = Article(id="a\ud800", title="\udc00", text="Gunmen killed two police officers in Uruapan \ud800 on Monday.", lang="en")
    extraction = pipeline.extract(article)
    assert extraction.id == "a\ufffd" and extraction.error is None
    assert [e.fatalities for e in extraction.events] == [2]
    assert {w.split("'")[1] for w in extraction.warnings} == {"id", "title", "text"}
    json.dumps(extraction.to_dict(), ensure_ascii=False).encode("utf-8")  # writable, storable
    assert pipeline.extract(Article(id="b", text="\ud800")).error  # nothing to read: an error line, no exception


def test_unclosed_scripts_and_comments_are_bounded_in_linear_time():
    # The element count used a lazy regex: 20,000 unclosed <script> took two minutes.
    started = time.monotonic()
    for markup in ("<script>" * 20_000, "<!--" * 20_000, "<a " * 200_000):
        element_count(markup)
        with pytest.raises(InputError):
            html_to_text(markup)
    assert time.monotonic() - started < 10


def test_html_over_the_size_or_depth_limit_is_refused_with_the_limit_named():
    with pytest.raises(InputError, match=f"{MAX_HTML_CHARS:,}-character limit"):
        html_to_text("<html><body>" + BODY * (MAX_HTML_CHARS // len(BODY) + 1))
    with pytest.raises(InputError, match=f"{MAX_HTML_DEPTH:,}-level limit"):
        html_to_text("<html><body>" + "<div><section>" * MAX_HTML_DEPTH + BODY)
    # Unclosed paragraphs and list items nest nothing (HTML closes them): a sloppy page is read.
    text, _meta = html_to_text("<html><body><article>" + "<p>Texto suelto." * 2000 + BODY + "<li>uno" * 500 + "</article></body></html>")
    assert "Uruapan" in text


def test_a_source_that_cannot_be_read_is_one_failure_and_the_others_go_on(tmp_path, monkeypatch):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g", "text": "Gunmen attacked police in Uruapan."}) + "\n", encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.txt").write_text("Gunmen attacked police in Uruapan.", encoding="utf-8")
    import sucesos.ingest.sources as sources

    real = sources._articles_from_file

    def explode(path, **options):
        if path.parent == broken:
            raise PermissionError(13, "Permission denied", str(path))
        yield from real(path, **options)

    monkeypatch.setattr(sources, "_articles_from_file", explode)
    items = list(read_sources([str(broken), str(good)]))
    assert isinstance(items[0], Failure) and "Permission denied" in items[0].reason and "a.txt" in items[0].input_id
    assert isinstance(items[1], Article) and items[1].id == "g"


def test_a_batch_that_raises_in_a_worker_is_extracted_one_by_one(pipeline):
    from sucesos.model import Extraction
    from sucesos.parallel import ParallelExtractor

    class Picky:
        """Raises for a whole batch that holds the bad article (as a bug outside the per-article guard would)."""

        def extract_many(self, articles, batch_size=16):
            articles = list(articles)
            if len(articles) > 1 and any(a.id == "bad" for a in articles):
                raise RuntimeError("batch-level bug")
            if articles and articles[0].id == "bad":
                raise RuntimeError("still bad alone")
            return [Extraction(id=a.id, lang="en", pipeline_version="t", content_hash=a.content_hash) for a in articles]

    articles = [Article(id=i, text="Gunmen attacked police.") for i in ("a", "bad", "c", "d")]
    extractor = ParallelExtractor(Picky(), 2, task_size=4)
    extractor.executor = extractor._start()  # skip the warm-up: the fake has no models
    try:
        results = list(extractor.extract_many(articles))
    finally:
        extractor.__exit__(None, None, None)
    assert [r.id for r in results] == ["a", "bad", "c", "d"]
    assert [bool(r.error) for r in results] == [False, True, False, False]
    assert "still bad alone" in results[1].error


def test_a_number_past_pythons_digit_limit_is_that_lines_error_and_the_file_goes_on(tmp_path):
    # json.loads raises ValueError (no JSONDecodeError) past 4,300 digits: it ended the whole file.
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "good", "text": "Gunmen attacked police in Uruapan."})
    path.write_text(good + "\n" + '{"id": ' + "9" * 5000 + ', "text": "x"}\n' + good.replace('"good"', '"good2"') + "\n", encoding="utf-8")
    items = list(read_sources([str(path)]))
    assert [type(item).__name__ for item in items] == ["Article", "Failure", "Article"]
    assert "line 2" in items[1].reason and "digits" in items[1].reason
    assert items[2].id == "good2"


def test_a_date_past_2100_is_refused_even_from_a_valid_publication_date(pipeline):
    text = "El lunes hombres armados asesinaron a dos civiles en Uruapan. La próxima semana habrá una marcha. El 5 de enero de 2101 habrá otra."
    extraction = pipeline.extract(Article(id="d", text=text, lang="es", published="2100-12-29"))
    assert extraction.error is None and [e.fatalities for e in extraction.events] == [2]
    values = [d.value for d in extraction.dates if d.value]
    assert values and all("1900" <= v[:4] <= "2100" for v in values), values  # "el lunes" resolves; 2101 does not
