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
        self.sent_start = []
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


def _clause_edges(doc, table: _Table, cue_verbs) -> dict[int, set[str]]:
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
        if lemma not in cue_verbs or table.pos[i] not in {"VERB", "AUX"}:
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


def _may_attribute(table: _Table, paragraph: list[int], cue_verbs, prepositions, rule_tags) -> bool:
    """Whether a paragraph holds anything an attribution needs: a cue word, a quote mark, a rule span."""
    for i in paragraph:
        text = table.text[i]
        if table.lemma[i] in cue_verbs or table.lower[i] in prepositions or text in QUOTE_MARKS:
            return True
        if text == ":" or any(i in tags for tags in rule_tags.values()):
            return True
    return False


def article_features(doc, cues, rules: list[dict], skip_plain: bool = False) -> list[tuple[list[int], list[dict]]]:
    """Per paragraph: (token indexes, one feature list a token: crfsuite attribute names, value 1).

    `skip_plain`: leave out paragraphs with no cue word, quote mark or rule span (at run time:
    they hold no attribution, and tagging them is most of the model's cost).
    """
    return list(iter_article_features(doc, cues, rules, skip_plain))


def iter_article_features(doc, cues, rules: list[dict], skip_plain: bool = False):
    """`article_features` one paragraph at a time (a long article's features are never all held at once)."""
    cue_verbs = cues.cue_verbs
    rule_tags = _rule_tags(doc, rules)
    prepositions = {words[0] for words in cues.prepositions}
    table = _Table(doc)
    paragraphs = [p for p in _paragraphs(table)
                  if not skip_plain or _may_attribute(table, p, cue_verbs, prepositions, rule_tags)]
    if not paragraphs:
        return
    clause_marks = _clause_edges(doc, table, cue_verbs)
    governors = _governors(table, cue_verbs, [i for p in paragraphs for i in p])
    sent_starts = {i for i, start in enumerate(table.sent_start) if start}
    sent_ends = {i - 1 for i in sent_starts if i} | {len(doc) - 1}
    lowers, lemmas, poses, tags, deps, heads = table.lower, table.lemma, table.pos, table.tag, table.dep, table.head
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
            # every feature has the value 1 (crfsuite's default for a plain string)
            feats = [
                "bias",
                "w=" + lower,
                "lemma=" + lemma,
                "pos=" + pos,
                "tag=" + tags[i],
                "dep=" + dep,
                "hdep=" + deps[head],
                "hlemma=" + lemmas[head],
                "hpos=" + poses[head],
                "suf3=" + lower[-3:],
                "shape=" + table.shape[i],
                "quote=" + str(quotes[k]),
                "gov=" + rel,
                "govlemma=" + gov,
                "govrel_dep=" + rel + "|" + dep,
                "govdepth=" + _bucket(depth),
                "ent=" + table.ent[i],
            ]
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
            rules_here = ["rule_" + role + "=" + rule_tags[role].get(i, "O") for role in ROLES]
            marks = list(clause_marks.get(i, ()))
            feats += rules_here
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
            shown = ["w=" + lower, "pos=" + pos]
            far.append(shown)
            near.append(shown + ["dep=" + dep, "quote=" + str(quotes[k])] + rules_here + marks)
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
        yield paragraph, features


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


def tag_spans(doc, cues, rules: list[dict], taggers: dict) -> dict[str, list[tuple[int, int]]]:
    """role -> predicted character spans, in text order."""
    paragraphs = iter_article_features(doc, cues, rules, skip_plain=True)
    found: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    text = doc.text
    rule_tokens = {i for tags in _rule_tags(doc, rules).values() for i in tags}
    from pycrfsuite import ItemSequence

    for tokens, features in paragraphs:
        features = ItemSequence(features)
        cues_here = decode_spans(doc, tokens, taggers["cue"].tag(features), text)
        found["cue"] += cues_here
        if not cues_here and not rule_tokens.intersection(tokens):
            continue  # source and content spans are kept only beside a cue: no need to tag them here
        for role in ("source", "content"):
            found[role] += decode_spans(doc, tokens, taggers[role].tag(features), text)
    return found
