"""The per-article pipeline frame: order checks, purity, isolation of failures."""

from __future__ import annotations

import pytest

from sucesos.errors import ConfigError
from sucesos.model import Article
from sucesos.pipeline import Pipeline, component


def test_lexicon_fixes_ner_on_founding_article(extract, seed_text):
    extraction = extract(seed_text, id="seed")
    assert extraction.error is None
    assert extraction.lang == "en"
    by_text = {m.text: m for m in extraction.actors}
    # The statistical model alone calls "CJNC" an ORG with no identity and
    # "El Mencho" a WORK_OF_ART; the lexicon ruler names them.
    assert by_text["CJNC"].actor_id == "cjng"
    assert by_text["El Mencho"].label == "PERSON"
    assert by_text["El Mencho"].canonical == "Nemesio Rubén Oseguera Cervantes"
    assert by_text["Carteles Unidos"].actor_id == "carteles_unidos"
    # every mention's offsets point at its own text
    for mention in extraction.actors:
        assert seed_text[mention.start : mention.end] == mention.text


def test_spanish_article_gets_spanish_pipeline(extract):
    text = "Hombres armados atacaron a policías municipales en Tepalcatepec, Michoacán; el CJNG fue señalado."
    extraction = extract(text)
    assert extraction.lang == "es"
    ids = {m.actor_id for m in extraction.actors}
    assert {"police_mexico_municipal", "cjng"} <= ids


def test_empty_and_unsupported_articles_are_errors_not_crashes(extract):
    assert "empty text" in extract("   \n ").error
    german = extract("Bewaffnete Männer griffen gestern die Polizeiwache der Stadt an und verletzten drei Beamte.")
    assert german.lang == "de"
    assert "not supported" in german.error
    assert german.events == []


def test_misordered_components_fail_at_build_time(resources):
    with pytest.raises(ConfigError, match="requires"):
        Pipeline(resources, components=["events", "mentions"])


def test_failing_component_marks_only_that_article(resources):
    calls = []

    @component("explode_on_boom", requires=("doc",), assigns=("events",))
    def explode(analysis, _resources):
        calls.append(analysis.article.id)
        if "boom" in analysis.text:
            raise RuntimeError("component bug")
        return {"events": []}

    pipe = Pipeline(resources, components=["mentions", "explode_on_boom"])
    results = list(
        pipe.extract_many(
            [Article(id="ok1", text="Soldiers patrolled the town today."), Article(id="bad", text="The boom was heard in the town today."), Article(id="ok2", text="Police patrolled the town today.")]
        )
    )
    assert [r.id for r in results] == ["ok1", "bad", "ok2"]
    assert results[0].error is None and results[2].error is None
    assert "explode_on_boom" in results[1].error and "component bug" in results[1].error
    assert calls == ["ok1", "bad", "ok2"]


def test_overlong_article_is_refused_with_the_limit_named(extract):
    huge = "Gunmen attacked the town. " * 50_000  # 1.3 million characters
    extraction = extract(huge, lang="en")
    assert "over the 500,000-character limit" in extraction.error
    assert extraction.events == []


def test_headline_is_its_own_sentence(pipeline):
    doc = pipeline.resources.nlp("en")("Gunmen Attack Police in Uruapan\n\nTwo officers were wounded on Monday. Police said.")
    assert [s.text.strip() for s in doc.sents][:2] == ["Gunmen Attack Police in Uruapan", "Two officers were wounded on Monday."]


def test_a_component_cannot_read_a_value_it_did_not_declare(resources):
    """Declarations are what the order checks rely on: an undeclared read fails, naming the fix."""

    @component("peeks_at_mentions", requires=("doc",), assigns=("events",))
    def peek(analysis, _resources):
        return {"events": [] if analysis.get("mentions") is None else []}

    @component("declares_mentions", requires=("doc",), assigns=("events",), reads=("mentions",))
    def declared(analysis, _resources):
        return {"events": [] if analysis.get("mentions") is None else []}

    article = Article(id="a", text="Soldiers patrolled the town today.")
    (result,) = Pipeline(resources, components=["mentions", "peeks_at_mentions"]).extract_many([article])
    assert "reads 'mentions' without declaring it" in result.error
    (result,) = Pipeline(resources, components=["mentions", "declares_mentions"]).extract_many([article])
    assert result.error is None
