"""Colonias placed by SEPOMEX's catalogue; the tagger's own training texts answered out of fold."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sucesos.places.focus import Focus
from sucesos.places.gazetteer import Gazetteer
from sucesos.places.resolve import Toponym, resolve_toponyms
from sucesos.places.tagger import load_tagger, shipped_tagger, tag_toponyms, text_key

CDMX = "Ciudad de México"
RECORDS = [
    {"name": "Mexico", "feature": "country", "country": "MX", "country_name": "Mexico", "iso3": "MEX", "latitude": 23.0, "longitude": -102.0},
    {"name": CDMX, "feature": "admin1", "country": "MX", "admin1": CDMX, "latitude": 19.4, "longitude": -99.1},
    {"name": "Sonora", "feature": "admin1", "country": "MX", "admin1": "Sonora", "latitude": 29.0, "longitude": -110.9},
    {"name": "Gustavo A. Madero", "feature": "admin2", "country": "MX", "admin1": CDMX, "admin2": "Gustavo A. Madero", "latitude": 19.49, "longitude": -99.11, "population": 1_100_000},
    {"name": "Iztacalco", "feature": "admin2", "country": "MX", "admin1": CDMX, "admin2": "Iztacalco", "latitude": 19.39, "longitude": -99.1, "population": 390_000},
    {"name": "Hermosillo", "feature": "city", "country": "MX", "admin1": "Sonora", "admin2": "Hermosillo", "latitude": 29.07, "longitude": -110.96, "population": 780_000},
    {"name": "Cajeme", "feature": "admin2", "country": "MX", "admin1": "Sonora", "admin2": "Cajeme", "latitude": 27.49, "longitude": -109.94, "population": 430_000},
]
COLONIAS = {
    "Nueva Industrial Vallejo": [(CDMX, "Gustavo A. Madero")],
    "Agrícola Oriental": [(CDMX, "Iztacalco"), ("Sonora", "Cajeme")],
    "Centro": [(CDMX, "Gustavo A. Madero"), (CDMX, "Iztacalco"), ("Sonora", "Cajeme")],
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_records(RECORDS, colonias=COLONIAS)


def _colonia(text: str, name: str) -> Toponym:
    start = text.index("colonia " + name)
    return Toponym(start=start, end=start + len("colonia " + name), lookup=name, source="local", kind="local")


def _town(text: str, name: str) -> Toponym:
    start = text.index(name)
    return Toponym(start=start, end=start + len(name), lookup=name, source="ner")


def _focus(admin1: str | None) -> Focus:
    return Focus(country_code="MX", country="Mexico", admin1=admin1, strong=True)


def test_a_colonia_no_town_is_named_for_lies_in_the_one_municipality_that_has_it(gazetteer):
    text = "Una pareja murió arrollada en la colonia Nueva Industrial Vallejo."
    place = resolve_toponyms([_colonia(text, "Nueva Industrial Vallejo")], text, gazetteer, focus=_focus(CDMX))[0]
    assert (place.admin1, place.admin2) == (CDMX, "Gustavo A. Madero")
    assert place.latitude is not None and place.text == "colonia Nueva Industrial Vallejo"


def test_a_colonia_of_several_municipalities_takes_the_one_in_the_articles_state(gazetteer):
    text = "Balacera en la colonia Agrícola Oriental."
    assert resolve_toponyms([_colonia(text, "Agrícola Oriental")], text, gazetteer, focus=_focus(CDMX))[0].admin2 == "Iztacalco"
    # the article's state unknown: two municipalities have one, so it is not placed (missing is null)
    assert resolve_toponyms([_colonia(text, "Agrícola Oriental")], text, gazetteer, focus=_focus(None))[0].latitude is None


def test_a_colonia_goes_to_the_named_town_that_has_one_not_merely_the_nearest(gazetteer):
    text = "Vecinos de Cajeme y de Hermosillo denunciaron robos en la colonia Agrícola Oriental."
    toponyms = [_town(text, "Cajeme"), _town(text, "Hermosillo"), _colonia(text, "Agrícola Oriental")]
    places = resolve_toponyms(toponyms, text, gazetteer, focus=_focus("Sonora"))
    assert places[2].admin2 == "Cajeme"  # Hermosillo is nearer, but has no colonia of that name


def test_a_name_every_town_has_is_left_to_the_towns_the_text_names(gazetteer):
    text = "Asaltos en la colonia Centro."
    # three municipalities have a "Centro", two in the state: not placed by the catalogue alone
    assert resolve_toponyms([_colonia(text, "Centro")], text, gazetteer, focus=_focus(CDMX))[0].latitude is None


def test_a_street_is_not_read_as_a_colonia_of_the_same_name(gazetteer):
    text = "Un choque en la calle Nueva Industrial Vallejo."
    start = text.index("calle")
    street = Toponym(start=start, end=len(text) - 1, lookup="Nueva Industrial Vallejo", source="local", kind="local")
    assert resolve_toponyms([street], text, gazetteer, focus=_focus(CDMX))[0].latitude is None


def test_the_shipped_catalogue_knows_mexico_citys_colonias(resources):
    homes = [(m.admin1, m.admin2) for m in resources.gazetteer.colonia_municipalities("Nueva Industrial Vallejo")]
    assert homes == [(CDMX, "Gustavo A. Madero")]
    assert (CDMX, "Cuauhtémoc") in [(m.admin1, m.admin2) for m in resources.gazetteer.colonia_municipalities("Doctores")]
    assert resources.gazetteer.colonia_municipalities("Xoquiaq Tlalli") == []


def test_a_training_text_gets_its_out_of_fold_spans_and_a_new_text_the_model():
    shipped = shipped_tagger()
    assert shipped is not None and len(shipped.out_of_fold) >= 400  # every CEGEOMEX article it was fitted on
    text = "Hallan un cuerpo en Cajeme, Sonora."
    spans = [(20, 26)]
    tagger = load_tagger(shipped._data, shipped.keep_rule_at, shipped.split, {text_key(text): spans})
    found = tag_toponyms(SimpleNamespace(text=text), [], [], Gazetteer.from_records(RECORDS), "es", tagger)
    assert [(t.start, t.end, t.lookup) for t in found] == [(20, 26, "Cajeme")]
    # the key is the exact text: another text (even one space more) is never answered from the table
    assert text_key(text + " ") != text_key(text) and text_key(text) not in shipped.out_of_fold


def test_a_gangs_name_is_no_place_wherever_the_article_repeats_it(extract):
    text = (
        "Matan a miembro de La Unión en Tepito\n"
        "Un presunto integrante del grupo delictivo La Unión fue asesinado a balazos en el barrio de Tepito. "
        "Los vecinos dijeron que decía ser parte de La Unión."
    )
    extraction = extract(text, lang="es")
    assert extraction.error is None
    assert not [p for p in extraction.places if "Unión" in p.text]  # not El Salvador's department
    assert (extraction.focus or {}).get("country") != "El Salvador"
    tepito = [p for p in extraction.places if p.text.endswith("Tepito")]
    assert tepito and all(p.admin2 == "Cuauhtémoc" for p in tepito)


def test_a_cartel_named_for_a_state_does_not_set_the_articles_state():
    from sucesos.places.groups import armed_groups

    text = "Detienen en Celaya a tres integrantes del Cártel de Sinaloa y de la banda Los Rojos."
    groups = armed_groups(text)
    sinaloa = text.index("Sinaloa")
    assert groups.inside(sinaloa, sinaloa + len("Sinaloa")) and not groups.names_group("Sinaloa")  # still a place name
    assert groups.names_group("Los Rojos") and not groups.inside(text.index("Celaya"), text.index("Celaya") + 6)


def test_an_alcaldia_named_for_a_hero_is_not_the_state_of_his_surname(extract):
    text = "Asaltante recibe mortal balazo en la cabeza, en la Miguel Hidalgo\nTras ultimar a un delincuente, el policía escapó."
    places = [p for p in extract(text, lang="es").places if "Hidalgo" in p.text]
    assert [(p.text, p.admin1, p.admin2) for p in places] == [("Miguel Hidalgo", CDMX, "Miguel Hidalgo")]


def test_spanish_copy_is_read_as_mexican_unless_the_text_says_otherwise(extract):
    # "Guadalupe" is Guadeloupe in Spanish, and a Mexican city of 600,000; "sindicatura de Costa Rica" a town of Culiacán
    for text in ("Balacera en Guadalupe deja dos muertos.", "Vecinos de la sindicatura de Costa Rica denunciaron robos."):
        extraction = extract(text, lang="es")
        assert (extraction.focus or {}).get("country") == "Mexico", text
        assert all(p.iso3 == "MEX" for p in extraction.places if p.latitude is not None), text
    # a country the text names outvotes the prior
    spain = extract("Detienen en Madrid a un narcotraficante buscado en España desde hace años.", lang="es")
    assert (spain.focus or {}).get("country") == "Spain"


def test_municipio_de_is_the_mexican_municipality_not_a_foreign_one_named_so(extract):
    # GeoNames names Cuba's municipalities "Municipio de Manzanillo", "Municipio de Colón"
    places = extract("Enfrentamiento en el municipio de Manzanillo deja tres muertos.", lang="es").places
    place = next(p for p in places if "Manzanillo" in p.text)
    assert (place.iso3, place.admin1) == ("MEX", "Colima")
