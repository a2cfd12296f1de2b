"""Mexican towns written with their state that the gazetteer knows only by
their municipality's name, and Spanish names that run on past a known start (issue #14)."""

from __future__ import annotations


def test_a_town_written_with_its_state_is_the_municipality_of_that_state_named_in_it(spanish_places):
    # "San Juan Chamula" is the town of the municipality GeoNames calls "Chamula"; the pair
    # names Chiapas, so no "San Juan" abroad (Argentina's province, Puerto Rico's capital)
    text = "Pobladores retuvieron a dos funcionarios en San Juan Chamula, Chiapas, durante una asamblea comunitaria."
    town = next(p for p in spanish_places(text) if p.text.startswith("San Juan Chamula"))
    assert (town.iso3, town.admin1, town.admin2) == ("MEX", "Chiapas", "Chamula")


def test_a_press_short_name_with_its_state_finds_the_longer_official_municipality(spanish_places):
    # "Escobedo" alone is a small municipality of Coahuila; with "Nuevo León" it is General Escobedo
    text = "Dos hombres fueron detenidos en Escobedo, Nuevo León, tras un enfrentamiento con policías."
    town = next(p for p in spanish_places(text) if p.text.startswith("Escobedo"))
    assert (town.iso3, town.admin1, town.admin2) == ("MEX", "Nuevo León", "General Escobedo")


def test_an_unknown_locality_written_with_its_state_lies_in_that_state(spanish_places):
    # a locality the gazetteer lacks, named with its state: the state, its municipality unknown
    text = "Las brigadas trabajarán mañana en el Xochiquetzalco Viejo, Estado de México, según el gobierno."
    place = next(p for p in spanish_places(text) if "Xochiquetzalco" in p.text)
    assert place.iso3 == "MEX" and place.admin1 == "México" and place.admin2 is None


def test_a_list_of_towns_is_not_a_town_and_a_foreign_state(spanish_places):
    # "Tepalcatepec, Lombardía": two Michoacán towns in a list; Lombardy (Italy) qualifies nothing
    text = "El operativo abarca municipios michoacanos como Buenavista, Tepalcatepec, Lombardía, Coalcomán y Aquila."
    places = [p for p in spanish_places(text) if "Tepalcatepec" in p.text or "Lombard" in p.text]
    assert places and all(p.iso3 in ("MEX", None) for p in places)


def test_a_spanish_name_that_runs_on_past_a_known_start_is_not_that_start(spanish_places):
    # "San Juan Chamula" alone: no "San Juan" in Puerto Rico or Argentina by its first two words
    text = "Las autoridades tradicionales de San Juan Chamula retuvieron a una menor durante 29 horas."
    place = next(p for p in spanish_places(text) if p.text.startswith("San Juan"))
    assert place.text == "San Juan Chamula"
    assert place.iso3 in ("MEX", None)


def test_the_vatican_is_known_by_its_spanish_name(spanish_places):
    text = "Miles de fieles se reunieron en la plaza principal del Vaticano para escuchar al papa Francisco."
    vatican = next(p for p in spanish_places(text) if p.text.endswith("Vaticano"))
    assert vatican.iso3 == "VAT"


def test_a_town_whose_name_ends_with_a_state_s_name_is_one_place(spanish_places):
    # the model tags "Dolores" and "Hidalgo" apart: together they are the Guanajuato town,
    # not a word and the state of Hidalgo
    text = "El alcalde de Dolores Hidalgo pidió apoyo a la Guardia Nacional tras la balacera."
    places = spanish_places(text)
    town = next(p for p in places if "Dolores" in p.text)
    assert town.text == "Dolores Hidalgo" and town.admin1 == "Guanajuato"
    assert not any(p.admin1 == "Hidalgo" for p in places)


def test_a_town_the_gazetteer_lacks_still_sets_the_focus_on_its_state(extract):
    # the colonia of a story set in an unknown locality of Guerrero lies in Guerrero
    text = "Balacera en Xochiquetzalco Viejo, Guerrero, deja dos muertos\nLos hechos ocurrieron en la colonia Centro durante la madrugada."
    extraction = extract(text, lang="es")
    assert extraction.focus is not None and extraction.focus["admin1"] == "Guerrero"
    colonia = next(p for p in extraction.places if p.text == "colonia Centro")
    assert colonia.admin1 == "Guerrero" and colonia.admin2 is None
