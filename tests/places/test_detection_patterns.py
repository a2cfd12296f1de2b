"""Detection patterns of issue #14: descriptors, datelines, country codes, colonias named after their town."""

from __future__ import annotations


def _places(extract, text, lang):
    extraction = extract(text, lang=lang)
    assert extraction.error is None
    return extraction


def test_a_name_inside_a_descriptor_is_not_the_place(extract):
    text = "Police found three bodies in the Gulf coast state of Tamaulipas late on Friday, officials said."
    extraction = _places(extract, text, "en")
    assert [p.text for p in extraction.places] == ["Tamaulipas"]
    assert extraction.places[0].admin1 == "Tamaulipas"
    assert extraction.focus["country"] == "Mexico"


def test_pacific_resort_city_keeps_the_city(extract):
    text = "Two men were shot dead outside a hotel in the Pacific resort city of Mazatlan on Saturday."
    places = _places(extract, text, "en").places
    assert "Pacific" not in {p.text for p in places}
    assert any(p.admin1 == "Sinaloa" for p in places)


def test_capitalised_dateline_names_the_town(extract):
    text = "Por: Redacción\nHUATABAMPO.- Agentes municipales detuvieron a dos hombres que asaltaron una tienda de abarrotes."
    places = _places(extract, text, "es").places
    town = next(p for p in places if p.text == "HUATABAMPO")
    assert town.admin1 == "Sonora"


def test_agency_signature_is_no_dateline(extract):
    text = "NOTIMEX.- El gobierno federal presentó un plan para reducir el gasto en salud."
    assert not any(p.text == "NOTIMEX" for p in _places(extract, text, "es").places)


def test_iso_code_of_a_country_is_an_acronym_in_copy(extract):
    text = "Los comerciantes de Hermosillo pidieron bajar el IVA y el ISR antes de fin de año, dijo la cámara empresarial."
    places = _places(extract, text, "es").places
    assert "ISR" not in {p.text for p in places}
    assert any(p.text == "Hermosillo" for p in places)


def test_colonia_named_after_its_town_lies_in_that_town(extract):
    text = "Un joven resultó herido de bala en la colonia Lomas de Jacona durante la madrugada del domingo."
    colonia = next(p for p in _places(extract, text, "es").places if "Jacona" in p.text)
    assert (colonia.admin1, colonia.admin2) == ("Michoacán de Ocampo", "Jacona")


def test_colonia_listed_elsewhere_is_not_moved_to_a_namesake_town(extract):
    # SEPOMEX lists "Lomas de Chapultepec" in Miguel Hidalgo (CDMX), not in the Edomex town of Chapultepec
    text = "Roban una residencia en la colonia Lomas de Chapultepec; los ladrones escaparon."
    colonia = next(p for p in _places(extract, text, "es").places if "Chapultepec" in p.text)
    assert colonia.admin2 != "Chapultepec"
