"""One incident, one event across outlets; two incidents never one (issue 21)."""

from __future__ import annotations

from sucesos.link.cluster import link_article, link_pending, recluster
from sucesos.link.corroboration import deduplicated_events

from .conftest import report

REYNOSA = {"country": "Mexico", "iso3": "MEX", "admin1": "Tamaulipas", "location": "Reynosa", "latitude": 26.0922, "longitude": -98.2779, "geo_precision": 1}
TAMAULIPAS = {"country": "Mexico", "iso3": "MEX", "admin1": "Tamaulipas", "location": "Tamaulipas", "latitude": 23.7369, "longitude": -99.1411, "geo_precision": 3}
MEXICO = {"country": "Mexico", "iso3": "MEX", "location": "Mexico", "latitude": 19.4285, "longitude": -99.1277, "geo_precision": 3}
CELAYA = {"country": "Mexico", "iso3": "MEX", "admin1": "Guanajuato", "location": "Celaya", "latitude": 20.5222, "longitude": -100.8122, "geo_precision": 1}
ATTACK = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "actor2": "Civilians (Mexico)", "inter2": "Civilians"}


def test_a_rising_toll_merges_into_one_event_with_the_range_and_the_conservative_figure(newsroom):
    texts = {
        "first": "Gunmen kill 14 in Reynosa. Gunmen in pickup trucks shot dead 14 people in eastern Reynosa on Saturday.",
        "later": "Reynosa death toll rises to 18. Attacks by gunmen in several neighbourhoods of Reynosa killed 18 people, officials said.",
        "es": "Suman 19 muertos en Reynosa. Un comando asesinó a 19 personas en cuatro colonias de Reynosa el sábado.",
    }
    tolls = {"first": 14, "later": 18, "es": 19}
    for name, text in texts.items():
        newsroom.publish(name, text, [report(text, text.split(". ")[1], **ATTACK, **REYNOSA, fatalities=tolls[name], event_date="2024-03-09")],
                         outlet=name, lang="es" if name == "es" else "en")  # fmt: skip
    link_pending(newsroom.store)
    assert len({newsroom.event_of(name) for name in texts}) == 1
    (event,) = deduplicated_events(newsroom.store)
    assert event["fatalities"] == 14 and event["fatalities_range"] == [14, 19]


def test_a_report_known_only_to_its_state_or_country_joins_the_towns_event(newsroom):
    town = "Gunmen kill 14 in Reynosa. Gunmen shot dead 14 people in eastern Reynosa on Saturday."
    state = "Massacre in Tamaulipas leaves 15 dead. A massacre in Tamaulipas on Saturday left 15 dead, the governor said."
    country = "Gunmen kill 14 near the US border. Gunmen shot dead 14 people in Mexico near the US border on Saturday."
    newsroom.publish("town", town, [report(town, "Gunmen shot dead 14 people in eastern Reynosa on Saturday.", **ATTACK, **REYNOSA, fatalities=14)], outlet="A", lang="en")
    newsroom.publish("state", state, [report(state, "A massacre in Tamaulipas on Saturday left 15 dead, the governor said.", **ATTACK, **TAMAULIPAS, fatalities=15)], outlet="B", lang="en")
    newsroom.publish("country", country, [report(country, "Gunmen shot dead 14 people in Mexico near the US border on Saturday.", **ATTACK, **MEXICO, fatalities=14)], outlet="C", lang="en")
    link_pending(newsroom.store)
    assert newsroom.event_of("town") == newsroom.event_of("state") == newsroom.event_of("country")


def test_two_killings_in_one_city_on_one_night_stay_apart_with_their_own_reports(newsroom):
    stories = {
        "tacos-a": ("Matan a taquero en Celaya. Un vendedor de tacos fue asesinado a balazos anoche en la colonia Las Insurgentes de Celaya.", 1),
        "tacos-b": ("Ejecutan a vendedor de tacos en Celaya. Un vendedor de tacos murió anoche tras ser baleado en su puesto de la colonia Las Insurgentes.", 1),
        "casa-a": ("Asesinan a dos mujeres en su casa en Celaya. Dos mujeres fueron asesinadas anoche dentro de su vivienda en la colonia Valle Hermoso de Celaya.", 2),
        "casa-b": ("Matan a madre e hija en Celaya. Una mujer y su hija murieron anoche cuando hombres armados entraron a su casa en la colonia Valle Hermoso.", 2),
    }
    for name, (text, dead) in stories.items():
        sentence = text.split(". ", 1)[1]
        newsroom.publish(name, text, [report(text, sentence, **ATTACK, **CELAYA, fatalities=dead, tactics=["firearms"])], outlet=name, lang="es")
    link_pending(newsroom.store)
    assert newsroom.event_of("tacos-a") != newsroom.event_of("casa-a")
    assert newsroom.event_of("tacos-b") != newsroom.event_of("casa-b")
    assert newsroom.event_of("tacos-a") != newsroom.event_of("casa-b")


def test_a_later_report_that_matches_two_early_events_makes_them_one(newsroom):
    # The first two share too little to match each other; the third matches both.
    a = "Gunmen kill 20 at Guerrero town hall. Gunmen attacked the town hall of San Miguel Totolapan on Wednesday."
    b = "Mayor among 18 dead. Gunmen killed 18 people, among them the mayor, at the town hall, local media said."
    c = "20 killed in San Miguel Totolapan. Gunmen killed 20 people, among them the mayor, at the town hall of San Miguel Totolapan on Wednesday."
    totolapan = {"country": "Mexico", "iso3": "MEX", "admin1": "Guerrero", "location": "San Miguel Totolapan", "latitude": 18.1583, "longitude": -100.3917, "geo_precision": 1}
    newsroom.publish("a", a, [report(a, a.split(". ")[1], **ATTACK, **totolapan, event_date="2024-03-06")], outlet="A", lang="en")
    newsroom.publish("b", b, [report(b, b.split(". ")[1], **ATTACK, **totolapan, fatalities=18, event_date="2024-03-06", time_precision=2)], outlet="B", lang="en")
    link_article(newsroom.store, "a")
    link_article(newsroom.store, "b")
    assert newsroom.event_of("a") != newsroom.event_of("b")
    newsroom.publish("c", c, [report(c, c.split(". ")[1], **ATTACK, **totolapan, fatalities=20, event_date="2024-03-06")], outlet="C", lang="en")
    link_article(newsroom.store, "c")
    assert newsroom.event_of("a") == newsroom.event_of("b") == newsroom.event_of("c")
    assert newsroom.every_report_linked_once()
    assert recluster(newsroom.store)["events"] == 1  # the rebuild agrees


def test_outlets_running_one_wire_agencys_story_count_as_one_independent_source(newsroom):
    wire = "MEXICO CITY (Reuters) - Gunmen shot dead 14 people in eastern Reynosa on Saturday, officials said."
    edited = "REYNOSA, Mexico (Reuters) - At least 14 people were shot dead by gunmen in Reynosa on Saturday."
    own = "Gunmen in pickup trucks shot dead 14 people in four neighbourhoods of Reynosa on Saturday, our reporter saw."
    for name, text, outlet in (("wire", wire, "Reuters"), ("edited", edited, "National Post"), ("own", own, "Local Daily")):
        newsroom.publish(name, text, [report(text, text, **ATTACK, **REYNOSA, fatalities=14, event_date="2024-03-09")], outlet=outlet, lang="en")
    link_pending(newsroom.store)
    (event,) = deduplicated_events(newsroom.store)
    assert event["n_sources"] == 3 and event["independent_sources"] == 2
    groups = {s["article_id"]: s["independent_group"] for s in event["sources"]}
    assert groups["wire"] == groups["edited"] != groups["own"]


def test_a_story_reprinted_with_its_paragraphs_reordered_joins_the_original_even_with_little_else(newsroom):
    paragraphs = [
        "Un hombre de unos 40 años fue asesinado a balazos en la calle Hidalgo de la colonia Centro de Celaya.",
        "Vecinos escucharon al menos seis detonaciones y llamaron al número de emergencias.",
        "Paramédicos de la Cruz Roja confirmaron que ya no tenía signos vitales cuando llegaron.",
        "La Fiscalía del Estado inició una carpeta de investigación por homicidio doloso.",
    ]
    original = "Asesinan a hombre en el centro de Celaya\n" + "\n".join(paragraphs)
    reprint = "Asesinan a hombre en el centro de Celaya\n" + "\n".join(paragraphs[2:] + paragraphs[:2])
    # no date on either (no publication date, none in the text), different sentences chosen as the event's
    for name, text, sentence in (("original", original, paragraphs[0]), ("reprint", reprint, paragraphs[2])):
        newsroom.publish(name, text, [report(text, sentence, **ATTACK, **CELAYA, event_date=None, time_precision=None)], outlet=name, lang="es", published=None)
    link_pending(newsroom.store)
    assert newsroom.event_of("original") == newsroom.event_of("reprint")
