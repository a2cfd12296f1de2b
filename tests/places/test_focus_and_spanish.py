"""Article focus and Spanish-aware detection (issue P6), through the real pipeline."""

from __future__ import annotations

import time

from sucesos.places.focus import article_focus
from sucesos.places.resolve import Toponym
from sucesos.places.words import is_common_word


def places_of(extract, text: str, **fields):
    extraction = extract(text, **fields)
    assert extraction.error is None
    return extraction


def test_everyday_spanish_words_are_not_places(extract):
    text = (
        "Ayer por la tarde no pasó nada en Hermosillo, Sonora. Para la Secretaría de Hacienda, "
        "el Valle y la Plaza no tienen luz; el PAN, el PRI y MORENA pidieron un debate."
    )
    texts = {p.text for p in places_of(extract, text, lang="es").places}
    for word in ("Ayer", "Para", "Hacienda", "Valle", "Plaza", "PAN", "PRI", "MORENA"):
        assert word not in texts
    assert "Hermosillo, Sonora" in texts


def test_focus_is_output_with_its_evidence(extract):
    text = "Balacera en Guanajuato\nHombres armados atacaron un bar en Celaya, Gto., la noche del sábado."
    extraction = places_of(extract, text, lang="es")
    focus = extraction.focus
    assert focus["country"] == "Mexico" and focus["admin1"] == "Guanajuato"
    assert focus["evidence"] and all(text[e["start"] : e["end"]] == e["text"] for e in focus["evidence"])
    celaya = next(p for p in extraction.places if p.text.startswith("Celaya"))
    assert celaya.text == "Celaya, Gto." and celaya.admin1 == "Guanajuato"
    assert extraction.to_dict()["focus"]["country"] == "Mexico"


def test_mexico_city_alcaldias_resolve_inside_the_focus(extract):
    text = (
        "Asaltan a pasajeros en la Ciudad de México\n"
        "Los hechos ocurrieron en la alcaldía Cuauhtémoc y después en Venustiano Carranza, informó la policía de la CDMX."
    )
    places = places_of(extract, text, lang="es").places
    alcaldia = next(p for p in places if "Cuauhtémoc" in p.text)
    assert alcaldia.admin1 == "Ciudad de México"
    carranza = next(p for p in places if p.text == "Venustiano Carranza")
    assert carranza.admin1 == "Ciudad de México"


def test_feature_words_keep_the_whole_name(extract):
    text = "Lluvias en el Valle del Yaqui y en el Estado de Sonora; el Municipio de Cajeme abrió albergues."
    places = {p.text: p for p in places_of(extract, text, lang="es").places}
    assert "Valle del Yaqui" in places and places["Valle del Yaqui"].name != "Valle"
    assert places["Estado de Sonora"].feature == "admin1"
    assert places["Municipio de Cajeme"].feature == "admin2" and places["Municipio de Cajeme"].admin1 == "Sonora"


def test_colonia_is_placed_in_its_municipality_not_a_namesake(extract):
    text = "En Hermosillo, vecinos de la colonia Sonora y de la colonia Centro denunciaron robos."
    places = places_of(extract, text, lang="es").places
    for colonia in ("colonia Sonora", "colonia Centro"):
        # each colonia alone or within one address ("colonia Sonora y de la colonia Centro")
        place = next(p for p in places if colonia in p.text)
        assert place.name == "Hermosillo" and place.feature == "city"
        assert place.admin1 == "Sonora"


def test_a_bare_name_the_article_calls_a_colonia_is_that_colonia(extract):
    # The headline names the neighbourhood bare; the body says it is a colonia of
    # Celaya. Neither the headline's mention nor the article's focus becomes the
    # Tamaulipas town that shares its name.
    text = (
        "Matan a madre e hija en Valle Hermoso\n"
        "Celaya, Gto.- Una mujer y su hija murieron la noche del sábado cuando hombres armados "
        "irrumpieron en su casa de la colonia Valle Hermoso y les dispararon. "
        "La Fiscalía de Guanajuato investiga el doble homicidio."
    )
    extraction = places_of(extract, text, lang="es")
    bare = next(p for p in extraction.places if p.text == "Valle Hermoso")
    assert (bare.name, bare.admin1) == ("Celaya", "Guanajuato")
    assert extraction.focus["admin1"] == "Guanajuato"
    assert all(p.admin1 != "Tamaulipas" for p in extraction.places)


def test_colonia_without_a_known_municipality_is_unresolved(extract):
    places = {p.text: p for p in places_of(extract, "Vecinos de la colonia Centro denunciaron robos.", lang="es").places}
    assert places["colonia Centro"].latitude is None and places["colonia Centro"].name is None


def test_no_place_gives_empty_places_and_null_focus(extract):
    extraction = places_of(extract, "El precio del pan subió ayer, dijeron los vecinos, y nadie sabe por qué.", lang="es")
    assert extraction.places == []
    assert extraction.focus is None


def test_outlet_domain_sets_the_country(fake_gazetteer):
    focus = article_focus([], "Sin lugares.", fake_gazetteer, url="https://www.elimparcial.com.mx/nota/1")
    assert focus is not None and focus.country == "Mexico" and focus.admin1 is None
    assert focus.evidence[0]["start"] is None and "elimparcial" in focus.evidence[0]["text"]
    assert article_focus([], "Sin lugares.", fake_gazetteer, url="https://example.com/x") is None


def test_focus_from_state_names(fake_gazetteer):
    text = "Violencia en Michoacán. En Tepalcatepec hubo disparos."
    toponyms = [Toponym(start=13, end=22, lookup="Michoacán", source="ner"), Toponym(start=27, end=39, lookup="Tepalcatepec", source="ner")]
    focus = article_focus(toponyms, text, fake_gazetteer, lang="es")
    assert focus.country == "Mexico" and focus.admin1 == "Michoacán de Ocampo"
    assert {"start": 13, "end": 22, "text": "Michoacán"} in focus.evidence


def test_municipalities_of_one_state_outvote_a_passing_state_name():
    from sucesos.places.gazetteer import Gazetteer

    text = "Balean a pareja en San Bernardino\nEl asalto fue en Texcoco. Venían de la Ciudad de México. En Texcoco nadie vio nada."
    names = ["San Bernardino", "Texcoco", "Ciudad de México", "Texcoco"]
    toponyms, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        toponyms.append(Toponym(start=start, end=start + len(name), lookup=name, source="ner"))
        cursor = start + len(name)
    focus = article_focus(toponyms, text, Gazetteer(), lang="es")
    # Texcoco is a municipality of the State of Mexico only; San Bernardino County alone sets no country
    assert focus.country == "Mexico" and focus.admin1 == "México"


def test_common_word_test_uses_word_frequencies():
    assert is_common_word("Ayer", "es") and is_common_word("Valle", "es") and is_common_word("Para", "es")
    assert not is_common_word("Cajeme", "es") and not is_common_word("Hermosillo", "es")
    assert not is_common_word("Valle del Yaqui", "es")
    assert not is_common_word("US", "en") and is_common_word("ALTO", "es")


def test_english_supranational_and_regions(extract):
    text = "Officials in Washington said the US and the EU discussed the Korean Peninsula, North Africa and the Cauvery."
    places = {p.text: p for p in places_of(extract, text, lang="en").places}
    assert places["US"].country == "United States"
    assert places["EU"].name == "European Union" and places["EU"].feature == "other"
    for name in ("Korean Peninsula", "North Africa", "Cauvery"):
        assert places[name].latitude is not None and places[name].feature == "other"


def test_distrito_federal_is_mexico_city(extract):
    places = places_of(extract, "Llegaron al Distrito Federal desde Tijuana, Baja California.", lang="es").places
    assert places[0].text == "Distrito Federal" and places[0].name == "Ciudad de México"
    assert places[1].text == "Tijuana, Baja California" and places[1].name == "Tijuana"


# -- bad input -----------------------------------------------------------------

def test_coordinates_in_text_are_not_places(extract):
    extraction = places_of(extract, "El cuerpo fue hallado en 19.4326, -99.1332, según el reporte.", lang="es")
    assert all(any(ch.isalpha() for ch in p.text) for p in extraction.places)


def test_very_long_name_and_mixed_scripts_do_not_crash(extract):
    long_name = "Sanjuan" + "a" * 2000
    text = f"Vecinos de la colonia {long_name} y de Москва y 北京 denunciaron robos en Hermosillo."
    extraction = places_of(extract, text, lang="es")
    assert any(p.name == "Hermosillo" for p in extraction.places)
    assert all(p.end - p.start <= 200 for p in extraction.places if p.latitude is not None)


def test_list_of_many_places_costs_linear_time(fake_gazetteer):
    # geoparsing alone (a tokenizer-only document, the fake gazetteer): eight
    # times the names may cost about eight times as long, never sixty-four.
    # A ratio, not a wall-clock bound: it holds on a loaded machine too.
    import spacy

    from sucesos.places.component import geoparse_with_focus

    names = ["Morelia", "Apatzingán", "Tepalcatepec", "Dallas"]
    nlp = spacy.blank("es")

    def geoparse(count: int):
        text = "Lugares: " + ", ".join(names[i % len(names)] for i in range(count)) + "."
        doc = nlp(text)
        started = time.perf_counter()
        places, focus = geoparse_with_focus(None, text, doc, fake_gazetteer, "es")
        return time.perf_counter() - started, places, focus

    small = min(geoparse(2_000)[0] for _ in range(3))
    seconds, places, focus = geoparse(16_000)
    assert seconds / small < 24, f"8x the names took {seconds / small:.0f}x as long"
    assert len(places) >= 10_000
    assert focus is not None and focus.country == "Mexico"


def test_foreign_small_town_needs_its_country_in_local_news():
    from sucesos.places.focus import Focus
    from sucesos.places.gazetteer import Gazetteer
    from sucesos.places.resolve import resolve_toponyms

    gazetteer = Gazetteer.from_records([
        {"name": "Hermosillo", "feature": "city", "country": "MX", "country_name": "Mexico", "admin1": "Sonora", "latitude": 29.07, "longitude": -110.96, "population": 784342},
        {"name": "Centro Histórico", "feature": "city", "country": "CV", "country_name": "Cabo Verde", "latitude": 14.92, "longitude": -23.51, "population": 5000},
        {"name": "Cabo Verde", "feature": "country", "country": "CV", "country_name": "Cabo Verde", "latitude": 16.0, "longitude": -24.0},
    ])
    focus = Focus(country_code="MX", country="Mexico", strong=True)
    text = "En Hermosillo, el Centro Histórico amaneció cerrado."
    toponyms = [Toponym(start=3, end=13, lookup="Hermosillo", source="ner"), Toponym(start=18, end=34, lookup="Centro Histórico", source="ner")]
    places = resolve_toponyms(toponyms, text, gazetteer, guard_unsupported=True, focus=focus)
    assert places[0].name == "Hermosillo" and places[1].latitude is None
    text = "En Cabo Verde, el Centro Histórico amaneció cerrado."
    toponyms = [Toponym(start=3, end=13, lookup="Cabo Verde", source="ner"), Toponym(start=18, end=34, lookup="Centro Histórico", source="ner")]
    places = resolve_toponyms(toponyms, text, gazetteer, guard_unsupported=True, focus=focus)
    assert places[1].country == "Cabo Verde"  # its country is named: the foreign reading has evidence


def test_colonia_of_a_named_town_keeps_the_town(extract):
    # regression: cutting "colonia Centro de Ciudad Obregón" at the town dropped the town itself
    text = "Atacaron a dos jóvenes en la colonia Centro de Ciudad Obregón, Sonora, ayer."
    places = {p.text: p for p in places_of(extract, text, lang="es").places}
    assert places["colonia Centro"].name == "Ciudad Obregón"
    assert places["Ciudad Obregón, Sonora"].admin2 == "Cajeme"


def test_municipal_press_names_and_known_barrios(extract):
    text = (
        "Balean a hombre en Tepito\n"
        "Un hombre fue baleado en el barrio de Tepito; después los agentes fueron al municipio de Tecámac "
        "y al municipio de Los Reyes La Paz."
    )
    places = {p.text: p for p in places_of(extract, text, lang="es").places}
    tepito = next(p for t, p in places.items() if "Tepito" in t)
    assert (tepito.admin1, tepito.admin2) == ("Ciudad de México", "Cuauhtémoc")  # its own alcaldía, not the town named next
    la_paz = next(p for t, p in places.items() if "La Paz" in t)
    assert (la_paz.admin1, la_paz.admin2) == ("México", "La Paz")


def test_municipalities_answer_to_their_official_and_press_names():
    from sucesos.places.gazetteer import Gazetteer

    gazetteer = Gazetteer()
    for name in ("Neza", "Nezahualcóyotl", "Ciudad Nezahualcóyotl"):
        municipality = next(c for c in gazetteer.lookup(name) if c.feature == "admin2")
        assert (municipality.admin1, municipality.name) == ("México", "Nezahualcóyotl")  # INEGI's name
    assert gazetteer.barrio("Tepito").name == "Cuauhtémoc" and gazetteer.barrio("Tepito").admin1 == "Ciudad de México"
    assert gazetteer.barrio("Centro") is None  # a colonia name shared by every town is no barrio of one


def test_a_march_at_a_mexico_city_landmark_is_placed_in_its_alcaldia(extract):
    text = (
        "Maestros marchan hacia el Palacio Nacional\n"
        "Cientos de maestros marcharon este lunes desde el Ángel de la Independencia hasta el Palacio Nacional "
        "para exigir el pago de salarios atrasados."
    )
    result = extract(text, lang="es", published="2024-03-04")
    main = result.events[0]
    assert (main.admin1, main.admin2) == ("Ciudad de México", "Cuauhtémoc")


def test_a_town_square_is_not_mexico_citys_zocalo(extract):
    text = (
        "Protestan comerciantes en el zócalo\n"
        "Decenas de comerciantes protestaron este martes en el Zócalo de Oaxaca de Juárez contra el cobro de cuotas."
    )
    main = extract(text, lang="es", published="2024-03-05").events[0]
    assert main.admin1 == "Oaxaca" and main.admin2 != "Cuauhtémoc"
