"""Within one article, the headline, the lead and a casualty sentence about one happening are one event."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from sucesos.events.coreference import merge_article_events
from sucesos.model import Event, Evidence, Span

TEXT = "Gunmen ambush police in Uruapan\n\nGunmen ambushed a patrol in Uruapan on Tuesday. Two officers died. In another attack in Uruapan, a shop owner was shot."


def report(sentence: str, **fields) -> Event:
    start = TEXT.index(sentence)
    return Event(sentence=Span.of(TEXT, start, start + len(sentence)), **fields)


def test_headline_lead_and_toll_fold_into_one_event_with_their_receipts():
    headline = report("Gunmen ambush police in Uruapan", event_type="Battles", sub_event_type="Armed clash", location="Uruapan", modality="asserted",
                      evidence=[Evidence("sub_event_type", 7, 13, "ambush")])  # fmt: skip
    lead = report("Gunmen ambushed a patrol in Uruapan on Tuesday.", event_type="Violence against civilians", sub_event_type="Attack",
                  actor1="Unidentified Armed Group (Mexico)", location="Uruapan", event_date="2024-03-12", modality="reported",
                  evidence=[Evidence("actor1", 33, 39, "Gunmen"), Evidence("event_date", 71, 78, "Tuesday")])  # fmt: skip
    toll = report("Two officers died.", event_type="Violence against civilians", sub_event_type="Attack", fatalities=2, modality="asserted",
                  evidence=[Evidence("fatalities", 81, 84, "Two")])  # fmt: skip
    [event] = merge_article_events([headline, lead, toll], TEXT)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")  # the headline says what happened
    assert (event.actor1, event.event_date, event.fatalities) == ("Unidentified Armed Group (Mexico)", "2024-03-12", 2)
    assert {ev.field for ev in event.evidence} == {"sub_event_type", "actor1", "event_date", "fatalities"}


def test_another_incident_different_tolls_or_places_stay_apart():
    lead = report("Gunmen ambushed a patrol in Uruapan on Tuesday.", event_type="Violence against civilians", sub_event_type="Attack", location="Uruapan", fatalities=2, modality="asserted")
    other = report("In another attack in Uruapan, a shop owner was shot.", event_type="Violence against civilians", sub_event_type="Attack", location="Uruapan", modality="asserted")
    assert len(merge_article_events([lead, other], TEXT)) == 2
    elsewhere = report("Two officers died.", event_type="Violence against civilians", sub_event_type="Attack", location="Zamora", modality="asserted")
    assert len(merge_article_events([lead, elsewhere], TEXT)) == 2
    threat = report("Two officers died.", event_type="Violence against civilians", sub_event_type="Attack", modality="hypothetical")
    assert len(merge_article_events([lead, threat], TEXT)) == 2
    protest = report("Two officers died.", event_type="Protests", sub_event_type="Peaceful protest", modality="asserted")
    assert len(merge_article_events([lead, protest], TEXT)) == 2


def test_generic_state_forces_take_the_articles_country(extract):
    abroad = extract("Police opened fire on protesters in Lagos, Nigeria on Monday, killing three people.", published="2024-03-14")
    assert abroad.events[0].actor1 == "Police Forces of Nigeria"
    home = extract("Soldiers clashed with gunmen in Aguililla, Michoacán.", published="2024-03-14")
    assert home.events[0].actor1 == "Military Forces of Mexico"


def test_a_date_borrowed_from_the_previous_sentence_does_not_split_one_happening():
    text = "Residents marched in Apatzingán on Wednesday to demand safety after last week's clashes. The protest ended peacefully."
    lead_start, second_start = 0, text.index("The protest")
    lead = Event(event_type="Protests", sub_event_type="Peaceful protest", location="Apatzingán", event_date="2024-05-01", modality="asserted",
                 sentence=Span.of(text, 0, second_start - 1), evidence=[Evidence("event_date", 35, 44, "Wednesday")])  # fmt: skip
    week = text.index("last week")
    follow = Event(event_type="Protests", sub_event_type="Peaceful protest", location="Apatzingán", event_date="2024-04-25", modality="asserted",
                   sentence=Span.of(text, second_start, len(text)), evidence=[Evidence("event_date", week, week + 9, "last week")])  # fmt: skip
    [event] = merge_article_events([lead, follow], text)
    assert event.event_date == "2024-05-01"


# -- consolidation: tolls, background incidents, sentence order -------------------------------

AMBUSH = (
    "Gunmen kill 13 police officers in Coatepec Harinas\n\n"
    "Gunmen killed 13 police officers in an ambush in Coatepec Harinas on Thursday. "
    "Eight state police and five investigators died. "
    "\"This attack is an affront to the state,\" the minister said. "
    "In October 2019, 14 officers were killed in Aguililla."
)


def _at(text: str, sentence: str, **fields) -> Event:
    start = text.index(sentence)
    evidence = []
    for field, phrase in fields.pop("receipts", {}).items():
        where = text.index(phrase, start)
        evidence.append(Evidence(field, where, where + len(phrase), phrase))
    return Event(sentence=Span.of(text, start, start + len(sentence)), evidence=evidence, **fields)


def _ambush_events() -> list[Event]:
    t = AMBUSH
    return [
        _at(t, "Gunmen kill 13 police officers in Coatepec Harinas", event_type="Violence against civilians", sub_event_type="Attack",
            fatalities=13, location="Coatepec Harinas", admin1="México", geo_precision=2, modality="asserted",
            receipts={"fatalities": "kill 13", "location": "Coatepec Harinas"}),
        _at(t, "Gunmen killed 13 police officers in an ambush in Coatepec Harinas on Thursday.", event_type="Battles", sub_event_type="Armed clash",
            fatalities=13, location="Coatepec Harinas", admin1="México", geo_precision=2, event_date="2021-03-18", time_precision=1,
            actor2="Police Forces of Mexico", modality="reported",
            receipts={"fatalities": "killed 13", "location": "Coatepec Harinas", "event_date": "on Thursday"}),
        _at(t, "Eight state police and five investigators died.", event_type="Violence against civilians", sub_event_type="Attack",
            fatalities=8, modality="asserted", receipts={"fatalities": "Eight state police"}),
        _at(t, "\"This attack is an affront to the state,\" the minister said.", event_type="Violence against civilians", sub_event_type="Attack",
            modality="reported"),
        _at(t, "In October 2019, 14 officers were killed in Aguililla.", event_type="Battles", sub_event_type="Armed clash",
            fatalities=14, location="Aguililla", admin1="Michoacán", geo_precision=1, event_date="2019-10-15", time_precision=3, modality="asserted",
            receipts={"fatalities": "14 officers were killed", "location": "Aguililla", "event_date": "October 2019"}),
    ]  # fmt: skip


def test_headline_lead_toll_and_quote_are_one_event_and_a_recalled_incident_another_ranked_below():
    main, background = merge_article_events(_ambush_events(), AMBUSH, published="2021-03-19")
    assert (main.sub_event_type, main.location, main.event_date, main.fatalities) == ("Armed clash", "Coatepec Harinas", "2021-03-18", 13)
    # the partial count stays as a receipt: the article's range of figures is 8-13
    assert sorted(ev.text for ev in main.evidence if ev.field == "fatalities") == ["Eight state police", "kill 13", "killed 13"]
    assert (background.location, background.event_date, background.fatalities) == ("Aguililla", "2019-10-15", 14)


def test_another_attack_in_the_same_town_stays_apart():
    text = "Two shot dead in Celaya\n\nTwo women were shot dead in Celaya on Saturday. In another attack in Celaya, a taco seller was killed."
    first = _at(text, "Two women were shot dead in Celaya on Saturday.", event_type="Violence against civilians", sub_event_type="Attack",
                fatalities=2, location="Celaya", modality="asserted")  # fmt: skip
    second = _at(text, "In another attack in Celaya, a taco seller was killed.", event_type="Violence against civilians", sub_event_type="Attack",
                 fatalities=1, location="Celaya", modality="asserted")  # fmt: skip
    assert len(merge_article_events([first, second], text)) == 2


def test_a_dateline_place_does_not_split_the_lead_from_the_headline():
    text = "Gunmen kill 13 police\n\nMEXICO CITY (Reuters) - Gunmen killed 13 police in Coatepec Harinas on Thursday."
    headline = _at(text, "Gunmen kill 13 police", event_type="Battles", sub_event_type="Armed clash", fatalities=13, location="Coatepec Harinas",
                   admin1="México", geo_precision=2, modality="asserted")  # fmt: skip
    lead = _at(text, "MEXICO CITY (Reuters) - Gunmen killed 13 police in Coatepec Harinas on Thursday.", event_type="Battles",
               sub_event_type="Armed clash", fatalities=13, location="Mexico City", admin1="Ciudad de México", geo_precision=1,
               modality="reported", receipts={"location": "MEXICO CITY"})  # fmt: skip
    [event] = merge_article_events([headline, lead], text)
    assert event.location == "Coatepec Harinas"


def _rebuilt(order: list[int]) -> tuple[str, list[Event]]:
    """The ambush article with its body sentences in `order` (headline first), events rebuilt at their new offsets."""
    headline, body = AMBUSH.split("\n\n")
    sentences = ["Gunmen killed 13 police officers in an ambush in Coatepec Harinas on Thursday.", "Eight state police and five investigators died.",
                 "\"This attack is an affront to the state,\" the minister said.", "In October 2019, 14 officers were killed in Aguililla."]  # fmt: skip
    assert " ".join(sentences) == body
    text = headline + "\n\n" + " ".join(sentences[i] for i in order)
    events = []
    for event in _ambush_events():
        sentence = event.sentence.text
        start = text.index(sentence)
        shift = start - event.sentence.start
        events.append(dataclasses.replace(
            event, sentence=Span.of(text, start, start + len(sentence)),
            evidence=[Evidence(ev.field, ev.start + shift, ev.end + shift, ev.text) for ev in event.evidence],
        ))  # fmt: skip
    return text, events


@settings(max_examples=40, deadline=None)
@given(order=st.permutations([0, 1, 2, 3]), salience=st.permutations([0, 1, 2, 3, 4]))
def test_sentence_order_and_salience_order_do_not_change_the_events(order, salience):
    text, events = _rebuilt(order)
    shuffled = [events[i] for i in salience]
    result = merge_article_events(shuffled, text, published="2021-03-19")
    summary = [(e.sub_event_type, e.location, e.event_date, e.fatalities) for e in result]
    assert summary == [("Armed clash", "Coatepec Harinas", "2021-03-18", 13), ("Armed clash", "Aguililla", "2019-10-15", 14)]


def test_the_main_event_takes_the_town_of_the_lead_and_the_date_the_article_gives():
    from sucesos.events.coreference import fill_main_from_article
    from sucesos.model import DateMention, Place

    text = ("13 police killed in México state ambush\n\n"
            "Eight state police and five investigators died in Coatepec Harinas, about 120 km southwest of Mexico City. "
            "The attack began on Thursday afternoon.")  # fmt: skip
    coatepec, mexico_city = text.index("Coatepec Harinas"), text.index("Mexico City")
    places = [
        Place(coatepec, coatepec + 16, "Coatepec Harinas", name="Coatepec Harinas", latitude=18.92, longitude=-99.77, country="Mexico",
              iso3="MEX", admin1="México", admin2="Coatepec Harinas", feature="city"),
        Place(mexico_city, mexico_city + 11, "Mexico City", name="Mexico City", latitude=19.43, longitude=-99.13, country="Mexico",
              iso3="MEX", admin1="Ciudad de México", feature="city"),
    ]  # fmt: skip
    thursday = text.index("on Thursday")
    dates = [DateMention(thursday, thursday + 11, "on Thursday", value="2021-03-18", precision=1, kind="day")]
    main = Event(event_type="Battles", sub_event_type="Armed clash", location="Mexico", country="Mexico", geo_precision=3, fatalities=13,
                 sentence=Span.of(text, 0, text.index("\n")), modality="asserted")  # fmt: skip
    filled = fill_main_from_article(main, places, dates, text, "2021-03-19")
    assert (filled.location, filled.admin2, filled.geo_precision, filled.event_date) == ("Coatepec Harinas", "Coatepec Harinas", 1, "2021-03-18")
    assert {ev.field: ev.text for ev in filled.evidence if ev.field in ("location", "event_date")} == {"location": "Coatepec Harinas", "event_date": "on Thursday"}
    # "southwest of Mexico City" says where Coatepec Harinas is, not where the ambush was
    assert filled.location != "Mexico City"


def _place(text, name, admin1, admin2=None, feature="city", lat=19.0, lon=-101.0, at=None):
    from sucesos.model import Place

    start = text.index(name) if at is None else at
    return Place(start, start + len(name), name, name=name, latitude=lat, longitude=lon, country="Mexico", iso3="MEX", admin1=admin1, admin2=admin2, feature=feature)


def test_a_namesake_town_in_a_state_the_article_never_names_gives_way_to_the_named_state():
    from sucesos.events.coreference import fill_main_from_article

    text = "Asesinan a 19 personas en un palenque en Michoacán\n\nHombres armados mataron a 19 personas en la comunidad Las Tinajas, municipio de Zinapécuaro."
    places = [
        _place(text, "Michoacán", "Michoacán de Ocampo", feature="admin1"),
        _place(text, "Las Tinajas", "Guerrero", "Coyuca de Catalán", lat=18.3, lon=-100.7),  # the gazetteer's other Las Tinajas
        _place(text, "Zinapécuaro", "Michoacán de Ocampo", "Zinapécuaro", feature="admin2", lat=19.86, lon=-100.83),
    ]
    tinajas = text.index("Las Tinajas")
    main = Event(event_type="Violence against civilians", sub_event_type="Attack", location="Las Tinajas", admin1="Guerrero", admin2="Coyuca de Catalán",
                 country="Mexico", geo_precision=1, fatalities=19, modality="asserted", sentence=Span.of(text, text.index("Hombres"), len(text)),
                 evidence=[Evidence("location", tinajas, tinajas + 11, "Las Tinajas")])  # fmt: skip
    filled = fill_main_from_article(main, places, [], text, "2022-03-28", focus_admin1="Michoacán de Ocampo")
    assert (filled.admin1, filled.admin2) == ("Michoacán de Ocampo", "Zinapécuaro")
    assert [ev.text for ev in filled.evidence if ev.field == "location"] == ["Zinapécuaro"]
    # a town in a state the article does name keeps its place
    kept = fill_main_from_article(main, places, [], text, "2022-03-28", focus_admin1="Guerrero")
    assert (kept.admin1, kept.location) == ("Guerrero", "Las Tinajas")


def test_a_date_that_dates_the_telling_gives_way_to_the_day_the_lead_gives_for_the_happening():
    from sucesos.events.coreference import fill_main_from_article
    from sucesos.model import DateMention

    text = "19 killed at cockfight\n\nNineteen people were killed in Zinapecuaro, prosecutors said Monday. The attack occurred late Sunday."
    monday, sunday = text.index("Monday"), text.index("late Sunday") + 5
    dates = [DateMention(monday, monday + 6, "Monday", value="2022-03-28", precision=1, kind="day"),
             DateMention(sunday, sunday + 6, "Sunday", value="2022-03-27", precision=1, kind="day")]  # fmt: skip
    main = Event(event_type="Violence against civilians", sub_event_type="Attack", event_date="2022-03-28", time_precision=1, fatalities=19,
                 modality="asserted", sentence=Span.of(text, text.index("Nineteen"), text.index(" The attack")),
                 evidence=[Evidence("event_date", monday, monday + 6, "Monday")])  # fmt: skip
    said = lambda start, end: text[max(0, start - 6) : start].strip() == "said"  # noqa: E731 - the parse, as the component reads it
    filled = fill_main_from_article(main, [], dates, text, "2022-03-28", reported_on=said)
    assert (filled.event_date, filled.date_phrase) == ("2022-03-27", "Sunday")
    assert [ev.text for ev in filled.evidence if ev.field == "event_date"] == ["Sunday"]
    # without a day the happening itself is given, the told date stays (missing is not made up)
    alone = fill_main_from_article(main, [], dates[:1], text, "2022-03-28", reported_on=said)
    assert alone.event_date == "2022-03-28"


def test_a_lead_placed_by_its_dateline_does_not_join_a_recalled_massacre_in_another_town():
    """The dateline says where it was filed; the town the lead names says the lead and the 2019 recall are two incidents."""
    text = ("Masacres no son hechos aislados\n\n"
            "Cd. Victoria, Tam.- La masacre de 19 personas calcinadas en el municipio de Camargo no es la primera en la región.\n"
            "El diez de enero de 2019, las autoridades localizaron 19 cuerpos calcinados en el municipio de Miguel Alemán.")  # fmt: skip
    places = [_place(text, "Victoria", "Tamaulipas", "Victoria"), _place(text, "Camargo", "Tamaulipas", "Camargo", feature="admin2"),
              _place(text, "Miguel Alemán", "Tamaulipas", "Miguel Alemán", feature="admin2")]  # fmt: skip
    lead_start = text.index("Cd. Victoria")
    lead_end = text.index("\nEl diez")
    victoria = text.index("Victoria")
    lead = Event(event_type="Violence against civilians", sub_event_type="Attack", location="Victoria", admin1="Tamaulipas", admin2="Victoria",
                 country="Mexico", geo_precision=1, fatalities=19, modality="asserted", sentence=Span.of(text, lead_start, lead_end),
                 evidence=[Evidence("location", victoria, victoria + 8, "Victoria")])  # fmt: skip
    recall_start = lead_end + 1
    alleman = text.index("Miguel Alemán")
    recalled = Event(event_type="Violence against civilians", sub_event_type="Attack", location="Miguel Alemán", admin1="Tamaulipas",
                     admin2="Miguel Alemán", country="Mexico", geo_precision=1, fatalities=19, event_date="2019-01-10", time_precision=1,
                     modality="asserted", sentence=Span.of(text, recall_start, len(text)),
                     evidence=[Evidence("location", alleman, alleman + 13, "Miguel Alemán"), Evidence("event_date", recall_start, recall_start + 24, "El diez de enero de 2019")])  # fmt: skip
    for order in ([lead, recalled], [recalled, lead]):
        events = merge_article_events(order, text, published="2021-01-29", places=places)
        assert len(events) == 2
        assert [e.event_date for e in events] == [None, "2019-01-10"]  # today's massacre first, the recalled one dated from its own sentence
    # without the article's places (a caller that has none) the undated lead still tells the news, not the
    # recalled 2019 massacre (dated beyond BACKGROUND_DAYS), the only happening it would fit: two happenings
    events = merge_article_events([lead, recalled], text, published="2021-01-29")
    assert [e.event_date for e in events] == [None, "2019-01-10"]


def test_a_neighbourhood_of_the_town_is_one_happening_with_it_even_when_read_as_a_namesake():
    """'the Santa Fe neighborhood of Tijuana': the sentence places it in Tijuana, whatever municipality the gazetteer gives Santa Fe."""
    text = ("Second journalist shot dead in a week in Tijuana\n\n"
            "Lourdes Maldonado was shot dead in her car in the Santa Fe neighborhood of Tijuana, prosecutors said.")  # fmt: skip
    head_end = text.index("\n")
    tijuana, santa_fe = text.index("Tijuana"), text.index("Santa Fe")
    body = text.index("Lourdes")
    common = dict(event_type="Violence against civilians", sub_event_type="Attack", country="Mexico", admin1="Baja California", geo_precision=1, fatalities=1, modality="asserted")
    headline = Event(**common, location="Tijuana", admin2="Tijuana", sentence=Span.of(text, 0, head_end), evidence=[Evidence("location", tijuana, tijuana + 7, "Tijuana")])
    lead = Event(**common, location="Santa Fe", admin2="Ensenada", sentence=Span.of(text, body, len(text)), evidence=[Evidence("location", santa_fe, santa_fe + 8, "Santa Fe")])
    for order in ([headline, lead], [lead, headline]):
        [event] = merge_article_events(order, text, published="2022-01-24")
        assert (event.location, event.admin2) == ("Tijuana", "Tijuana")
    # a town named only as a reference point ("20 km from Tijuana") does not make two towns one
    far_text = text.replace("in the Santa Fe neighborhood of Tijuana", "in Santa Fe, 20 km from Tijuana")
    far = Event(**common, location="Santa Fe", admin2="Ensenada", sentence=Span.of(far_text, body, len(far_text)),
                evidence=[Evidence("location", far_text.index("Santa Fe"), far_text.index("Santa Fe") + 8, "Santa Fe")])  # fmt: skip
    assert len(merge_article_events([headline, far], far_text, published="2022-01-24")) == 2


def test_a_headlines_another_massacre_is_the_articles_own_and_a_body_sentences_is_not():
    text = ("Otra masacre del narco: 12 personas asesinadas en un bar de Irapuato\n\n"
            "Hombres armados entraron a un bar de Irapuato el sábado y mataron a 12 personas. "
            "Otro ataque en Irapuato dejó dos muertos.")  # fmt: skip
    common = dict(event_type="Violence against civilians", sub_event_type="Attack", location="Irapuato", admin2="Irapuato", geo_precision=1, modality="asserted")

    def at(sentence, **fields):
        start = text.index(sentence)
        return Event(**common, **fields, sentence=Span.of(text, start, start + len(sentence)))

    headline = at("Otra masacre del narco: 12 personas asesinadas en un bar de Irapuato", fatalities=12)
    lead = at("Hombres armados entraron a un bar de Irapuato el sábado y mataron a 12 personas.", fatalities=12)
    other = at("Otro ataque en Irapuato dejó dos muertos.", fatalities=2)
    events = merge_article_events([headline, lead, other], text, published="2022-10-16")
    assert [e.fatalities for e in events] == [12, 2]


def test_a_namesake_town_keeps_its_name_in_the_named_state_and_drops_what_only_the_namesake_gave():
    from sucesos.events.coreference import namesake_to_state

    text = "Atentado contra el jefe de policía de Ciudad de México\n\nLo emboscaron en Lomas de Chapultepec; murieron dos escoltas."
    places = [_place(text, "Ciudad de México", "Ciudad de México", feature="admin1", lat=19.43, lon=-99.13),
              _place(text, "Lomas de Chapultepec", "Guerrero", "Acapulco de Juárez", lat=16.86, lon=-99.88)]  # fmt: skip
    lomas = text.index("Lomas")
    event = Event(event_type="Battles", sub_event_type="Armed clash", location="Lomas de Chapultepec", admin1="Guerrero", admin2="Acapulco de Juárez",
                  country="Mexico", latitude=16.86, longitude=-99.88, geo_precision=1, fatalities=2, modality="asserted",
                  sentence=Span.of(text, text.index("Lo emboscaron"), len(text)), evidence=[Evidence("location", lomas, lomas + 20, "Lomas de Chapultepec")])  # fmt: skip
    fixed = namesake_to_state(event, places, text, "Ciudad de México")
    assert (fixed.location, fixed.admin1, fixed.admin2, fixed.latitude, fixed.geo_precision) == ("Lomas de Chapultepec", "Ciudad de México", None, None, 1)
    assert {ev.field: ev.text for ev in fixed.evidence if ev.field in ("location", "admin1")} == {"location": "Lomas de Chapultepec", "admin1": "Ciudad de México"}
    # an article that names Guerrero keeps the Guerrero town; one that names no state says nothing against it
    assert namesake_to_state(event, places, text, "Guerrero") is event
    assert namesake_to_state(event, places[1:], text, None) is event


def test_mexico_city_named_as_a_city_is_a_named_state_so_its_event_stays_there():
    from sucesos.events.coreference import namesake_to_state

    # "Mexico City" is a city with no municipality above it: naming it names the state, as "Ciudad de México" does
    text = "Balacera en Iztapalapa, Mexico City\n\nTres hombres murieron en Iztapalapa; los agresores huyeron al Estado de México."
    places = [_place(text, "Mexico City", "Ciudad de México", lat=19.43, lon=-99.13),
              _place(text, "Estado de México", "México", feature="admin1", lat=19.35, lon=-99.63)]  # fmt: skip
    iztapalapa = text.index("Iztapalapa", 40)
    event = Event(event_type="Violence against civilians", sub_event_type="Attack", location="Iztapalapa", admin1="Ciudad de México", admin2="Iztapalapa",
                  country="Mexico", latitude=19.36, longitude=-99.06, geo_precision=1, fatalities=3, modality="asserted",
                  sentence=Span.of(text, text.index("Tres"), len(text)), evidence=[Evidence("location", iztapalapa, iztapalapa + 10, "Iztapalapa")])  # fmt: skip
    assert namesake_to_state(event, places, text, None) is event
    # a town of a state the article never names still gives way to the one it does name
    elsewhere = dataclasses.replace(event, admin1="Guerrero", admin2="Acapulco de Juárez")
    assert namesake_to_state(elsewhere, places[1:], text, None).admin1 == "México"


def test_a_place_named_only_as_near_the_town_does_not_split_the_happening():
    text = ("Matan a un comerciante en Tuxpan\n\nUn comerciante fue asesinado a tiros en Tuxpan, Veracruz, este martes."
            " Según los primeros informes, el hombre murió en el centro de la ciudad, cercana a Poza Rica.")  # fmt: skip
    lead = _at(text, "Un comerciante fue asesinado a tiros en Tuxpan, Veracruz, este martes.", event_type="Violence against civilians",
               sub_event_type="Attack", fatalities=1, location="Tuxpan", admin1="Veracruz", admin2="Tuxpan", geo_precision=1,
               modality="asserted", receipts={"location": "Tuxpan"})  # fmt: skip
    detail = _at(text, "Según los primeros informes, el hombre murió en el centro de la ciudad, cercana a Poza Rica.", event_type="Violence against civilians",
                 sub_event_type="Attack", fatalities=1, location="Poza Rica", admin1="Veracruz", admin2="Poza Rica de Hidalgo", geo_precision=1,
                 modality="reported", receipts={"location": "Poza Rica"})  # fmt: skip
    [event] = merge_article_events([lead, detail], text)
    assert (event.location, event.admin2) == ("Tuxpan", "Tuxpan")
    # an event told as happening near a town is placed there: it still splits from another town's
    near = "Horas después, hombres armados mataron a otro comerciante cerca de Poza Rica."
    other = text + " " + near
    lead2 = dataclasses.replace(lead, sentence=Span.of(other, lead.sentence.start, lead.sentence.end))
    elsewhere = _at(other, near, event_type="Violence against civilians", sub_event_type="Attack", fatalities=1, location="Poza Rica",
                    admin1="Veracruz", admin2="Poza Rica de Hidalgo", geo_precision=1, modality="asserted", receipts={"location": "Poza Rica"})  # fmt: skip
    assert len(merge_article_events([lead2, elsewhere], other)) == 2


def test_a_neighbourhood_read_in_another_municipality_takes_the_one_the_headline_and_lead_name():
    from sucesos.events.coreference import fill_main_from_article

    text = "Asesinan a un taxista en Papantla\n\nUn taxista fue asesinado a balazos este lunes en Papantla, al norte de Veracruz.\nEl hombre fue atacado en la colonia Loma Bonita."
    places = [
        _place(text, "Papantla", "Veracruz", "Papantla", lat=20.45, lon=-97.32),
        _place(text, "Papantla", "Veracruz", "Papantla", lat=20.45, lon=-97.32, at=text.index("Papantla", 40)),
        _place(text, "Veracruz", "Veracruz", feature="admin1"),
        _place(text, "colonia Loma Bonita", "Veracruz", "Tuxpan", lat=20.95, lon=-97.4),  # the table's colonia of that name in another municipality
    ]
    places[-1] = dataclasses.replace(places[-1], name="Tuxpan")
    colonia = text.index("colonia Loma Bonita")
    main = Event(event_type="Violence against civilians", sub_event_type="Attack", location="Tuxpan", admin1="Veracruz", admin2="Tuxpan",
                 country="Mexico", geo_precision=1, fatalities=1, modality="asserted", sentence=Span.of(text, text.index("El hombre"), len(text)),
                 evidence=[Evidence("location", colonia, colonia + 19, "colonia Loma Bonita")])  # fmt: skip
    filled = fill_main_from_article(main, places, [], text, "2022-03-28", focus_admin1="Veracruz")
    assert (filled.location, filled.admin2) == ("Papantla", "Papantla")
    assert [ev.text for ev in filled.evidence if ev.field == "location"] == ["Papantla"]
    # a town named as itself keeps its place, whatever the lead names
    town = text.replace("la colonia Loma Bonita", "Tuxpan, a 80 km")
    named = [*places[:3], _place(town, "Tuxpan", "Veracruz", "Tuxpan", lat=20.95, lon=-97.4)]
    at = town.index("Tuxpan")
    itself = dataclasses.replace(main, sentence=Span.of(town, town.index("El hombre"), len(town)), evidence=[Evidence("location", at, at + 6, "Tuxpan")])
    assert fill_main_from_article(itself, named, [], town, "2022-03-28", focus_admin1="Veracruz").admin2 == "Tuxpan"


def test_a_sentence_counting_the_dead_misread_as_a_strategic_development_joins_the_attack():
    text = ("Ataque en un billar de Celaya deja diez muertos\n\nHombres armados atacaron un billar en Celaya la noche del martes y mataron a diez personas."
            " Testigos dijeron que los agresores llegaron en dos camionetas; nueve murieron en el lugar y uno en el hospital. La policía detuvo a dos hombres.")  # fmt: skip
    attack = dict(event_type="Violence against civilians", sub_event_type="Attack", location="Celaya", admin1="Guanajuato", admin2="Celaya", geo_precision=1)
    headline = _at(text, "Ataque en un billar de Celaya deja diez muertos", fatalities=10, modality="asserted", **attack)
    lead = _at(text, "Hombres armados atacaron un billar en Celaya la noche del martes y mataron a diez personas.", fatalities=10, modality="asserted", **attack)
    counted = _at(text, "Testigos dijeron que los agresores llegaron en dos camionetas; nueve murieron en el lugar y uno en el hospital.",
                  event_type="Strategic developments", sub_event_type="Change to group/activity", fatalities=9, modality="reported")  # fmt: skip
    arrest = _at(text, "La policía detuvo a dos hombres.", event_type="Strategic developments", sub_event_type="Arrests", modality="asserted")
    events = merge_article_events([headline, lead, counted, arrest], text)
    assert [e.sub_event_type for e in events] == ["Attack", "Arrests"]  # the arrests, with no dead, stay an event of their own
    assert events[0].fatalities == 10


def test_a_neighbourhood_read_in_a_municipality_the_article_never_names_does_not_split_the_happening():
    text = "Matan a un comerciante en Papantla\n\nUn comerciante fue asesinado a tiros en Papantla este martes. La policía dijo que fue atacado frente a su casa en Loma Bonita."
    town = dict(event_type="Violence against civilians", sub_event_type="Attack", admin1="Veracruz", geo_precision=1, fatalities=1)
    lead = _at(text, "Un comerciante fue asesinado a tiros en Papantla este martes.", location="Papantla", admin2="Papantla", modality="asserted",
               receipts={"location": "Papantla"}, **town)  # fmt: skip
    detail = _at(text, "La policía dijo que fue atacado frente a su casa en Loma Bonita.", location="Loma Bonita", admin2="Tuxpan", modality="reported",
                 receipts={"location": "Loma Bonita"}, **town)  # fmt: skip
    places = [_place(text, "Papantla", "Veracruz", "Papantla"), _place(text, "Papantla", "Veracruz", "Papantla", at=text.index("Papantla", 40)),
              _place(text, "Loma Bonita", "Veracruz", "Tuxpan")]  # fmt: skip
    [event] = merge_article_events([lead, detail], text, places=places)
    assert event.location == "Papantla"
    # the municipality named as itself in the article: Loma Bonita is that town's, another place than Papantla
    named = text + " En Tuxpan, la fiscalía abrió una carpeta."
    lead2, detail2 = (dataclasses.replace(e, sentence=Span.of(named, e.sentence.start, e.sentence.end)) for e in (lead, detail))
    places2 = [*places, _place(named, "Tuxpan", "Veracruz", "Tuxpan")]
    assert len(merge_article_events([lead2, detail2], named, places=places2)) == 2


def test_a_town_named_by_the_short_form_of_its_municipality_names_it():
    from sucesos.events.coreference import names_municipality

    assert names_municipality("Chilpancingo", "Chilpancingo de los Bravo")
    assert names_municipality("municipio de Tuxpan", "Tuxpan")
    assert not names_municipality("Santa Fe", "Ensenada")
    assert not names_municipality("colonia Cerro Alto", "Minatitlán")


def test_the_leads_opening_another_killing_is_the_articles_own_one_more_of_a_series():
    """Nothing is told before the lead for its "another" to set apart: the headline's killing, one more of a series."""
    text = ("Candidate for mayor of Tlacotalpan shot dead\n\n"
            "Another killing darkened the campaign: Ramiro Ortega, the candidate for mayor of Tlacotalpan, was shot dead on Friday.\n"
            "In another attack in Tlacotalpan, a shopkeeper was wounded.")  # fmt: skip
    common = dict(event_type="Violence against civilians", sub_event_type="Attack", location="Tlacotalpan", admin2="Tlacotalpan", geo_precision=1, modality="asserted")
    headline = _at(text, "Candidate for mayor of Tlacotalpan shot dead", fatalities=1, **common)
    lead = _at(text, "Another killing darkened the campaign: Ramiro Ortega, the candidate for mayor of Tlacotalpan, was shot dead on Friday.", fatalities=1, **common)
    body = _at(text, "In another attack in Tlacotalpan, a shopkeeper was wounded.", injuries=1, **common)
    for order in ([headline, lead, body], [body, lead, headline]):
        events = merge_article_events(order, text, published="2024-05-11")
        assert len(events) == 2  # headline and lead one happening; the body's "another attack" its own
        main = events[0]
        assert main.fatalities == 1 and main.injuries is None


def test_a_dateline_with_its_states_abbreviation_read_as_one_place_is_no_place_of_the_event():
    """ "Guadalajara, Jal.– ..." is where the story was filed, even when the place receipt takes the abbreviation in."""
    from sucesos.events.coreference import incidental_place

    text = "Asesinan a exdiputado en Puerto Vallarta\n\nGuadalajara, Jal.– El exdiputado Mario Anguiano murió baleado en Puerto Vallarta este viernes."
    start = text.index("Guadalajara")
    assert incidental_place(text, start, start + len("Guadalajara, Jal."))
    assert incidental_place(text, start, start + len("Guadalajara"))
    # a town named in a sentence, then a dash, is not a dateline
    other = "Hallan un cuerpo en Tonalá – la policía investiga."
    assert not incidental_place(other, other.index("Tonalá"), other.index("Tonalá") + len("Tonalá"))
    headline = _at(text, "Asesinan a exdiputado en Puerto Vallarta", event_type="Violence against civilians", sub_event_type="Attack", fatalities=1,
                   location="Puerto Vallarta", admin1="Jalisco", admin2="Puerto Vallarta", geo_precision=1, modality="asserted",
                   receipts={"location": "Puerto Vallarta"})  # fmt: skip
    lead = _at(text, "Guadalajara, Jal.– El exdiputado Mario Anguiano murió baleado en Puerto Vallarta este viernes.", event_type="Violence against civilians",
               sub_event_type="Attack", fatalities=1, location="Guadalajara", admin1="Jalisco", admin2="Guadalajara", geo_precision=1, modality="asserted",
               receipts={"location": "Guadalajara, Jal."})  # fmt: skip
    [event] = merge_article_events([lead, headline], text, published="2024-05-11")
    assert event.location == "Puerto Vallarta"
