"""Pipeline component `dates`: date phrases normalised against `published`."""

from __future__ import annotations

from sucesos.pipeline import component


@component("dates", requires=("doc",), assigns=("dates",))
def find_dates(analysis, resources) -> dict:
    # Filled by the places-and-dates issue (#4).
    return {"dates": []}
