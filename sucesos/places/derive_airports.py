"""Derive the airports news names (`sucesos/data/airports.json.gz`).

    pip install airportsdata==20260905   # MIT; OurAirports-based table of airports with points
    python -m sucesos.places.derive_airports [--csv PATH] [--out PATH]

cities500 has towns, not airports, yet news sets stories at them: "Heathrow"
(the gazetteer's only Heathrow was a town in Florida), "Gatwick", "Pearson
International Airport". The `airportsdata` wheel ships a table of airports
with their ICAO/IATA codes, name, the town they serve, its state and
country, and a point. Kept: airports with an IATA code (scheduled service,
the ones news names) whose name says "Airport". Each is indexed under:
- its name ("London Heathrow Airport") and the name without the served
  town in front ("Heathrow Airport", "Pearson International Airport",
  "Macdonald-Cartier International Airport" of "Ottawa / Macdonald-Cartier
  International Airport");
- its core alone ("Heathrow"), only where that core is one word, no
  common English, Spanish, French, German, Italian or Portuguese word or
  name (wordfreq Zipf < 3.5: "Gateway", "Ville", "Pearson" are out), names no country, state or division, no place within
  50 km bears it (an airport named for its town: the town is the answer, as
  "Luton" is Luton), no place of 10,000 people or more bears it, and the
  airport serves a town of 100,000 or more (a big town's airport's nickname
  is news; a small town's is mostly the town's own name or a stray word).
An airport's population is its served town's (an airport is as well known as
the town it serves: "Heathrow" is London's, not a Florida village's); its
admin1 is the served town's state. Output rows: [IATA, name, short name,
core or null, country code, admin1 name or null, lat, lon, population].
Nothing is downloaded at run time.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import sys
from pathlib import Path

SOURCE = "airportsdata 20260905 (MIT; data from OurAirports, public domain)"
NEAR_NAMESAKE_KM = 50.0
MAX_NAMESAKE_POPULATION = 10_000
_AIRPORT = re.compile(r"\s+(?:International\s+)?Airport$")
_CORE = re.compile(r"[A-Z][a-z]*(?:['’-][A-Z]?[a-z]+)*")
# a core alone only for the airports of towns this big: their nicknames are news ("Heathrow",
# "O'Hare", "Schiphol"); a small town's airport is named for the town, or for something else
CORE_MIN_POPULATION = 100_000
CORE_MAX_ZIPF = 3.5  # wordfreq: "heathrow" 3.4 in English, "gateway" 3.8, "pearson" 3.7


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def short_name(name: str, served: str, gazetteer, lat: float, lon: float) -> str:
    """The name without the served town in front: "London Heathrow Airport" -> "Heathrow Airport"."""
    from sucesos.places.gazetteer import name_key

    name = name.rsplit(" / ", 1)[-1].strip()  # "Ottawa / Macdonald-Cartier International Airport"
    words = name.split()
    for size in (3, 2, 1):
        if len(words) <= size + 1:
            continue
        head = " ".join(words[:size])
        if name_key(head) == name_key(served) or any(
            c.latitude is not None and _km(lat, lon, c.latitude, c.longitude) <= 100 for c in gazetteer.lookup(head)
        ):
            rest = " ".join(words[size:])
            return rest if _AIRPORT.sub("", " " + rest).strip() else name  # "Birmingham International Airport" stays
    return name


def _known_word(word: str) -> bool:
    """A word or name common in English or the languages airports are named in ("Gateway",
    "Ville", "Egal", "Pearson", "Hector"): stricter than `derive_aliases`' everyday-word
    test, since an airport's core alone competes with every surname that is read as a place."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word.lower(), lang) for lang in ("en", "es", "fr", "de", "it", "pt")) >= CORE_MAX_ZIPF


def keep_core(core: str, gazetteer, lat: float, lon: float) -> bool:
    """Whether an airport's core name alone may name it (see the module docstring)."""
    # one word ("Heathrow", "O'Hare", "Macdonald-Cartier"): longer cores are mostly people
    # ("Charles de Gaulle") or kinds ("Billy Bishop Regional"), read as persons or not at all
    if len(core) < 4 or " " in core or not _CORE.fullmatch(core) or _known_word(core):
        return False
    for candidate in gazetteer.lookup(core):
        if candidate.feature != "city" or candidate.population >= MAX_NAMESAKE_POPULATION:
            return False
        if candidate.latitude is not None and _km(lat, lon, candidate.latitude, candidate.longitude) <= NEAR_NAMESAKE_KM:
            return False
    return True


def served_town(gazetteer, town: str, state: str, country: str):
    found = [c for c in gazetteer.lookup(town) if c.feature in ("city", "admin2") and c.country_code == country]
    in_state = [c for c in found if state and c.admin1 and c.admin1 == state] or found
    return max(in_state, key=lambda c: c.population, default=None)


def derive(rows, gazetteer) -> dict:
    kept = []
    for row in rows:
        iata, name, town, state, country = row["iata"], row["name"], row["city"], row["subd"], row["country"]
        if not iata or not _AIRPORT.search(name) or not country:
            continue
        lat, lon = round(float(row["lat"]), 5), round(float(row["lon"]), 5)
        short = short_name(name, town, gazetteer, lat, lon)
        core = _AIRPORT.sub("", short).strip()
        served = served_town(gazetteer, town, state, country) if town else None
        admin1 = served.admin1 if served is not None else None
        population = served.population if served is not None else 0
        alone = core and population >= CORE_MIN_POPULATION and keep_core(core, gazetteer, lat, lon)
        kept.append([iata, name, short if short != name else None, core if alone else None,
                     country, admin1, lat, lon, population])  # fmt: skip
    kept.sort()
    return {"format": 1, "source": SOURCE, "airports": kept}


def _default_csv() -> Path:
    try:
        import airportsdata
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise SystemExit("derive_airports needs airportsdata: pip install airportsdata==20260905 (or pass --csv)") from exc
    return Path(airportsdata.__file__).parent / "airports.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, help="airportsdata's airports.csv (default: the installed package's)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "airports.json.gz")
    args = parser.parse_args(argv)
    path = args.csv or _default_csv()
    if not path.is_file():
        parser.error(f"airports table not found: {path}")  # exits 2
    from sucesos.places.gazetteer import Gazetteer

    gazetteer = Gazetteer.places_only()  # the towns and regions alone: what an airport is checked against
    with open(path, encoding="utf-8", newline="") as fh:
        table = derive(csv.DictReader(fh), gazetteer)
    payload = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    sys.stdout.write(f"{args.out}: {len(table['airports'])} airports\n")  # the program's output
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
