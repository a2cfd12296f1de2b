"""Blocking: which pairs of reports are worth comparing at all.

Two reports are compared only when their date windows overlap and they
share a place key at the coarser of their two place levels:

- a report with coordinates precise to a town or its surroundings
  (geo_precision 1-2) is keyed by a grid cell, and meets reports in the
  surrounding cells;
- one known only to a region (admin1) meets every report in that region;
- one known only to a country meets every report in that country;
- one with no place at all meets only other unplaced reports.

The date window widens with time_precision (a day, a week, a month), so a
report dated "last month" can meet one dated to the day.
"""

from __future__ import annotations

import math

# Half-width, in days, of the window around a report's date by ACLED
# time_precision. A day-precise date is allowed one day of slack: outlets
# publishing after midnight often date a night attack to the next day.
DAY_SLACK = {1: 1, 2: 4, 3: 16}
MAX_SLACK = max(DAY_SLACK.values())

# How far (km) a report's coordinates may be from where the event happened,
# by geo_precision: the town itself, near a town, a region's centroid.
PLACE_RADIUS_KM = {1: 10.0, 2: 25.0, 3: 150.0}
# The grid is sized so that the 3x3 (or wider, near the poles) neighbourhood
# of a cell covers the largest pair distance of two town-level reports.
CELL_DEG = 0.5
MAX_FINE_PAIR_KM = 2 * PLACE_RADIUS_KM[2]


def day_window(report) -> tuple[int, int] | None:
    return report.window


def place_level(report) -> str:
    """g: grid cell (town-level coordinates), a: region, c: country, u: unplaced."""
    if report.latitude is not None and report.longitude is not None and report.geo_precision in (1, 2):
        return "g"
    if report.admin1 and report.country:
        return "a"
    if report.country:
        return "c"
    return "u"


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude / CELL_DEG), math.floor(longitude / CELL_DEG)


def index_keys(report) -> list[str]:
    """The keys a report is filed under (see the module docstring)."""
    level = place_level(report)
    keys = []
    if level == "g":
        i, j = _cell(report.latitude, report.longitude)
        keys.append(f"g|{i}|{j}")
    if report.admin1 and report.country and level in ("g", "a"):
        keys.append(f"a*|{report.country}|{report.admin1}")
        if level == "a":
            keys.append(f"a=|{report.country}|{report.admin1}")
    if report.country and level in ("g", "a", "c"):
        keys.append(f"c*|{report.country}")
        if level == "c":
            keys.append(f"c=|{report.country}")
    if level == "u":
        keys.append("u")
    if report.day is None:
        # Undated reports only meet undated reports with the same key.
        return [f"nd|{key}" for key in keys]
    return keys


def query_keys(report) -> list[str]:
    """The keys under which a report's possible partners are filed."""
    level = place_level(report)
    keys = []
    if level == "g":
        i, j = _cell(report.latitude, report.longitude)
        # Longitude cells narrow towards the poles: widen the neighbourhood.
        band = max(abs(report.latitude), abs(report.latitude) + CELL_DEG)
        km_per_cell = 111.0 * CELL_DEG * max(math.cos(math.radians(min(band, 89.0))), 0.01)
        reach = max(1, math.ceil(MAX_FINE_PAIR_KM / km_per_cell))
        keys.extend(f"g|{i + di}|{j + dj}" for di in (-1, 0, 1) for dj in range(-reach, reach + 1))
        if report.admin1 and report.country:
            keys.append(f"a=|{report.country}|{report.admin1}")
        if report.country:
            keys.append(f"c=|{report.country}")
    elif level == "a":
        keys.append(f"a*|{report.country}|{report.admin1}")
        keys.append(f"c=|{report.country}")
    elif level == "c":
        keys.append(f"c*|{report.country}")
    else:
        keys.append("u")
    if report.day is None:
        return [f"nd|{key}" for key in keys]
    return keys


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def dates_compatible(a, b) -> bool:
    if a.day is None or b.day is None:
        return a.day is None and b.day is None
    slack = DAY_SLACK.get(a.time_precision or 1, 1) + DAY_SLACK.get(b.time_precision or 1, 1)
    return abs(a.day - b.day) <= slack


def places_compatible(a, b) -> tuple[bool, float | None]:
    """Whether two reports can be in the same place, and their distance when both are placed to a town.

    Two town-level reports (geo_precision 1-2) must lie within their radii
    of each other; a report known only to its region (precision 3) matches
    any report in that region, and one known only to its country any report
    in the country: their point is a capital proxy, not where it happened.
    """
    if a.country and b.country and a.country != b.country:
        return False, None
    distance = None
    fine_a, fine_b = (a.geo_precision or 3) <= 2, (b.geo_precision or 3) <= 2
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        distance = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
        if fine_a and fine_b:
            allowed = PLACE_RADIUS_KM.get(a.geo_precision or 3, 150.0) + PLACE_RADIUS_KM.get(b.geo_precision or 3, 150.0)
            if distance > allowed:
                return False, distance
    if a.admin1 and b.admin1 and a.admin1 != b.admin1 and (distance is None or distance > 2 * PLACE_RADIUS_KM[1] or not (fine_a and fine_b)):
        # Different regions, unless the two points are practically together
        # (a town on a state border is sometimes filed under either).
        return False, distance
    return True, distance if fine_a and fine_b else None
