"""Pipeline component `mentions`: actors, people, organisations found in the text."""

from __future__ import annotations

from sucesos.model import Mention
from sucesos.pipeline import component

ACTOR_LABELS = {"ARMED_GROUP", "STATE_FORCE", "PERSON", "ORG", "CIVILIANS", "NORP"}


@component("mentions", requires=("doc",), assigns=("mentions",))
def find_mentions(analysis, resources) -> dict:
    """Entity mentions with their canonical actor when the lexicon knows them."""
    lexicon = resources.lexicon
    mentions = []
    for ent in analysis.doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        actor = lexicon.get(ent.ent_id_ or None)
        mentions.append(
            Mention(
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                label=ent.label_,
                canonical=actor.name if actor else None,
                actor_id=actor.id if actor else None,
                source="lexicon" if actor else "ner",
            )
        )
    return {"mentions": mentions}
