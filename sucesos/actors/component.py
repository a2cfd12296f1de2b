"""Pipeline component `mentions`: actors, people, organisations found in the text.

Three sources, in order of trust: the lexicon's EntityRuler (exact aliases,
run inside the spaCy pipeline), the fuzzy matcher for names the ruler
missed (misspellings, `source="fuzzy"`), and the statistical NER for the
rest (`source="ner"`, no canonical actor). Labels are spaCy's English ones
whatever the language: the Spanish model's PER becomes PERSON, so later
stages read one vocabulary.
"""

from __future__ import annotations

from bisect import bisect_right

from sucesos.model import Mention
from sucesos.frame import component
from sucesos.words import words

ACTOR_LABELS = {"ARMED_GROUP", "STATE_FORCE", "PERSON", "ORG", "CIVILIANS", "NORP"}
# the Spanish model's labels, in the English vocabulary
LABEL_ALIASES = {"PER": "PERSON"}
# NER labels worth a fuzzy look-up (a misspelt cartel is often ORG, MISC or even a place)
FUZZY_LABELS = {"ORG", "PERSON", "PER", "MISC", "NORP", "GPE", "LOC", "WORK_OF_ART", "PRODUCT", "FAC"}


def _fuzzy(resources):
    from sucesos.actors.fuzzy import FuzzyMatcher

    return resources.cached("actors.fuzzy", lambda: FuzzyMatcher(resources.lexicon))


CONNECTORS = words("actors", "any", "name_connectors")


def _covered(spans: list[tuple[int, int]]):
    """A membership test for character offsets inside any of the spans (sorted starts, bisect)."""
    ordered = sorted(spans)
    starts = [start for start, _end in ordered]

    def inside(offset: int) -> bool:
        k = bisect_right(starts, offset) - 1
        return k >= 0 and offset < ordered[k][1]

    return inside


def _capitalised_runs(doc, known: list[tuple[int, int]]):
    """Runs of capitalised words, with connectors inside ("Cartel Jalisco Nueva Generacón"):
    where a misspelt name is, when NER split or missed it. Known mentions break runs."""
    run: list = []
    in_known = _covered(known)
    for token in list(doc) + [None]:
        inside_known = token is not None and in_known(token.idx)
        capitalised = not inside_known and token is not None and token.is_alpha and (token.is_title or token.is_upper)
        connector = not inside_known and token is not None and token.lower_ in CONNECTORS and bool(run)
        if capitalised or connector:
            run.append(token)
            continue
        while run and run[-1].lower_ in CONNECTORS:
            run.pop()
        while run and run[0].lower_ in CONNECTORS:
            run.pop(0)
        if len([t for t in run if t.lower_ not in CONNECTORS]) >= 2:
            yield doc[run[0].i : run[-1].i + 1]
        run = []


def _acronym_tokens(doc, taken: list[tuple[int, int]]):
    """Upper-case tokens no entity covers ("CJNC" left untagged by NER): fuzzy candidates."""
    in_taken = _covered(taken)
    for token in doc:
        if token.ent_type_ or not token.is_upper or not (3 <= len(token.text) <= 7) or not token.text.isalnum():
            continue
        if in_taken(token.idx):
            continue
        yield token


@component("mentions", requires=("doc",), assigns=("mentions",))
def find_mentions(analysis, resources) -> dict:
    """Entity mentions with their canonical actor when the lexicon knows them."""
    lexicon = resources.lexicon
    fuzzy = None
    mentions = []
    for ent in analysis.doc.ents:
        label = LABEL_ALIASES.get(ent.label_, ent.label_)
        actor = lexicon.get(ent.ent_id_ or None)
        source = "lexicon" if actor else "ner"
        if actor is None and ent.label_ in FUZZY_LABELS:
            fuzzy = fuzzy or _fuzzy(resources)
            found = fuzzy.match(ent.text)
            if found is not None:
                actor, label, source = found.actor, found.actor.label, "fuzzy"
        if label not in ACTOR_LABELS:
            continue
        mentions.append(
            Mention(
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                label=label,
                canonical=actor.name if actor else None,
                actor_id=actor.id if actor else None,
                source=source,
            )
        )
    known = [(m.start, m.end) for m in mentions if m.actor_id]
    for run in list(_capitalised_runs(analysis.doc, known)):
        fuzzy = fuzzy or _fuzzy(resources)
        found = fuzzy.match(run.text)
        if found is None:
            continue
        # the fuzzy name replaces the pieces NER made of it
        mentions = [m for m in mentions if not (m.start < run.end_char and run.start_char < m.end)]
        mentions.append(
            Mention(
                start=run.start_char,
                end=run.end_char,
                text=run.text,
                label=found.actor.label,
                canonical=found.actor.name,
                actor_id=found.actor.id,
                source="fuzzy",
            )
        )
        known.append((run.start_char, run.end_char))
    taken = [(m.start, m.end) for m in mentions]
    for token in _acronym_tokens(analysis.doc, taken):
        fuzzy = fuzzy or _fuzzy(resources)
        found = fuzzy.match(token.text)
        if found is None:
            continue
        mentions.append(
            Mention(
                start=token.idx,
                end=token.idx + len(token.text),
                text=token.text,
                label=found.actor.label,
                canonical=found.actor.name,
                actor_id=found.actor.id,
                source="fuzzy",
            )
        )
    mentions.sort(key=lambda m: m.start)
    return {"mentions": mentions}
