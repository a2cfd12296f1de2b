"""Join the span model's spans into claims and combine them with the rules' claims.

`group_spans` turns the three role taggings into (source, cue, content)
triples: each content and each source goes to the nearest cue (by the
characters between them, within one paragraph's reach).

`combine` matches model triples to rule claims by their cue (else their
content) and, for a matched pair, takes each role from the side that
`PRECEDENCE` names: measured on PolNeAR dev by
`python -m sucesos.claims.train_spans combine` (see its report), never by
hope. The rules keep what the model has no notion of: the source type, the
via chain (who relayed it), hedges and opinions, and the statements the
writer makes with no source. Every claim says which produced it: `method`
is "rules", "model" or "rules+model".
"""

from __future__ import annotations

from dataclasses import replace

from sucesos.claims.hedges import is_hedged
from sucesos.claims.sources import classify_source
from sucesos.model import Claim, Span

Pair = tuple[int, int]
# characters between a cue and a span of its attribution, at most
REACH = 400
QUOTE_OPENERS = set("“«\"‘'„")

# which side gives each role when a model triple and a rule claim share a cue;
# "quote" for content: the rules' span when it is a direct quote, else the model's
PRECEDENCE = {"source": "model", "cue": "model", "content": "model"}
# rule claims whose cue the model did not find: kept (True) or dropped
KEEP_UNMATCHED_RULES = True


def _gap(a: Pair, b: Pair) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _overlap(a: Pair, b: Pair) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _nearest(span: Pair, cues: list[Pair], text: str) -> int | None:
    best, best_gap = None, REACH + 1
    for k, cue in enumerate(cues):
        if _overlap(span, cue):
            continue
        gap = _gap(span, cue)
        between = text[min(span[1], cue[1]):max(span[0], cue[0])] if gap else ""
        if "\n\n" in between:
            continue
        if gap < best_gap:
            best, best_gap = k, gap
    return best


def group_spans(found: dict[str, list[Pair]], text: str) -> list[dict[str, Pair | None]]:
    """Triples {source, cue, content} from the role spans; leftovers stand alone."""
    cues = sorted(set(found.get("cue", [])))
    triples: list[dict[str, Pair | None]] = [{"source": None, "cue": cue, "content": None} for cue in cues]
    extra: list[dict[str, Pair | None]] = []
    for role in ("content", "source"):
        for span in sorted(set(found.get(role, []))):
            k = _nearest(span, cues, text)
            if k is None:
                extra.append({"source": None, "cue": None, "content": None, role: span})
            elif triples[k][role] is None or _gap(span, cues[k]) < _gap(triples[k][role], cues[k]):
                if triples[k][role] is not None:
                    extra.append({"source": None, "cue": cues[k], "content": None, role: triples[k][role]})
                triples[k][role] = span
            else:
                extra.append({"source": None, "cue": cues[k], "content": None, role: span})
    # a displaced span keeps its cue only when no other triple holds that role for it
    return triples + extra


def _pair(span: Span | None) -> Pair | None:
    return (span.start, span.end) if span is not None else None


def _matches(triple: dict, claim: Claim) -> bool:
    cue = _pair(claim.cue)
    if triple["cue"] is not None and cue is not None:
        return _overlap(triple["cue"], cue) > 0
    content = _pair(claim.content)
    if triple["content"] is not None and content is not None:
        return _overlap(triple["content"], content) * 2 >= max(content[1] - content[0], triple["content"][1] - triple["content"][0])
    return False


def _head(doc, pair: Pair | None):
    if pair is None:
        return None
    span = doc.char_span(pair[0], pair[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _choose(role: str, triple: dict, claim: Claim, text: str, precedence: dict) -> Pair | None:
    mine, theirs = triple[role], _pair(getattr(claim, role))
    rule = precedence.get(role, "model")
    if rule == "quote" and theirs is not None and text[theirs[0]] in QUOTE_OPENERS:
        return theirs
    if rule == "rules":
        return theirs if theirs is not None else mine
    return mine if mine is not None else theirs


def combine(doc, text: str, triples: list[dict], rule_claims: list[Claim], mentions, cues,
            precedence: dict | None = None, keep_unmatched_rules: bool | None = None) -> list[Claim]:
    """Rule claims and model triples as one list of claims, in text order."""
    precedence = PRECEDENCE if precedence is None else precedence
    keep = KEEP_UNMATCHED_RULES if keep_unmatched_rules is None else keep_unmatched_rules
    used: set[int] = set()
    out: list[Claim] = []
    for triple in triples:
        partner = next((k for k, c in enumerate(rule_claims) if k not in used and c.source_type != "unattributed"
                        and _matches(triple, c)), None)
        if partner is None and triple["cue"] is None and triple["source"] is None:
            # content alone, where the rules found a sourceless statement (hedge, opinion): theirs stands
            statement = next((k for k, c in enumerate(rule_claims) if c.source_type == "unattributed"
                              and c.source is None and _matches(triple, c)), None)
            if statement is not None:
                continue
        if partner is not None:
            used.add(partner)
            claim = rule_claims[partner]
            spans = {role: _choose(role, triple, claim, text, precedence) for role in ("source", "cue", "content")}
            source_type = claim.source_type
            if spans["source"] != _pair(claim.source):
                source_type = classify_source(_head(doc, spans["source"]), mentions, cues) if spans["source"] else "unattributed"
            out.append(replace(claim, source=_span(text, spans["source"]), cue=_span(text, spans["cue"]),
                               content=_span(text, spans["content"]), source_type=source_type, method="rules+model"))
            continue
        head = _head(doc, triple["source"])
        parts = [s for s in (triple["cue"], triple["content"]) if s]
        cue_head = _head(doc, triple["cue"])
        out.append(Claim(
            source=_span(text, triple["source"]),
            cue=_span(text, triple["cue"]),
            content=_span(text, triple["content"]),
            source_type=classify_source(head, mentions, cues) if head is not None else "unattributed",
            via=[],
            hedged=is_hedged(doc, parts, cue_head.lemma_.lower() if cue_head is not None else None, cues),
            opinion=False,
            method="model",
        ))
    for k, claim in enumerate(rule_claims):
        if k in used:
            continue
        if claim.source_type == "unattributed" or keep:
            out.append(replace(claim, method="rules"))
    return sorted(out, key=_position)


def with_span_model(doc, text: str, rule_claims: list[Claim], mentions, cues, taggers) -> list[Claim]:
    """The rules' claims combined with the span model's, for one parsed article."""
    from sucesos.claims.spans import tag_spans

    rules = [{role: _pair(getattr(c, role)) for role in ("source", "cue", "content")} for c in rule_claims]
    found = tag_spans(doc, cues, rules, taggers)
    return combine(doc, text, group_spans(found, text), rule_claims, mentions, cues)


def _span(text: str, pair: Pair | None) -> Span | None:
    return Span.of(text, pair[0], pair[1]) if pair else None


def _position(claim: Claim) -> int:
    for span in (claim.cue, claim.content, claim.source):
        if span is not None:
            return span.start
    return 0
