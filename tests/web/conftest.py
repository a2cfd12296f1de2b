"""A small database of our own for web tests: untrusted payloads everywhere they can go."""

from __future__ import annotations

import pytest

from sucesos.link.cluster import link_article
from sucesos.model import Article, Claim, Event, Evidence, Extraction, Mention, Relation, Span
from sucesos.store import open_store
from sucesos.web.auth import create_token, create_user

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
PASSWORD = "correct horse battery staple"


def _extraction(article: Article, events: list[Event], **parts) -> Extraction:
    return Extraction(id=article.id, lang="en", events=events, pipeline_version="t", content_hash=article.content_hash, **parts)


def build_db(path) -> str:
    text = f"Gunmen attacked a police patrol in Uruapan on Tuesday, wounding two officers. {PAYLOAD} CJNG is at war with Cárteles Unidos, officials said."
    start = text.index("wounding")
    sentence_end = text.index(".", start) + 1
    article = Article(id="a1", text=text, title=f"Title {PAYLOAD}", outlet=PAYLOAD, url="https://example.org/a1", published="2024-03-14")
    event = Event(
        event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified Armed Group (Mexico)", location="Uruapan", admin1="Michoacán de Ocampo",
        latitude=19.42, longitude=-102.06, geo_precision=1, event_date="2024-03-12", time_precision=1, injuries=2,
        sentence=Span.of(text, 0, sentence_end), evidence=[Evidence("injuries", start, start + 12, text[start : start + 12])],
    )  # fmt: skip
    war = text.index("CJNG")
    claim = Claim(source=Span.of(text, text.index("officials"), text.index("officials") + 9), cue=Span.of(text, text.index("said"), text.index("said") + 4), content=Span.of(text, war, text.index(", officials")), source_type="anonymous")
    relation = Relation(subject="Cártel de Jalisco Nueva Generación", predicate="at_war_with", object=PAYLOAD, evidence=Span.of(text, war, text.index(", officials")), claim=0, hedged=False)
    mention = Mention(start=war, end=war + 4, text="CJNG", label="ARMED_GROUP", canonical="Cártel de Jalisco Nueva Generación", actor_id="cjng", source="lexicon")
    second_text = "Gunmen attacked a police patrol in Uruapan on Tuesday and wounded two officers, state officials said."
    second = Article(id="a2", text=second_text, outlet="Other Outlet", published="2024-03-13")
    second_event = Event(
        event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified Armed Group (Mexico)", location="Uruapan",
        admin1="Michoacán de Ocampo", latitude=19.42, longitude=-102.06, geo_precision=1, event_date="2024-03-12", time_precision=1,
        injuries=2, sentence=Span.of(second_text, 0, len(second_text)),
    )  # fmt: skip
    third_text = "A peaceful march took place in Apatzingán on Friday."
    third = Article(id="a3", text=third_text, outlet="Third", published="2024-05-03")
    third_event = Event(event_type="Protests", sub_event_type="Peaceful protest", actor1=PAYLOAD, location="Apatzingán", admin1="Michoacán de Ocampo", latitude=19.08, longitude=-102.35, geo_precision=1, event_date="2024-05-03", time_precision=1, fatalities=0, sentence=Span.of(third_text, 0, len(third_text)))
    db = str(path)
    with open_store(db) as store:
        store.save(article, _extraction(article, [event], claims=[claim], relations=[relation], actors=[mention]))
        store.save(second, _extraction(second, [second_event]))
        store.save(third, _extraction(third, [third_event]))
        for article_id in ("a1", "a2", "a3"):
            link_article(store, article_id)
        create_user(store, "ana", PASSWORD, actor="test-setup")
    return db


@pytest.fixture
def web_db(any_db):
    """The same small database on SQLite and on PostgreSQL."""
    return build_db(any_db)


@pytest.fixture
def api_token(web_db):
    with open_store(web_db) as store:
        return create_token(store, "ana", "tests")
