"""Event location and date (locate_events): hand-made events and the founding article."""

from __future__ import annotations

from sucesos.dates.normalise import find_dates
from sucesos.model import Event, Span
from sucesos.places.locate import locate
from sucesos.places.resolve import resolve_spans

TEXT = (
    "Some of the most recent evidence is last week's case in Tepalcatepec, Michoacan. "
    "The military had to disarm 12 landmines after one explosive wounded ten soldiers.\n"
    "In January, the cartel bombed a camp of displaced people in a forest in Michoacan using a drone.\n"
    "Police found a body near Apatzingán on Sunday."
)


def sentence(text: str, fragment: str) -> Span:
    start = text.index(fragment)
    return Span(start=start, end=start + len(fragment), text=fragment)


def spans(text: str, *names: str) -> list[dict]:
    result, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        result.append({"start": start, "end": start + len(name)})
        cursor = start + len(name)
    return result


def run(fake_gazetteer, events, published="2022-05-30"):
    places = resolve_spans(spans(TEXT, "Tepalcatepec", "Michoacan", "Michoacan", "Apatzingán"), TEXT, fake_gazetteer)
    dates = find_dates(TEXT, published, lang="en")
    return locate(events, places, dates, TEXT, fake_gazetteer, published=published)


def test_blast_takes_the_town_named_in_the_sentence_before(fake_gazetteer):
    event = Event(sub_event_type="Remote explosive/landmine/IED", sentence=sentence(TEXT, "The military had to disarm 12 landmines after one explosive wounded ten soldiers."))
    (located,) = run(fake_gazetteer, [event])
    assert located is not event and event.location is None  # a new object; the input is untouched
    assert located.location == "Tepalcatepec" and located.admin1 == "Michoacán de Ocampo" and located.admin2 == "Tepalcatepec"
    assert located.geo_precision == 1 and located.iso3 == "MEX" and located.country == "Mexico"
    assert (round(located.latitude, 2), round(located.longitude, 2)) == (19.19, -102.85)
    assert located.event_date == "2022-05-26" and located.time_precision == 2 and located.date_phrase == "last week"
    fields = {e.field: e for e in located.evidence}
    assert TEXT[fields["location"].start : fields["location"].end] == "Tepalcatepec"
    assert fields["event_date"].text == "last week"


def test_region_only_event_is_precision_3_at_the_capital_proxy(fake_gazetteer):
    event = Event(sentence=sentence(TEXT, "In January, the cartel bombed a camp of displaced people in a forest in Michoacan using a drone."))
    (located,) = run(fake_gazetteer, [event])
    assert located.geo_precision == 3 and located.admin1 == "Michoacán de Ocampo" and located.admin2 is None
    assert located.location == "Michoacán de Ocampo"
    assert (round(located.latitude, 2), round(located.longitude, 2)) == (19.70, -101.18)  # Morelia
    assert located.event_date == "2022-01-15" and located.time_precision == 3


def test_headline_naming_only_the_state_takes_the_town_the_body_names(fake_gazetteer):
    text = "Matan a cuatro estudiantes, en Michoacán\nLos jóvenes fueron hallados en Apatzingán. En Apatzingán hubo marchas; en Morelia, un mitin."
    places = resolve_spans(spans(text, "Michoacán", "Apatzingán", "Apatzingán", "Morelia"), text, fake_gazetteer)
    event = Event(sentence=sentence(text, "Matan a cuatro estudiantes, en Michoacán"))
    (located,) = locate([event], places, [], text, fake_gazetteer, published="2022-05-30")
    assert (located.location, located.admin2, located.geo_precision) == ("Apatzingán", "Apatzingán", 1)  # named most often, in that state


def test_mexico_city_takes_the_alcaldia_the_article_names():
    from sucesos.places.gazetteer import Gazetteer

    gazetteer = Gazetteer.from_records([
        {"name": "Ciudad de México", "feature": "admin1", "country": "MX", "admin1": "Ciudad de México", "latitude": 19.4, "longitude": -99.1},
        # the city is a state of sixteen alcaldías: its point lies in no one of them
        {"name": "Mexico City", "feature": "city", "country": "MX", "admin1": "Ciudad de México", "latitude": 19.43, "longitude": -99.13, "population": 12294193},
        {"name": "Cuauhtémoc", "feature": "admin2", "country": "MX", "admin1": "Ciudad de México", "admin2": "Cuauhtémoc", "latitude": 19.44, "longitude": -99.15, "population": 531831},
    ])
    text = (
        "Eleven young people vanish from a bar\n"
        "The group was last seen on Sunday in Cuauhtémoc, the capital's central borough. "
        "Mexico City authorities are investigating whether 11 young people who vanished from a bar were kidnapped by gunmen."
    )
    places = resolve_spans(spans(text, "Cuauhtémoc", "Mexico City"), text, gazetteer)
    event = Event(sentence=sentence(text, "Mexico City authorities are investigating whether 11 young people who vanished from a bar were kidnapped by gunmen."))
    (located,) = locate([event], places, [], text, gazetteer, published="2022-05-30")
    assert (located.admin1, located.admin2) == ("Ciudad de México", "Cuauhtémoc")


def test_a_landmark_named_to_find_the_place_is_not_the_event_place(fake_gazetteer):
    text = "Soldiers came under fire across from Morelia, in Apatzingán, Michoacán."
    places = resolve_spans(spans(text, "Morelia", "Apatzingán"), text, fake_gazetteer)
    (located,) = locate([Event(sentence=sentence(text, text))], places, [], text, fake_gazetteer, published="2022-05-30")
    assert located.location == "Apatzingán"


def test_a_victims_home_town_is_not_the_event_place(fake_gazetteer):
    text = "Un vecino de Morelia fue asesinado a tiros en Apatzingán, Michoacán."
    places = resolve_spans(spans(text, "Morelia", "Apatzingán"), text, fake_gazetteer)
    event = Event(sentence=sentence(text, text))
    (located,) = locate([event], places, [], text, fake_gazetteer, published="2022-05-30")
    assert located.location == "Apatzingán"
    (alone,) = locate([event], [places[0]], [], text, fake_gazetteer, published="2022-05-30")
    assert alone.location == "Morelia"  # the only place the sentence gives still places it


def test_near_a_town_is_precision_2(fake_gazetteer):
    event = Event(sentence=sentence(TEXT, "Police found a body near Apatzingán on Sunday."))
    (located,) = run(fake_gazetteer, [event])
    assert located.location == "Apatzingán" and located.geo_precision == 2
    assert located.event_date == "2022-05-29" and located.time_precision == 1


def test_without_publication_date_the_event_date_stays_null(fake_gazetteer):
    event = Event(sentence=sentence(TEXT, "Police found a body near Apatzingán on Sunday."))
    (located,) = run(fake_gazetteer, [event], published=None)
    assert located.event_date is None and located.time_precision is None
    assert located.location == "Apatzingán"


def test_founding_article_events_are_located_and_dated(extract, seed_text):
    extraction = extract(seed_text, id="seed", published="2022-05-30")
    assert extraction.error is None
    blasts = [e for e in extraction.events if e.sub_event_type == "Remote explosive/landmine/IED"]
    drones = [e for e in extraction.events if e.sub_event_type == "Air/drone strike"]
    assert blasts and drones
    blast = blasts[0]
    assert blast.location == "Tepalcatepec" and blast.admin1 == "Michoacán de Ocampo" and blast.geo_precision == 1
    assert abs(blast.latitude - 19.19) < 0.05 and abs(blast.longitude + 102.85) < 0.05
    assert blast.time_precision == 2 and "2022-05-23" <= blast.event_date <= "2022-05-29"
    drone = drones[0]
    assert drone.admin1 == "Michoacán de Ocampo" and drone.geo_precision == 3
    assert drone.event_date == "2022-01-15" and drone.time_precision == 3


def test_continents_and_demonyms_are_never_event_places(resources):
    from sucesos.places.resolve import resolve_spans

    text = "Mexican troops and fighters from the Middle East clashed in Aguililla, Michoacán."
    places = resolve_spans(spans(text, "Mexican", "Middle East", "Aguililla", "Michoacán"), text, resources.gazetteer)
    event = Event(sentence=Span(0, len(text), text))
    (located,) = locate([event], places, [], text, resources.gazetteer, published=None)
    assert located.location == "Aguililla" and located.geo_precision == 1
    only_vague = "Mexican troops and fighters from the Middle East clashed."
    vague = resolve_spans(spans(only_vague, "Mexican", "Middle East"), only_vague, resources.gazetteer)
    (located,) = locate([Event(sentence=Span(0, len(only_vague), only_vague))], vague, [], only_vague, resources.gazetteer, published=None)
    assert located.location is None and located.latitude is None


def test_place_inside_an_actor_name_is_not_the_event_place(resources):
    from sucesos.model import Mention
    from sucesos.places.resolve import resolve_spans

    text = "The Jalisco cartel attacked police in Michoacán."
    places = resolve_spans(spans(text, "Jalisco", "Michoacán"), text, resources.gazetteer)
    actor = Mention(start=4, end=18, text="Jalisco cartel", label="ARMED_GROUP")
    event = Event(sentence=Span(0, len(text), text))
    (located,) = locate([event], places, [], text, resources.gazetteer, published=None, mentions=[actor])
    assert located.admin1 == "Michoacán de Ocampo" and located.geo_precision == 3
    only_actor = "The Jalisco cartel attacked police."
    places = resolve_spans(spans(only_actor, "Jalisco"), only_actor, resources.gazetteer)
    (located,) = locate([Event(sentence=Span(0, len(only_actor), only_actor))], places, [], only_actor, resources.gazetteer, published=None, mentions=[actor])
    assert located.location is None
