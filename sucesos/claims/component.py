"""Pipeline components `claims` (reported speech) and `relations` (the actor network)."""

from __future__ import annotations

from sucesos.frame import component


def _cues(resources):
    from sucesos.claims.cues import load_cues

    return resources.cached("claims.cues", load_cues)


@component("claims", requires=("doc", "mentions"), assigns=("claims",))
def find_claims(analysis, resources) -> dict:
    """Claims with source, cue, content, source type, via chain, hedge and opinion flags."""
    from sucesos.claims.extract import find_claims as extract_claims

    cues = _cues(resources).get(analysis["lang"])
    if cues is None:
        return {"claims": []}
    claims = extract_claims(analysis.doc, analysis["mentions"], cues, analysis.get("text"))
    taggers = _span_model(resources) if analysis["lang"] in SPAN_MODEL_LANGS else None
    if taggers:
        from sucesos.claims.combine import with_span_model

        text = analysis.get("text") or analysis.doc.text
        claims = with_span_model(analysis.doc, text, claims, analysis["mentions"], cues, taggers)
    return {"claims": claims}


# the span model is trained on English (PolNeAR); Spanish keeps the rules alone
SPAN_MODEL_LANGS = {"en"}


def _span_model(resources):
    from sucesos.claims.spans import load_taggers

    return resources.cached("claims.span_model", load_taggers)


@component("relations", requires=("doc", "mentions", "claims"), assigns=("relations",))
def find_relations(analysis, resources) -> dict:
    """Relations between actors (allied_with, at_war_with, member_of, ...) with their sentence and claim."""
    from sucesos.claims.relations import find_relations as extract_relations
    from sucesos.claims.relations import load_relation_cues

    lang = analysis["lang"]
    relation_cues = resources.cached("claims.relation_cues", load_relation_cues).get(lang)
    if not relation_cues:
        return {"relations": []}
    return {
        "relations": extract_relations(
            analysis.doc,
            analysis["mentions"],
            analysis["claims"],
            relation_cues,
            _cues(resources).get(lang),
            resources.lexicon,
            analysis.get("text"),
        )
    }
