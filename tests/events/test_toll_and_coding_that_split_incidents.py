"""Event coding that used to split one incident across outlets (issue 21): tolls and sub-types. Written for these tests.

Each text is a short report written here; what it checks is the reading a
reader of the report would give (ACLED's codebook), not a figure of a set.
"""

from __future__ import annotations

import pytest


def main(extraction):
    assert extraction.events, f"no event (error: {extraction.error})"
    return extraction.events[0]


@pytest.mark.parametrize(
    "lang, text, dead",
    [
        ("es", "Las autoridades confirmaron la muerte de seis hombres y seis mujeres y tres personas heridas en un bar de Irapuato.", 12),
        ("es", "Hombres armados abrieron fuego en Lomas de Chapultepec; los dos escoltas y una mujer que pasaba por el lugar perdieron la vida.", 3),
        ("es", "Dos sacerdotes jesuitas y un civil fueron asesinados dentro de una iglesia del poblado de Cerocahui.", 3),
        ("en", "Two Jesuit priests, Javier Campos and Joaquin Mora, and a civilian died after an armed attack inside the church of Cerocahui.", 3),
        ("es", "Este sábado por lo menos cinco hombres y seis mujeres fueron asesinados por sicarios en un bar de Irapuato.", 11),
        ("en", "Gunmen killed two police officers and three civilians in Celaya on Monday.", 5),
    ],
)
def test_toll_of_coordinated_victims_adds_up(extract, lang, text, dead):
    event = main(extract(text, lang=lang, published="2022-10-16"))
    assert event.fatalities == dead
    receipt = [item for item in event.evidence if item.field == "fatalities"]
    assert receipt and all(text[item.start : item.end] == item.text for item in receipt)


def test_toll_of_dead_and_arrested_is_not_a_sum_and_is_no_arrest(extract):
    """ "dejó tres muertos y 17 detenidos": two figures of one attack; the arrests follow it."""
    event = main(extract("Un ataque de 28 sicarios dejó tres muertos y 17 detenidos en Culiacán.", lang="es", published="2020-06-27"))
    assert event.sub_event_type != "Arrests"
    assert event.fatalities == 3


def test_an_atentado_with_guns_is_no_remote_explosive(extract):
    text = (
        "Los momentos clave del atentado contra el jefe de la policía\n"
        "Al menos 25 sicarios abrieron fuego contra la camioneta del jefe de la policía en la Ciudad de México."
    )
    event = main(extract(text, lang="es", published="2020-06-27"))
    assert event.event_type != "Explosions/Remote violence"


def test_a_detonation_reported_to_911_is_a_gunshot(extract):
    text = "Se recibió una llamada al 911 que describía una detonación contra una mujer en Tijuana; la periodista fue asesinada en su automóvil."
    event = main(extract(text, lang="es", published="2022-01-23"))
    assert event.event_type != "Explosions/Remote violence"


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The attackers fled on a motorcycle and left 9mm and 7.62 shell casings after killing 11 people in the bar."),
        ("es", "Los vecinos oyeron lo que creyeron cohetes y al salir encontraron a la comunicadora herida de bala en su automóvil."),
    ],
)
def test_casings_and_fireworks_are_no_shelling(extract, lang, text):
    found = extract(text, lang=lang, published="2022-10-21")
    assert all(e.sub_event_type != "Shelling/artillery/missile attack" for e in found.events)


def test_a_bomb_attack_is_still_a_remote_explosive(extract):
    event = main(extract("Un coche bomba explotó frente a la comandancia de policía y mató a dos agentes en Celaya.", lang="es", published="2022-10-21"))
    assert event.event_type == "Explosions/Remote violence"


def test_toll_is_not_a_count_of_massacres(extract):
    text = (
        "Asesinan a 19 personas en un palenque clandestino en Zinapécuaro, Michoacán\n"
        "Un comando irrumpió en un palenque y disparó contra los asistentes.\n"
        "En menos de un mes se han registrado dos asesinatos masivos en Michoacán."
    )
    found = extract(text, lang="es", published="2022-03-28")
    assert main(found).fatalities == 19
    assert all(e.fatalities != 2 for e in found.events)


def test_an_attack_blamed_on_a_cartel_is_the_attack(extract):
    text = (
        "Mexico City police chief shot in assassination attempt, blames drug cartel\n"
        "Mexico City's police chief was shot and wounded and two of his bodyguards were killed in an assassination attempt "
        "early on Friday that he blamed on the Jalisco New Generation Cartel."
    )
    event = main(extract(text, lang="en", published="2020-06-26"))
    assert event.fatalities == 2
    assert event.sentence is not None and "police chief" in event.sentence.text


def test_coref_a_neighbourhood_of_mexico_city_is_in_mexico_city(extract):
    """Lomas de Chapultepec is also a place in Acapulco: a story about Mexico City keeps one event, in Mexico City."""
    text = (
        "Two men shot dead outside a taco stand in Mexico City\n"
        "Gunmen shot dead two men outside a taco stand in Mexico City on Friday.\n"
        "A woman selling food nearby was also killed in the gunfire in Lomas de Chapultepec."
    )
    found = extract(text, lang="en", published="2020-06-26")
    assert len([e for e in found.events if e.event_type in ("Violence against civilians", "Battles")]) == 1
    assert all(e.admin1 == "Ciudad de México" for e in found.events)


def test_toll_among_them_the_mayor_is_a_killing_not_a_generic_list(extract):
    """ "entre ellas el alcalde" names one of the dead; it is no "such as" of a generic description."""
    text = (
        "Un comando armado irrumpió ayer en el palacio municipal de San Miguel Totolapan, Guerrero, "
        "y asesinó a 18 personas, entre ellas el alcalde Conrado Mendoza Almeda."
    )
    event = main(extract(text, lang="es", published="2022-10-06"))
    assert event.sub_event_type == "Attack"
    assert event.fatalities == 18


def test_coref_a_town_in_a_list_of_towns_does_not_place_the_main_happening(extract):
    """ "dos asesinatos masivos ... en San José de Gracia y en Zinapécuaro" lists places; the palenque was in Las Tinajas."""
    text = (
        "Asesinan a 19 personas en un palenque clandestino en Michoacán\n\n"
        "El ataque ocurrió a las 22:30 horas; los agresores huyeron en dos vehículos.\n"
        "En menos de un mes se han registrado dos asesinatos masivos en Michoacán, en San José de Gracia y en Zinapécuaro.\n"
        "Un comando irrumpió en un evento clandestino en la comunidad Las Tinajas y disparó con fusiles contra los asistentes.\n"
        "Diecinueve personas fueron masacradas la noche de ayer en un palenque clandestino, confirmó la Fiscalía."
    )
    event = main(extract(text, lang="es", published="2022-03-28"))
    assert event.fatalities == 19
    assert event.location != "San José de Gracia"
    assert event.admin2 != "Marcos Castellanos"
