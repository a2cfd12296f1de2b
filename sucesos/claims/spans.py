"""The learned part of English attribution: CRF taggers for source, cue and content spans.

One linear-chain CRF per role tags each paragraph's tokens B/I/O; their
features are read from the English parse (word, lemma, POS, dependency, the
nearest cue verb governing the token and the relation it hangs from, quote
state, position in the sentence), from the rules' own spans (so the model
learns where the rules' boundaries differ from PolNeAR's) and, when one is
given, from a cue lexicon learned on PolNeAR train (how often each word is
annotated inside a cue; the frame of a likely cue, its dependents' relations;
the nearest likely cue above a token and the relation it hangs from; the
shipped weights have none). Every token's features are built once and read by
all three CRFs; the set is kept lean, as it is most of the stage's cost. Trained by
`sucesos.claims.train_spans` on PolNeAR train; the weights live in
`sucesos/data/claims_spans/` (with the lexicon, `cue_rates.json`) and ship with the package.

Pure: `tag_spans(doc, cues, rule_claims, taggers)` returns the predicted
spans of each role; `group_spans` joins them into (source, cue, content)
triples around each cue.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from pathlib import Path

from sucesos.nlp.bio import bio_spans

ROLES = ("source", "cue", "content")
MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "claims_spans"
OPENING = set("“«‘„")
CLOSING = set("”»’")
AMBIGUOUS = {'"', "''", "``", "'"}
MAX_TREE_WALK = 12


class _Table:
    """The parse's token attributes as plain lists, read from the Doc once (each spaCy Token
    access builds an object: reading them once is most of what the features cost)."""

    def __init__(self, doc):
        self.text, self.lower, self.lemma, self.pos, self.tag, self.dep = [], [], [], [], [], []
        self.head, self.ent, self.shape, self.space, self.newline_after = [], [], [], [], []
        self.sent_start, self.idx = [], []
        self.kids: list[list[int]] = [[] for _ in range(len(doc))]
        for t in doc:
            self.text.append(t.text)
            self.lower.append(t.lower_)
            self.lemma.append(t.lemma_.lower())
            self.pos.append(t.pos_)
            self.tag.append(t.tag_)
            self.dep.append(t.dep_)
            self.head.append(t.head.i)
            self.ent.append(t.ent_type_ or "-")
            self.shape.append("T" if t.is_title else "U" if t.is_upper else "l" if t.is_lower else "o")
            self.space.append(t.is_space)
            self.newline_after.append("\n" in t.whitespace_)
            self.sent_start.append(t.i == 0 or bool(t.is_sent_start))
            self.idx.append(t.idx)
            if t.head.i != t.i:
                self.kids[t.head.i].append(t.i)


def _paragraphs(table: _Table) -> list[list[int]]:
    """Indexes of the non-space tokens, split where the text breaks a line."""
    out: list[list[int]] = []
    current: list[int] = []
    for i, text in enumerate(table.text):
        if table.space[i]:
            if "\n" in text and current:
                out.append(current)
                current = []
            continue
        current.append(i)
        if table.newline_after[i] and current:
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


def _governors(table: _Table, cue_verbs, needed) -> dict[int, tuple[str, str, int]]:
    """Per token in `needed`: (relation under the nearest cue verb above it, that verb's lemma, depth), or ('-', '-', 0)."""
    heads, deps, lemmas = table.head, table.dep, table.lemma
    cue = [lemma in cue_verbs and pos in {"VERB", "AUX"} for lemma, pos in zip(lemmas, table.pos)]
    out = {}
    for i in needed:
        child, node, found = i, i, ("-", "-", 0)
        for depth in range(MAX_TREE_WALK):
            if cue[node] and node != i:
                found = (deps[child], lemmas[node], depth)
                break
            if heads[node] == node:
                if cue[node] and depth + 1 < MAX_TREE_WALK:
                    found = (deps[node], lemmas[node], depth + 1)  # a cue verb at the root, as trained
                break
            child, node = node, heads[node]
        out[i] = found
    return out


# the learned cue lexicon: per lemma and word class, how often PolNeAR train's annotators put
# that word inside a cue (counted by `cue_counts`, rates by `cue_rates`; shipped as
# `cue_rates.json` beside the weights; a word seen inside a cue fewer than MIN_INSIDE times has none)
RATES_FILE = "cue_rates.json"
MIN_INSIDE = 2
STRONG_CUE = 0.25  # a word at least this often a cue heads the clauses the learned governors look for
LEARNED_CLAUSES = True  # the clauses of verbs the learned lexicon calls frequent cues are marked too
FRAME_DEPS = {"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "prep", "mark", "advcl", "parataxis", "agent", "poss", "acl"}


def rate_key(lemma: str, pos: str) -> str:
    group = "VERB" if pos in {"VERB", "AUX"} else pos if pos in {"NOUN", "PROPN", "ADP", "ADJ", "ADV"} else "X"
    return lemma + "|" + group


def cue_counts(doc, cue_spans: list) -> tuple[dict[str, int], dict[str, int]]:
    """(occurrences, occurrences inside one of `cue_spans`) per `rate_key`, for one article."""
    inside_tokens: set[int] = set()
    for value in cue_spans:
        if not value:
            continue
        start, end = (value["start"], value["end"]) if isinstance(value, dict) else value
        if not 0 <= start < end <= len(doc.text):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            inside_tokens.update(t.i for t in span)
    seen: dict[str, int] = {}
    inside: dict[str, int] = {}
    for t in doc:
        if t.is_space or t.is_punct:
            continue
        key = rate_key(t.lemma_.lower(), t.pos_)
        seen[key] = seen.get(key, 0) + 1
        if t.i in inside_tokens:
            inside[key] = inside.get(key, 0) + 1
    return seen, inside


def cue_rates(seen: dict[str, int], inside: dict[str, int]) -> dict[str, float]:
    """Smoothed share of each word's occurrences inside a cue (toward 0: inside / (seen + 2))."""
    return {key: round(n / (seen.get(key, n) + 2), 3) for key, n in inside.items() if n >= MIN_INSIDE}


def _rate_bucket(rate: float) -> str:
    if rate <= 0.0:
        return "0"
    if rate < 0.05:
        return "a"
    if rate < 0.15:
        return "b"
    if rate < 0.3:
        return "c"
    if rate < 0.5:
        return "d"
    if rate < 0.7:
        return "e"
    return "f"


def _learned_governors(table: _Table, strong: list[bool], needed) -> dict[int, tuple[str, int]]:
    """Per token: (relation under the nearest frequent cue word above it, depth), or ('-', 0)."""
    heads, deps = table.head, table.dep
    out = {}
    for i in needed:
        child, node, found = i, i, ("-", 0)
        for depth in range(MAX_TREE_WALK):
            if strong[node] and node != i:
                found = (deps[child], depth)
                break
            if heads[node] == node:
                break
            child, node = node, heads[node]
        out[i] = found
    return out


def _quote_state(table: _Table, paragraph: list[int]) -> list[int]:
    """1 for tokens inside a quotation (balanced within the paragraph), else 0."""
    state = []
    inside = False
    for i in paragraph:
        text = table.text[i]
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


CLAUSE_CHILD_DEPS = {"ccomp", "xcomp", "dep", "parataxis", "advcl", "dobj", "obj", "pcomp", "pobj", "prep"}


def _clause_edges(doc, table: _Table, cue_verbs, learned: set[int] = frozenset()) -> dict[int, set[str]]:
    """token index -> marks of the clauses that cue verbs report (their edges and insides).

    For each cue verb: each clausal/object child's subtree ("cc"), and, for a
    cue that hangs from another clause ("X happened, sources said"), that
    clause without the cue's own subtree ("hd"). Marks: <kind>_start,
    <kind>_end (punctuation at the edges skipped), <kind>_in.
    """
    marks: dict[int, set[str]] = {}

    def mark(tokens, kind):
        words = [t for t in tokens if not t.is_space]
        if not words:
            return
        core = [t for t in words if not t.is_punct] or words
        marks.setdefault(core[0].i, set()).add(kind + "_start")
        marks.setdefault(core[-1].i, set()).add(kind + "_end")
        for t in words:
            marks.setdefault(t.i, set()).add(kind + "_in")

    for i, lemma in enumerate(table.lemma):
        if (lemma not in cue_verbs and i not in learned) or table.pos[i] not in {"VERB", "AUX"}:
            continue
        verb = doc[i]
        for child in verb.children:
            if child.dep_ in CLAUSE_CHILD_DEPS and child.i > verb.i:
                subtree = list(child.subtree)
                if len(subtree) <= 400:
                    mark(subtree, "cc")
        if verb.dep_ in {"parataxis", "ccomp", "advcl", "dep", "conj"} and verb.head.i != verb.i:
            inside = {t.i for t in verb.subtree}
            head_clause = [t for t in verb.head.subtree if t.i not in inside and t.i < verb.i]
            if 0 < len(head_clause) <= 400:
                mark(head_clause, "hd")
    return marks


QUOTE_MARKS = OPENING | CLOSING | AMBIGUOUS


# a word the learned lexicon has inside a cue at least this often makes its paragraph worth tagging
# (on PolNeAR dev the hand cue list alone left 43 of 2,192 gold cues in skipped paragraphs; with
# the lexicon's words at 0.05, one, for 3% more tokens tagged)
GATE_RATE = 0.05


def _may_attribute(table: _Table, paragraph: list[int], cue_verbs, prepositions, rule_tags, rate=None) -> bool:
    """Whether a paragraph holds anything an attribution needs: a cue word, a quote mark, a rule span."""
    for i in paragraph:
        text = table.text[i]
        if table.lemma[i] in cue_verbs or table.lower[i] in prepositions or text in QUOTE_MARKS:
            return True
        if rate is not None and rate[i] >= GATE_RATE:
            return True
        if text == ":" or any(i in tags for tags in rule_tags.values()):
            return True
    return False


def article_features(doc, cues, rules: list[dict], skip_plain: bool = False,
                     rates: dict[str, float] | None = None) -> list[tuple[list[int], list[dict]]]:
    """Per paragraph: (token indexes, one feature list a token: crfsuite attribute names, value 1).

    `skip_plain`: leave out paragraphs with no cue word, quote mark or rule span (at run time:
    they hold no attribution, and tagging them is most of the model's cost).
    `rates`: the learned cue lexicon (`cue_rates`; in training, counted without the article's own fold).
    """
    return _article_features(doc, cues, rules, skip_plain, rates)[0]


def _article_features(doc, cues, rules, skip_plain, rates):
    """article_features' paragraphs, with the token table and the rules' tags it read."""
    cue_verbs = cues.cue_verbs
    rule_tags = _rule_tags(doc, rules)
    prepositions = {words[0] for words in cues.prepositions}
    table = _Table(doc)
    lowers, lemmas, poses, tags, deps, heads = table.lower, table.lemma, table.pos, table.tag, table.dep, table.head
    # the lexicon's features exist only with a lexicon: without one they would be constants
    # (a seventh of every token's features, read and looked up by all three CRFs for nothing)
    rate = [rates.get(rate_key(lemma, pos), 0.0) for lemma, pos in zip(lemmas, poses)] if rates else None
    paragraphs = [p for p in _paragraphs(table)
                  if not skip_plain or _may_attribute(table, p, cue_verbs, prepositions, rule_tags, rate)]
    if not paragraphs:
        return [], table, rule_tags
    if rate is not None:
        bucket = [_rate_bucket(r) for r in rate]
        strong = [r >= STRONG_CUE for r in rate]
        learned = _learned_governors(table, strong, [i for p in paragraphs for i in p])
        learned_cues = {i for i, yes in enumerate(strong) if yes} if LEARNED_CLAUSES else set()
    else:
        learned_cues = set()
    clause_marks = _clause_edges(doc, table, cue_verbs, learned_cues)
    governors = _governors(table, cue_verbs, [i for p in paragraphs for i in p])
    sent_starts = {i for i, start in enumerate(table.sent_start) if start}
    sent_ends = {i - 1 for i in sent_starts if i} | {len(doc) - 1}
    out = []
    for paragraph in paragraphs:
        quotes = _quote_state(table, paragraph)
        base = []
        cue_positions = [k for k, i in enumerate(paragraph) if lemmas[i] in cue_verbs and poses[i] == "VERB"]
        near: list[list[str]] = []  # what a token shows its neighbours at distance 1
        far: list[list[str]] = []  # ... at distance 2
        for k, i in enumerate(paragraph):
            lemma, lower, pos, dep = lemmas[i], lowers[i], poses[i], deps[i]
            rel, gov, depth = governors[i]
            head = heads[i]
            # every feature has the value 1 (crfsuite's default for a plain string). The set is
            # lean (#16): the head's POS, the bare governing relation (govrel_dep carries it) and
            # the POS two tokens away carried least weight on PolNeAR dev and are left out
            feats = [
                "bias",
                "w=" + lower,
                "lemma=" + lemma,
                "pos=" + pos,
                "tag=" + tags[i],
                "dep=" + dep,
                "hdep=" + deps[head],
                "hlemma=" + lemmas[head],
                "suf3=" + lower[-3:],
                "shape=" + table.shape[i],
                "quote=" + str(quotes[k]),
                "govlemma=" + gov,
                "govrel_dep=" + rel + "|" + dep,
                "govdepth=" + _bucket(depth),
                "ent=" + table.ent[i],
            ]
            if rate is not None:
                feats += ["cr=" + bucket[i], "hcr=" + bucket[head], "cr_pos=" + bucket[i] + "|" + pos]
                lrel, ldepth = learned[i]
                if lrel != "-":
                    feats += ["lgov=" + lrel, "lgov_dep=" + lrel + "|" + dep, "lgovdepth=" + _bucket(ldepth)]
                if rate[i] >= 0.05:  # the frame of a possible cue: the relations of its dependents
                    feats += ["kid=" + deps[j] for j in table.kids[i] if deps[j] in FRAME_DEPS]
            if lemma in cue_verbs and pos in {"VERB", "AUX"}:
                feats.append("cueverb")
            if lower in prepositions:
                feats.append("prep_cue")
            if i in sent_starts:
                feats.append("sent_start")
            if i in sent_ends:
                feats.append("sent_end")
            if k == 0:
                feats.append("par_start")
            here = [rule_tags[role].get(i, "O") for role in ROLES]
            marks = list(clause_marks.get(i, ()))
            feats += ["rule_source=" + here[0], "rule_cue=" + here[1], "rule_content=" + here[2]]
            feats += marks
            # where is the nearest cue verb of the paragraph, and how far
            if cue_positions:
                j = bisect_left(cue_positions, k)
                before = k - cue_positions[j - 1] if j > 0 else None
                after = cue_positions[j] - k if j < len(cue_positions) else None
                if after == 0:
                    feats.append("cue_here")
                else:
                    if before is not None:
                        feats.append("cue_before=" + _bucket(before))
                    if after is not None:
                        feats.append("cue_after=" + _bucket(after))
            else:
                feats.append("no_cue_in_par")
            base.append(feats)
            # a neighbour shows its word (and, next door, its POS, relation, quote state, the
            # rules' three tags as one value, its clause marks)
            shown = ["w=" + lower] if rate is None else ["w=" + lower, "cr=" + bucket[i]]
            far.append(shown)
            near.append(shown + ["pos=" + pos, "dep=" + dep, "quote=" + str(quotes[k]), "rules=" + "".join(here)] + marks)
        features = []
        size = len(paragraph)
        for k, feats in enumerate(base):
            merged = list(feats)
            for offset, prefix in ((-2, "-2:"), (-1, "-1:"), (1, "1:"), (2, "2:")):
                j = k + offset
                if 0 <= j < size:
                    merged += [prefix + name for name in (near[j] if offset in (-1, 1) else far[j])]
                else:
                    merged.append(prefix + "pad")
            features.append(merged)
        out.append((paragraph, features))
    return out, table, rule_tags


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


# PolNeAR's spans keep edge commas and colons ("Maria Lopez, a local teacher," / "said:"), and
# the exact-match measure counts them: the model's spans lose only surrounding spaces
EDGE_PUNCT: set[str] = set()


def _trim(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans without spaces (or EDGE_PUNCT) at their edges."""
    out = []
    for start, end in spans:
        while start < end and (text[start] in EDGE_PUNCT or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in EDGE_PUNCT or text[end - 1].isspace()):
            end -= 1
        if start < end:
            out.append((start, end))
    return out


def decode_spans(doc, tokens: list[int], labels: list[str], text: str | None = None) -> list[tuple[int, int]]:
    """Character spans of the B/I runs of one paragraph (`text`: doc.text, when the caller has it)."""
    return _trim(doc.text if text is None else text, _runs(doc, tokens, labels))


def _runs(doc, tokens: list[int], labels: list[str]) -> list[tuple[int, int]]:
    return bio_spans([(doc[i].idx, doc[i].idx + len(doc[i].text)) for i in tokens], labels)


def load_taggers(directory: Path = MODEL_DIR) -> dict | None:
    """role -> pycrfsuite.Tagger, or None when the weights are not there.

    The weights ship gzipped (`<role>.crfsuite.gz`, a third of the size); a
    plain `<role>.crfsuite` (what training writes) is read as well.
    """
    import gzip

    import pycrfsuite

    taggers = {}
    for role in ROLES:
        packed, plain = directory / f"{role}.crfsuite.gz", directory / f"{role}.crfsuite"
        if packed.exists():
            data = gzip.decompress(packed.read_bytes())
        elif plain.exists():
            data = plain.read_bytes()
        else:
            return None
        taggers[role] = _Tagger(pycrfsuite.Tagger(), data)
    rates = directory / RATES_FILE
    taggers["rates"] = json.loads(rates.read_text(encoding="utf-8")) if rates.exists() else {}
    return taggers


class _Tagger:
    """A CRF tagger opened on bytes in memory, which it keeps (crfsuite reads them in place)."""

    def __init__(self, tagger, data: bytes):
        self._data = data
        self._tagger = tagger
        tagger.open_inmemory(data)

    def tag(self, features):
        """Labels of one paragraph: `features` as lists of strings, or a pycrfsuite.ItemSequence
        (built once, it serves the three taggers: the conversion is a fifth of their cost)."""
        return self._tagger.tag(features)

    def inside(self, n: int) -> list[float]:
        """Per token of the paragraph last tagged: the model's probability that it is not O."""
        return [1.0 - self._tagger.marginal("O", k) for k in range(n)]


# Viterbi leaves O many tokens the cue CRF gives a fair chance of being a cue (on PolNeAR dev a
# fifth of gold cues had no cue, model's or rules', on them): a run of tokens each at least this
# likely inside a cue (marginal probability) is a cue too, where Viterbi found none. None: Viterbi
# alone. A cue becomes a claim only beside a content span. Measured through `combine` (`train_spans
# combine --cue-floors`): at 0.35 the held-out tenth of train gains 0.002 / 0.002 / 0.001 exact
# source / cue / content, dev loses 0.006 cue exact (0.25: dev cue 0.667 -> 0.655): the extra cues
# are mostly not PolNeAR's. Off: the cues the model misses need a better model, not a lower bar.
CUE_FLOOR: float | None = None


def _confident_runs(offsets, labels, inside, floor) -> list[tuple[int, int]]:
    """Character spans of runs of O tokens whose probability of being inside a cue is >= floor."""
    extra = ["I" if label == "O" and p >= floor else "O" for label, p in zip(labels, inside)]
    return bio_spans(offsets, extra)


def tag_spans(doc, cues, rules: list[dict], taggers: dict, cue_floor: float | None = None) -> dict[str, list[tuple[int, int]]]:
    """role -> predicted character spans, in text order (`cue_floor`: CUE_FLOOR unless given)."""
    floor = CUE_FLOOR if cue_floor is None else (cue_floor or None)
    paragraphs, table, rule_tags = _article_features(doc, cues, rules, True, taggers.get("rates"))
    found: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    text = doc.text
    rule_tokens = {i for tags in rule_tags.values() for i in tags}
    starts, words = table.idx, table.text
    from pycrfsuite import ItemSequence

    for tokens, features in paragraphs:
        features = ItemSequence(features)
        offsets = [(starts[i], starts[i] + len(words[i])) for i in tokens]
        labels = taggers["cue"].tag(features)
        cues_here = _trim(text, bio_spans(offsets, labels))
        if floor is not None and "O" in labels:
            cues_here = sorted(cues_here + _trim(text, _confident_runs(offsets, labels, taggers["cue"].inside(len(labels)), floor)))
        found["cue"] += cues_here
        if not cues_here and not rule_tokens.intersection(tokens):
            continue  # source and content spans are kept only beside a cue: no need to tag them here
        for role in ("source", "content"):
            found[role] += _trim(text, bio_spans(offsets, taggers[role].tag(features)))
    return found
