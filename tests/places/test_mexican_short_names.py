"""Mexico's municipalities by the short names the press uses: the honorific
tails and titles of official names ("Tlajomulco de Zúñiga", "Heroica Ciudad
de Juchitán de Zaragoza", "Hidalgo del Parral") are left out in copy."""

from __future__ import annotations

import pytest

from sucesos.places.gazetteer import Gazetteer
from sucesos.places.short_names import honorific_surnames, short_forms


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def test_short_forms_drop_titles_and_honorific_tails():
    heroes = honorific_surnames(["Acapulco de Hidalgo", "Tula de Hidalgo", "Poza Rica de Hidalgo", "Pachuca de Soto"])
    assert heroes == {"hidalgo"}  # three names end in "de Hidalgo"; "Soto" ends one only
    assert short_forms("Tlajomulco de Zúñiga") == ["Tlajomulco"]
    assert short_forms("Chilpancingo de los Bravo") == ["Chilpancingo"]
    assert short_forms("Heroica Ciudad de Juchitán de Zaragoza") == ["Juchitán de Zaragoza", "Juchitán"]
    assert short_forms("Dolores Hidalgo Cuna de la Independencia Nacional") == ["Dolores Hidalgo"]
    assert "Parral" in short_forms("Hidalgo del Parral", heroes)
    assert short_forms("Hidalgo del Parral") == ["Hidalgo"]  # not a known hero's name: no leading cut


def test_a_tail_naming_the_landscape_is_part_of_the_name():
    assert short_forms("Teotitlán del Valle") == []
    assert short_forms("Cajeme") == []


def test_press_short_names_find_the_municipality(gazetteer):
    for short, state, official in [
        ("Coalcomán", "Michoacán de Ocampo", "Coalcomán de Vázquez Pallares"),
        ("Tlajomulco", "Jalisco", "Tlajomulco de Zúñiga"),
        ("Parral", "Chihuahua", "Hidalgo del Parral"),
        ("Dolores Hidalgo", "Guanajuato", "Dolores Hidalgo Cuna de la Independencia Nacional"),
        ("Juchitán", "Oaxaca", "Heroica Ciudad de Juchitán de Zaragoza"),
        ("Tlaxiaco", "Oaxaca", "Heroica Ciudad de Tlaxiaco"),
    ]:
        found = {(c.feature, c.admin1, c.name) for c in gazetteer.lookup(short)}
        assert ("admin2", state, official) in found, short


def test_short_names_that_would_mislead_are_not_indexed(gazetteer):
    # "San Juan" of "San Juan de los Lagos" names hundreds of places; "Teotitlán"
    # is the head of two Oaxaca municipalities; "Lomas" is an estate's first word
    assert not any(c.name == "San Juan de los Lagos" for c in gazetteer.lookup("San Juan"))
    assert not any(c.feature == "admin2" and c.name.startswith("Teotitlán") for c in gazetteer.lookup("Teotitlán"))
    assert not any(c.name in ("Lomas de Altavista", "Lomas de San Sebastián") for c in gazetteer.lookup("Lomas"))
    # a state's name is never a municipality's short name ("Veracruz de Ignacio de la Llave")
    assert all(c.name != "Veracruz de Ignacio de la Llave" or c.feature == "admin1" for c in gazetteer.lookup("Veracruz"))


def test_a_sentence_with_a_short_name_resolves_to_the_municipality(extract):
    extraction = extract("Asesinan a dos en Coalcomán, Michoacán, durante la madrugada.", lang="es")
    assert extraction.error is None
    place = next(p for p in extraction.places if "Coalcomán" in p.text)
    assert (place.country, place.admin1, place.admin2) == ("Mexico", "Michoacán de Ocampo", "Coalcomán de Vázquez Pallares")
    extraction = extract("Hallan un cuerpo en Tlajomulco; la Fiscalía de Jalisco investiga.", lang="es")
    place = next(p for p in extraction.places if "Tlajomulco" in p.text)
    assert (place.admin1, place.admin2) == ("Jalisco", "Tlajomulco de Zúñiga")


def test_the_shipped_table_is_what_the_script_derives(gazetteer):
    import gzip
    import json
    from importlib import resources

    from sucesos.places.derive_short_names import derive

    shipped = json.loads(gzip.decompress(resources.files("sucesos.data").joinpath("mx_short_names.json.gz").read_bytes()))
    derived = derive(Gazetteer.places_only())  # as the script derives it: GeoNames' places, no airports
    assert derived["aliases"] == shipped["aliases"]  # rerun `python -m sucesos.places.derive_short_names` when this fails
    rows = {(feature, tuple(names)) for feature, _id, names in derived["aliases"]}
    assert ("admin2", ("Tlajomulco",)) in rows
