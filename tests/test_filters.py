"""Filters forgive the way analysts type names: aliases, acronyms, no accents, short forms."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.filters import fold, resolve_value
from sucesos.link.cluster import link_article
from sucesos.model import Article, Event, Extraction, Span
from sucesos.queries import find_events
from sucesos.store import open_store
from sucesos.web.app import create_app


def test_fold_drops_case_accents_and_dots():
    assert fold("  Edo. Méx. ") == "edo mex"
    assert fold("Michoacán de Ocampo") == "michoacan de ocampo"


def test_a_prefix_resolves_only_when_one_stored_value_starts_with_it():
    stored = ["Baja California", "Baja California Sur", "Michoacán de Ocampo"]
    assert resolve_value("admin1", "michoacan", stored, {}) == "Michoacán de Ocampo"
    assert resolve_value("admin1", "baja california", stored, {}) == "Baja California"  # exact (folded) wins
    assert resolve_value("admin1", "Baja", stored, {}) == "Baja"  # two stored values start so: no guess
    assert resolve_value("admin1", "Sonora", stored, {}) == "Sonora"  # unknown: kept, matches nothing


def _store(path) -> str:
    db = str(path)
    rows = [
        ("a1", "Hombres del CJNG atacaron a policías en Uruapan.", "Cártel de Jalisco Nueva Generación", "Michoacán de Ocampo", "Uruapan"),
        ("a2", "Asesinan a dos hombres en Ecatepec.", "Unidentified Armed Group (Mexico)", "México", "Ecatepec de Morelos"),
    ]
    with open_store(db) as store:
        for article_id, text, actor, admin1, admin2 in rows:
            article = Article(id=article_id, text=text, published="2024-03-14")
            event = Event(event_type="Violence against civilians", sub_event_type="Attack", actor1=actor, admin1=admin1, admin2=admin2, location=admin2,
                          country="Mexico", event_date="2024-03-12", time_precision=1, fatalities=2, sentence=Span.of(text, 0, len(text)))  # fmt: skip
            store.save(article, Extraction(id=article_id, lang="es", events=[event], pipeline_version="t", content_hash=article.content_hash))
            link_article(store, article_id)
    return db


def test_the_read_model_resolves_aliases_accents_and_abbreviations(tmp_path):
    db = _store(tmp_path / "s.db")
    with open_store(db) as store:
        def admin1s(**filters):
            return [e["admin1"] for e in find_events(store, limit=10, **filters)[0]]

        assert admin1s(actor="CJNG") == ["Michoacán de Ocampo"]
        assert admin1s(actor="cartel de jalisco nueva generacion") == ["Michoacán de Ocampo"]
        for typed in ("Michoacán", "michoacan", "MICHOACAN DE OCAMPO", "Mich."):
            assert admin1s(admin1=typed) == ["Michoacán de Ocampo"], typed
        assert admin1s(admin1="Edomex") == ["México"]
        assert admin1s(admin2="ecatepec") == ["México"]
        assert admin1s(admin1="Sonora") == []


def test_cli_and_web_filters_forgive_the_same_way(tmp_path):
    db = _store(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["events", "--db", db, "--actor", "CJNG", "--json"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["admin1"] for line in result.stdout.splitlines() if line.startswith("{")] == ["Michoacán de Ocampo"]
    client = TestClient(create_app(db))
    assert [e["admin1"] for e in client.get("/events.json?admin1=michoacan").json()["events"]] == ["Michoacán de Ocampo"]
    assert "Michoac" in client.get("/events?admin1=Michoac%C3%A1n").text
