"""Lakes, sierras and dams named for the town or state they lie at (issue #14)."""

from __future__ import annotations


def test_a_lake_named_for_its_town_lies_in_that_town_s_state(spanish_places):
    text = "Pescadores de la ribera del lago de Chapala denunciaron la mortandad de peces."
    lake = next(p for p in spanish_places(text) if "Chapala" in p.text)
    # the state only: a lake spans municipalities, so no town is claimed for it
    assert (lake.iso3, lake.admin1, lake.admin2) == ("MEX", "Jalisco", None)


def test_an_event_in_a_sierra_is_coded_to_its_state_at_region_precision(extract):
    text = "Hombres armados emboscaron a una patrulla militar en la sierra de Yécora; dos soldados murieron en el ataque."
    extraction = extract(text)
    sierra = next(p for p in extraction.places if "Yécora" in p.text)
    assert sierra.admin1 == "Sonora" and sierra.admin2 is None
    located = [e for e in extraction.events if e.admin1]
    assert located and located[0].admin1 == "Sonora" and located[0].geo_precision == 3


def test_a_river_is_not_placed_by_its_name_alone(spanish_places):
    # rivers run through several states: no state is guessed from a namesake
    text = "Las autoridades buscan a un pescador que desapareció en el río de Tamazula la semana pasada."
    river = next(p for p in spanish_places(text) if "Tamazula" in p.text)
    assert river.admin1 is None
