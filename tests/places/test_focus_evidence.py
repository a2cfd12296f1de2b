"""Focus evidence beyond place names: a state's demonym, and where things head (issue #14)."""

from __future__ import annotations

import pytest

from sucesos.places.focus import article_focus
from sucesos.places.gazetteer import Gazetteer
from sucesos.places.resolve import Toponym


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _toponyms(text: str, *names: str) -> list[Toponym]:
    out = []
    for name in names:
        start = text.index(name)
        out.append(Toponym(start=start, end=start + len(name), lookup=name))
    return out


def test_region_demonym_names_its_state(gazetteer):
    assert gazetteer.region_demonym("mexiquense").name == "México"
    assert gazetteer.region_demonym("capitalinas").name == "Ciudad de México"
    assert gazetteer.region_demonym("michoacanos").name == "Michoacán de Ocampo"
    assert gazetteer.region_demonym("ventana") is None


def test_state_demonym_places_a_colonia_in_that_state(extract):
    # "Doctores" is a colonia of Toluca, Uruapan, Pachuca ... and of Cuauhtémoc: the
    # capital's police say which one
    text = "Asaltan una tienda en la colonia Doctores\nDos hombres armados robaron la caja; la policía capitalina detuvo a uno de ellos."
    extraction = extract(text, lang="es")
    assert extraction.focus["admin1"] == "Ciudad de México"
    colonia = next(p for p in extraction.places if "Doctores" in p.text)
    assert (colonia.admin1, colonia.admin2) == ("Ciudad de México", "Cuauhtémoc")


def test_demonym_evidence_is_a_span_of_the_text(gazetteer):
    text = "Detienen a dos hombres en Ixtapaluca\nLa Fiscalía mexiquense informó de la detención."
    focus = article_focus(_toponyms(text, "Ixtapaluca"), text, gazetteer, lang="es")
    assert focus.admin1 == "México"
    assert any(e["text"] == "mexiquense" and text[e["start"] : e["end"]] == "mexiquense" for e in focus.evidence)


def test_where_a_chase_heads_is_not_where_the_story_is(gazetteer):
    text = (
        "Persecución en la carretera\n"
        "Los agentes siguieron al conductor con dirección a la CDMX y la Fiscalía mexiquense abrió una investigación."
    )
    focus = article_focus(_toponyms(text, "CDMX"), text, gazetteer, lang="es")
    assert focus.country == "Mexico" and focus.admin1 == "México"


def test_a_state_demonym_never_sets_the_country(gazetteer):
    # "capitalino" is said of every capital: in a Colombian story it does not move the focus to Mexico City
    text = "Robo en Bogotá, Colombia\nLa policía capitalina detuvo a dos hombres en el barrio Chapinero de Bogotá."
    focus = article_focus(_toponyms(text, "Bogotá", "Colombia"), text, gazetteer, lang="es")
    assert focus.country_code == "CO"
    assert focus.admin1 != "Ciudad de México"


def test_a_capitalised_demonym_is_part_of_a_name(gazetteer):
    # "La Familia Michoacana" is a cartel: it says nothing of where an Edomex ambush happened
    text = "Emboscada de La Familia Michoacana\nHombres armados atacaron a policías estatales en Texcoco durante la noche."
    focus = article_focus(_toponyms(text, "Texcoco"), text, gazetteer, lang="es")
    assert focus.admin1 == "México"
    assert not any(e["text"] == "Michoacana" for e in focus.evidence)
