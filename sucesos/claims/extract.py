"""Claims of one parsed article: attributions typed, chained and hedged.

Pure: `find_claims(doc, mentions, cues)` reads the parse and the actor
mentions and returns `Claim`s in text order (by cue, else content).
"""

from __future__ import annotations

from sucesos.claims.attribution import (
    RawAttribution,
    continue_quotes,
    headline_attributions,
    preposition_attributions,
    punctuation_attributions,
    verb_attributions,
)
from sucesos.claims.cues import CueLexicon
from sucesos.claims.hedges import is_hedged, unattributed_statements
from sucesos.claims.quotes import find_quotes
from sucesos.claims.sources import classify_source, outlet_name, via_chain
from sucesos.model import Claim, Mention, Span


def _known_outlets(doc, raws: list[RawAttribution], cues: CueLexicon) -> list[tuple[int, str]]:
    """Named outlets in source-like positions (sources, hearers, relayers, ORG entities), by position."""
    known: list[tuple[int, str]] = []
    for raw in raws:
        for head in (raw.source_head, raw.hearer_head, *raw.relay_heads):
            if head is not None:
                name = outlet_name(head, cues)
                if name:
                    known.append((head.idx, name))
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent.text.lower().removeprefix("the ") in cues.outlets:
            known.append((ent.start_char, ent.text))
    return sorted(known)


def _dedupe(raws: list[RawAttribution]) -> list[RawAttribution]:
    """One attribution per cue; a verb inside a multiword preposition ("a decir de") is that preposition."""
    seen: set[tuple[int, int]] = set()
    phrases = [r.cue for r in raws if r.kind == "preposition"]
    kept = []
    for raw in sorted(raws, key=lambda r: (r.cue, r.kind != "verb")):
        if raw.cue in seen:
            continue
        if raw.kind == "verb" and any(p[0] <= raw.cue[0] and raw.cue[1] <= p[1] for p in phrases):
            continue
        seen.add(raw.cue)
        kept.append(raw)
    return kept


PRO_DROP_REACH = 800  # characters back to look for the speaker of a subjectless "dijo"


def _dropped_subject(raw: RawAttribution) -> bool:
    """A finite third-person cue verb with no subject at all (Spanish pro-drop: "Afirmó que ...")."""
    verb = raw.cue_head
    if verb is None or raw.kind != "verb":
        return False
    morph = verb.morph
    return "Fin" in morph.get("VerbForm") and "3" in morph.get("Person") and verb.dep_ in {"ROOT", "root", "conj"}


def _previous_subject(verb):
    """The subject of the previous sentence's main verb, when it names someone."""
    sent = verb.sent
    if sent.start == 0:
        return None
    previous = verb.doc[sent.start - 1].sent
    for child in previous.root.children:
        if child.dep_ in {"nsubj", "nsubj:pass"} and child.pos_ in {"PROPN", "NOUN"}:
            return child
    return None


def _span(text: str, pair: tuple[int, int] | None) -> Span | None:
    return Span.of(text, pair[0], pair[1]) if pair else None


def find_claims(doc, mentions: list[Mention], cues: CueLexicon, text: str | None = None) -> list[Claim]:
    """Claims of a parsed article. `text` is doc.text, passed when the caller has it (Doc.text rebuilds it)."""
    text = doc.text if text is None else text
    quotes = find_quotes(text)
    raws = _dedupe(
        verb_attributions(doc, cues, quotes, text)
        + preposition_attributions(doc, cues, quotes)
        + punctuation_attributions(doc, cues, quotes, text)
    )
    covered = [span for raw in raws for span in (raw.cue, raw.content) if span]
    raws += headline_attributions(doc, cues, covered)
    continue_quotes(raws, quotes, text)
    known = _known_outlets(doc, raws, cues)
    claims: list[tuple[int, Claim]] = []
    covered: list[tuple[int, int]] = []
    previous: tuple[RawAttribution, str] | None = None
    for raw in raws:
        source_type = classify_source(raw.source_head, mentions, cues) if raw.source else "unattributed"
        if raw.source is None and _dropped_subject(raw):
            # "Afirmó que ...": Spanish drops the subject; the speaker is the last one named
            if previous is not None and raw.cue[0] - previous[0].cue[0] < PRO_DROP_REACH:
                raw.source, raw.source_head, source_type = previous[0].source, previous[0].source_head, previous[1]
            else:
                head = _previous_subject(raw.cue_head)
                if head is not None:
                    raw.source_head = head
                    raw.source = (min(t.idx for t in head.subtree), max(t.idx + len(t) for t in head.subtree))
                    source_type = classify_source(head, mentions, cues)
        if raw.source is not None:
            previous = (raw, source_type)
        spans = [s for s in (raw.cue, raw.content) if s]
        claim = Claim(
            source=_span(text, raw.source),
            cue=_span(text, raw.cue),
            content=_span(text, raw.content),
            source_type=source_type,
            via=via_chain(raw, mentions, cues, known, text),
            # an unnamed source cannot be held to its words: its claim is hedged
            hedged=source_type == "anonymous" or is_hedged(doc, spans, raw.cue_lemma, cues),
            opinion=False,
        )
        claims.append((raw.cue[0], claim))
        covered.extend(spans)
    for statement in unattributed_statements(doc, covered, cues):
        claim = Claim(
            source=None,
            cue=_span(text, statement.cue),
            content=_span(text, statement.content),
            source_type="unattributed",
            via=[],
            hedged=statement.hedged,
            opinion=statement.opinion,
        )
        claims.append((statement.content[0], claim))
    return [claim for _position, claim in sorted(claims, key=lambda pair: pair[0])]
