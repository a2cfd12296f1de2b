"""Which of the same-named places a name means, from the words and names around it:
"Washington state" and "New York Gov." name states; a list names places alike; a
country beside a country is its peer; two names whose readings lie together in
one place are that place, however small; a capital GeoNames spells otherwise is
still the capital. Sentences of our own, resolved with the real gazetteer."""

from __future__ import annotations

import pytest

from sucesos.places.gazetteer import Gazetteer
from sucesos.places.resolve import clean_lookup, name_bounds, resolve_spans


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _spans(text: str, *pieces: str, shift: int = 0) -> list[dict]:
    spans, at = [], 0
    for piece in pieces:
        start = text.index(piece, at)
        at = start + len(piece)
        spans.append({"start": start + shift, "end": start + len(piece) + shift})
    return spans


def _resolve(gazetteer, text: str, *pieces: str, shift: int = 0):
    return resolve_spans(_spans(text, *pieces, shift=shift), text, gazetteer)


def test_a_capital_geonames_names_otherwise_is_marked_by_its_point(gazetteer):
    # the Factbook writes "Washington D.C.", "Nur-Sultan", "Ulaanbaatar"; GeoNames "Washington", "Astana", "Ulan Bator"
    for name, country in (("Washington", "US"), ("Astana", "KZ"), ("Ulan Bator", "MN")):
        assert any(c.capital and c.feature == "city" and c.country_code == country for c in gazetteer.lookup(name)), name
    assert not any(c.capital for c in gazetteer.lookup("Seattle"))


def test_the_capital_named_like_a_state_is_the_capital_without_a_cue(gazetteer):
    text = "The senator promised to bring real change to Washington and to Texas."
    washington, _ = _resolve(gazetteer, text, "Washington", "Texas")
    assert (washington.feature, washington.admin1) == ("city", "District of Columbia")


@pytest.mark.parametrize("shift", [0, 1])  # given spans one character off ("ashington ") read the same words
def test_words_after_a_name_say_it_is_a_state(gazetteer, shift):
    text = "Apple growers in Washington state expect a smaller harvest."
    (washington,) = _resolve(gazetteer, text, "Washington", shift=shift)
    assert (washington.feature, washington.name) == ("admin1", "Washington")
    text = "New York Gov. Kathy Hochul toured Brooklyn on Monday."
    new_york, _ = _resolve(gazetteer, text, "New York", "Brooklyn")
    assert new_york.feature == "admin1"


def test_a_region_of_a_city_is_the_citys_area(gazetteer):
    text = "Home prices rose in the Houston region this spring."
    (houston,) = _resolve(gazetteer, text, "Houston")
    assert (houston.feature, houston.admin1) == ("city", "Texas")


@pytest.mark.parametrize("shift", [0, 1])
def test_a_name_in_a_list_of_states_is_a_state(gazetteer, shift):
    text = "Voters in Idaho, Montana, Washington and Wyoming went to the polls."
    places = _resolve(gazetteer, text, "Idaho", "Montana", "Washington", "Wyoming", shift=shift)
    assert [p.feature for p in places] == ["admin1"] * 4


def test_a_country_beside_a_country_is_not_a_town_of_it(gazetteer):
    text = "The envoy spent a decade in Russia, U.S. diplomats said on Monday."
    russia, _ = _resolve(gazetteer, text, "Russia", "U.S.")
    assert russia.feature == "country" and russia.name == "Russian Federation"
    # a town beside its state still is that state's town
    text = "The rodeo in Paris, Idaho, drew a crowd."
    paris, _ = _resolve(gazetteer, text, "Paris", "Idaho")
    assert (paris.country, paris.admin1) == ("United States", "Idaho")


def test_two_names_whose_readings_lie_together_are_that_place(gazetteer):
    # Edmonton and Enfield: the pair lies in north London, not in Alberta and Nova Scotia
    text = "A new bus route will serve Edmonton from May. Enfield Council voted for it on Tuesday."
    edmonton, enfield = _resolve(gazetteer, text, "Edmonton", "Enfield")
    assert edmonton.country == enfield.country == "United Kingdom"
    # alone, Edmonton is the big city
    text = "A new bus route will serve Edmonton from May."
    (edmonton,) = _resolve(gazetteer, text, "Edmonton")
    assert edmonton.country == "Canada"


def test_name_bounds_are_the_names_own_words():
    text = "in Canada's north"
    start = text.index("Canada")
    assert name_bounds(text, start, start + len("Canada's ")) == (start, start + len("Canada"))
    text = "farms in Texas, mostly"
    start = text.index("exas")
    assert name_bounds(text, start, start + 5) == (start - 1, start + 4)
    assert clean_lookup(text, start, start + 5) == "Texas"
    assert name_bounds(text, 30, 40) == (len(text), len(text))  # out of the text: empty


def _could_be_near(gazetteer, text: str, pieces: tuple[str, ...], name: str) -> dict[tuple[str, str | None], float]:
    from sucesos.places.resolve import FEATURES, resolve_toponyms, spans_to_toponyms

    toponyms = spans_to_toponyms(_spans(text, *pieces), text, gazetteer)
    record: list = []
    resolve_toponyms(toponyms, text, gazetteer, record=record)
    index = FEATURES.index("could_be_near")
    (rows, candidates) = next((rows, found) for i, rows, found in record if toponyms[i].lookup == name)
    return {(c.feature, c.admin1): row[index] for c, row in zip(candidates, rows)}


def test_a_state_is_as_near_as_its_own_namesake_town():
    # the city of Alto lies 60 km from Bajo, across the border of its state; the state of Alto holds none of Bajo
    gazetteer = Gazetteer.from_records([
        {"name": "Alto", "feature": "admin1", "country": "XA", "admin1": "Alto", "latitude": 21.0, "longitude": -102.0},
        {"name": "Alto", "feature": "city", "country": "XA", "admin1": "Alto", "latitude": 21.9, "longitude": -102.3, "population": 700000},
        {"name": "Alto", "feature": "city", "country": "XB", "admin1": "Lejos", "latitude": 40.0, "longitude": 10.0, "population": 900},
        {"name": "Bajo", "feature": "city", "country": "XA", "admin1": "Vecino", "latitude": 21.6, "longitude": -102.7, "population": 20000},
    ])
    near = _could_be_near(gazetteer, "Shots in Bajo, near Alto, on Monday.", ("Bajo", "Alto"), "Alto")
    assert near[("city", "Alto")] == near[("admin1", "Alto")] == 1.0
    assert near[("city", "Lejos")] == 0.0


def test_a_name_of_many_places_votes_less_for_its_neighbours():
    # "Llano" names twenty towns: one of them lying near a reading of "Cima" is no coincidence worth a full vote
    records = [{"name": "Cima", "feature": "city", "country": "XA", "admin1": "Norte", "latitude": 10.0, "longitude": 10.0, "population": 5000},
               {"name": "Cima", "feature": "city", "country": "XA", "admin1": "Sur", "latitude": -30.0, "longitude": 10.0, "population": 6000}]
    records += [{"name": "Llano", "feature": "city", "country": "XA", "admin1": "Norte", "latitude": 10.0 + 0.5 * (k == 0) + 5 * k, "longitude": 10.0, "population": 100 + k} for k in range(20)]
    near = _could_be_near(Gazetteer.from_records(records), "Cima and Llano", ("Cima", "Llano"), "Cima")
    assert near[("city", "Norte")] == pytest.approx(0.5)  # COMMON_NAME_READINGS 10 of its 20 readings
    assert near[("city", "Sur")] == 0.0
