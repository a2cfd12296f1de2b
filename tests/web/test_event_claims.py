"""The event page lists the claims about the event: content overlapping its sentences, HTML and JSON."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sucesos.link.cluster import link_article
from sucesos.model import Article, Claim, Event, Evidence, Extraction, Span
from sucesos.store import open_store
from sucesos.web.app import create_app

TEXT = (
    "Hombres armados emboscaron a una patrulla en Uruapan el martes, informó la Fiscalía. "
    "Dos agentes murieron y tres resultaron heridos, según fuentes de la policía. "
    "El alcalde dijo que la feria del pueblo se celebrará en mayo."
)


def _at(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span.of(TEXT, start, start + len(phrase))


def _claim(source: str, cue: str, content: str, source_type: str) -> Claim:
    return Claim(source=_at(source), cue=_at(cue), content=_at(content), source_type=source_type)


def _db(path) -> str:
    article = Article(id="u1", text=TEXT, outlet="Diario de Prueba", published="2024-03-14")
    first_end = TEXT.index("Fiscalía.") + len("Fiscalía.")
    deaths = _at("Dos agentes murieron")
    event = Event(
        event_type="Violence against civilians", sub_event_type="Attack", location="Uruapan", admin1="Michoacán de Ocampo",
        latitude=19.42, longitude=-102.06, geo_precision=1, event_date="2024-03-12", time_precision=1, fatalities=2,
        sentence=Span.of(TEXT, 0, first_end), evidence=[Evidence("fatalities", deaths.start, deaths.end, deaths.text)],
    )  # fmt: skip
    claims = [
        _claim("la Fiscalía", "informó", "Hombres armados emboscaron a una patrulla en Uruapan el martes", "named_org"),
        _claim("fuentes de la policía", "según", "Dos agentes murieron y tres resultaron heridos", "anonymous"),
        _claim("El alcalde", "dijo", "que la feria del pueblo se celebrará en mayo", "named_person"),
    ]
    db = str(path / "claims.db")
    with open_store(db) as store:
        store.save(article, Extraction(id="u1", lang="es", events=[event], claims=claims, pipeline_version="t", content_hash=article.content_hash))
        link_article(store, "u1")
    return db


def test_event_json_lists_claims_on_its_sentence_and_evidence(tmp_path):
    client = TestClient(create_app(_db(tmp_path)))
    event_id = client.get("/events.json").json()["events"][0]["id"]
    claims = client.get(f"/events/{event_id}.json").json()["claims"]
    contents = [c["content"]["text"] for c in claims]
    assert contents == ["Hombres armados emboscaron a una patrulla en Uruapan el martes", "Dos agentes murieron y tres resultaron heridos"]
    assert claims[0]["overlaps"] == ["sentence"] and claims[1]["overlaps"] == ["fatalities"]
    assert claims[1]["source_type"] == "anonymous" and claims[1]["chain"][0] == "fuentes de la policía (anonymous)"


def test_event_page_shows_the_same_claims(tmp_path):
    client = TestClient(create_app(_db(tmp_path)))
    event_id = client.get("/events.json").json()["events"][0]["id"]
    page = client.get(f"/events/{event_id}").text
    section = page[page.index("Claims involved"):page.index("<h2>Evidence")]
    assert "Dos agentes murieron y tres resultaron heridos" in section and "fuentes de la policía (anonymous)" in section
    assert "Hombres armados emboscaron" in section
    assert "feria del pueblo" not in section  # a claim of the same article about something else
