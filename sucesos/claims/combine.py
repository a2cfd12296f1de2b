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

import bisect
from dataclasses import replace

from sucesos.claims.hedges import is_hedged
from sucesos.claims.sources import classify_source
from sucesos.model import Claim, Span

Pair = tuple[int, int]
# characters between a cue and a span of its attribution, at most
REACH = 400
QUOTE_OPENERS = set("“«\"‘'„")

# which side gives each role when the model and a rule claim share a cue: "model", "rules",
# "quote" (the rules' span when it is a direct quote, else the model's), "whole" (the
# model's, unless it is a piece of the rules' clause) or "quote+whole" (both exceptions).
# Chosen on PolNeAR dev with `python -m sucesos.claims.train_spans combine` (every variant's
# figures in its report): the model's cue; the model's source unless a piece of the rules';
# for content the rules' direct quotes and the rules' clause where the model tagged a piece
# of it, else the model's. Dev exact 0.726 / 0.668 / 0.537 (0.699 / 0.643 / 0.514 with
# every unmatched rule kept); on the held-out tenth of train, with models fitted on the other
# nine tenths, 0.689 / 0.616 / 0.501 (against 0.673 / 0.600 / 0.487).
# Re-checked on the held-out tenth of train (with RULES_OWN "statements"): the model's source
# everywhere 0.700 / 0.635 / 0.502 against "whole" 0.695 / 0.635 / 0.502, on dev 0.725 against
# 0.728 source exact, cue and content equal: within noise both ways, so the shipped choice stays.
PRECEDENCE = {"source": "whole", "cue": "model", "content": "quote+whole"}
# rule claims whose cue the model did not find: kept (True), dropped (False) or kept only
# when their content is a direct quote or their cue punctuation ("— Ana Torres", "WALLACE:")
# ("quotes": on dev about 60% of those cues are exact, against under 25% for the others,
# which cost more precision than they bring recall); "quotes+both" (shipped) also keeps one
# where the model tagged half or more of both its source and its content, though no cue
# there: the model sees an attribution, its cue tagger missed it ("+source", "+content",
# "+either": one role suffices). Chosen on the held-out tenth of train (models fitted on the
# other nine tenths), exact source / cue / content: "quotes" 0.689 / 0.616 / 0.501,
# "+both" 0.693 / 0.618 / 0.502 (better on all three), "+source" 0.696 / 0.618 / 0.499,
# "+content" 0.683 / 0.612 / 0.499, "+either" 0.685 / 0.613 / 0.497. Dev: "quotes"
# 0.726 / 0.668 / 0.537, "+both" 0.727 / 0.667 / 0.540.
KEEP_UNMATCHED_RULES: bool | str = "quotes+both"
# roles a matched claim takes from the model's nearest free span when the model has none where
# the rules put theirs: "source", "content", "both" or "" (none)
FILL = "source"
# a model cue no rule found, with no free model content within reach: False, it is dropped (a cue
# with nothing said is no claim); True, its content is the clause the parse hangs from the cue
# (`_clause`: its complement after it, the clause it reports, or the paragraph a final colon opens).
# On PolNeAR dev 111 of 2,192 gold cues were tagged by the cue CRF and dropped so; yet the clause
# costs more content precision than it brings: held-out tenth of train, exact source / cue /
# content 0.691 / 0.620 / 0.496 -> 0.693 / 0.620 / 0.490 (dev 0.727 / 0.667 / 0.540 -> 0.731 /
# 0.668 / 0.534). Off; kept to be measured again with a better content model.
CLAUSE_FALLBACK = False
# clauses only: an object alone ("called the police") reports nothing
# which rule claims with no source stand as the rules give them, whatever the model saw:
# "unattributed" (every one) or "statements" (only the writer's hedged or opinion statements
# and "no one claimed it", whose content holds its own cue): a cue verb the rules found no
# subject for ("..., promoting his plan", "to confirm") is matched with the model like any other
# (kept when the model tagged its cue or it is a direct quote). On PolNeAR dev, of the 197 cues of
# rule claims kept so, 125 matched no gold cue (110 of them such subjectless cue verbs). Chosen on
# the held-out tenth of train (models fitted on the other nine tenths), exact source / cue / content:
# "unattributed" 0.691 / 0.620 / 0.496, "statements" 0.695 / 0.635 / 0.502; dev 0.727 / 0.667 /
# 0.540 -> 0.728 / 0.680 / 0.547 (`train_spans combine`; bench/claims_cue_loss.py says where cues go).
RULES_OWN = "statements"
# a matched claim whose model content also covers another rule claim's content ("X happened.
# Y happened, police said": the content CRF tags across the sentence) keeps the rules' content.
# Chosen on the held-out tenth of train: exact content 0.502 -> 0.511, overlap50 0.642 -> 0.646,
# source and cue unchanged; dev content exact 0.547 -> 0.549, the rest unchanged.
SPLIT_MERGED = True
COMPLEMENT_DEPS = {"ccomp", "xcomp", "parataxis", "dep"}
REPORTED_DEPS = {"parataxis", "ccomp", "advcl", "dep", "conj"}


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


FRAGMENT = 0.8  # a model span under this share of the rules' span, inside it, is a piece of it


def _fragment(mine: Pair, theirs: Pair) -> bool:
    inside = theirs[0] <= mine[0] and mine[1] <= theirs[1]
    return inside and (mine[1] - mine[0]) < FRAGMENT * (theirs[1] - theirs[0])


def _head(doc, pair: Pair | None):
    if pair is None:
        return None
    span = doc.char_span(pair[0], pair[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


class _Spans(list):
    """A role's model spans, sorted, with what makes a look-up near a position
    cheap: only spans starting within `reach` (plus the longest span's length)
    of it can be near it, so a long article is not scanned once per cue."""

    def __init__(self, spans):
        super().__init__(sorted(set(spans)))
        self.starts = [s[0] for s in self]
        self.longest = max((s[1] - s[0] for s in self), default=0)

    def near(self, pair: Pair, reach: int) -> list[Pair]:
        """The spans that may lie within `reach` characters of `pair`, in sorted order (a superset)."""
        low = bisect.bisect_left(self.starts, pair[0] - reach - self.longest)
        high = bisect.bisect_right(self.starts, pair[1] + reach)
        return self[low:high]


def _best(spans: list[Pair], target: Pair | None, used: set[Pair]) -> Pair | None:
    """The unused model span overlapping `target` most."""
    if target is None:
        return None
    best, most = None, 0
    for span in spans.near(target, 0) if isinstance(spans, _Spans) else spans:
        shared = _overlap(span, target)
        if shared > most and span not in used:
            best, most = span, shared
    return best


def _words_span(tokens) -> Pair | None:
    """The characters of `tokens` without spaces or punctuation at the end (quote marks kept)."""
    words = [t for t in tokens if not t.is_space]
    while words and words[-1].is_punct and words[-1].text not in QUOTE_OPENERS | set("”»’"):
        words.pop()
    return (words[0].idx, words[-1].idx + len(words[-1].text)) if words else None


def _clause(doc, text: str, cue: Pair) -> Pair | None:
    """What a cue reports, read from the parse: its verb's complement after it ("said [that ...]"),
    the clause it hangs from ("[X happened], sources said"), or, for a cue ending its paragraph
    with a colon ("reports:"), the next paragraph."""
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    inside = {t.i for t in span}
    for child in head.children:
        if child.dep_ in COMPLEMENT_DEPS and child.i > span.end - 1 and child.i not in inside:
            found = _words_span([t for t in child.subtree if t.i not in inside])
            if found is not None:
                return found
    if head.dep_ in REPORTED_DEPS and head.head.i != head.i and head.head.i < span.start:
        mine = {t.i for t in head.subtree}
        found = _words_span([t for t in head.head.subtree if t.i not in mine and t.i < span.start])
        if found is not None:
            return found
    line_end = text.find("\n", cue[1])
    if line_end < 0 or not (text[cue[0]:cue[1]].rstrip().endswith(":") or text[cue[1]:line_end].strip() == ":"):
        return None
    start = line_end
    while start < len(text) and text[start].isspace():
        start += 1
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return (start, stop) if start < stop else None


def combine(doc, text: str, found: dict[str, list[Pair]], rule_claims: list[Claim], mentions, cues,
            precedence: dict | None = None, keep_unmatched_rules: bool | str | None = None, fill: str | None = None,
            clause_fallback: bool | None = None, own: str | None = None, split_merged: bool | None = None) -> list[Claim]:
    """Rule claims and the model's role spans as one list of claims, in text order.

    A rule claim whose cue the model also tagged takes, for each role, the
    model span overlapping its own (or keeps its own, as `precedence` says);
    a model cue no rule found becomes a claim with the nearest model source
    and content; model spans with no cue are dropped.
    """
    precedence = PRECEDENCE if precedence is None else precedence
    keep = KEEP_UNMATCHED_RULES if keep_unmatched_rules is None else keep_unmatched_rules
    spans = {role: _Spans(found.get(role, [])) for role in ("source", "cue", "content")}
    fill = FILL if fill is None else fill
    clause_fallback = CLAUSE_FALLBACK if clause_fallback is None else clause_fallback
    own = RULES_OWN if own is None else own
    merged = SPLIT_MERGED if split_merged is None else split_merged
    rule_contents = _Spans(_pair(c.content) for c in rule_claims if c.content is not None)
    sentence_of: dict[Pair, int | None] = {}

    def same_sentence(a: Pair, b: Pair) -> bool:
        # each span's sentence is looked up once (char_span is the costly part)
        for pair in (a, b):
            if pair not in sentence_of:
                span = doc.char_span(pair[0], pair[1], alignment_mode="expand")
                sentence_of[pair] = span[0].sent.start if span is not None and len(span) else None
        return sentence_of[a] is not None and sentence_of[a] == sentence_of[b]

    used: set[Pair] = set()
    out: list[Claim] = []
    pending: list[tuple[int, Pair, str, Pair | None]] = []
    for claim in rule_claims:
        cue = _pair(claim.cue)
        if _rules_own(claim, own):
            out.append(replace(claim, method="rules"))  # hedges, opinions, "no one claimed it": the rules' own
            if claim.content is not None:
                used.update(s for s in spans["content"].near(_pair(claim.content), 0) if _overlap(s, _pair(claim.content)))
            continue
        model_cue = _best(spans["cue"], cue, used)
        if model_cue is None:
            if keep is True or (isinstance(keep, str) and keep.startswith("quotes") and _quoted(text, claim)) \
                    or (isinstance(keep, str) and _model_agrees(claim, spans, keep)):
                out.append(replace(claim, method="rules"))
            continue
        chosen: dict[str, Pair | None] = {"cue": model_cue}
        for role in ("source", "content"):
            theirs = _pair(getattr(claim, role))
            mine = _best(spans[role], theirs, used)
            if mine is None and fill in {role, "both"}:
                pending.append((len(out), model_cue, role, theirs))
            rule = precedence.get(role, "model")
            quote = theirs is not None and text[theirs[0]] in QUOTE_OPENERS
            if rule == "rules" or mine is None or (rule in {"quote", "quote+whole"} and quote):
                chosen[role] = theirs
            elif rule in {"whole", "quote+whole"} and theirs is not None and _fragment(mine, theirs):
                chosen[role] = theirs  # the model tagged a piece of the rules' clause: the clause
            elif merged and role == "content" and theirs is not None and _runs_into(mine, theirs, rule_contents):
                chosen[role] = theirs  # the model's span joins two claims' contents: this claim's own
            else:
                chosen[role] = mine
        if precedence.get("cue") == "rules":
            chosen["cue"] = cue
        used.update(v for v in chosen.values() if v is not None)
        used.add(model_cue)
        source_type = claim.source_type
        if chosen["source"] != _pair(claim.source):
            source_type = classify_source(_head(doc, chosen["source"]), mentions, cues) if chosen["source"] else "unattributed"
        out.append(replace(claim, source=_span(text, chosen["source"]), cue=_span(text, chosen["cue"]),
                           content=_span(text, chosen["content"]), source_type=source_type, method="rules+model"))
    for k, model_cue, role, theirs in pending:
        # the model saw no span of this role where the rules put theirs (or the rules have none):
        # the model's nearest free one beside the cue, as for a cue the rules missed
        free = [s for s in spans[role].near(model_cue, REACH) if s not in used and not _overlap(s, model_cue)]
        if role == "source":
            free = [s for s in free if same_sentence(s, model_cue)]
        near = _nearest(model_cue, free, text)
        if near is None:
            continue
        used.add(free[near])
        claim = out[k]
        if role == "source":
            head = _head(doc, free[near])
            out[k] = replace(claim, source=_span(text, free[near]),
                             source_type=classify_source(head, mentions, cues) if head is not None else "unattributed")
        else:
            out[k] = replace(claim, content=_span(text, free[near]))
    taken_cues = _Spans(_pair(c.cue) for c in out if c.cue is not None)
    for cue in spans["cue"]:
        if cue in used or any(_overlap(cue, other) for other in taken_cues.near(cue, 0)):
            continue
        triple = {"cue": cue}
        for role in ("source", "content"):
            free = [s for s in spans[role].near(cue, REACH) if s not in used and not _overlap(s, cue)]
            if role == "source":
                free = [s for s in free if same_sentence(s, cue)]
            k = _nearest(cue, free, text)
            triple[role] = free[k] if k is not None else None
        if triple["content"] is None and clause_fallback:
            triple["content"] = _clause(doc, text, cue)
        if triple["content"] is None:
            continue  # a cue with nothing said is no claim ("residents called the police")
        used.update(v for v in triple.values() if v is not None)
        head = _head(doc, triple["source"])
        cue_head = _head(doc, cue)
        parts = [s for s in (cue, triple["content"]) if s]
        out.append(Claim(
            source=_span(text, triple["source"]),
            cue=_span(text, cue),
            content=_span(text, triple["content"]),
            source_type=classify_source(head, mentions, cues) if head is not None else "unattributed",
            via=[],
            hedged=is_hedged(doc, parts, cue_head.lemma_.lower() if cue_head is not None else None, cues),
            opinion=False,
            method="model",
        ))
    return sorted(out, key=_position)


def with_span_model(doc, text: str, rule_claims: list[Claim], mentions, cues, taggers) -> list[Claim]:
    """The rules' claims combined with the span model's, for one parsed article."""
    from sucesos.claims.spans import tag_spans

    rules = [{role: _pair(getattr(c, role)) for role in ("source", "cue", "content")} for c in rule_claims]
    return combine(doc, text, tag_spans(doc, cues, rules, taggers), rule_claims, mentions, cues)


def _runs_into(mine: Pair, theirs: Pair, rule_contents: "_Spans") -> bool:
    """Whether `mine` overlaps a rule claim's content that is not `theirs` nor overlapping it."""
    return any(_overlap(mine, other) and not _overlap(other, theirs) for other in rule_contents.near(mine, 0))


def _rules_own(claim: Claim, own: str) -> bool:
    if claim.source is not None or claim.source_type != "unattributed":
        return False
    if own == "unattributed" or claim.hedged or claim.opinion or claim.cue is None or claim.content is None:
        return True
    return claim.content.start <= claim.cue.start and claim.cue.end <= claim.content.end  # "no one claimed it"


def _model_agrees(claim: Claim, spans: dict, keep: str) -> bool:
    """Whether the model tagged this rule claim's source ("+source"), content ("+content") or
    both ("+both"), at least half of each, though it saw no cue there."""
    roles = {"quotes+source": ("source",), "quotes+content": ("content",), "quotes+both": ("source", "content"),
             "quotes+either": ("source", "content")}.get(keep)
    if not roles:
        return False
    found = []
    for role in roles:
        theirs = _pair(getattr(claim, role))
        found.append(theirs is not None and any(
            _overlap(s, theirs) * 2 >= max(s[1] - s[0], theirs[1] - theirs[0]) for s in spans[role].near(theirs, 0)))
    return any(found) if keep == "quotes+either" else all(found)


def _quoted(text: str, claim: Claim) -> bool:
    """A direct quote (content opening with a quotation mark), or a signed or transcript line (a punctuation cue)."""
    if claim.cue is not None and not any(ch.isalpha() for ch in claim.cue.text):
        return True
    return claim.content is not None and text[claim.content.start] in QUOTE_OPENERS


def _span(text: str, pair: Pair | None) -> Span | None:
    return Span.of(text, pair[0], pair[1]) if pair else None


def _position(claim: Claim) -> int:
    for span in (claim.cue, claim.content, claim.source):
        if span is not None:
            return span.start
    return 0
