"""Toponym detection through the pipeline (real models and gazetteer)."""

from __future__ import annotations


def places_of(extract, text: str, **fields):
    extraction = extract(text, **fields)
    assert extraction.error is None
    return extraction.places


def test_english_detection_splits_town_and_state(extract):
    places = places_of(extract, "Ten soldiers were wounded last week in Tepalcatepec, Michoacan, officials said.")
    by_text = {p.text: p for p in places}
    assert by_text["Tepalcatepec"].admin1 == "Michoacán de Ocampo"
    assert by_text["Tepalcatepec"].feature == "city"
    assert by_text["Michoacan"].feature == "admin1"


def test_spanish_detection_with_accents(extract):
    text = "Hombres armados atacaron a policías en Apatzingán, Michoacán, la madrugada del domingo."
    places = places_of(extract, text)
    names = {p.name for p in places}
    assert "Apatzingán" in names and "Michoacán de Ocampo" in names
    for place in places:
        assert text[place.start : place.end] == place.text


def test_metonymy_and_demonyms_are_not_places(extract):
    text = "Mexico said on Monday that Mexican troops would stay. The attack happened in Apatzingán."
    places = places_of(extract, text)
    texts = [p.text for p in places]
    assert "Mexico" not in texts
    assert "Mexican" not in texts
    assert "Apatzingán" in texts


def test_spans_mode_in_the_pipeline_resolves_exactly_the_given_spans(extract):
    text = "Gunmen attacked police in Tepalcatepec, Michoacán."
    spans = [{"start": 26, "end": 38}, {"start": 40, "end": 49}]
    places = places_of(extract, text, spans=spans)
    assert [(p.start, p.end) for p in places] == [(26, 38), (40, 49)]
    assert places[0].admin1 == "Michoacán de Ocampo"
