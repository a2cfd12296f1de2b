"""A place named to find the event's place by is not where it happened (issue 21).

A border ("a city along the Texas border"), the metropolis around a town
("en la zona metropolitana de Guadalajara"), a title-case headline's common
phrase ("Texas Border City"), and a town the model calls a person after
"the city of". Sentences are our own.
"""

from __future__ import annotations

from sucesos.places.locate import names_border


def test_a_place_named_as_one_side_of_a_border():
    text = "in a city along the Texas border, near the U.S.-Mexico border, en la ciudad fronteriza con Estados Unidos, in Texas"
    assert names_border(text, text.index("Texas"), text.index("Texas") + 5)
    assert names_border(text, text.index("U.S."), text.index("U.S.") + 4)
    assert names_border(text, text.index("Estados Unidos"), text.index("Estados Unidos") + 14)
    last = text.rindex("Texas")
    assert not names_border(text, last, last + 5)


def test_a_border_town_is_placed_in_its_country_not_across_the_border(extract):
    text = (
        "Mexican troops kill 6 gunmen in city along Texas border\n\n"
        "Soldiers on patrol in the border city of Nuevo Laredo, across from Texas, were fired on by gunmen and killed six of them on Friday.\n"
    )
    out = extract(text, lang="en", published="2024-05-04")
    assert [(e.country, e.admin1, e.admin2) for e in out.events] == [("Mexico", "Tamaulipas", "Nuevo Laredo")]


def test_a_title_case_headlines_common_phrase_is_not_a_place(extract):
    text = "Soldiers Kill 6 Gunmen in Texas Border City\n\nSoldiers patrolling the border city of Nuevo Laredo came under fire from gunmen on Friday."
    out = extract(text, lang="en", published="2024-05-04")
    assert "Border City" not in [p.text for p in out.places]
    assert any(p.name == "Nuevo Laredo" for p in out.places)


def test_the_town_not_the_metropolis_around_it(extract):
    text = (
        "Ataque armado en Tonalá deja seis muertos\n\n"
        "Un ataque armado dejó seis muertos este sábado en el municipio de Tonalá, en la zona metropolitana de Guadalajara.\n"
        "Según la Fiscalía, los agresores viajaban en una camioneta y dispararon contra un grupo de hombres.\n"
    )
    out = extract(text, lang="es", published="2024-05-04")
    assert out.events and out.events[0].admin2 == "Tonalá"


def test_a_name_after_a_persons_title_is_the_person(extract):
    out = extract("Manifestantes corearon consignas contra el gobernador Alfaro frente al palacio de gobierno de Guadalajara, Jalisco.", lang="es")
    assert "Alfaro" not in [p.text for p in out.places]
    assert any(p.name == "Guadalajara" for p in out.places)

