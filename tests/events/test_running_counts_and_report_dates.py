"""Issue 21 (held-out reports of journalists' killings): a victim's rank in a
series ("the seventh journalist killed this year") is no toll and its period no
date; "cuatro personas sin vida" are four dead; a date that dates the telling or
a reaction leaves the happening's day open (time precision 2); an English
headline drops the passive's auxiliary ("Journalist killed in ..."). Sentences
written for these tests."""

from __future__ import annotations

from sucesos.dates.normalise import find_dates


def main(extraction):
    assert extraction.events, f"no event (error: {extraction.error})"
    return extraction.events[0]


def test_english_rank_in_a_series_is_no_toll(extract):
    text = (
        "Reporter Ana Ruiz becomes the seventh journalist killed in Mexico this year\n\n"
        "Ana Ruiz was shot dead outside her home in Hermosillo, Sonora, on Tuesday night."
    )
    extraction = extract(text, lang="en", published="2023-05-17")
    event = main(extraction)
    assert event.sub_event_type == "Attack"
    assert event.fatalities == 1
    assert event.event_date == "2023-05-16"
    assert any(s.quantity == 7 and "rank" in s.unit for s in extraction.statistics)


def test_spanish_rank_in_a_series_is_no_toll(extract):
    text = (
        "Matan al noveno periodista en México en lo que va del año\n\n"
        "El periodista Luis Pérez fue asesinado a balazos la noche de este martes en Tehuacán, Puebla.\n"
        "Pérez es el noveno comunicador asesinado en el país este año."
    )
    event = main(extract(text, lang="es", published="2023-05-17"))
    assert event.fatalities == 1
    assert event.admin2 == "Tehuacán"


def test_a_running_total_of_victims_is_no_toll(extract):
    text = (
        "Asesinan a dos hombres en Tehuacán\n\n"
        "Dos hombres fueron asesinados a balazos la noche de este martes en un taller de Tehuacán, Puebla.\n"
        "Con ellos suman 41 personas asesinadas en el municipio en lo que va de 2023."
    )
    event = main(extract(text, lang="es", published="2023-05-17"))
    assert event.fatalities == 2


def test_since_starts_a_period_and_dates_nothing(extract):
    mentions = find_dates("He is the sixth journalist murdered in Mexico since early March.", "2023-05-17", lang="en")
    assert [(m.text, m.value, m.kind) for m in mentions] == [("early March", None, "since")]
    assert find_dates("Desde el 10 de enero no se sabía de él.", "2023-05-17", lang="es")[0].value is None
    assert find_dates("Fue asesinado el 10 de enero.", "2023-05-17", lang="es")[0].value == "2023-01-10"
    text = (
        "Journalist shot dead in Hermosillo\n\n"
        "Journalist Ana Ruiz was shot dead on Monday outside her home in Hermosillo, Sonora.\n"
        "She is the sixth journalist murdered in Mexico since early March."
    )
    event = main(extract(text, lang="en", published="2023-05-17"))
    assert event.event_date == "2023-05-15"


def test_people_without_life_are_the_dead(extract):
    text = (
        "Atacan bar en Dolores Hidalgo\n\n"
        "Un comando armado atacó la noche del martes un bar de Dolores Hidalgo, Guanajuato.\n"
        "El saldo del ataque fue de cuatro personas sin vida y dos lesionados."
    )
    event = main(extract(text, lang="es", published="2023-05-17"))
    assert event.fatalities == 4


def test_the_day_it_was_told_leaves_the_happening_day_open(extract):
    told = (
        "Detienen a responsables del asesinato de cinco jornaleros en Tlapa\n\n"
        "El fiscal del estado informó este miércoles que tres hombres fueron los responsables del asesinato de cinco jornaleros en Tlapa, Guerrero."
    )
    event = main(extract(told, lang="es", published="2023-05-17"))
    assert event.event_date == "2023-05-17"
    assert event.time_precision == 2
    assert any(e.field == "time_precision" and e.rule and "told" in e.rule for e in event.evidence)
    happened = (
        "Asesinan a cinco jornaleros en Tlapa\n\n"
        "Cinco jornaleros fueron asesinados este miércoles en Tlapa, Guerrero, informó el fiscal del estado."
    )
    event = main(extract(happened, lang="es", published="2023-05-17"))
    assert (event.event_date, event.time_precision) == ("2023-05-17", 1)


def test_a_reaction_dates_itself_not_the_killing(extract):
    text = (
        "Mexican journalist shot to death in Hermosillo\n\n"
        "Tributes were paid on Saturday for a Mexican journalist killed inside his studio in Hermosillo, Sonora.\n"
        "Two men arrived at the studio and shot him."
    )
    event = main(extract(text, lang="en", published="2023-05-22"))
    assert event.time_precision == 2


def test_english_headline_passive_without_its_auxiliary(extract):
    text = "Journalist Ana Ruiz killed in Hermosillo\n\nAna Ruiz, a reporter, was slain today in Hermosillo."
    event = main(extract(text, lang="en", published="2023-05-17"))
    assert event.sub_event_type == "Attack"
    assert event.fatalities == 1
    assert event.admin2 == "Hermosillo"
    # an active clause with its object is no passive: the gunmen killed, the officers died
    event = main(extract("Gunmen killed two police officers in Hermosillo on Monday.", lang="en", published="2023-05-17"))
    assert event.fatalities == 2
    assert event.actor2 and "Police" in event.actor2


def test_counted_incidents_leaving_dead_are_a_tally(extract):
    text = (
        "Asesinan a comerciante en Tehuacán\n\n"
        "Un comerciante fue asesinado a balazos este martes en su tienda de Tehuacán, Puebla.\n"
        "En la región, cuatro ataques armados en Tecamachalco han dejado 12 víctimas mortales este mes."
    )
    event = main(extract(text, lang="es", published="2023-05-17"))
    assert event.fatalities == 1


def test_a_year_is_the_period_of_a_running_total(extract):
    text = (
        "Matan a reportero en Tehuacán\n\n"
        "El reportero Luis Pérez fue asesinado la noche de este martes en Tehuacán, Puebla; con su muerte suman siete comunicadores asesinados en 2023."
    )
    extraction = extract(text, lang="es", published="2023-05-17")
    assert main(extraction).fatalities == 1
    assert any(s.quantity == 7 for s in extraction.statistics)


def test_an_undated_headline_is_the_news_not_a_recalled_incident(extract):
    text = (
        "Journalist among three people killed inside bar in Mexico\n\n"
        "A journalist was among three people killed inside a bar in central Mexico.\n"
        "In March, journalist Rosa Vega was shot to death in northern Mexico."
    )
    events = extract(text, lang="en", published="2023-06-20").events
    assert events and events[0].fatalities == 3
    assert events[0].event_date != "2023-03-15"  # not the recalled March killing's month
    assert any(e.event_date == "2023-03-15" for e in events[1:])


def test_a_date_on_the_killings_noun_is_theirs_though_a_reaction_governs_it(extract):
    text = (
        "Three killed in Celaya bar\n\n"
        "Three men were shot dead inside a bar in Celaya, Guanajuato.\n"
        "The governor condemned the Tuesday night killings on Wednesday."
    )
    event = main(extract(text, lang="en", published="2023-06-22"))
    assert (event.event_date, event.time_precision) == ("2023-06-20", 1)


def test_a_march_on_a_named_day_is_dated_to_that_day(extract):
    # marching and demanding are reactions when they answer a killing, but a protest's own verbs date it
    text = (
        "Maestros marchan en Morelia\n"
        "Cientos de maestros marcharon este lunes por el centro de Morelia para exigir el pago de salarios atrasados."
    )
    main = extract(text, lang="es", published="2024-03-06").events[0]
    assert main.event_type == "Protests"
    assert (main.event_date, main.time_precision) == ("2024-03-04", 1)
