"""Resolution in context with a small fake gazetteer, and with the real one."""

from __future__ import annotations

import pytest

from sucesos.places.resolve import clean_lookup, resolve_spans


def spans_of(text: str, *names: str) -> list[dict]:
    spans, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        spans.append({"start": start, "end": start + len(name)})
        cursor = start + len(name)
    return spans


def test_qualifier_picks_the_michoacan_tepalcatepec(fake_gazetteer):
    text = "Ten soldiers were wounded by a landmine in Tepalcatepec, Michoacán."
    town, state = resolve_spans(spans_of(text, "Tepalcatepec", "Michoacán"), text, fake_gazetteer)
    assert town.admin1 == "Michoacán de Ocampo"
    assert (round(town.latitude, 2), round(town.longitude, 2)) == (19.19, -102.85)
    assert town.feature == "city" and town.country == "Mexico" and town.iso3 == "MEX"
    assert state.feature == "admin1" and state.name == "Michoacán de Ocampo"


def test_qualifier_picks_the_state_of_mexico_tepalcatepec(fake_gazetteer):
    text = "Residents of Tepalcatepec, Estado de México, reported shots."
    (town, _state) = resolve_spans(spans_of(text, "Tepalcatepec", "Estado de México"), text, fake_gazetteer)
    assert town.admin1 == "México"
    assert round(town.longitude, 1) == -99.6


def test_article_region_decides_apatzingan_without_qualifier(fake_gazetteer):
    text = "Violence in Michoacán goes on. Gunmen attacked police in Apatzingán on Sunday."
    _state, town = resolve_spans(spans_of(text, "Michoacán", "Apatzingán"), text, fake_gazetteer)
    assert town.admin1 == "Michoacán de Ocampo"
    tabasco = "Floods in Tabasco left families homeless. Apatzingán was cut off."
    _state, hamlet = resolve_spans(spans_of(tabasco, "Tabasco", "Apatzingán"), tabasco, fake_gazetteer)
    assert hamlet.admin1 == "Tabasco"


def test_population_decides_when_there_is_no_context_and_says_it_is_less_sure(fake_gazetteer):
    alone = "Paris."
    (paris,) = resolve_spans(spans_of(alone, "Paris"), alone, fake_gazetteer)
    assert paris.country == "France"
    texan = "A storm hit Dallas and Paris, Texas."
    _dallas, paris_tx = resolve_spans(spans_of(texan, "Dallas", "Paris"), texan, fake_gazetteer)
    assert paris_tx.country == "United States"
    assert paris_tx.score > 0.5
    assert paris.score < 1.0


def test_accents_case_and_punctuation_do_not_matter(fake_gazetteer):
    text = "MICHOACAN: shots in apatzingan and in the U.S."
    places = resolve_spans(spans_of(text, "MICHOACAN", "apatzingan", "U.S."), text, fake_gazetteer)
    assert [p.name for p in places] == ["Michoacán de Ocampo", "Apatzingán", "United States"]


def test_unknown_place_is_kept_with_null_coordinates(fake_gazetteer):
    text = "They fled to Xyzzyville."
    (place,) = resolve_spans(spans_of(text, "Xyzzyville"), text, fake_gazetteer)
    assert place.text == "Xyzzyville" and place.latitude is None and place.name is None


def test_given_span_keeps_its_offsets_even_when_it_cuts_a_word():
    text = "Troops entered Texas after the storm."
    start = text.index("Texas") + 1
    assert clean_lookup(text, start, start + 5) == "Texas"
    assert clean_lookup("the U.S. said", 5, 9) == "U.S."
    assert clean_lookup("Canada's border", 0, 8) == "Canada"


@pytest.mark.slow
def test_real_gazetteer_resolves_worldwide(resources):
    gazetteer = resources.gazetteer
    text = "LONDON, Ont. — Police in London said a man from Edmonton, Alberta, was arrested in Ontario."
    places = resolve_spans(spans_of(text, "LONDON", "Ont.", "London", "Edmonton", "Alberta", "Ontario"), text, gazetteer)
    london, ont, london2, edmonton, alberta, ontario = places
    assert london.country == "Canada" and london.admin1 == "Ontario"
    assert london2.country == "Canada"
    assert edmonton.admin1 == "Alberta"
    text = "Ten soldiers were wounded in Tepalcatepec, Michoacan."
    town, state = resolve_spans(spans_of(text, "Tepalcatepec", "Michoacan"), text, gazetteer)
    assert town.geonameid == 3982007 and town.admin1 == "Michoacán de Ocampo"
    assert state.feature == "admin1" and state.geonameid == 3995955


def test_real_gazetteer_knows_mexico_and_the_world(resources):
    # Its load time is a bench figure (bench/pipeline.py), not a test: a busy CI machine is no regression.
    gazetteer = resources.gazetteer
    assert len(gazetteer) > 200_000
    tepalcatepec = [c for c in gazetteer.lookup("tepalcatepec") if c.feature == "city"]
    assert {c.admin1 for c in tepalcatepec} == {"Michoacán de Ocampo", "México"}
    assert gazetteer.lookup("USA")[0].iso3 == "USA"
    assert gazetteer.demonym_country("mexicanos").name == "Mexico"


from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_given_spans_come_back_one_place_each_with_their_offsets(fake_gazetteer, data):
    text = data.draw(st.text(alphabet=st.sampled_from(list("abcMTépá ,.'’\nÁ")), min_size=0, max_size=60))
    bounds = st.integers(min_value=0, max_value=len(text))
    pairs = data.draw(st.lists(st.tuples(bounds, bounds), max_size=6))
    spans = [{"start": min(a, b), "end": max(a, b)} for a, b in pairs]
    places = resolve_spans(spans, text, fake_gazetteer)
    assert [(p.start, p.end) for p in places] == [(s["start"], s["end"]) for s in spans]
    assert all(p.text == text[p.start : p.end] for p in places)


def test_gazetteer_pickles_for_parallel_workers(fake_gazetteer):
    import pickle

    copy = pickle.loads(pickle.dumps(fake_gazetteer))
    assert [c.name for c in copy.lookup("Apatzingan")] == [c.name for c in fake_gazetteer.lookup("Apatzingan")]
    from sucesos.places.gazetteer import Gazetteer

    assert len(pickle.dumps(Gazetteer())) < 1000  # the real one travels without its tables
