"""A day's total over several incidents is no incident's toll; a report's own
day ("esta tarde") dates it over a recalled killing; an armed group that kills
a civilian is an Attack, not a clash. Sentences written for these tests."""

from __future__ import annotations


def main(extraction):
    assert extraction.events, f"no event (error: {extraction.error})"
    return extraction.events[0]


def test_spanish_day_total_is_not_the_incidents_toll(extract):
    text = (
        "Jornada violenta en Torreón deja siete muertos\n\n"
        "La ola de violencia de este sábado en Torreón deja al menos siete muertos, entre ellos tres trabajadores de un taller.\n"
        "Sujetos armados llegaron al taller mecánico de la colonia Centro y dispararon contra los trabajadores."
    )
    event = main(extract(text, lang="es", published="2023-04-15"))
    assert event.sub_event_type == "Attack"
    assert event.fatalities == 3


def test_english_violent_day_total_is_not_the_incidents_toll(extract):
    text = (
        "A violent day in Culiacan left nine people dead in separate attacks on Friday, police said.\n"
        "In the deadliest, gunmen killed three workers at a car wash on the city's south side.\n"
        "Two other men were killed in separate shootings."
    )
    event = main(extract(text, lang="en", published="2023-04-15"))
    assert event.sub_event_type == "Attack"
    assert event.fatalities == 3


def test_counted_over_hours_is_a_tally(extract):
    text = (
        "Authorities counted 12 murders in eight hours across the city on Saturday.\n"
        "Gunmen killed two brothers outside a shop in the Centro neighborhood."
    )
    event = main(extract(text, lang="en", published="2023-04-15"))
    assert event.fatalities == 2


def test_one_incidents_toll_stays(extract):
    # no tally: the lead's count is this incident's
    text = "Gunmen killed nine people at a party in Salvatierra on Sunday night, officials said.\nThe attackers fled in two trucks."
    event = main(extract(text, lang="en", published="2023-04-17"))
    assert event.fatalities == 9


def test_esta_tarde_dates_the_killing_not_the_recalled_one(extract):
    text = (
        "Asesinan a un locutor en Uruapan\n\n"
        "El locutor de una radio comunitaria fue asesinado esta tarde en el centro de Uruapan.\n"
        "El pasado 3 de febrero otro comunicador de la misma radio fue asesinado a tiros en la ciudad."
    )
    event = main(extract(text, lang="es", published="2023-03-20"))
    assert event.event_date == "2023-03-20"


def test_this_morning_dates_the_killing(extract):
    text = (
        "Teacher shot dead in Acapulco\n"
        "A teacher was shot dead this morning outside a school in Acapulco, police said.\n"
        "In January, another teacher was killed in the same neighborhood."
    )
    event = main(extract(text, lang="en", published="2023-03-20"))
    assert event.event_date == "2023-03-20"


def test_armed_men_who_kill_a_civilian_attack_not_clash_spanish(extract):
    # the headline has no full stop: the lead's armed men are the perpetrators, not the headline's victim
    text = "Matan en su casa a un comerciante en Uruapan\n\nLa noche de ayer hombres armados entraron a la casa del comerciante y lo mataron."
    event = main(extract(text, lang="es", published="2023-03-20"))
    assert event.sub_event_type == "Attack"
    assert event.inter2 == "Civilians"


def test_armed_men_who_shoot_a_woman_attack_not_clash(extract):
    text = "Asesinan a una mujer en Celaya\n\nHombres armados dispararon contra la mujer frente a su casa en la colonia Las Insurgentes."
    event = main(extract(text, lang="es", published="2023-03-20"))
    assert event.sub_event_type == "Attack"


def test_a_clash_between_two_armed_sides_stays_a_clash(extract):
    text = "Enfrentamiento en Tepalcatepec\n\nHombres armados se enfrentaron a balazos con soldados del Ejército en la comunidad de El Bejuco."
    event = main(extract(text, lang="es", published="2023-03-20"))
    assert event.sub_event_type == "Armed clash"


def test_one_groups_spree_keeps_its_toll(extract):
    # several attacks by one group in one town on one day: ACLED's one event, its dead together
    text = (
        "Ataques armados en Nuevo Laredo\n\n"
        "Este domingo se registraron varios ataques armados en Nuevo Laredo en los que fueron asesinados al menos 11 civiles.\n"
        "Los agresores viajaban en camionetas y dispararon contra personas en la calle."
    )
    event = main(extract(text, lang="es", published="2023-04-16"))
    assert event.fatalities == 11


def test_named_victims_count_the_dead(extract):
    text = "Asesinan a dos comerciantes en Tulancingo\n\nEsta mañana fueron asesinados los comerciantes Mario Reyes Soto y Pedro Ruiz Lara, en el mercado municipal de Tulancingo."
    extraction = extract(text, lang="es", published="2023-03-20")
    assert any(event.fatalities == 2 for event in extraction.events)
    text = "Fueron asesinados esta mañana los comerciantes Mario Reyes Soto y Pedro Ruiz Lara en el mercado municipal de Tulancingo."
    event = main(extract(text, lang="es", published="2023-03-20"))
    assert event.fatalities == 2


def test_a_crew_is_no_count_of_one(extract):
    text = "Gunmen shot and killed a film crew outside a hotel in Acapulco on Monday, police said."
    event = main(extract(text, lang="en", published="2023-03-20"))
    assert event.fatalities != 1


def test_a_separate_attacks_toll_is_not_the_main_events(extract):
    text = (
        "Sound crew attacked outside a bar in Tijuana\n"
        "Gunmen shot and killed a sound crew outside a bar in the Zona Norte on Saturday night; three other people nearby were wounded.\n"
        "In a separate attack at a taco stand, gunmen killed two men."
    )
    event = main(extract(text, lang="en", published="2023-03-20"))
    assert event.fatalities not in (0, 2)


def test_a_count_of_people_over_years_is_a_statistic_not_the_incidents_toll(extract):
    # background figures of a crime report: dead over years are a statistic, never the incident's toll
    text = (
        "Abandonan 35 cadáveres en Boca del Río\n\n"
        "Unos desconocidos dejaron el martes 35 cadáveres en una avenida de Boca del Río, Veracruz.\n"
        "Unas 42.000 personas han muerto en la violencia del narcotráfico desde finales de 2006."
    )
    assert extract(text, lang="es", published="2024-05-08").events[0].fatalities == 35
    text = (
        "Asesinan a periodista en Chihuahua\n\n"
        "La periodista fue asesinada a tiros este jueves frente a su casa en Chihuahua.\n"
        "México es el país más peligroso para la prensa, con 99 comunicadores asesinados de 2000 a 2016."
    )
    assert extract(text, lang="es", published="2024-05-10").events[0].fatalities == 1
    text = (
        "Hallan a un activista sin vida en Culiacán\n\n"
        "El cuerpo de un activista fue hallado con huellas de tortura este lunes en Culiacán.\n"
        "En México hay más de 100.000 desaparecidos desde 2006, según cifras oficiales."
    )
    assert extract(text, lang="es", published="2024-05-06").events[0].fatalities == 1
