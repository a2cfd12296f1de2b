"""Country coding of gold place spans: which country each toponym means.

Gold sets such as CEGEOMEX mark place spans but give no coordinates, so
resolution can only be checked for plausibility ("most places in Mexican news
are in Mexico"). A country coding, read by hand from the text (see
`bench/data/README.md`), makes it a measure: one JSON object a line,
`{id, start, end, text, country}`, `country` an ISO 3166-1 alpha-3 code or
null for a place of no single country ("Europa", "Caribe"). It is evaluation
data given on the command line (`sucesos eval places --countries FILE`);
nothing in the pipeline reads it.
"""

from __future__ import annotations

import re
from pathlib import Path

from sucesos.eval.gold import GoldError, Problems, json_object_lines

ISO3 = re.compile(r"[A-Z]{3}")


def read_country_coding(path: Path) -> dict[tuple[str, int, int], str | None]:
    """{(article id, start, end): ISO3 country or None}; every bad line reported at once."""
    problems = Problems(path)
    coding: dict[tuple[str, int, int], str | None] = {}
    try:
        lines = list(json_object_lines(Path(path), problems, "{id, start, end, text, country}"))
    except OSError as exc:
        raise GoldError([f"{path}: cannot read the country coding ({exc.strerror or exc})"]) from exc
    for number, record in lines:
        key = (record.get("id"), record.get("start"), record.get("end"))
        country = record.get("country")
        if not isinstance(key[0], str) or not all(isinstance(v, int) and not isinstance(v, bool) for v in key[1:]):
            problems.add(number, "id/start/end", "need an article id and integer start and end offsets")
        elif "country" not in record or not (country is None or (isinstance(country, str) and ISO3.fullmatch(country))):
            problems.add(number, "country", f"{country!r} is not an ISO 3166-1 alpha-3 code (or null)")
        elif key in coding:
            problems.add(number, None, f"span {key} is coded twice")
        else:
            coding[key] = country
    if problems.items:
        raise GoldError(problems.items)
    if not coding:
        raise GoldError([f"{path}: no coded spans"])
    return coding
