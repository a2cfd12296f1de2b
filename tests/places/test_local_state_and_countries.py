"""Places of Mexican copy: colonias known only to their state, a country's own name, names before a date (issue #14)."""

from __future__ import annotations


def _places(extract, text):
    extraction = extract(text, lang="es")
    assert extraction.error is None
    return extraction.places


def test_a_colonia_of_an_article_that_names_only_its_state_lies_in_that_state(extract):
    text = (
        "Aseguran droga en operativo en Sonora\n"
        "Agentes estatales detuvieron a dos hombres en la colonia Lomas del Quetzal Azul durante un patrullaje."
    )
    colonia = next(p for p in _places(extract, text) if "Quetzal" in p.text)
    # the municipality is unknown: the state is what the text says, never a town elsewhere
    assert (colonia.iso3, colonia.admin1, colonia.admin2) == ("MEX", "Sonora", None)
    assert colonia.feature == "admin1"


def test_a_street_of_an_article_set_in_a_region_lies_in_the_region_s_state(extract):
    text = "Choque en la calle 200 y Kino deja dos lesionados en el Valle del Yaqui."
    street = next(p for p in _places(extract, text) if p.text.startswith("calle 200"))
    assert street.admin1 == "Sonora" and street.admin2 is None


def test_a_colonia_with_nothing_that_names_a_state_stays_unresolved(extract):
    text = "Detienen a un joven en la colonia Lomas del Quetzal Azul tras un asalto a una tienda."
    colonia = next(p for p in _places(extract, text) if "Quetzal" in p.text)
    assert colonia.latitude is None


def test_mexico_named_in_a_story_set_in_the_united_states_is_the_country(extract):
    # the focus is Arizona; "México" is still the country, not a small US town named Mexico
    text = (
        "Hallan otro túnel en Arizona\n"
        "Agentes de la Patrulla Fronteriza del sector de Tucson, Arizona, hallaron un túnel que conecta México con Estados Unidos."
    )
    mexico = next(p for p in _places(extract, text) if p.text == "México")
    assert mexico.iso3 == "MEX" and mexico.feature == "country"


def test_a_small_town_named_like_a_country_keeps_its_qualifier(extract):
    text = "Hallan otro túnel en Arizona\nUn hombre de Mexico, Missouri, fue detenido por agentes en Tucson, Arizona."
    town = next(p for p in _places(extract, text) if p.text.startswith("Mexico"))
    assert town.iso3 == "USA" and town.admin1 == "Missouri"


def test_a_place_named_before_a_date_ends_before_it(extract):
    text = "La banda se presentará en la Ciudad de México el 20 de septiembre en un foro de la capital."
    places = _places(extract, text)
    city = next(p for p in places if "México" in p.text)
    assert city.text == "Ciudad de México" and city.iso3 == "MEX" and city.admin1 == "Ciudad de México"


def test_a_cross_street_named_like_a_foreign_town_is_a_street(extract):
    # "entre Fresno y Canal Alto": Fresno is a street of the address, not the Californian city
    text = "Detienen a un hombre en la calle 800, entre Fresno y Canal Alto, en el Valle del Yaqui."
    street = next(p for p in _places(extract, text) if p.text.startswith("calle 800"))
    assert street.iso3 == "MEX" and street.admin1 == "Sonora"


def test_a_street_of_an_article_lies_in_the_municipality_of_its_colonias(extract):
    text = "El asalto ocurrió en la calle Jesús García, entre Idelfonso Peña y Amberes, en la colonia Náinari del Yaqui."
    places = _places(extract, text)
    street = next(p for p in places if p.text.startswith("calle Jesús García"))
    colonia = next(p for p in places if "Náinari" in p.text)
    assert colonia.admin2 == "Cajeme"
    assert (street.iso3, street.admin2) == ("MEX", "Cajeme")  # not Antwerp ("Amberes")


def test_a_building_named_by_what_it_is_lies_in_the_town_the_text_names(extract):
    text = "Asaltan a un hombre en Hermosillo. Fue atendido en la Unidad Deportiva y luego en la Clínica Santa Fe."
    places = {p.text: p for p in _places(extract, text)}
    for name in ("Unidad Deportiva", "Clínica Santa Fe"):
        assert (places[name].admin1, places[name].admin2) == ("Sonora", "Hermosillo"), name


def test_a_sindicatura_is_never_a_town_abroad_without_the_country_in_the_text(extract):
    # "la Palma" of a Sinaloa sindicatura is not Palma de Mallorca
    text = "En el Municipio de Navolato, en la sindicatura de la Palma, fue localizado el cadáver de un hombre."
    palma = next(p for p in _places(extract, text) if "Palma" in p.text)
    assert palma.iso3 in (None, "MEX")


def test_a_colonia_named_with_its_town_is_that_colonia_when_named_bare(extract):
    # the headline's "Real de Sevilla" is the colonia the text names "Real de Sevilla de Ciudad Obregón"
    text = (
        "Aseguran 60 dosis de droga en Real de Sevilla\n"
        "Los hechos se registraron en la colonia Real de Sevilla de Ciudad Obregón, informó la policía."
    )
    bare = next(p for p in _places(extract, text) if p.text == "Real de Sevilla")
    assert (bare.iso3, bare.admin1, bare.admin2) == ("MEX", "Sonora", "Cajeme")
