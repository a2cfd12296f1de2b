"""Pipeline component `dates`: date phrases normalised against `published`."""

from __future__ import annotations

from sucesos.dates.normalise import find_dates
from sucesos.frame import component


@component("dates", requires=("doc",), assigns=("dates",))
def find_date_mentions(analysis, resources) -> dict:
    """EN/ES date phrases with ACLED-style values (see sucesos.dates.normalise)."""
    return {"dates": find_dates(analysis.text, analysis.article.published, lang=analysis.get("lang"))}
