"""Property tests over the record reader and `Pipeline.extract`: arbitrary
text, ids, metadata and dates never raise, and never cost a good record.

In CI each property runs a few seconds of examples. For the long run
(issue 20: 10 minutes of cases) set SUCESOS_FUZZ_SECONDS, e.g.

    SUCESOS_FUZZ_SECONDS=600 PYTHONPATH=$PWD python -m pytest tests/reliability/test_fuzz_pipeline.py -q -s

each property then runs batch after batch of fresh examples for that many
seconds (split between them) and prints how many it ran.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sucesos.events.casualties import MAX_PLAUSIBLE_TOLL
from sucesos.ingest.sources import Failure, read_sources
from sucesos.model import Article

LONG_SECONDS = float(os.environ.get("SUCESOS_FUZZ_SECONDS") or 0)
PROPERTIES = 3  # the long run's time is split between them
CI = settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))

GOOD = "Hombres armados asesinaron a {n} policías estatales en Uruapan, Michoacán, informó la Fiscalía."
NEWS = [
    "Hombres armados asesinaron a tres policías en Uruapan, Michoacán, el lunes.",
    "Gunmen killed two police officers in Culiacán, Sinaloa, on Monday, prosecutors said.",
    "Hace 5 días un ataque armado dejó 12 muertos en Zamora.",
    "La próxima semana habrá una marcha en Morelia.",
    "Un ataque armado dejó 10^18 muertos en Apatzingán.",
    "«Fue un ataque directo», dijo el fiscal.",
    "El 5 de enero de 2999 murieron 9999999999999999999999 personas.",
]
# Arbitrary characters, surrogates and controls included.
any_text = st.text(alphabet=st.characters(codec=None), max_size=80)
article_text = st.lists(st.sampled_from(NEWS) | any_text, min_size=0, max_size=6).map(" ".join)
dates = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)).map(dt.datetime.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2024-02-29T23:59:59Z", "", "banana"]),
    any_text,
)
optional = st.none() | any_text


def articles():
    return st.builds(
        Article,
        id=any_text,
        text=article_text,
        lang=st.sampled_from([None, "es", "en", "xx", ""]),
        url=st.none() | st.sampled_from(["https://news.example/a", "javascript:alert(1)", ""]) | any_text,
        title=optional,
        outlet=optional,
        author=optional,
        published=st.none() | dates,
    )


def repeat(check) -> None:
    """`check` (a @given test) once in CI; in the long run, again and again with fresh examples."""
    if not LONG_SECONDS:
        check()
        return
    end, rounds = time.monotonic() + LONG_SECONDS / PROPERTIES, 0
    while time.monotonic() < end:
        check()
        rounds += 1
    print(f"{check.__name__}: {rounds} round(s) of {LONG.max_examples} examples")


def _check_extraction(article: Article, extraction) -> None:
    assert extraction.id == article.repaired().id
    line = json.dumps(extraction.to_dict(), ensure_ascii=False, allow_nan=False)
    line.encode("utf-8")  # writable and storable
    text = article.repaired().text
    for event in extraction.events:
        assert event.fatalities is None or 0 <= event.fatalities <= MAX_PLAUSIBLE_TOLL
        assert event.injuries is None or 0 <= event.injuries <= MAX_PLAUSIBLE_TOLL
        if event.event_date is not None:
            assert 1900 <= int(event.event_date[:4]) <= 2100, event.event_date
        for item in event.evidence:
            assert 0 <= item.start <= item.end, item


def test_pipeline_extract_never_raises_on_any_article(pipeline):
    @(LONG if LONG_SECONDS else CI)
    @given(articles())
    def extract_any_article(article):
        extraction = pipeline.extract(article)
        _check_extraction(article, extraction)

    repeat(extract_any_article)


def test_no_good_article_is_lost_among_arbitrary_ones(pipeline):
    @(LONG if LONG_SECONDS else CI)
    @given(st.lists(articles(), min_size=1, max_size=3))
    def batch_keeps_good_articles(hostile):
        batch, good = [], {}
        for index, article in enumerate(hostile):
            good_id = f"good-{index}"
            good[good_id] = index % 5 + 2
            batch += [Article(id=good_id, text=GOOD.format(n=good[good_id]), lang="es"), article]
        results = list(pipeline.extract_many(batch, batch_size=4))
        assert [r.id for r in results] == [a.repaired().id for a in batch]
        for result in results:
            if result.id in good:
                assert result.error is None and result.events and result.events[0].fatalities == good[result.id], result

    repeat(batch_keeps_good_articles)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(any_text, children, max_size=3),
    max_leaves=8,
)
record_fields = st.sampled_from(["id", "text", "html", "url", "title", "outlet", "author", "published", "lang", "spans"])
records = st.dictionaries(record_fields, json_values | dates | article_text, max_size=8)
raw_lines = st.one_of(records.map(lambda r: json.dumps(r, ensure_ascii=False)), any_text, st.integers(0, 3000).map(lambda n: "[" * n))


def test_the_record_reader_keeps_every_good_record_among_arbitrary_lines(tmp_path_factory):
    @(LONG if LONG_SECONDS else settings(CI, max_examples=40))
    @given(st.lists(raw_lines, min_size=1, max_size=6))
    def reader_keeps_good_records(hostile):
        lines, good = [], []
        for index, line in enumerate(hostile):
            good.append(f"good-{index}")
            lines += [json.dumps({"id": good[-1], "text": GOOD.format(n=2)}), line.replace("\n", " ").replace("\r", " ")]
        path = tmp_path_factory.mktemp("fuzz") / "batch.jsonl"
        path.write_bytes("\n".join(lines).encode("utf-8", errors="surrogatepass"))
        items = list(read_sources([str(path)], max_bytes=1_000_000))
        assert all(isinstance(item, (Article, Failure)) for item in items)
        kept = [item.id for item in items if isinstance(item, Article) and item.id.startswith("good-") and item.text == GOOD.format(n=2)]
        assert set(good) <= set(kept)
        for item in items:
            if isinstance(item, Article):
                for value in (item.id, item.text, item.title or "", item.outlet or "", item.published or ""):
                    value.encode("utf-8")

    repeat(reader_keeps_good_records)
