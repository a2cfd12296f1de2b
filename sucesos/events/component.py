"""Pipeline components `events` and `statistics`."""

from __future__ import annotations

from sucesos.pipeline import component


@component("events", requires=("doc", "mentions", "places", "dates", "claims"), assigns=("events",))
def find_events(analysis, resources) -> dict:
    # Filled by the events issue (#3).
    return {"events": []}


@component("statistics", requires=("doc",), assigns=("statistics",))
def find_statistics(analysis, resources) -> dict:
    # Filled by the events issue (#3): aggregate figures are not events.
    return {"statistics": []}
