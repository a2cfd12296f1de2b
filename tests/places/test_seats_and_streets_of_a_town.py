"""A city GeoNames leaves without a municipality is in the one its state names like it; "una avenida
de Veracruz" is an avenue of the city, not a street called Veracruz. Sentences written for these tests."""

from __future__ import annotations


def test_a_city_without_a_municipality_in_geonames_is_in_the_one_named_like_it(extract):
    text = "Abandonan 35 cuerpos en Boca del Río\n\nUnos desconocidos dejaron el martes 35 cadáveres con huellas de tortura en Boca del Río, Veracruz."
    event = extract(text, lang="es", published="2024-05-08").events[0]
    assert (event.admin1, event.admin2) == ("Veracruz de Ignacio de la Llave", "Boca del Río")


def test_an_avenue_of_a_city_is_in_that_city(extract):
    text = (
        "Dejan cuerpos en una avenida\n\n"
        "Vengadores dejaron 35 cadáveres con huellas de tortura en una céntrica avenida de Veracruz. En Boca del Río hallaron otros dos."
    )
    places = extract(text, lang="es", published="2024-05-08").places
    veracruz = [p for p in places if "Veracruz" in p.text]
    # the city (or its state), never the street read as one and placed in the next town named
    assert veracruz and all("Veracruz" in (p.name or "") for p in veracruz)


def test_a_street_named_after_a_place_is_still_a_street(extract):
    # "la avenida Veracruz" (no indefinite, no "de" of belonging) names the street, placed in the town told
    text = "Balacera en Hermosillo\n\nUn hombre fue asesinado a balazos en la avenida Veracruz, en Hermosillo, Sonora."
    event = extract(text, lang="es", published="2024-05-08").events[0]
    assert event.admin2 == "Hermosillo"


def test_a_state_capital_named_as_such_is_the_city_not_the_state(extract):
    text = "Journalist shot dead in Mexico\n\nA journalist was shot eight times in her car outside her home in the state capital, Chihuahua."
    event = extract(text, lang="en", published="2024-05-08").events[0]
    assert (event.admin1, event.admin2) == ("Chihuahua", "Chihuahua")  # the city, not only the state
    text = "Gunmen kill a reporter\n\nGunmen killed a reporter in Chihuahua, the state capital, on Thursday."
    assert extract(text, lang="en", published="2024-05-08").events[0].admin2 == "Chihuahua"
