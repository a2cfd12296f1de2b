"""What a participant's story says is not when and where the event happened (issue 21).

Sentences are our own, written from the patterns of news copy (a missing
person's "since", a relative clause on a speaker, where a convoy came from,
a dateline), not from any evaluation row.
"""

from __future__ import annotations


def test_a_date_that_says_since_when_someone_is_missing_does_not_date_the_find(extract):
    text = (
        "Hallan 20 cuerpos en fosas clandestinas en Guerrero\n\n"
        "Las autoridades buscan saber si se trata de los jóvenes desaparecidos hace dos semanas en Chilpancingo. "
        "Los restos fueron hallados el sábado en las afueras de Tixtla, informó la fiscalía."
    )
    out = extract(text, lang="es", published="2024-05-06")
    main = out.events[0]
    assert main.event_date == "2024-05-04"  # the find's Saturday, not "hace dos semanas"
    assert main.date_phrase != "hace dos semanas"


def test_a_day_in_a_relative_clause_on_the_speaker_dates_the_telling_not_the_killing(extract):
    text = (
        "Judge killed in western Mexico\n\n"
        "A federal judge was killed in the state of Colima, said the court's president, who interrupted a session Tuesday to break the news."
    )
    out = extract(text, lang="en", published="2024-06-12")
    main = out.events[0]
    # the only day given dates the telling: on or before it (ACLED precision 2), never that day as fact
    assert main.event_date == "2024-06-11"
    assert main.time_precision == 2


def test_where_a_convoy_came_from_is_not_where_it_was_ambushed(extract):
    text = (
        "Emboscan a militares\n\n"
        "Los soldados traían de Badiraguato a un detenido herido cuando fueron atacados por un grupo armado en Culiacán; murieron cuatro militares."
    )
    out = extract(text, lang="es", published="2024-05-03")
    assert out.events[0].admin2 == "Culiacán"


def test_a_part_of_a_city_places_the_event_in_that_city(extract):
    text = (
        "Atacan a policías\n\n"
        "Un grupo armado emboscó a una patrulla en el sector norte de Culiacán la madrugada de este viernes; murieron dos policías."
    )
    out = extract(text, lang="es", published="2024-05-03")
    assert out.events[0].admin2 == "Culiacán"


def test_a_city_written_with_the_countrys_abbreviation_is_that_city(extract):
    text = (
        "Protesta termina en disturbios\n\n"
        "GUADALAJARA, Méx.- Manifestantes incendiaron dos patrullas y lanzaron piedras a la policía frente al Palacio de Gobierno en Guadalajara."
    )
    out = extract(text, lang="es", published="2024-05-03")
    assert (out.events[0].admin1, out.events[0].admin2) == ("Jalisco", "Guadalajara")


def test_a_wire_dateline_closed_by_a_full_stop_is_not_the_place(extract):
    text = (
        "Hallan 12 cuerpos en una fosa\n\n"
        "Acapulco (AP). Autoridades hallaron los restos de 12 personas en una fosa clandestina en Guerrero, informó la fiscalía."
    )
    out = extract(text, lang="es", published="2024-05-03")
    # where the story was filed is not where the grave was: the state is all the report gives
    assert (out.events[0].admin1, out.events[0].admin2) == ("Guerrero", None)


def test_a_sentence_that_opens_in_an_earlier_year_is_a_recalled_incident(extract):
    text = (
        "Federal judge killed in Colima\n\n"
        "A federal judge and his wife were killed in their home in Tecomán on Tuesday, officials said.\n"
        "In 2016, a federal judge was shot dead while jogging in Metepec."
    )
    out = extract(text, lang="en", published="2024-06-12")
    main = out.events[0]
    assert (main.admin2, main.event_date, main.fatalities) == ("Tecomán", "2024-06-11", 2)
    assert len(out.events) == 2  # the 2016 killing stays its own event, not one more report of the news


def test_the_ambush_referred_back_to_keeps_its_town_when_a_new_gunfight_is_told_elsewhere(extract):
    text = (
        "Five soldiers killed in attack on army convoy\n\n"
        "Gunmen ambushed a military convoy on Friday, killing five soldiers and wounding 10, officials said.\n"
        "The pre-dawn ambush on the outskirts of Culiacan was the worst attack on the military this year.\n"
        "The convoy was carrying a suspect detained after a gunfight in Badiraguato."
    )
    out = extract(text, lang="en", published="2024-05-03")
    main = out.events[0]
    assert (main.admin2, main.fatalities) == ("Culiacán", 5)


def test_an_aircraft_shot_at_is_no_air_strike_one_that_fires_is(extract):
    downed = extract("Cartel gunmen shot down a Mexican military helicopter in Jalisco, killing three soldiers.", lang="en", published="2024-05-03")
    assert downed.events[0].sub_event_type != "Air/drone strike"
    fired_at = extract("Los sujetos dispararon contra la aeronave y mataron a cinco de los ocupantes en Jalisco.", lang="es", published="2024-05-03")
    assert fired_at.events[0].sub_event_type != "Air/drone strike"
    drone = extract("Un dron lanzó explosivos contra una casa en Aguililla, Michoacán, y mató a dos personas.", lang="es", published="2024-05-03")
    assert drone.events[0].sub_event_type == "Air/drone strike"
    helicopter = extract("A military helicopter fired on gunmen in Culiacán, killing four.", lang="en", published="2024-05-03")
    assert helicopter.events[0].sub_event_type == "Air/drone strike"
    fired_on = extract("Three soldiers were killed in Jalisco when gunmen fired on a military helicopter.", lang="en", published="2024-05-03")
    assert fired_on.events[0].sub_event_type != "Air/drone strike"


def test_the_period_a_count_runs_over_does_not_date_the_killing(extract):
    text = "Three journalists killed in Mexico so far this month\n\nThe killings have alarmed press freedom groups."
    main = extract(text, lang="en", published="2024-03-24").events[0]
    assert main.date_phrase != "this month"  # a count's period: the report dates no one killing
