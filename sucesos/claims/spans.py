"""The learned part of English attribution: CRF taggers for source, cue and content spans.

One linear-chain CRF per role tags each paragraph's tokens B/I/O; their
features are read from the English parse (word, lemma, POS, dependency, the
nearest cue verb governing the token and the relation it hangs from, quote
state, position in the sentence) and from the rules' own spans (so the model
learns where the rules' boundaries differ from PolNeAR's). Trained by
`sucesos.claims.train_spans` on PolNeAR train; the weights live in
`sucesos/data/claims_spans/` and ship with the package.

Pure: `tag_spans(doc, cues, rule_claims, taggers)` returns the predicted
spans of each role; `group_spans` joins them into (source, cue, content)
triples around each cue.
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

ROLES = ("source", "cue", "content")
MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "claims_spans"
OPENING = set("“«‘„")
CLOSING = set("”»’")
AMBIGUOUS = {'"', "''", "``", "'"}
MAX_TREE_WALK = 12


def _paragraphs(doc) -> list[list]:
    """Non-space tokens, split where the text breaks a line."""
    out: list[list] = []
    current: list = []
    for token in doc:
        if token.is_space:
            if "\n" in token.text and current:
                out.append(current)
                current = []
            continue
        current.append(token)
        if "\n" in token.whitespace_ and current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _rule_tags(doc, rules: list[dict]) -> dict[str, dict[int, str]]:
    """role -> {token index: "B" or "I"} for the rules' spans."""
    tags: dict[str, dict[int, str]] = {role: {} for role in ROLES}
    for claim in rules:
        for role in ROLES:
            pair = claim.get(role)
            if not pair:
                continue
            span = doc.char_span(pair[0], pair[1], alignment_mode="expand")
            if span is None:
                continue
            for k, token in enumerate(span):
                tags[role].setdefault(token.i, "B" if k == 0 else "I")
    return tags


def _governor(token, cue_verbs) -> tuple[str, str, int]:
    """(relation under the nearest cue verb above the token, that verb's lemma, depth) or ('-', '-', 0)."""
    child = token
    node = token
    for depth in range(MAX_TREE_WALK):
        if node.lemma_.lower() in cue_verbs and node.pos_ in {"VERB", "AUX"} and node is not token:
            return child.dep_, node.lemma_.lower(), depth
        if node.head is node:
            break
        child, node = node, node.head
    return "-", "-", 0


def _quote_state(paragraph) -> list[int]:
    """1 for tokens inside a quotation (balanced within the paragraph), else 0."""
    state = []
    inside = False
    for token in paragraph:
        text = token.text
        if text in OPENING:
            inside = True
            state.append(2)
        elif text in CLOSING:
            state.append(3)
            inside = False
        elif text in AMBIGUOUS:
            state.append(3 if inside else 2)
            inside = not inside
        else:
            state.append(1 if inside else 0)
    return state


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 12:
        return "7-12"
    return "13+"


def article_features(doc, cues, rules: list[dict]) -> list[tuple[list[int], list[dict]]]:
    """Per paragraph: (token indexes, one feature dict a token)."""
    cue_verbs = cues.cue_verbs
    rule_tags = _rule_tags(doc, rules)
    prepositions = {words[0] for words in cues.prepositions}
    out = []
    for paragraph in _paragraphs(doc):
        quotes = _quote_state(paragraph)
        base = []
        cue_positions = [k for k, t in enumerate(paragraph)
                         if t.lemma_.lower() in cue_verbs and t.pos_ in {"VERB"}]
        for k, token in enumerate(paragraph):
            lemma = token.lemma_.lower()
            rel, gov, depth = _governor(token, cue_verbs)
            sent = token.sent
            feats = {
                "bias": 1.0,
                "w=" + token.lower_: 1.0,
                "lemma=" + lemma: 1.0,
                "pos=" + token.pos_: 1.0,
                "tag=" + token.tag_: 1.0,
                "dep=" + token.dep_: 1.0,
                "hdep=" + token.head.dep_: 1.0,
                "hlemma=" + token.head.lemma_.lower(): 1.0,
                "hpos=" + token.head.pos_: 1.0,
                "suf3=" + token.lower_[-3:]: 1.0,
                "shape=" + ("T" if token.is_title else "U" if token.is_upper else "l" if token.is_lower else "o"): 1.0,
                "quote=" + str(quotes[k]): 1.0,
                "gov=" + rel: 1.0,
                "govlemma=" + gov: 1.0,
                "govrel_dep=" + rel + "|" + token.dep_: 1.0,
                "govdepth=" + _bucket(depth): 1.0,
                "ent=" + (token.ent_type_ or "-"): 1.0,
                "cueverb": 1.0 if lemma in cue_verbs and token.pos_ in {"VERB", "AUX"} else 0.0,
                "prep_cue": 1.0 if token.lower_ in prepositions else 0.0,
                "sent_start": 1.0 if token.i == sent.start else 0.0,
                "sent_end": 1.0 if token.i == sent.end - 1 else 0.0,
                "par_start": 1.0 if k == 0 else 0.0,
            }
            for role in ROLES:
                feats[f"rule_{role}=" + rule_tags[role].get(token.i, "O")] = 1.0
            # where is the nearest cue verb of the paragraph, and how far
            if cue_positions:
                j = bisect_left(cue_positions, k)
                before = k - cue_positions[j - 1] if j > 0 else None
                after = cue_positions[j] - k if j < len(cue_positions) else None
                if after == 0:
                    feats["cue_here"] = 1.0
                else:
                    if before is not None:
                        feats["cue_before=" + _bucket(before)] = 1.0
                    if after is not None:
                        feats["cue_after=" + _bucket(after)] = 1.0
            else:
                feats["no_cue_in_par"] = 1.0
            base.append(feats)
        features = []
        for k, feats in enumerate(base):
            merged = dict(feats)
            for offset in (-2, -1, 1, 2):
                j = k + offset
                if 0 <= j < len(paragraph):
                    other = paragraph[j]
                    merged[f"{offset}:w=" + other.lower_] = 1.0
                    merged[f"{offset}:pos=" + other.pos_] = 1.0
                    if abs(offset) == 1:
                        merged[f"{offset}:dep=" + other.dep_] = 1.0
                        merged[f"{offset}:quote=" + str(quotes[j])] = 1.0
                        for role in ROLES:
                            merged[f"{offset}:rule_{role}=" + rule_tags[role].get(other.i, "O")] = 1.0
                else:
                    merged[f"{offset}:pad"] = 1.0
            features.append(merged)
        out.append(([t.i for t in paragraph], features))
    return out


def role_tags(doc, paragraphs, spans: list) -> list[list[str]]:
    """Gold BIO tags of one role, per paragraph (spans as {start, end} dicts or pairs)."""
    inside: dict[int, str] = {}
    for value in spans:
        if not value:
            continue
        start, end = (value["start"], value["end"]) if isinstance(value, dict) else value
        if not 0 <= start < end <= len(doc.text):
            continue  # an unusable gold span (the scorer skips it too)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        first = True
        for token in span:
            if token.is_space:
                continue
            if first or token.i not in inside:
                inside[token.i] = "B" if first else "I"
            first = False
    return [[inside.get(i, "O") for i in tokens] for tokens, _features in paragraphs]


def decode_spans(doc, tokens: list[int], labels: list[str]) -> list[tuple[int, int]]:
    """Character spans of the B/I runs of one paragraph."""
    spans = []
    start = end = None
    for i, label in zip(tokens, labels):
        token = doc[i]
        if label == "B" or (label == "I" and start is None):
            if start is not None:
                spans.append((start, end))
            start, end = token.idx, token.idx + len(token.text)
        elif label == "I":
            end = token.idx + len(token.text)
        else:
            if start is not None:
                spans.append((start, end))
            start = end = None
    if start is not None:
        spans.append((start, end))
    return spans


def load_taggers(directory: Path = MODEL_DIR) -> dict | None:
    """role -> pycrfsuite.Tagger, or None when the weights are not there."""
    import pycrfsuite

    taggers = {}
    for role in ROLES:
        path = directory / f"{role}.crfsuite"
        if not path.exists():
            return None
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        taggers[role] = tagger
    return taggers


def tag_spans(doc, cues, rules: list[dict], taggers: dict) -> dict[str, list[tuple[int, int]]]:
    """role -> predicted character spans, in text order."""
    paragraphs = article_features(doc, cues, rules)
    found: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    for tokens, features in paragraphs:
        for role in ROLES:
            found[role] += decode_spans(doc, tokens, taggers[role].tag(features))
    return found
