"""An alcaldía is one of Mexico City's boroughs (issue #14)."""

from __future__ import annotations


def test_an_alcaldia_named_by_its_feature_word_is_mexico_city_s(spanish_places):
    # Cuauhtémoc is also a municipality of Zacatecas and of Chihuahua; "alcaldía" says which
    text = "Empleados de limpia protestaron frente a la sede de la alcaldía Cuauhtémoc por falta de pago."
    borough = next(p for p in spanish_places(text) if "Cuauhtémoc" in p.text)
    assert (borough.admin1, borough.admin2) == ("Ciudad de México", "Cuauhtémoc")


def test_an_alcaldia_sets_the_event_s_municipality(extract):
    text = "Trabajadores de limpia protestan en la alcaldía Cuauhtémoc por falta de pago\nLos trabajadores bloquearon la avenida durante dos horas."
    extraction = extract(text)
    located = [e for e in extraction.events if e.admin2]
    assert located and located[0].admin1 == "Ciudad de México" and located[0].admin2 == "Cuauhtémoc"


def test_a_town_hall_called_alcaldia_outside_mexico_city_stays_in_its_town(spanish_places):
    text = "Decenas de vecinos protestaron frente a la alcaldía de Tijuana por los cortes de agua."
    hall = next(p for p in spanish_places(text) if "Tijuana" in p.text)
    assert hall.admin1 == "Baja California"
