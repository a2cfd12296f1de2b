"""Pipeline component `places`: toponyms resolved against the gazetteer."""

from __future__ import annotations

from sucesos.pipeline import component


@component("places", requires=("doc",), assigns=("places",))
def find_places(analysis, resources) -> dict:
    # Filled by the places issue (#4): detection + resolution in context.
    return {"places": []}


@component("locate_events", requires=("events", "places", "dates"), assigns=("events",))
def locate_events(analysis, resources) -> dict:
    # Filled by the places-and-dates issue (#4): each event gets the place and
    # date its sentence ties it to, with ACLED's geo_precision/time_precision.
    return {"events": analysis["events"]}
