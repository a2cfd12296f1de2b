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
from sucesos.claims.hedges import hedge_tokens, is_hedged, unattributed_statements
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


def _is_nobody(head, cues: CueLexicon) -> bool:
    """'Nadie', 'ningún grupo', 'no group', 'no one': a source that is no one."""
    if head is None:
        return False
    if head.lower_ in cues.nobody:
        return True
    return any(c.dep_ in {"det", "advmod", "neg", "amod"} and c.lower_ in cues.nobody and c.i < head.i for c in head.children)


def _negated(raw: RawAttribution, cues: CueLexicon) -> bool:
    """'La Fiscalía no informó ...': a negated cue verb says nothing (unless a litotes: 'no descartó que')."""
    verb = raw.cue_head
    if verb is None or raw.kind != "verb" or raw.cue_lemma in cues.litotes:
        return False
    return any(c.dep_ in {"neg", "advmod"} and c.lower_ in cues.negations and c.i < verb.i for c in verb.children)


def _frame(raw: RawAttribution, cues: CueLexicon) -> str | None:
    """Why an attribution found by the parse is not a claim of anyone: 'nobody', 'negated', 'demand'."""
    if raw.kind == "verb" and raw.cue_lemma in cues.demand_verbs:
        return "demand"
    if _is_nobody(raw.source_head, cues):
        return "nobody"
    if _negated(raw, cues):
        return "negated"
    return None


def _sentence_of(raw: RawAttribution, text: str) -> tuple[int, int] | None:
    if raw.sentence is None:
        return raw.content
    start, end = raw.sentence
    while start < end and not text[start].isalnum() and text[start] not in "“«¿¡\"'":
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".;"):
        end -= 1
    return (start, end) if start < end else raw.content


def _key(claim: Claim) -> tuple:
    """Two claims alike to a reader: same source words, same cue words, same content words."""
    def words(span):
        return " ".join(span.text.lower().split()) if span is not None else None

    return words(claim.source), words(claim.cue), words(claim.content)


PRO_DROP_REACH = 800  # characters back to look for the speaker of a subjectless "dijo"


def _dropped_subject(raw: RawAttribution, nested: bool = False) -> bool:
    """A finite third-person cue verb with no subject at all (Spanish pro-drop: "Afirmó que ...").

    `nested`: the verb heads a reported clause ("señaló que no descarta ...") instead of a sentence.
    """
    verb = raw.cue_head
    if verb is None or raw.kind != "verb":
        return False
    morph = verb.morph
    deps = {"ccomp"} if nested else {"ROOT", "root", "conj"}
    return "Fin" in morph.get("VerbForm") and "3" in morph.get("Person") and verb.dep_ in deps


def _reporting(raw: RawAttribution, raws: list[RawAttribution]) -> RawAttribution | None:
    """The attribution whose cue verb governs this one's cue as its reported clause, when it has a source."""
    verb = raw.cue_head
    for other in raws:
        if other is not raw and other.source is not None and other.cue_head is not None and verb.head.i == other.cue_head.i:
            return other
    return None


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


def _hedged_cue(raw: RawAttribution, cues: CueLexicon) -> bool:
    """'Officials reportedly said': a hedge word on the cue verb itself."""
    verb = raw.cue_head
    if verb is None:
        return False
    return bool(hedge_tokens([c for c in verb.children if c.dep_ in {"advmod", "advcl"} and c.i < verb.i + 3], cues))


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
    kept = []
    for raw in raws:
        frame = _frame(raw, cues)
        if frame in {"demand", "negated"}:
            continue
        if frame == "nobody":
            # "Ningún grupo se ha atribuido el ataque": the writer states that no one claimed it
            raw.source, raw.source_head, raw.relay_heads, raw.hearer_head = None, None, [], None
            raw.content = _sentence_of(raw, text)
            raw.kind = "nobody"
        kept.append(raw)
    raws = kept
    seen: set[tuple] = set()
    for raw in raws:
        source_type = classify_source(raw.source_head, mentions, cues) if raw.source else "unattributed"
        outer = _reporting(raw, raws) if raw.source is None and _dropped_subject(raw, nested=True) else None
        if outer is not None:
            # "La Fiscalía señaló que no descarta ...": the reported clause's dropped subject is the reporter
            raw.source, raw.source_head = outer.source, outer.source_head
            source_type = classify_source(outer.source_head, mentions, cues)
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
            opinion=False,
            method="rules",
        )
        # "said" is no hedge, nor is an unnamed source on its own; one relayed through another
        # outlet ("sources ... cited by the New York Post") is second-hand and unverifiable
        claim.hedged = raw.kind != "nobody" and (
            (source_type == "anonymous" and bool(claim.via))
            or is_hedged(doc, spans, raw.cue_lemma, cues)
            or _hedged_cue(raw, cues)
        )
        if _key(claim) in seen:
            continue  # the same words by the same source, said twice
        seen.add(_key(claim))
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
            method="rules",
        )
        claims.append((statement.content[0], claim))
    return [claim for _position, claim in sorted(claims, key=lambda pair: pair[0])]
