"""The store: migrations, one transaction per article, idempotent saves."""

from __future__ import annotations

import sqlite3

import pytest

from sucesos.errors import ConfigError
from sucesos.model import Article, Event, Evidence, Extraction, Relation, Span
from sucesos.store import open_store
from sucesos.store.migrations import MIGRATIONS


def extraction_for(article: Article, **parts) -> Extraction:
    return Extraction(id=article.id, lang="en", pipeline_version="test-1", content_hash=article.content_hash, **parts)


def test_new_database_has_wal_and_recorded_migrations(tmp_path):
    db = tmp_path / "s.db"
    with open_store(db) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.schema_version() >= 1
    with open_store(db) as store:  # reopening applies nothing twice
        applied = [row[0] for row in store.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert applied == [version for version, _name, _func in MIGRATIONS]


def test_database_from_a_newer_sucesos_is_refused(tmp_path):
    db = tmp_path / "s.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    conn.commit()
    conn.close()
    with pytest.raises(ConfigError, match="newer than this sucesos"):
        open_store(db)


def test_event_with_its_evidence_round_trips(any_db):
    text = "Gunmen killed two police officers in Uruapan."
    article = Article(id="a1", text=text, url="https://example.org/a1", outlet="Example")
    event = Event(
        event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified Armed Group (Mexico)",
        fatalities=2, tactics=["firearms"], sentence=Span.of(text, 0, len(text)),
        evidence=[Evidence("actor1", 0, 6, "Gunmen"), Evidence("fatalities", 14, 17, "two")],
    )  # fmt: skip
    with open_store(any_db) as store:
        assert store.save(article, extraction_for(article, events=[event])).status == "new"
        [stored] = store.reports()
    assert stored["fatalities"] == 2 and stored["injuries"] is None
    assert stored["tactics"] == ["firearms"]
    assert stored["evidence"] == [{"field": "actor1", "start": 0, "end": 6, "text": "Gunmen"}, {"field": "fatalities", "start": 14, "end": 17, "text": "two"}]
    assert stored["sentence_text"] == text and stored["article_url"] == "https://example.org/a1"


def test_failed_write_leaves_no_half_article(any_db):
    article = Article(id="a2", text="Soldiers clashed with gunmen.")
    broken = extraction_for(article, events=[Event(event_type="Battles")], relations=[Relation(subject=None, predicate="at_war_with", object="x")])
    with open_store(any_db) as store:
        with pytest.raises(Exception, match="(?i)not.null"):
            store.save(article, broken)
        counts = store.counts()
    assert counts["articles"] == 0 and counts["reports"] == 0 and counts["extractions"] == 0


def test_same_text_under_another_id_is_not_stored_twice(any_db):
    text = "Gunmen attacked a patrol in Aguililla."
    with open_store(any_db) as store:
        first = store.save(Article(id="one", text=text), None)
        second = store.save(Article(id="two", text=text + "\n\n"), None)  # whitespace differences do not count
        assert (first.status, second.status, second.article_id) == ("new", "unchanged", "one")
        assert store.counts()["articles"] == 1


def test_new_pipeline_version_reextracts_and_replaces_entities(any_db):
    article = Article(id="a3", text="Gunmen attacked a patrol in Aguililla.")
    with open_store(any_db) as store:
        store.save(article, extraction_for(article, events=[Event(event_type="Battles"), Event(event_type="Battles")]))
        newer = extraction_for(article, events=[Event(event_type="Violence against civilians")])
        newer.pipeline_version = "test-2"
        assert store.save(article, newer).status == "reextracted"
        assert [e["event_type"] for e in store.reports()] == ["Violence against civilians"]
        assert store.counts()["extractions"] == 2  # both versions kept for comparison
