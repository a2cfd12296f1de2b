"""Property tests: parsers of outside input never crash, whatever they are fed.

Each finding becomes a named regression test below the properties.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sucesos.errors import InputError
from sucesos.ingest.feeds import url_articles
from sucesos.ingest.fetch import Fetched
from sucesos.ingest.records import article_from_record
from sucesos.ingest.sources import Failure, decode_bytes, read_sources
from sucesos.model import Article

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
record_keys = st.sampled_from(["id", "text", "html", "url", "title", "outlet", "author", "published", "lang", "spans", "other"])
records = st.dictionaries(record_keys, json_values | st.text(max_size=200), max_size=8)
markup = st.lists(
    st.sampled_from(["<html>", "<body>", "<article>", "<p>", "</p>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "<div", ">", "\x00", "Gunmen attacked police in Uruapan. ", "<meta charset='latin-1'>", "\ufeff"]),
    max_size=40,
).map("".join)


@FUZZ
@given(records)
def test_any_record_gives_an_article_or_an_input_error(record):
    try:
        article = article_from_record(record, line=1)
    except InputError as exc:
        assert str(exc)
        return
    assert isinstance(article, Article) and isinstance(article.id, str) and isinstance(article.text, str)


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_are_refused_as_binary(raw):
    try:
        text, warnings = decode_bytes(raw)
    except InputError as exc:
        assert "binary" in str(exc)
        return
    assert isinstance(text, str) and all(isinstance(w, str) for w in warnings)


@FUZZ
@given(st.lists(st.one_of(records.map(json.dumps), st.text(max_size=80), st.binary(max_size=80).map(lambda b: b.decode("latin-1"))), max_size=8), st.sampled_from([".jsonl", ".txt", ".html", ".md"]))
def test_any_file_content_yields_articles_or_failures(tmp_path_factory, lines, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes("\n".join(lines).encode("utf-8", errors="replace"))
    for item in read_sources([str(path)], max_bytes=100_000):
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Failure):
            assert item.reason and str(path) in item.input_id


@FUZZ
@given(markup, st.sampled_from(["text/html", "application/rss+xml", "text/plain", "application/octet-stream", ""]))
def test_any_fetched_body_yields_articles_or_failures(body, content_type):
    def fetcher(url, **_options):
        return Fetched(url=url, final_url=url, status=200, content_type=content_type, body=body.encode("utf-8", errors="replace"))

    for item in url_articles("https://news.example/x", fetcher=fetcher):
        assert isinstance(item, (Article, Failure))


@FUZZ
@given(st.lists(st.tuples(st.text(max_size=30), st.sampled_from(["https://news.example/a", "", "javascript:alert(1)", "http://127.0.0.1/x"])), max_size=5))
def test_any_feed_yields_articles_or_failures(entries):
    items = "".join(f"<item><title>{title}</title><link>{link}</link></item>" for title, link in entries)
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode("utf-8", errors="replace")

    def fetcher(url, **_options):
        if url == "https://feed.example/rss":
            return Fetched(url=url, final_url=url, status=200, content_type="application/rss+xml", body=feed)
        raise InputError(f"could not fetch {url}: offline test")

    for item in url_articles("https://feed.example/rss", fetcher=fetcher):
        assert isinstance(item, (Article, Failure))


# -- regressions found by the properties above ---------------------------------


def test_regression_integer_id_is_accepted_as_text():
    assert article_from_record({"id": 7, "text": "Gunmen attacked police."}).id == "7"


def test_regression_spans_beyond_the_text_are_dropped_with_a_warning():
    article = article_from_record({"text": "short text", "spans": [{"start": 0, "end": 5}, {"start": 0, "end": 50}]}, line=3)
    assert article.spans == [{"start": 0, "end": 5}]
    assert article.warnings == ["span 0-50 is outside the text (10 characters): ignored"]


@FUZZ
@given(st.lists(st.text(alphabet=st.characters(codec=None, categories=["Cs", "L", "Zs"]), max_size=30), min_size=1, max_size=6))
def test_any_string_fields_even_with_lone_surrogates_give_a_storable_article(parts):
    record = {"id": parts[0] or "x", "text": " ".join(parts) + " Gunmen attacked police.", "title": parts[-1]}
    article = article_from_record(record, line=1)
    for value in (article.id, article.text, article.title or ""):
        value.encode("utf-8")  # what the store, the hash and the JSON writer need
    assert article.content_hash


def test_regression_lone_surrogate_is_replaced_and_reported_not_fatal(tmp_path):
    path = tmp_path / "batch.jsonl"
    good = {"id": "good", "text": "Gunmen attacked police in Uruapan."}
    path.write_text(
        json.dumps(good) + "\n" + '{"id": "bad\\ud800", "text": "Police \\ud800 found"}\n' + json.dumps({**good, "id": "good2"}) + "\n",
        encoding="utf-8",
    )
    items = list(read_sources([str(path)], max_bytes=100_000))
    assert [item.id for item in items] == ["good", "bad\ufffd", "good2"]
    assert items[1].text == "Police \ufffd found"
    assert any("lone surrogates" in w and "'text'" in w for w in items[1].warnings)


def test_regression_deeply_nested_json_line_is_one_failure_and_the_batch_goes_on(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("[" * 100_000 + "\n" + json.dumps({"id": "good", "text": "Gunmen attacked police."}) + "\n", encoding="utf-8")
    items = list(read_sources([str(path)], max_bytes=1_000_000))
    assert isinstance(items[0], Failure) and "line 1" in items[0].reason and "nested too deeply" in items[0].reason
    assert isinstance(items[1], Article) and items[1].id == "good"


def test_regression_pipeline_extract_accepts_a_lone_surrogate(pipeline):
    extraction = pipeline.extract(Article(id="a", text="Gunmen killed two police officers in Uruapan \ud800 on Monday."))
    assert extraction.error is None
    assert extraction.events and extraction.events[0].fatalities == 2


def test_regression_implausible_tolls_are_no_toll_never_a_number_or_a_crash(pipeline):
    from sucesos.events.casualties import MAX_PLAUSIBLE_TOLL

    for text in ("9" * 400 + " muertos dejó un ataque armado en Uruapan.", "Un ataque armado dejó 10,000,000,000,000,000,000 muertos en Uruapan.",
                 "Un ataque armado dejó 200000 muertos en Uruapan."):  # fmt: skip
        extraction = pipeline.extract(Article(id="t", text=text, lang="es"))
        assert extraction.error is None, text
        assert all(e.fatalities is None or e.fatalities <= MAX_PLAUSIBLE_TOLL for e in extraction.events), text
    plausible = pipeline.extract(Article(id="t", text="Un ataque armado dejó 12 muertos en Uruapan.", lang="es"))
    assert [e.fatalities for e in plausible.events] == [12]


def test_regression_publication_dates_at_the_ends_of_the_calendar_are_no_reference(pipeline):
    for published, text in (("0001-01-01", "Hace 5 días hombres armados asesinaron a dos civiles en Uruapan."),
                            ("9999-12-31", "La próxima semana habrá una marcha. Ayer hombres armados asesinaron a dos civiles en Uruapan.")):  # fmt: skip
        extraction = pipeline.extract(Article(id="d", text=text, lang="es", published=published))
        assert extraction.error is None, published
        assert extraction.events and extraction.events[0].fatalities == 2
        assert all(d.value is None for d in extraction.dates), published  # relative to an impossible reference: unresolved


def test_regression_html_with_too_many_elements_is_refused_up_front_with_the_limit():
    import time

    from sucesos.ingest.html import MAX_HTML_ELEMENTS, html_to_text

    started = time.monotonic()
    try:
        html_to_text("<p>x " * 500_000)  # 2 MB of unclosed paragraphs: a minute of parsing before
    except InputError as exc:
        assert f"{MAX_HTML_ELEMENTS:,}-element limit" in str(exc)
    else:
        raise AssertionError("a 500,000-element page was parsed")
    assert time.monotonic() - started < 5
    scripts = "<script>" + "if (a<b) {}" * 100_000 + "</script>"  # '<' inside a script is no element
    text, _meta = html_to_text(f"<html><head>{scripts}</head><body><article><p>Hombres armados atacaron a policías en Uruapan este lunes por la noche.</p></article></body></html>")
    assert "Uruapan" in text
