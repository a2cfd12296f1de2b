"""Airports news names ("Heathrow", "Pearson International Airport"): derive_airports and the gazetteer."""

from __future__ import annotations

import pytest

from sucesos.places.derive_airports import derive
from sucesos.places.gazetteer import Gazetteer
from sucesos.places.resolve import resolve_spans
from sucesos.places.train_ranker import _km

FIELDS = ("icao", "iata", "name", "city", "subd", "country", "elevation", "lat", "lon", "tz", "lid")


def row(iata, name, city, subd, country, lat, lon):
    return dict(zip(FIELDS, ("XXXX", iata, name, city, subd, country, "0", str(lat), str(lon), "", "")))


@pytest.fixture(scope="module")
def towns() -> Gazetteer:
    return Gazetteer.from_records([
        {"name": "London", "feature": "city", "country": "GB", "admin1": "England", "latitude": 51.51, "longitude": -0.13, "population": 8961989},
        {"name": "Luton", "feature": "city", "country": "GB", "admin1": "England", "latitude": 51.88, "longitude": -0.42, "population": 211228},
        {"name": "Heathrow", "feature": "city", "country": "US", "admin1": "Florida", "latitude": 28.76, "longitude": -81.37, "population": 5896},
        {"name": "Toronto", "feature": "city", "country": "CA", "admin1": "Ontario", "latitude": 43.7, "longitude": -79.42, "population": 2731571},
        {"name": "Mississauga", "feature": "city", "country": "CA", "admin1": "Ontario", "latitude": 43.58, "longitude": -79.65, "population": 717961},
        {"name": "Springfield", "feature": "city", "country": "US", "admin1": "Illinois", "latitude": 39.8, "longitude": -89.64, "population": 116250},
    ])  # fmt: skip


def test_derive_keeps_the_names_news_use_and_only_safe_short_ones(towns):
    rows = [
        row("LHR", "London Heathrow Airport", "London", "England", "GB", 51.4706, -0.46194),
        row("LTN", "London Luton Airport", "London", "England", "GB", 51.8747, -0.36833),
        row("YYZ", "Toronto Pearson International Airport", "Mississauga", "Ontario", "CA", 43.6772, -79.6306),
        row("SPI", "Abraham Lincoln Capital Airport", "Springfield", "Illinois", "US", 39.84, -89.68),
        row("", "Lowell Field Airport", "Anchor Point", "Alaska", "US", 59.9, -151.7),  # no IATA code: no scheduled service
        row("XYZ", "Gateway Airport", "London", "England", "GB", 51.5, -0.2),  # an everyday word
    ]
    table = {r[0]: r for r in derive(rows, towns)["airports"]}
    assert set(table) == {"LHR", "LTN", "YYZ", "SPI", "XYZ"}
    # [IATA, name, short name, core, country, admin1, lat, lon, population]
    assert table["LHR"][2:4] == ["Heathrow Airport", "Heathrow"]  # a Florida village of 5,896 does not keep the name
    assert table["LHR"][5] == "England" and table["LHR"][8] == 8961989  # as well known as the town it serves
    assert table["LTN"][2:4] == ["Luton Airport", None]  # named for the town beside it: "Luton" stays the town
    assert table["YYZ"][2:4] == ["Pearson International Airport", None]  # a common surname: only with "Airport"
    assert table["SPI"][3] is None  # a person's full name is no airport's short name
    assert table["XYZ"][3] is None


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def test_heathrow_and_gatwick_are_londons_airports(gazetteer):
    text = "Flights from Heathrow and Gatwick were cancelled, and passengers at Pearson International Airport waited."
    names = ["Heathrow", "Gatwick", "Pearson International Airport"]
    places = resolve_spans([{"start": text.index(n), "end": text.index(n) + len(n)} for n in names], text, gazetteer)
    heathrow, gatwick, pearson = places
    assert heathrow.country == "United Kingdom" and _km(heathrow.latitude, heathrow.longitude, 51.47, -0.46) < 5
    assert heathrow.feature == "city" and heathrow.admin1 == "England"
    assert _km(gatwick.latitude, gatwick.longitude, 51.15, -0.19) < 5
    assert pearson.admin1 == "Ontario" and _km(pearson.latitude, pearson.longitude, 43.68, -79.63) < 5


def test_a_town_named_like_its_airport_stays_the_town(gazetteer):
    text = "Police in Luton arrested two men."
    (luton,) = resolve_spans([{"start": 10, "end": 15}], text, gazetteer)
    assert luton.name == "Luton" and "Airport" not in (luton.name or "")
