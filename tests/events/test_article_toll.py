"""The main event's toll as the whole article states it (ACLED's count from the report). Written for these tests."""

from __future__ import annotations

TOLL_RULE = "ACLED: the toll the article states for its event"


def main(extraction):
    assert extraction.events, f"no event (error: {extraction.error})"
    return extraction.events[0]


def _rules(event, field):
    return [item.rule for item in event.evidence if item.field == field and item.rule]


def test_headline_killing_takes_the_toll_told_at_the_end(extract):
    text = (
        "Atacan a balazos un puesto de frutas en Iztapalapa\n"
        "Hombres armados dispararon contra los comerciantes en la colonia Santa Cruz Meyehualco.\n"
        "Los vecinos llamaron a la policía.\n"
        "Dos de los comerciantes murieron en el lugar."
    )
    event = main(extract(text, lang="es"))
    assert event.sub_event_type == "Attack"
    assert event.fatalities == 2
    assert any(rule.startswith(TOLL_RULE) for rule in _rules(event, "fatalities"))
    receipt = [item for item in event.evidence if item.field == "fatalities"]
    assert receipt and all(text[item.start : item.end] == item.text for item in receipt)


def test_the_whole_counted_in_the_lead_wins_over_a_part(extract):
    text = (
        "Ejecutan a dos hermanos en Ecatepec\n"
        "Los dos hermanos fueron asesinados a balazos frente a su casa en la colonia Jardines de Morelos.\n"
        "Uno de ellos murió en el lugar."
    )
    event = main(extract(text, lang="es"))
    assert event.fatalities == 2


def test_a_date_is_no_toll(extract):
    text = "Hallan cuerpos con huellas de tortura en Chalco\nLos cuerpos fueron encontrados el 3 de mayo en un terreno baldío de Chalco."
    event = main(extract(text, lang="es"))
    assert event.fatalities != 3


def test_another_incident_in_the_article_does_not_add_its_dead(extract):
    text = (
        "Balean a un hombre en Tlalpan\n"
        "Un hombre fue baleado en la pierna en calles de Tlalpan y fue llevado al hospital, donde se reporta estable.\n"
        "En otro hecho, tres personas fueron asesinadas en Iztapalapa."
    )
    event = main(extract(text, lang="es"))
    assert event.fatalities in (0, None)


def test_an_arrest_does_not_take_the_dead_of_the_crime(extract):
    text = "Detienen al presunto responsable del asesinato de un sacerdote en La Paz, Estado de México."
    event = main(extract(text, lang="es"))
    assert event.sub_event_type == "Arrests"
    assert event.fatalities is None


def test_one_person_named_twice_counts_once(extract):
    event = main(extract("Un ex convicto y presunto integrante de La Unión fue asesinado a balazos en Tepito.", lang="es"))
    assert event.fatalities == 1


def test_unnamed_actors_take_the_focus_country_where_places_tie_or_are_missing(pipeline):
    from types import SimpleNamespace

    from sucesos.events.extract import article_country

    resources = pipeline.resources
    mexico, bolivia = SimpleNamespace(country="Mexico"), SimpleNamespace(country="Bolivia")
    assert article_country([bolivia, mexico], [], resources, {"country": "Mexico"}) == "Mexico"
    assert article_country([], [], resources, {"country": "Mexico"}) == "Mexico"
    assert article_country([mexico, mexico, bolivia], [], resources, {"country": "Bolivia"}) == "Mexico"
    assert article_country([], [], resources, None) is None


def test_a_singular_death_verb_tells_one_dead(extract):
    text = (
        "Atacan a balazos a dos hermanos en Ecatepec\n"
        "Dos sujetos armados dispararon contra los hermanos sobre avenida Las Torres.\n"
        "Él, quien recibió tres disparos en la cabeza, murió de manera inmediata."
    )
    event = main(extract(text, lang="es"))
    assert event.fatalities == 1


def test_the_wounded_of_an_accident_told_in_the_lead_are_no_attack(extract):
    text = (
        "Muere tras chocar contra tráiler en la México-Cuernavaca\n"
        "El exceso de velocidad provocó que el copiloto de una camioneta muriera en la autopista.\n"
        "Al llegar, los rescatistas encontraron al chofer herido y a su acompañante muerto."
    )
    assert extract(text, lang="es").events == []


def test_the_wounded_of_a_shooting_are_still_its_toll(extract):
    text = (
        "Balean a dos hombres en Tlalpan\n"
        "Sujetos armados dispararon contra dos hombres afuera de un taller en Tlalpan.\n"
        "Al llegar, los paramédicos encontraron a uno de ellos herido y al otro muerto."
    )
    event = main(extract(text, lang="es"))
    assert event.sub_event_type == "Attack"


def test_a_domestic_killing_told_in_the_lead_stays_no_event_when_retold(extract):
    text = (
        "Acuchilla a su carnal tras discusión, en Tlalpan\n"
        "Martín presuntamente asesinó a su hermano después de una discusión.\n"
        "Tras abandonarlo en la calle, regresó a ocultar el cuchillo con el que lo atacó."
    )
    assert extract(text, lang="es").events == []


def test_executing_a_robbery_kills_nobody(extract):
    text = "Un ladrón decidió ejecutar un asalto al interior de un camión en Tlalnepantla, pero un pasajero le disparó en las piernas."
    extraction = extract(text, lang="es")
    assert all(not event.fatalities for event in extraction.events)


def test_numbers_in_dates_are_no_counts_but_counts_near_a_month_are(pipeline):
    from sucesos.events.lexicon import event_lexicon
    from sucesos.events.numbers import NumberReader

    lexicon = event_lexicon(pipeline.resources)
    cases = [
        ("es", "el 31 de octubre cuatro hombres", 4.0),
        ("es", "120 homicidios en marzo", 120.0),
        ("es", "uno de ellos murió", 1.0),
        ("en", "On March 3, 2017 five people", 5.0),
    ]
    for lang, text, value in cases:
        found = NumberReader(lexicon.numbers, lang).read(pipeline.resources.nlp(lang)(text))
        assert found is not None and found[0] == value, (text, found)
    assert NumberReader(lexicon.numbers, "es").read(pipeline.resources.nlp("es")("febrero de 2015")) is None


def test_a_perpetrator_named_only_as_a_person_is_an_unidentified_armed_group():
    from sucesos.events.acled_rules import apply_acled_rules, load_acled_rules
    from sucesos.model import Event, Evidence

    event = Event(event_type="Battles", sub_event_type="Armed clash", actor1="Juan Manuel Barrera", actor2="Unidentified Armed Group (Mexico)", inter2="Political militia")
    event.evidence = [Evidence(field="actor1", start=0, end=19, text="Juan Manuel Barrera")]
    coded = apply_acled_rules(event, load_acled_rules(), "Mexico")
    assert (coded.actor1, coded.inter1, coded.assoc_actor_1) == ("Unidentified Armed Group (Mexico)", "Political militia", "Juan Manuel Barrera")
    assert any(item.field == "actor1" and item.rule and "person" in item.rule for item in coded.evidence)


def test_a_recalled_massacre_told_in_its_own_sentence_is_not_the_main_killings_toll(extract):
    # the main killing has one victim; the article recalls an older massacre its victim was linked to
    text = (
        "Matan a exalcalde de Tepalcatepec en Michoacán\n\n"
        "Rogelio Quintanar Bustos, exalcalde de Tepalcatepec, fue asesinado a balazos este martes frente a su casa, confirmó la Fiscalía estatal.\n"
        "Quintanar había sido testigo en el juicio por la masacre de once jornaleros en los límites de Jalisco y Michoacán, en 2018.\n"
        "Fue presidente municipal de 2012 a 2015."
    )
    events = extract(text, lang="es", published="2021-09-14").events
    assert events and events[0].fatalities == 1
    assert not any(item.text and "once" in item.text for item in events[0].evidence if item.field == "fatalities")


def test_an_english_recalled_attack_keeps_its_dead_to_itself(extract):
    text = (
        "Former police chief shot dead in Zacatecas\n\n"
        "Jorge Alcocer Ibarra, a former municipal police chief, was shot dead on Monday outside a gym in Fresnillo, state prosecutors said.\n"
        "Alcocer had led the force in 2016, when seven officers were killed in an ambush on the highway to Valparaíso.\n"
        "He had retired last year."
    )
    events = extract(text, lang="en", published="2022-05-10").events
    assert events and events[0].fatalities == 1


def test_a_victim_killed_along_with_a_companion_counts_both(extract):
    english = extract("A retired army colonel was shot dead on Sunday along with his wife outside their home in Culiacán.", lang="en")
    assert main(english).fatalities == 2
    spanish = extract("El exalcalde Rogelio Quintanar fue asesinado este martes junto con su escolta en la colonia Centro de Apatzingán.", lang="es")
    assert main(spanish).fatalities == 2
    # a place after the companion is no third victim, whatever the parse makes of it
    placed = extract("Este lunes fue asesinado el notario Rogelio Quintanar Bustos, junto con su esposa, en la colonia Las Flores, en Apatzingán, Michoacán; el notario no tenía escolta.", lang="es")
    assert main(placed).fatalities == 2
    # "junto a" is "next to": a place, not a second victim
    beside = extract("El exalcalde Rogelio Quintanar fue asesinado este martes junto a su casa en la colonia Centro de Apatzingán.", lang="es")
    assert main(beside).fatalities == 1


def test_only_recalled_happenings_keep_their_sentences_counts_to_themselves():
    """A happening dated weeks back or placed in another state is recalled; one coreference kept apart in the same state and days may be part of the main one."""
    from sucesos.events.toll import other_happenings_sentences
    from sucesos.model import Event, Evidence, Span

    text = ("Hallan dos cadáveres en Ecatepec\n"
            "Dos cadáveres fueron encontrados ayer en Ecatepec.\n"
            "Otro cuerpo apareció en la colonia Jardines de Morelos.\n"
            "En marzo de 2019, once personas fueron asesinadas en un bar de Ecatepec.\n"
            "En Puebla, tres hombres fueron asesinados el mes pasado.")  # fmt: skip

    def at(sentence, **fields):
        start = text.index(sentence)
        receipts = [Evidence(name, start, start + len(sentence), sentence) for name in fields.pop("own", ())]
        return Event(event_type="Violence against civilians", sub_event_type="Attack", country="Mexico", sentence=Span.of(text, start, start + len(sentence)), evidence=receipts, **fields)

    main = at("Hallan dos cadáveres en Ecatepec", admin1="México", location="Ecatepec", fatalities=2, own=("location",))
    part = at("Otro cuerpo apareció en la colonia Jardines de Morelos.", admin1="México", location="Jardines de Morelos", fatalities=1, own=("location",))
    recalled = at("En marzo de 2019, once personas fueron asesinadas en un bar de Ecatepec.", admin1="México", location="Ecatepec", event_date="2019-03-15",
                  time_precision=3, fatalities=11, own=("location", "event_date"))  # fmt: skip
    elsewhere = at("En Puebla, tres hombres fueron asesinados el mes pasado.", admin1="Puebla", location="Puebla", fatalities=3, own=("location",))
    skipped = other_happenings_sentences([main, part, recalled, elsewhere], "2024-05-11")
    told = [text[start:end] for start, end in skipped]
    assert told == [recalled.sentence.text, elsewhere.sentence.text]
