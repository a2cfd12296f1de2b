"""Mexican crime reporting as ACLED codes it (codebook + Mexico methodology), EN and ES. Written for these tests."""

from __future__ import annotations

import pytest

from .reports import assert_first_event

UAG = "Unidentified Armed Group (Mexico)"

# (text, sub_event_type or None, expected fields)
REPORTS = [
    # bodies and remains with signs of violence are killings by an unidentified armed group
    ("Hallan el cuerpo sin vida de un hombre con huellas de tortura en Ecatepec, Estado de México.", "Attack",
     {"actor1": UAG, "inter1": "Political militia", "inter2": "Civilians", "fatalities": 1}),
    ("A man was found dead with his hands tied and signs of torture in Culiacán, Sinaloa.", "Attack", {"inter1": "Political militia", "fatalities": 1}),
    ("Police found two bodies with gunshot wounds on a road outside Tijuana, Baja California.", "Attack", {"actor1": UAG, "fatalities": 2}),
    ("Dejan cabeza humana con un narcomensaje frente al palacio municipal de Uruapan, Michoacán.", "Attack", {"fatalities": 1}),
    ("Localizan restos humanos en una fosa clandestina en Tlajomulco, Jalisco.", "Attack", {"inter2": "Civilians"}),
    # bodies left bagged, wrapped or taped are bodies with signs of violence (ACLED Mexico methodology)
    ("Hallan dos cuerpos envueltos en bolsas negras a la orilla de un canal en Salamanca, Guanajuato.", "Attack", {"fatalities": 2}),
    ("Vecinos encontraron el cuerpo de un hombre sujeto con cinta canela en un baldío de Zapopan, Jalisco.", "Attack", {"fatalities": 1}),
    ("The bodies of three men were found in plastic bags beside a highway near Fresnillo, Zacatecas.", "Attack", {"fatalities": 3}),
    # impersonal plural killings: perpetrator unknown, victims civilians
    ("Ejecutan a cuatro en una gasolinera de Celaya, Guanajuato", "Attack", {"actor1": UAG, "actor2": "Civilians (Mexico)", "fatalities": 4}),
    ("Privan de la vida a un hombre a balazos en Iztapalapa, Ciudad de México.", "Attack", {"inter1": "Political militia", "inter2": "Civilians"}),
    ("The attack left 1 fatality and three wounded in Guanajuato, Mexico, where gunmen opened fire on a bar.", "Attack", {"fatalities": 1}),
    ("Una mujer y su hijo fueron asesinados por hombres armados en un taller de Celaya, Guanajuato.", "Attack", {"fatalities": 2}),
    ("Ambos fueron acribillados por sujetos armados al llegar a una carnicería en Ecatepec.", "Attack", {"fatalities": 2}),
    # "al" is "a el": a killing verb's personal object in the singular, one dead, even as a bare headline
    ("Matan al alcalde de Tacámbaro, Michoacán", "Attack", {"fatalities": 1}),
    ("Asesinan al dueño de una tienda en Zamora, Michoacán.", "Attack", {"fatalities": 1}),
    # attacks on on-duty state forces are battles
    ("Un grupo armado emboscó a policías estatales en servicio en Coahuayana, Michoacán; dos agentes murieron.", "Armed clash",
     {"inter1": "Political militia", "inter2": "State forces", "fatalities": 2}),
    ("Policías estatales repelieron una agresión armada en Apatzingán, Michoacán; murieron dos sicarios.", "Armed clash", {"inter1": "State forces", "inter2": "Political militia"}),
    # kidnappings, crowd beatings, protests, blockades
    ("Levantan a tres jóvenes en Zamora, Michoacán; sus familiares denunciaron la desaparición.", "Abduction/forced disappearance", {"inter2": "Civilians"}),
    ("Vecinos enfurecidos golpearon a un presunto ladrón en Tlalnepantla y quisieron lincharlo.", "Mob violence", {"inter1": "Rioters", "inter2": "Civilians"}),
    ("Around 80 firemen protested outside city hall in Tijuana, Mexico, demanding better equipment.", "Peaceful protest", {"inter1": "Protesters", "fatalities": None}),
    ("Pobladores bloquearon la carretera federal para exigir la liberación de sus familiares.", "Peaceful protest", {"inter1": "Protesters"}),
    ("Sicarios quemaron vehículos y bloquearon accesos a Guadalajara tras la detención de un líder del CJNG.", "Looting/property destruction", {"inter1": "Political militia"}),
    # arrests and seizures
    ("Elementos de la Guardia Nacional detuvieron a tres presuntos integrantes del Cártel de Sinaloa en Culiacán.", "Arrests", {"inter1": "State forces", "inter2": "Political militia"}),
    ("El Ejército Mexicano aseguró 30 armas largas y un laboratorio clandestino en Sinaloa.", "Disrupted weapons use", {"inter1": "State forces", "fatalities": None}),
    # polysemous cues: an attribution is no agreement, torture signs are no agreement, a burned body is no property destruction
    ("De acuerdo con las buscadoras, en el predio se hallaron 11 cuerpos con huellas de violencia.", "Attack", {"fatalities": 11}),
    ("El cuerpo calcinado de un hombre fue localizado en un terreno baldío de Chalco, Estado de México.", "Attack", {"fatalities": 1}),
    # non-events stay non-events
    ("Un hombre murió atropellado en la avenida Insurgentes de la Ciudad de México.", None, {}),
    ("Un joven se quitó la vida en su domicilio de Iztapalapa.", None, {}),
    ("Un hombre asaltó una tienda en Coyoacán y huyó con el dinero; no hubo heridos.", None, {}),
    ("A bus crash on the Mexico-Puebla highway left three people dead.", None, {}),
    ("Un juez vinculó a proceso a un hombre por el homicidio de su vecino, ocurrido en 2019 en Tlalpan.", None, {}),
    # a killed police officer: the attack on state forces is a battle
    ("Despiden con honores a policía asesinado en Ecatepec, Estado de México.", "Armed clash", {"inter2": "State forces"}),
    # the victim named through a relative pronoun ("el agente ..., quien fue asesinado") is the agent, not "quien"
    ("Con flores fue despedido ayer el agente Juan Pérez, de 29 años, quien fue asesinado el pasado jueves en Ecatepec.", "Armed clash",
     {"inter1": "Political militia", "inter2": "State forces"}),
    # a passive with its victims elided takes them from the next sentence's wounded: police shot at -> Armed clash
    ("Dos policías estatales perseguían a tres asaltantes en Ecatepec.\nSe desató una persecución en la que fueron agredidos a tiros.\n"
     "A raíz de esto, los uniformados resultaron lesionados.", "Armed clash", {"inter1": "Political militia", "inter2": "State forces"}),
    # the dead of a massacre are no perpetrators: "la masacre" is no subject that names a side
    ("Masacre en anexo de Irapuato\nUn grupo armado irrumpió en un centro de rehabilitación de Irapuato, Guanajuato.\n"
     "El secretario confirmó que de unas 35 personas que había en el lugar, 24 fueron asesinadas y 7 resultaron heridas.", "Attack",
     {"inter1": "Political militia", "inter2": "Civilians"}),
    # a combatant is an armed side: troops killing one is a battle; a "violent protest" is a protest, and a violent one
    ("The army said its troops fired on and killed two combatants near Aguililla, Michoacán, Mexico.", "Armed clash",
     {"inter1": "State forces", "inter2": "Political militia"}),
    ("Violent protests erupted in Guadalajara, Mexico, on Tuesday ahead of nationwide marches.", "Violent demonstration", {"inter1": "Rioters"}),
    # the side a passive names lost the ground: armed men pushed back is ground the government regains
    ("The militants were pushed back from the town of Aguililla, Michoacán, Mexico.", "Government regains territory", {"inter2": "Political militia"}),
    # a drug haul or lab in the lead makes the article's arrests those of traffickers; street dealing does not
    ("Hallan laboratorio de metanfetamina en Naucalpan\nEn una bodega de Naucalpan fue localizado un laboratorio clandestino con 200 kilos de droga.\n"
     "Los agentes revisaron el lugar durante horas.\nEn la acción ocho personas fueron detenidas.", "Arrests",
     {"inter1": "State forces", "actor2": UAG, "inter2": "Political militia"}),
    ("Detienen a dos hombres con dosis de marihuana en calles de Iztacalco.", None, {}),
    # a missing man found buried or dissolved in acid was killed: the killing, not the disappearance
    ("El cuerpo de un joven desaparecido hace 20 días fue hallado enterrado en un predio baldío de Tultitlán.", "Attack", {"actor1": UAG, "inter2": "Civilians", "fatalities": 1}),
    ("La búsqueda de un abogado que desapareció en julio terminó cuando sus restos fueron localizados en un tambo con ácido.", "Attack", {"inter2": "Civilians"}),
    # a lynching told in the headline as a killing by no one named is Mob violence by the crowd the body names
    ("Matan a presunto asaltante en mercado de Iztapalapa\nUn hombre murió golpeado en el mercado de Iztapalapa.\n"
     "La víctima supuestamente era asaltante y fue linchado por los comerciantes del mercado de Iztapalapa.", "Mob violence",
     {"inter1": "Rioters", "inter2": "Civilians"}),
    # demonstrators who burn patrol cars: a violent demonstration by rioters; the cars are property, not an actor2
    ("Manifestantes quemaron patrullas y destrozaron las oficinas de la alcaldía de Chilpancingo, Guerrero, para exigir la liberación de sus compañeros.",
     "Violent demonstration", {"inter1": "Rioters", "actor2": None}),
]


@pytest.mark.parametrize("text,sub_type,fields", REPORTS, ids=[f"{i:02d}:{r[1]}" for i, r in enumerate(REPORTS)])
def test_mexican_report(extract, text, sub_type, fields):
    extraction = extract(text)
    assert_first_event(extraction, sub_type, fields)


def test_recoded_attack_on_police_names_the_rule_in_its_evidence():
    from sucesos.events.acled_rules import apply_acled_rules, load_acled_rules
    from sucesos.model import Event, Evidence

    text = "Sicarios atacaron a policías estatales en Aguililla."
    event = Event(
        event_type="Violence against civilians", sub_event_type="Attack", actor1=UAG, inter1="Political militia",
        actor2="Police Forces of Mexico", inter2="State forces",
        evidence=[Evidence("sub_event_type", 9, 17, text[9:17]), Evidence("actor2", 20, 38, text[20:38])],
    )  # fmt: skip
    recoded = apply_acled_rules(event, load_acled_rules(), "Mexico")
    assert (recoded.event_type, recoded.sub_event_type) == ("Battles", "Armed clash")
    receipts = [item for item in recoded.evidence if item.field == "sub_event_type"]
    assert len(receipts) == 1 and "needs civilian victims" in receipts[0].rule and receipts[0].text == "policías estatales"
    assert event.sub_event_type == "Attack"  # the input is not changed


def test_civilians_are_never_perpetrators_and_protesters_only_protest():
    from sucesos.events.acled_rules import apply_acled_rules, load_acled_rules
    from sucesos.model import Event

    rules = load_acled_rules()
    shot = apply_acled_rules(Event(event_type="Violence against civilians", sub_event_type="Attack", actor1="Civilians (Mexico)", inter1="Civilians"), rules, "Mexico")
    assert (shot.actor1, shot.inter1, shot.actor2, shot.inter2) == (UAG, "Political militia", "Civilians (Mexico)", "Civilians")
    riot = apply_acled_rules(Event(event_type="Riots", sub_event_type="Violent demonstration", actor1="Protesters (Mexico)", inter1="Protesters"), rules, "Mexico")
    assert (riot.actor1, riot.inter1) == ("Rioters (Mexico)", "Rioters")
    assert all(item.rule for item in riot.evidence) or not riot.evidence


def test_shots_are_not_dead_and_the_headline_takes_the_toll_the_lead_states(extract):
    shots = extract("Hallan cadáver con tres disparos entre la hierba en Tláhuac, Ciudad de México.")
    assert shots.events and shots.events[0].fatalities == 1

    from sucesos.events.acled_rules import toll_from_retellings
    from sucesos.model import Event, Evidence

    headline = Event(event_type="Violence against civilians", sub_event_type="Attack", admin2="Atizapán de Zaragoza")
    lead = Event(event_type="Violence against civilians", sub_event_type="Attack", admin2="Atizapán de Zaragoza", fatalities=2,
                 evidence=[Evidence("fatalities", 40, 54, "Dos cadáveres")])  # fmt: skip
    elsewhere = Event(event_type="Violence against civilians", sub_event_type="Attack", admin2="Cosamaloapan", fatalities=5,
                      evidence=[Evidence("fatalities", 90, 100, "cinco")])  # fmt: skip
    main = toll_from_retellings([headline, elsewhere, lead])[0]
    assert main.fatalities == 2
    assert main.evidence[-1].text == "Dos cadáveres" and "same event" in main.evidence[-1].rule
    assert headline.fatalities is None  # inputs are not changed


def test_named_victims_are_civilians_and_arrested_men_are_suspects():
    from sucesos.events.acled_rules import apply_acled_rules, load_acled_rules
    from sucesos.model import Event

    rules = load_acled_rules()
    named = apply_acled_rules(Event(event_type="Violence against civilians", sub_event_type="Attack", actor2='Brayan Alberto "N"'), rules, "Mexico")
    assert (named.actor2, named.inter2, named.assoc_actor_2) == ("Civilians (Mexico)", "Civilians", 'Brayan Alberto "N"')
    arrest = apply_acled_rules(
        Event(event_type="Strategic developments", sub_event_type="Arrests", actor1="Police Forces of Mexico", inter1="State forces",
              actor2="Civilians (Mexico)", inter2="Civilians"),
        rules, "Mexico",
    )  # fmt: skip
    assert (arrest.actor2, arrest.inter2) == (UAG, "Political militia")
    assert any(item.rule and "suspects" in item.rule for item in arrest.evidence) or not arrest.evidence


def test_an_arrested_person_known_by_name_is_a_suspect_kept_as_associated_actor():
    from sucesos.events.acled_rules import apply_acled_rules, load_acled_rules
    from sucesos.model import Event

    arrest = apply_acled_rules(
        Event(event_type="Strategic developments", sub_event_type="Arrests", actor1="Police Forces of Mexico", inter1="State forces",
              actor2="Ramón García Santoyo"),
        load_acled_rules(), "Mexico",
    )  # fmt: skip
    assert (arrest.actor2, arrest.inter2, arrest.assoc_actor_2) == (UAG, "Political militia", "Ramón García Santoyo")


def test_a_mob_of_civilians_is_coded_rioters_with_the_rule_in_evidence():
    from sucesos.events.acled_rules import apply_acled_rules, load_acled_rules
    from sucesos.model import Event, Evidence

    mob = apply_acled_rules(
        Event(event_type="Riots", sub_event_type="Mob violence", actor1="Civilians (Mexico)", inter1="Civilians",
              evidence=[Evidence("actor1", 0, 8, "Vecinos")]),
        load_acled_rules(), "Mexico",
    )  # fmt: skip
    assert (mob.actor1, mob.inter1) == ("Rioters (Mexico)", "Rioters")
    assert any(item.field == "inter1" and item.rule and "Rioters" in item.rule for item in mob.evidence)


def test_one_named_victim_among_others_is_not_a_toll_of_one(extract):
    # "al alcalde ... y a otras 17 personas": the singular object has a conjunct, so "one victim" would undercount
    many = extract("Matan al alcalde de Tlalixcoyan y a otras 17 personas\n\nUn comando armado irrumpió ayer en el palacio municipal de Tlalixcoyan,"
                   " Veracruz, y disparó contra los asistentes a una reunión.")  # fmt: skip
    assert many.events and many.events[0].fatalities != 1
