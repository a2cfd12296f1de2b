"""Clubs named for places in Spanish sports copy are not places (issue #14)."""

from __future__ import annotations


def test_a_club_named_for_a_city_with_an_article_in_sports_copy_is_no_place(spanish_places):
    text = "Los Pumas tendrán partidos amistosos contra el Monterrey y el Puebla durante su gira."
    places = spanish_places(text)
    assert not any("Monterrey" in p.text or "Puebla" in p.text for p in places)


def test_a_club_named_for_a_state_sets_no_focus(spanish_places):
    # "ante el Morelos": the baseball club; the stadium is not placed in Morelos
    text = "Los Algodoneros cayeron 8 carreras a 4 ante el Morelos en el estadio municipal."
    places = spanish_places(text)
    assert not any(p.text == "Morelos" for p in places)
    assert not any(p.admin1 == "Morelos" for p in places)


def test_the_city_of_a_sports_story_is_still_a_place(spanish_places):
    # no article before the name: the city where the team played
    text = "El equipo viajó a Monterrey para el partido del sábado ante los Rayados."
    town = next(p for p in spanish_places(text) if p.text == "Monterrey")
    assert town.admin1 == "Nuevo León"


def test_a_locality_that_takes_its_article_stays_a_place_outside_sports_copy(spanish_places):
    text = "Vecinos del Tobarito, en Cajeme, denunciaron la falta de agua potable desde hace una semana."
    assert any("Tobarito" in p.text and p.iso3 == "MEX" for p in spanish_places(text))
