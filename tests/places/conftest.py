"""A small fake gazetteer: the same-named places the resolver must tell apart."""

from __future__ import annotations

import pytest

from sucesos.places.gazetteer import Gazetteer

RECORDS = [
    {"name": "Mexico", "feature": "country", "country": "MX", "country_name": "Mexico", "iso3": "MEX", "latitude": 23.0, "longitude": -102.0},
    {"name": "United States", "feature": "country", "country": "US", "country_name": "United States", "iso3": "USA", "latitude": 39.8, "longitude": -98.6, "aliases": ["U.S."]},
    {"name": "Michoacán de Ocampo", "feature": "admin1", "country": "MX", "country_name": "Mexico", "admin1": "Michoacán de Ocampo", "latitude": 19.15, "longitude": -101.9, "aliases": ["Michoacán"]},
    {"name": "Tabasco", "feature": "admin1", "country": "MX", "admin1": "Tabasco", "latitude": 17.9, "longitude": -92.6},
    {"name": "México", "feature": "admin1", "country": "MX", "admin1": "México", "latitude": 19.3, "longitude": -99.5, "aliases": ["Estado de México", "State of Mexico"]},
    {"name": "Tepalcatepec", "feature": "city", "country": "MX", "admin1": "Michoacán de Ocampo", "admin2": "Tepalcatepec", "latitude": 19.18725, "longitude": -102.84704, "population": 15221, "geonameid": 3982007},
    {"name": "Tepalcatepec", "feature": "city", "country": "MX", "admin1": "México", "admin2": "Zinacantepec", "latitude": 18.93556, "longitude": -99.59917, "population": 1790, "geonameid": 3817499},
    {"name": "Apatzingán", "feature": "city", "country": "MX", "admin1": "Michoacán de Ocampo", "admin2": "Apatzingán", "latitude": 19.08864, "longitude": -102.35704, "population": 102362, "geonameid": 4018400},
    {"name": "Apatzingán", "feature": "city", "country": "MX", "admin1": "Tabasco", "admin2": "Centla", "latitude": 17.60892, "longitude": -91.0648, "population": 1096, "geonameid": 3532806},
    {"name": "Morelia", "feature": "city", "country": "MX", "admin1": "Michoacán de Ocampo", "admin2": "Morelia", "latitude": 19.70078, "longitude": -101.18443, "population": 743275},
    {"name": "Paris", "feature": "city", "country": "FR", "country_name": "France", "latitude": 48.85, "longitude": 2.35, "population": 2138551},
    {"name": "Paris", "feature": "city", "country": "US", "admin1": "Texas", "latitude": 33.66, "longitude": -95.56, "population": 24782},
    {"name": "Dallas", "feature": "city", "country": "US", "admin1": "Texas", "latitude": 32.78, "longitude": -96.81, "population": 1300092},
]


@pytest.fixture(scope="session")
def fake_gazetteer() -> Gazetteer:
    return Gazetteer.from_records(RECORDS)


@pytest.fixture
def spanish_places(extract):
    """spanish_places(text) -> the places the real pipeline finds in a Spanish article (no error)."""

    def run(text: str):
        extraction = extract(text, lang="es")
        assert extraction.error is None
        return extraction.places

    return run
