"""Events a user reads in `sucesos extract` output: type, roles, casualties, modality, evidence."""

from __future__ import annotations

import pytest

from sucesos.events.lexicon import load_event_lexicon
from sucesos.model import Article

ACLED_SUB_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established", "Non-violent transfer of territory", "Other", "Looting/property destruction"},
}


def main(extraction):
    assert extraction.error is None, extraction.error
    return extraction.events[0] if extraction.events else None


def test_taxonomy_spells_acled_sub_types_exactly():
    lexicon = load_event_lexicon()
    expected = {name for names in ACLED_SUB_TYPES.values() for name in names}
    assert set(lexicon.sub_types) == expected
    assert len(lexicon.sub_types) == 25
    assert set(lexicon.event_types) == set(ACLED_SUB_TYPES)
    for event_type, names in ACLED_SUB_TYPES.items():
        for name in names:
            assert lexicon.sub_types[name].event_type == event_type, name


# -- the founding article -------------------------------------------------------

@pytest.fixture(scope="module")
def seed_extraction(pipeline, seed_text):
    return pipeline.extract(Article(id="seed", text=seed_text, published="2022-05-30"))


def test_founding_article_main_event_is_the_landmine_blast(seed_extraction):
    event = main(seed_extraction)
    assert event.event_type == "Explosions/Remote violence"
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.injuries == 10
    assert event.fatalities == 0
    assert event.actor2 == "Military Forces of Mexico" and event.inter2 == "State forces"
    assert "landmine/IED" in event.tactics
    assert "ten soldiers" in event.sentence.text


def test_founding_article_gives_the_three_events_and_nothing_generic(seed_extraction, seed_text):
    subs = [e.sub_event_type for e in seed_extraction.events]
    assert sorted(subs) == sorted(["Remote explosive/landmine/IED", "Disrupted weapons use", "Air/drone strike"])
    disarm = next(e for e in seed_extraction.events if e.sub_event_type == "Disrupted weapons use")
    assert disarm.event_type == "Strategic developments"
    # no toll stated: null (ACLED's CSV export writes 0 with fatalities_stated "no"), never a 0 that looks stated
    assert disarm.actor1 == "Military Forces of Mexico" and disarm.fatalities is None
    drone = next(e for e in seed_extraction.events if e.sub_event_type == "Air/drone strike")
    assert drone.actor1 == "Cártel de Jalisco Nueva Generación" and drone.inter1 == "Political militia"
    assert drone.inter2 == "Civilians"
    assert "armed drone" in drone.tactics and "arson" in drone.tactics
    assert drone.fatalities is None  # not reported: ACLED's export writes 0
    for event in seed_extraction.events:
        assert "could potentially" not in event.sentence.text and "Those include" not in event.sentence.text
        assert event.modality == "asserted"
        assert 0.0 <= event.confidence <= 1.0


def test_every_value_has_its_span(seed_extraction, seed_text):
    for event in seed_extraction.events:
        fields = {ev.field for ev in event.evidence}
        for name in ("event_type", "sub_event_type", "actor1", "inter1", "fatalities", "modality", "tactics"):
            if getattr(event, name) not in (None, []):
                assert name in fields, (event.sub_event_type, name)
        if event.injuries is not None:
            assert "injuries" in fields
        for ev in event.evidence:
            assert seed_text[ev.start : ev.end] == ev.text
        assert seed_text[event.sentence.start : event.sentence.end] == event.sentence.text


def test_founding_article_statistics(seed_extraction):
    stats = {(s.quantity, s.unit) for s in seed_extraction.statistics}
    assert (2700, "homicides") in stats and (200, "homicides") in stats
    homicides = next(s for s in seed_extraction.statistics if s.quantity == 2700)
    assert homicides.period == "Last year" and homicides.place == "Michoacan"
    assert homicides.evidence.text == "2,700 homicides"
    so_far = next(s for s in seed_extraction.statistics if s.quantity == 200)
    assert so_far.period == "so far this year"


# -- short English reports ---------------------------------------------------------

def test_passive_voice_puts_the_agent_first(extract):
    event = main(extract("Ten police officers were killed by gunmen in Zamora on Monday."))
    assert event.actor1.startswith("Unidentified Armed Group") and event.inter1 == "Political militia"
    assert event.inter2 == "State forces"
    assert event.sub_event_type == "Armed clash"
    assert event.fatalities == 10


def test_gunmen_shooting_civilians_is_an_attack_with_number_words(extract):
    event = main(extract("Gunmen opened fire on a bus, killing at least three passengers and wounding dozens."))
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.inter2 == "Civilians"
    assert event.fatalities == 3 and event.injuries == 12
    assert "firearms" in event.tactics


def test_nobody_hurt_gives_zero_not_null(extract):
    event = main(extract("A bomb exploded near a police station in the town, but no one was hurt."))
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.injuries == 0
    injuries = next(ev for ev in event.evidence if ev.field == "injuries")
    assert "hurt" in injuries.text


def test_injuries_null_when_not_stated(extract):
    event = main(extract("Militants attacked an army checkpoint in the north of the province on Sunday."))
    assert event.sub_event_type == "Armed clash"
    assert event.injuries is None and event.fatalities is None


def test_hypothetical_and_future_are_marked_and_ranked_last(extract):
    event = main(extract("Officials warned that the gang could attack the village again."))
    assert event is None or event.modality in ("hypothetical", "future")
    event = main(extract("Rebels will attack the capital next week, a commander said."))
    assert event is None or event.modality == "future"


def test_drug_seizure_is_no_event(extract):
    assert extract("Soldiers seized 300 kilograms of cocaine at a warehouse in Sinaloa.").events == []


def test_natural_disaster_and_sanctions_are_no_events(extract):
    assert extract("A strong earthquake killed eight people and damaged more than 1,300 buildings.").events == []
    assert extract("The European Union approved new sanctions against Russian officials on Monday.").events == []


def test_protest_types(extract):
    assert main(extract("Thousands of people marched peacefully in the capital to demand clean elections.")).sub_event_type == "Peaceful protest"
    assert main(extract("Police fired tear gas and water cannon to disperse protesters outside parliament.")).sub_event_type == "Protest with intervention"
    assert main(extract("Protesters hurled rocks and petrol bombs at police and set a bank ablaze.")).sub_event_type == "Violent demonstration"


def test_statistic_sentence_is_no_event(extract):
    extraction = extract("Last year, more than 300 people were killed in the state, according to official figures.")
    assert extraction.events == []
    assert extraction.statistics and extraction.statistics[0].quantity == 300


# -- short Spanish reports -----------------------------------------------------------

SPANISH = [
    ("Hombres armados atacaron a policías municipales en Tepalcatepec; tres agentes murieron.", "Armed clash", {"fatalities": 3, "inter1": "Political militia", "inter2": "State forces"}),
    ("Los soldados fueron emboscados por sicarios en Aguililla; una decena de militares resultaron heridos.", "Armed clash", {"injuries": 10, "inter2": "State forces"}),
    ("Sicarios asesinaron a cinco personas en un bar de Celaya.", "Attack", {"fatalities": 5, "inter2": "Civilians"}),
    ("Un grupo armado secuestró a dos comerciantes en Zitácuaro.", "Abduction/forced disappearance", {}),
    ("Un dron arrojó explosivos sobre una comunidad de Aguililla y dejó dos heridos.", "Air/drone strike", {"injuries": 2}),
    ("Una mina terrestre explotó al paso de un vehículo militar y hirió a cuatro soldados.", "Remote explosive/landmine/IED", {"injuries": 4}),
    ("Desconocidos lanzaron una granada contra las instalaciones de la policía en Uruapan.", "Grenade", {}),
    ("Militares desactivaron cinco minas terrestres en un camino de Aguililla.", "Disrupted weapons use", {"fatalities": None}),
    ("Elementos de la Guardia Nacional aseguraron 20 armas largas y dos granadas en Apatzingán.", "Disrupted weapons use", {}),
    ("Decenas de manifestantes marcharon en Morelia para exigir la aparición de los normalistas.", "Peaceful protest", {"fatalities": None}),
    ("La policía dispersó con gas lacrimógeno a los manifestantes frente al palacio municipal.", "Protest with intervention", {}),
    ("Manifestantes encapuchados lanzaron bombas molotov contra la fachada del palacio de gobierno.", "Violent demonstration", {}),
    ("Pobladores enfurecidos lincharon a un presunto ladrón en Puebla.", "Mob violence", {}),
    ("La policía detuvo al alcalde de Tepalcatepec por sus presuntos vínculos con el CJNG.", "Arrests", {}),
    ("Militares y sicarios se enfrentaron durante dos horas en Coalcomán; murieron seis presuntos delincuentes.", "Armed clash", {"fatalities": 6}),
]


@pytest.mark.parametrize("text,sub_type,fields", SPANISH, ids=[s[1] + ":" + s[0][:25] for s in SPANISH])
def test_spanish_reports(extract, text, sub_type, fields):
    extraction = extract(text)
    assert extraction.lang == "es"
    event = main(extraction)
    assert event is not None, "no event found"
    assert event.sub_event_type == sub_type
    for name, value in fields.items():
        assert getattr(event, name) == value, name


def test_spanish_no_injuries_and_drug_seizure(extract):
    event = main(extract("Sicarios dispararon contra una patrulla de la policía estatal en Zamora; no hubo heridos."))
    assert event.injuries == 0
    assert event.inter2 == "State forces"
    assert extract("El Ejército aseguró 500 kilos de cocaína en un rancho de Sinaloa.").events == []


def test_spanish_negated_and_hypothetical(extract):
    event = main(extract("El CJNG podría atacar la cabecera municipal en los próximos días."))
    assert event is None or event.modality in ("hypothetical", "future")


def test_spanish_statistics(extract):
    extraction = extract("En lo que va del año se han registrado más de 1,200 homicidios en Guanajuato.")
    assert extraction.events == []
    stat = extraction.statistics[0]
    assert (stat.quantity, stat.unit) == (1200, "homicidios")
    assert stat.period and "lo que va" in stat.period


# -- bad input ----------------------------------------------------------------------

def test_upper_case_article_still_gives_its_events(extract, seed_text):
    extraction = extract(seed_text.upper())
    assert extraction.error is None
    assert any(e.event_type == "Explosions/Remote violence" for e in extraction.events)


def test_huge_sentence_is_skipped_not_hung(extract):
    import time

    text = " ".join(["Gunmen attacked soldiers and"] * 800) + " killed ten."
    started = time.monotonic()
    extraction = extract(text)
    assert extraction.error is None
    assert time.monotonic() - started < 60
    # a 4,000-word "sentence" is not read for events: its parse is noise
    assert extraction.events == []


def test_numbers_only_text_gives_no_event_and_no_crash(extract):
    extraction = extract("12 45 2,700 3.5 10 20 30 " * 50)
    assert extraction.events == []


# -- roles and ACLED's conservative count -----------------------------------------------

def test_differing_reports_keep_the_lowest_death_toll(extract):
    event = main(extract("Police said five people were killed in the attack on the market, while residents said eight people died."))
    assert event.fatalities == 5
    assert event.actor1 is None or "Police" not in event.actor1  # the police reported, they did not kill


def test_clash_sides_from_with_phrase_and_conjoined_subjects(extract):
    event = main(extract("Soldiers clashed with gunmen in the sierra on Monday."))
    assert (event.inter1, event.inter2) == ("State forces", "Political militia")
    event = main(extract("Militares y sicarios se enfrentaron durante dos horas en la sierra."))
    assert event.sub_event_type == "Armed clash"
    assert (event.inter1, event.inter2) == ("State forces", "Political militia")


def test_armed_men_are_the_unidentified_armed_group(extract):
    event = main(extract("Armed men attacked a family in the town of Salvatierra, killing two children."))
    assert event.actor1.startswith("Unidentified Armed Group")
    assert event.sub_event_type == "Attack" and event.fatalities == 2


def test_generic_habits_are_not_events(extract):
    assert extract("Cartels use drones to attack police officers in the region.").events == []
    event = main(extract("The cartel used drones to attack police officers in Aguililla on Monday."))
    assert event is not None and event.sub_event_type == "Air/drone strike"


def test_everyday_words_in_political_news_are_no_events(extract):
    text = (
        "Mr. Smith has attacked loopholes that benefit his rivals. Sixty-two percent of Republicans agreed. "
        "The senator will continue her march toward Election Day. The company made a good deal with the union. "
        "How many are going to die? The death of the justice left the court split."
    )
    assert extract(text).events == []


def test_coal_mines_are_not_landmines(extract):
    assert extract("He also bought more viable mines and a coke processing plant from the company.").events == []
