"""Pipeline component `claims`: reported speech with source and cue."""

from __future__ import annotations

from sucesos.pipeline import component


@component("claims", requires=("doc", "mentions"), assigns=("claims",))
def find_claims(analysis, resources) -> dict:
    # Filled by the claims issue (#6).
    return {"claims": []}


@component("relations", requires=("doc", "mentions", "claims"), assigns=("relations",))
def find_relations(analysis, resources) -> dict:
    # Filled by the claims and actor-network issue (#6).
    return {"relations": []}
