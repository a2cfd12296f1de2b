"""One happening, one event: the ways one incident's report is told in parts (issue 21).

Sentences are our own, written from the patterns of the codebook and of
news copy, not from any evaluation row.
"""

from __future__ import annotations

import dataclasses

from sucesos.events.coreference import TOLD_ON_RULE, merge_article_events
from sucesos.model import Event, Evidence, Span


def _subtypes(extraction) -> list[str]:
    return [e.sub_event_type for e in extraction.events]


def test_a_clash_told_from_either_side_is_one_armed_clash(extract):
    # the headline makes the soldiers the subject, the lead the gunmen: one clash to ACLED
    text = (
        "Mexican soldiers kill 8 gunmen in Reynosa\n\n"
        "Gunmen in pickup trucks opened fire on an army patrol in Reynosa, Tamaulipas, and the soldiers shot back, killing eight of the attackers."
    )
    out = extract(text, lang="en", published="2024-05-03")
    assert _subtypes(out) == ["Armed clash"]
    assert (out.events[0].admin2, out.events[0].fatalities) == ("Reynosa", 8)


def test_rifles_recovered_at_the_scene_belong_to_the_clash_a_later_seizure_does_not(extract):
    base = (
        "Soldiers kill 8 gunmen in Reynosa\n\n"
        "Gunmen opened fire on an army patrol in Reynosa, Tamaulipas, on Friday and the soldiers shot back, killing eight of them.\n"
        "Six assault rifles and a grenade launcher were recovered at the scene, the defence ministry said.\n"
    )
    assert _subtypes(extract(base, lang="en", published="2024-05-04")) == ["Armed clash"]
    later = base + "On Tuesday, marines seized 300 rifles in a warehouse in Matamoros, Tamaulipas.\n"
    assert "Disrupted weapons use" in _subtypes(extract(later, lang="en", published="2024-05-08"))


def test_arrests_made_at_the_scene_of_a_riot_are_part_of_the_riot(extract):
    text = (
        "Protesters burn patrol cars in Morelia\n\n"
        "Hundreds of protesters set fire to two patrol cars and threw stones at police outside the state congress in Morelia, Michoacán, on Thursday.\n"
        "Police arrested 12 protesters at the scene, the city said.\n"
    )
    out = extract(text, lang="en", published="2024-05-03")
    assert "Arrests" not in _subtypes(out)
    assert out.events and out.events[0].event_type == "Riots"


def _dated(text: str, sentence: str, day: str, *, told: bool) -> Event:
    start = text.index(sentence)
    phrase = sentence.split()[-1]
    at = text.index(phrase, start)
    evidence = [Evidence("event_date", at, at + len(phrase), phrase)]
    evidence.append(Evidence("time_precision", at, at + len(phrase), phrase, rule=TOLD_ON_RULE if told else None))
    return Event(
        event_type="Violence against civilians", sub_event_type="Attack", location="Uruapan", event_date=day, time_precision=2 if told else 1,
        modality="reported", sentence=Span.of(text, start, start + len(sentence)), evidence=evidence,
    )  # fmt: skip


def test_the_day_a_killing_was_told_bounds_it_from_above_within_the_week():
    text = "Gunmen killed a trader in Uruapan on 03-01. The prosecutor told reporters of the killing on 03-04. A shop owner was shot on 02-10."
    happened = _dated(text, "Gunmen killed a trader in Uruapan on 03-01.", "2024-03-01", told=False)
    told = _dated(text, "The prosecutor told reporters of the killing on 03-04.", "2024-03-04", told=True)
    assert len(merge_article_events([happened, told], text)) == 1  # told three days after: the same killing
    weeks_before = _dated(text, "A shop owner was shot on 02-10.", "2024-02-10", told=False)
    assert len(merge_article_events([told, weeks_before], text)) == 2  # weeks before the telling: another one
    after = dataclasses.replace(happened, event_date="2024-03-09")
    assert len(merge_article_events([after, told], text)) == 2  # nothing told on the 4th happened on the 9th


def test_bodies_someone_left_are_a_killing_a_surmise_or_an_abandoned_bag_is_not(extract):
    left = extract("Dejan cinco cuerpos frente a la presidencia municipal de Uruapan\n\nLa madrugada de este martes una camioneta con cinco cadáveres fue abandonada frente a la presidencia municipal de Uruapan, Michoacán.", lang="es", published="2024-05-07")
    assert left.events and left.events[0].sub_event_type == "Attack"
    assert left.events[0].fatalities == 5
    surmised = extract("Encuentran cadáver en un canal de Chalco\n\nAparentemente el cadáver fue arrojado en otro lugar y arrastrado por la corriente hasta el canal.", lang="es", published="2024-05-07")
    assert surmised.events == []
    bag = extract("Nadie sabe desde cuándo una bolsa fue abandonada en la esquina, porque ningún vecino se percató de que dentro estaban unos restos.", lang="es", published="2024-05-07")
    assert bag.events == []


def test_abatir_is_a_killing_in_mexican_security_copy(extract):
    out = extract("Soldados del Ejército abatieron a cuatro presuntos sicarios tras ser agredidos en Apatzingán, Michoacán, este lunes.", lang="es", published="2024-05-07")
    assert out.events and out.events[0].sub_event_type == "Armed clash"
    assert out.events[0].fatalities == 4


def test_a_states_monthly_homicide_count_is_neither_an_event_nor_a_toll(extract):
    text = (
        "Ataque en Zamora deja al menos tres muertos\n\n"
        "Un ataque armado dejó al menos tres muertos en el municipio de Zamora, informó este domingo la Fiscalía de Michoacán.\n"
        "La Fiscalía dijo que los disparos los hicieron los ocupantes de una camioneta.\n"
        "Con 150 asesinatos, Michoacán fue segundo en homicidios en marzo, detrás de Guanajuato (210).\n"
    )
    out = extract(text, lang="es", published="2024-04-07")
    assert [(e.sub_event_type, e.fatalities) for e in out.events] == [("Attack", 3)]


def test_what_a_crowd_burns_is_its_riot_and_the_killing_it_protests_is_no_toll_of_it(extract):
    text = (
        "Protestan por el asesinato de un estudiante en Morelia; queman patrullas\n\n"
        "Cientos de manifestantes marcharon este jueves en Morelia, Michoacán, para exigir justicia por el estudiante asesinado la semana pasada.\n"
        "Los manifestantes rompieron vidrios de la sede de gobierno y prendieron fuego a dos patrullas.\n"
    )
    out = extract(text, lang="es", published="2024-05-03")
    assert [e.event_type for e in out.events][:1] == ["Riots"]
    assert "Looting/property destruction" not in _subtypes(out)


def test_a_demonstrations_toll_is_its_own_not_the_articles_count_of_the_killing_it_protests():
    from sucesos.events.casualties import Count
    from sucesos.events.toll import with_article_toll

    text = "Marchan en Morelia. El estudiante murió el lunes."
    counts = [Count(1, text.index("El estudiante"), text.index("El estudiante") + 13)]
    march = Event(event_type="Riots", sub_event_type="Violent demonstration", modality="asserted")
    assert with_article_toll(march, counts, text).fatalities is None
    lynching = Event(event_type="Riots", sub_event_type="Mob violence", modality="asserted")
    assert with_article_toll(lynching, counts, text).fatalities == 1  # a mob's dead are its victims


def test_a_prison_riot_and_the_shops_burned_that_day_stay_two_happenings(extract):
    text = (
        "Violence in a border city leaves 6 dead, shops burned\n\n"
        "Two inmates died in a prison riot in Juárez, Chihuahua, on Thursday, the state prosecutor said.\n"
        "Later that day several shops and cars were set on fire across the city.\n"
    )
    out = extract(text, lang="en", published="2024-08-12")
    assert "Looting/property destruction" in _subtypes(out)


def test_the_death_a_demonstration_is_about_is_not_a_death_in_it(extract):
    es = extract("Manifestantes incendian patrullas en Morelia\n\nUna protesta por la muerte de un estudiante dejó dos patrullas incendiadas y daños en el palacio de gobierno de Morelia, Michoacán, este jueves.", lang="es", published="2024-05-03")
    assert es.events and es.events[0].event_type == "Riots"
    assert not es.events[0].fatalities
    en = extract("Protesters set patrol cars on fire in Morelia, Michoacán, on Thursday, a month after a student was killed by police.", lang="en", published="2024-05-03")
    assert en.events and en.events[0].event_type in ("Riots", "Protests")
    assert not en.events[0].fatalities


def test_grenades_thrown_in_a_clash_leave_it_a_battle(extract):
    # ACLED's remote violence is one-sided; grenades in a fight the soldiers answer are part of the battle
    clash = (
        "Six soldiers killed in ambush in Sinaloa\n\n"
        "Six soldiers were killed in an attack on an army convoy in Culiacán, Sinaloa, on Friday. "
        "The gunmen came in eight SUVs, carrying rifles and grenades, and attacked the soldiers, who fought back."
    )
    assert _subtypes(extract(clash, lang="en", published="2024-05-04")) == ["Armed clash"]
    # a grenade thrown at a bar, with no fight, stays remote violence
    bar = "Lanzan granada contra bar en Celaya\n\nUn sujeto lanzó una granada contra un bar en Celaya, Guanajuato, la noche del sábado; dos personas resultaron heridas."
    assert _subtypes(extract(bar, lang="es", published="2024-05-05")) == ["Grenade"]


def test_spent_shells_at_the_scene_are_gunfire_not_shelling(extract):
    text = (
        "Gunmen ambushed a military convoy in Culiacán, Sinaloa, on Friday, killing four soldiers. "
        "A military humvee burned, and hundreds of assault-rifle shells littered the street."
    )
    assert _subtypes(extract(text, lang="en", published="2024-05-04")) == ["Armed clash"]
    shelled = "Rebels shelled the town of Kharkiv on Friday, killing four civilians."
    assert _subtypes(extract(shelled, lang="en", published="2024-05-04")) == ["Shelling/artillery/missile attack"]


def test_the_first_clash_a_report_recalls_is_another_incident(extract):
    # "the first clash", "el primer enfrentamiento" names an earlier clash than the one reported
    text = (
        "Gunmen ambush army convoy in Culiacan, killing four soldiers\n\n"
        "Gunmen ambushed a military convoy in Culiacan, Sinaloa, on Friday, killing four soldiers.\n"
        "The first clash had taken place in the mountains of Badiraguato, where soldiers fought gunmen.\n"
    )
    out = extract(text, lang="en", published="2024-05-03")
    assert _subtypes(out) == ["Armed clash", "Armed clash"]
    assert (out.events[0].admin2, out.events[0].fatalities) == ("Culiacán", 4)


def test_people_burned_alive_are_the_dead_of_the_event(extract):
    # burning a person to death is a killing (ACLED counts them as fatalities); a burned car is not
    es = extract("Una turba quemó vivos a dos hombres acusados de robo en Ajalpan, Puebla.", lang="es", published="2024-05-03")
    assert [(e.sub_event_type, e.fatalities) for e in es.events] == [("Mob violence", 2)]
    en = extract("Two men were burned to death by a mob in Ajalpan, Puebla, on Monday.", lang="en", published="2024-05-03")
    assert [(e.sub_event_type, e.fatalities) for e in en.events] == [("Mob violence", 2)]
    cars = extract("Dos camionetas fueron quemadas por una turba en Ajalpan, Puebla.", lang="es", published="2024-05-03")
    assert all(e.fatalities in (None, 0) for e in cars.events)


def test_weapons_seized_where_people_were_killed_are_the_killing_not_a_seizure(extract):
    # ACLED: Disrupted weapons use is a seizure with no violence; rifles taken where soldiers killed
    # gunmen are part of that happening, which keeps its dead
    told = extract(
        "Militares abatieron a seis hombres armados en Nuevo Laredo, Tamaulipas, y se aseguraron 10 fusiles.",
        lang="es", published="2024-05-03",
    )
    assert [(e.event_type, e.fatalities) for e in told.events][:1] in ([("Violence against civilians", 6)], [("Battles", 6)])
    assert "Disrupted weapons use" not in _subtypes(told)
    seizure = extract("Militares aseguraron 10 fusiles en una bodega de Nuevo Laredo, Tamaulipas.", lang="es", published="2024-05-03")
    assert _subtypes(seizure) == ["Disrupted weapons use"]


def test_the_dead_of_a_clash_told_in_a_relative_clause_are_its_toll(extract):
    # "the clash ..., in which twelve were killed": the clause on the clash's phrase tells its dead,
    # even when the parser hangs it on the place that ends the phrase
    out = extract(
        "El video corresponde al enfrentamiento del 3 de julio en Nuevo Laredo, Tamaulipas, en el que 12 hombres fueron abatidos y se aseguraron 10 armas.",
        lang="es", published="2024-07-20",
    )
    assert [(e.sub_event_type, e.fatalities) for e in out.events] == [("Armed clash", 12)]


def test_a_number_past_a_comma_is_not_the_toll_of_a_killing_noun(extract):
    # "hundreds" were displaced, not killed; "the massacre of 15 people" does state its dead
    trend = extract(
        "The war between the cartels in Zacatecas has raised homicides, displaced hundreds of people and emptied villages.",
        lang="en", published="2024-05-03",
    )
    assert all(e.fatalities is None for e in trend.events)
    massacre = extract("The massacre of 15 people took place in Fresnillo, Zacatecas, on Monday.", lang="en", published="2024-05-03")
    assert [e.fatalities for e in massacre.events] == [15]


def test_bodies_left_by_someone_are_a_killing_a_man_who_left_home_is_not(extract):
    # the leaving is the perpetrators' act (ACLED Mexico codes a body dump as the killing); a body
    # found with no sign of violence is no event, however its sentence uses "left"
    dumped = extract("Gunmen left a truck with 10 bodies in the main square of Zacatecas on Thursday.", lang="en", published="2024-05-03")
    assert [(e.sub_event_type, e.fatalities) for e in dumped.events] == [("Attack", 10)]
    found = extract("The body of a man who had left his home on Monday was found in Zacatecas.", lang="en", published="2024-05-03")
    assert found.events == []


def test_the_incident_a_report_compares_its_news_with_keeps_its_own_dead(extract):
    # "the worst attack since 2015, when ...": the when-clause on a past year tells the earlier
    # incident; its ten dead are neither the ambush's nor a second event in Culiacán
    text = (
        "Five soldiers killed in attack on army convoy\n\n"
        "Gunmen ambushed an army convoy in Sinaloa state on Friday, leaving five soldiers dead.\n"
        "The ambush on the outskirts of Culiacan was the worst attack on the military since 2015, when cartel gunmen "
        "in Jalisco shot down an army helicopter with a rocket launcher, killing 10 people.\n"
    )
    out = extract(text, lang="en", published="2016-10-01")
    assert out.events[0].fatalities == 5
    assert not any(e.fatalities == 10 and e.admin1 == "Sinaloa" for e in out.events)


def test_a_when_clause_on_the_news_own_day_keeps_its_dead_one_since_an_earlier_date_does_not(extract):
    # "happened on Monday, when gunmen ..." tells the news itself; "desde octubre de 2019, cuando ..." the
    # incident the news is measured against
    own = extract("The attack happened on Monday, when gunmen stormed a bar in Celaya, Guanajuato, killing 12 people.", lang="en", published="2024-05-08")
    assert [e.fatalities for e in own.events][:1] == [12]
    text = (
        "Matan a cinco policías en emboscada en Uruapan\n\n"
        "Hombres armados emboscaron a una patrulla en Uruapan, Michoacán, el lunes, y mataron a cinco policías.\n"
        "Es el peor ataque contra policías desde octubre de 2019, cuando un grupo armado asesinó a 13 agentes en Aguililla.\n"
    )
    es = extract(text, lang="es", published="2024-05-08")
    assert es.events[0].fatalities == 5
    assert 13 not in [e.fatalities for e in es.events]
