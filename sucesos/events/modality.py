"""How a report frames an event: asserted, reported, claimed, hypothetical, negated, future."""

from __future__ import annotations

from sucesos.events.lexicon import Hit, fold
from sucesos.words import words

HYPOTHETICAL_AUX = words("events", "any", "hypothetical_auxiliaries")
FUTURE_AUX = words("events", "en", "future_auxiliaries")
NEGATORS = words("events", "any", "verb_negators")
CONDITIONAL_MARKS = words("events", "any", "conditional_marks")


def _governors(anchor, limit: int = 3):
    """The anchor and the verbs it hangs from inside its clause chain (xcomp, conj)."""
    chain = [anchor]
    current = anchor
    for _ in range(limit):
        if current.dep_ not in ("xcomp", "conj", "acl") or current.head is current:
            break
        current = current.head
        chain.append(current)
    return chain


def modality_of(anchor, sent_hits: list[Hit], lang: str, claims=()) -> tuple[str, tuple[int, int] | None]:
    """(modality, character span of the cue that decided it, or None for asserted)."""
    doc = anchor.doc
    for token in _governors(anchor):
        for child in token.children:
            word = fold(child.text)
            if child.dep_ == "neg" or (child.dep_ == "advmod" and word in NEGATORS):
                return "negated", (child.idx, child.idx + len(child.text))
            if child.dep_ in ("aux", "aux:pass", "auxpass") and word in FUTURE_AUX:
                return "future", (child.idx, child.idx + len(child.text))
            if child.dep_ in ("aux",) and (word in HYPOTHETICAL_AUX or fold(child.lemma_) in HYPOTHETICAL_AUX):
                return "hypothetical", (child.idx, child.idx + len(child.text))
            if child.dep_ in ("mark",) and word in CONDITIONAL_MARKS:
                return "hypothetical", (child.idx, child.idx + len(child.text))
        if lang == "es":
            if "Fut" in token.morph.get("Tense"):
                return "future", (token.idx, token.idx + len(token.text))
            if "Cnd" in token.morph.get("Mood"):
                return "hypothetical", (token.idx, token.idx + len(token.text))
            # "va a atacar"
            if "Inf" in token.morph.get("VerbForm") and fold(token.head.lemma_) == "ir":
                return "future", (token.head.idx, token.idx + len(token.text))
    for token in _governors(anchor):
        if token.dep_ == "det" and fold(token.text) in ("no",):
            return "negated", (token.idx, token.idx + len(token.text))
    if anchor.pos_ in ("NOUN", "PROPN"):
        for child in anchor.children:
            if child.dep_ == "det" and fold(child.text) in ("no", "ningun", "ninguna", "ningún"):
                return "negated", (child.idx, child.idx + len(child.text))

    position = anchor.idx
    for claim in claims:
        content = getattr(claim, "content", None)
        if content is not None and content.start <= position < content.end:
            cue = getattr(claim, "cue", None)
            cue_text = fold(cue.text) if cue is not None else ""
            claimed = any(word in cue_text for word in ("claim", "alleg", "accus", "reivindic", "atribu", "acus", "denunc"))
            span = (cue.start, cue.end) if cue is not None else (content.start, content.end)
            return ("claimed" if claimed else "reported"), span
    claimed_hits = [h for h in sent_hits if h.group == "mod_claimed"]
    if claimed_hits:
        hit = claimed_hits[0]
        return "claimed", (doc[hit.start].idx, doc[hit.end - 1].idx + len(doc[hit.end - 1].text))
    reported_hits = [h for h in sent_hits if h.group == "mod_reported"]
    if reported_hits:
        hit = reported_hits[0]
        return "reported", (doc[hit.start].idx, doc[hit.end - 1].idx + len(doc[hit.end - 1].text))
    return "asserted", None
