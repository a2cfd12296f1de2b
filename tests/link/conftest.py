"""Fixtures for linking: reports written by hand (place, date, actors set directly)."""

from __future__ import annotations

import pytest

from sucesos.model import Article, Event, Extraction, Span
from sucesos.store import open_store

URUAPAN = {"country": "Mexico", "iso3": "MEX", "admin1": "Michoacán", "location": "Uruapan", "latitude": 19.4208, "longitude": -102.0628, "geo_precision": 1}
CULIACAN = {"country": "Mexico", "iso3": "MEX", "admin1": "Sinaloa", "location": "Culiacán", "latitude": 24.7994, "longitude": -107.3879, "geo_precision": 1}


def report(text: str, sentence: str, **fields) -> Event:
    """An event whose sentence is `sentence` (found in `text`)."""
    start = text.index(sentence)
    defaults = {"event_date": "2024-03-10", "time_precision": 1, "modality": "asserted", "confidence": 0.8}
    return Event(**{**defaults, **fields}, sentence=Span.of(text, start, start + len(sentence)))


class Newsroom:
    """Saves hand-written articles with their reports into a fresh store."""

    def __init__(self, store):
        self.store = store

    def publish(self, article_id: str, text: str, events: list[Event], *, outlet: str, lang: str, published: str = "2024-03-11", url: str | None = None, version: str = "t1"):
        article = Article(id=article_id, text=text, outlet=outlet, lang=lang, published=published, url=url or f"https://{outlet.lower().replace(' ', '')}.example/{article_id}", title=text[:40])
        return self.store.save(article, Extraction(id=article_id, lang=lang, events=events, pipeline_version=version, content_hash=article.content_hash))

    def report_id(self, article_id: str, idx: int = 0) -> int:
        return self.store.conn.execute("SELECT id FROM reports WHERE article_id = ? AND idx = ?", (article_id, idx)).fetchone()[0]

    def event_of(self, article_id: str, idx: int = 0) -> int:
        return self.store.conn.execute(
            "SELECT l.event_id FROM report_links l JOIN reports e ON e.id = l.report_id WHERE e.article_id = ? AND e.idx = ?", (article_id, idx)
        ).fetchone()[0]

    def every_report_linked_once(self) -> bool:
        conn = self.store.conn
        reports = conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        linked = conn.execute("SELECT COUNT(DISTINCT report_id) FROM report_links JOIN reports ON reports.id = report_links.report_id").fetchone()[0]
        links = conn.execute("SELECT COUNT(*) FROM report_links").fetchone()[0]
        return reports == linked == links


@pytest.fixture
def db_path(any_db):
    """Each linking test runs on SQLite and on PostgreSQL (skipped where PostgreSQL is not configured)."""
    return any_db


@pytest.fixture
def newsroom(db_path):
    with open_store(db_path) as store:
        yield Newsroom(store)


# One attack on a police patrol in Uruapan, told by three outlets in two languages.
EN_TEXT = (
    "URUAPAN, Mexico - Gunmen killed three municipal police officers in an ambush on their patrol "
    "in Uruapan, Michoacán, on Sunday, state prosecutors said. The attackers fled in two pickup trucks."
)
EN_SENTENCE = "Gunmen killed three municipal police officers in an ambush on their patrol in Uruapan, Michoacán, on Sunday, state prosecutors said."
ES_TEXT = (
    "Uruapan, Mich. Hombres armados asesinaron a tres policías municipales al emboscar su patrulla "
    "en Uruapan, Michoacán, el domingo, informó la Fiscalía estatal. Los agresores huyeron en dos camionetas."
)
ES_SENTENCE = "Hombres armados asesinaron a tres policías municipales al emboscar su patrulla en Uruapan, Michoacán, el domingo, informó la Fiscalía estatal."
ES2_TEXT = (
    "Cuatro agentes de la policía municipal murieron tras una emboscada de un grupo armado contra su patrulla en Uruapan "
    "el domingo por la tarde, según fuentes de seguridad."
)
ES2_SENTENCE = ES2_TEXT


def police_ambush(text: str, sentence: str, *, fatalities: int = 3, **fields) -> Event:
    return report(
        text, sentence, event_type="Violence against civilians", sub_event_type="Attack",
        actor1="Unidentified Armed Group (Mexico)", inter1="Political militia",
        actor2="Police Forces of Mexico (2018-) Municipal Police", inter2="State forces",
        fatalities=fatalities, tactics=["firearms", "ambush"], **{**URUAPAN, **fields},
    )  # fmt: skip
