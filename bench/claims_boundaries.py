"""Are claims' lost exact matches a matter of boundaries? Syntactic candidates for content and source spans.

    OMP_NUM_THREADS=1 python bench/claims_boundaries.py [--cache /tmp/sucesos-claims-cache]

Needs the parses `python -m sucesos.claims.train_spans parse` caches, and the
held-out models of `train_spans heldout` (fitted on nine tenths of PolNeAR
train). For content and source, on PolNeAR dev:
1. how often gold's span equals a syntactic candidate read from gold's own
   cue: the cue's complement subtree (ccomp / xcomp / dobj ..., before or
   after it), the clause it hangs from ("X happened, sources said";
   "according to X, Y"), the rest of the sentence after or before it, the
   quotation around the span found; for sources the subject subtree (with and
   without relative clauses), an agent or "according to" object. Each with
   its edge punctuation kept, dropped ("_trim"), or all punctuation dropped ("_bare");
2. of gold spans, how many the CRF tags exactly, how many the shipped system (rules + CRFs, combined) finds at
   50% overlap and exactly, and how many more one candidate (read from the
   system's own cue and span) would make exact: the most a boundary choice can gain;
3. a learned boundary choice (a conditional logit over the candidates of one
   claim: kind, agreement with the span found, edges, length), fitted on the
   held-out tenth of train as answered by the held-out models, scored on dev
   (exact-match F1 of the role before and after).
Its answer on this branch (see the closing note of issue #16): boundaries are
not the gap; the cues the system never finds are.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
from pathlib import Path

import numpy as np

Pair = tuple[int, int]
COMPLEMENT_DEPS = {"ccomp", "xcomp", "parataxis", "dobj", "obj", "advcl", "dep", "pcomp", "attr", "oprd"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent", "expl"}
OPENING = set("“«‘„\"'")
CLOSING = set("”»’\"'")
EDGE = set(",;:—–-.") | {"--"}
MAX_TOKENS = 400


def _tokens_span(tokens) -> Pair | None:
    words = [t for t in tokens if not t.is_space]
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _variants(tokens, kind: str) -> list[tuple[str, Pair]]:
    """The span of `tokens` as is, and without edge punctuation (quote marks kept, then dropped too)."""
    words = [t for t in tokens if not t.is_space]
    out = []
    whole = _tokens_span(words)
    if whole is None:
        return out
    out.append((kind, whole))
    core = list(words)
    while core and (core[0].text in EDGE or core[0].is_punct and core[0].text not in OPENING):
        core.pop(0)
    while core and (core[-1].text in EDGE or core[-1].is_punct and core[-1].text not in CLOSING):
        core.pop()
    pair = _tokens_span(core)
    if pair is not None and pair != whole:
        out.append((kind + "_trim", pair))
    bare = [t for t in core]
    while bare and bare[0].is_punct:
        bare.pop(0)
    while bare and bare[-1].is_punct:
        bare.pop()
    pair2 = _tokens_span(bare)
    if pair2 is not None and pair2 not in (whole, pair):
        out.append((kind + "_bare", pair2))
    return out


def _root(doc, pair: Pair | None):
    if pair is None:
        return None
    span = doc.char_span(pair[0], pair[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _quote_around(text: str, span: Pair, limit: int = 3000) -> Pair | None:
    """The quotation (marks included) that holds or opens at `span`, when its marks lie near its edges."""
    start, end = span
    left = start
    while left > 0 and start - left < 3 and (text[left - 1].isspace() or text[left - 1] in OPENING):
        left -= 1
    while left < start and text[left].isspace():
        left += 1
    if left >= len(text) or text[left] not in OPENING:
        return None
    right = end
    while right < len(text) and right - end < 3 and (text[right] in CLOSING or text[right] in ",.?!"):
        right += 1
    if right - left > limit or right <= left:
        return None
    while right > end and text[right - 1] not in CLOSING:
        right -= 1
    return (left, right) if right > left and text[right - 1] in CLOSING else None


def candidates(doc, role: str, span: Pair, cue: Pair | None) -> list[tuple[str, Pair]]:
    """(kind, span) candidates for one claim's `role` span (`span`: the one found), the found one first."""
    text = doc.text
    out: list[tuple[str, Pair]] = [("found", span)]
    found_tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    if found_tokens is not None and len(found_tokens):
        out += [(k.replace("found", "foundtok"), p) for k, p in _variants(list(found_tokens), "found")[1:]]
    head = _root(doc, cue)
    if head is not None:
        cue_tokens = {t.i for t in doc.char_span(cue[0], cue[1], alignment_mode="expand")}
        sent = head.sent
        verb = head
        if role == "content":
            for child in verb.children:
                if child.dep_ in COMPLEMENT_DEPS and child.i not in cue_tokens:
                    subtree = list(child.subtree)
                    if len(subtree) <= MAX_TOKENS:
                        out += _variants(subtree, "sub_" + ("after" if child.i > verb.i else "before"))
            # the clause the cue hangs from ("X happened, sources said"; "according to X, Y")
            if verb.head.i != verb.i:
                inside = {t.i for t in verb.subtree}
                clause = [t for t in verb.head.subtree if t.i not in inside]
                if 0 < len(clause) <= MAX_TOKENS:
                    out += _variants(clause, "head")
                    out += _variants([t for t in clause if t.i < verb.i], "head_before")
                    out += _variants([t for t in clause if t.i > verb.i], "head_after")
            last = max(cue_tokens)
            first = min(cue_tokens)
            after = [t for t in sent if t.i > last]
            before = [t for t in sent if t.i < first]
            if after:
                out += _variants(after, "rest_after")
            if before:
                out += _variants(before, "rest_before")
            quote = _quote_around(text, span)
            if quote is not None:
                out.append(("quote", quote))
        else:
            for child in verb.children:
                if child.dep_ in SUBJECT_DEPS:
                    subtree = [t for t in child.subtree]
                    if len(subtree) <= MAX_TOKENS:
                        out += _variants(subtree, "subj")
                        trimmed = [t for t in subtree if not _in_relative(t, child)]
                        if len(trimmed) != len(subtree):
                            out += _variants(trimmed, "subj_norel")
                        core = [t for t in child.subtree if t.i <= child.i or t.dep_ in {"compound", "flat"}]
                        out += _variants(_contiguous(core, child), "subj_head")
                if child.dep_ == "prep" and child.i not in cue_tokens:
                    for grand in child.children:
                        if grand.dep_ == "pobj":
                            out += _variants(list(grand.subtree), "agent_obj")
            # "according to X": the object of the preposition inside the cue
            for t in (doc[i] for i in sorted(cue_tokens)):
                for grand in t.children:
                    if grand.dep_ == "pobj" and grand.i not in cue_tokens:
                        out += _variants(list(grand.subtree), "prep_obj")
    seen: set[Pair] = set()
    unique = []
    for kind, pair in out:
        if pair in seen or pair[0] >= pair[1] or (cue is not None and pair[0] < cue[1] and cue[0] < pair[1]):
            if kind == "found" and pair not in seen:
                seen.add(pair)
                unique.append((kind, pair))
            continue
        seen.add(pair)
        unique.append((kind, pair))
    return unique


def _in_relative(token, head) -> bool:
    """Whether `token` is inside a relative clause or apposition under `head` (PolNeAR trims them from sources)."""
    node = token
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ in {"relcl", "acl", "appos"}:
            return True
        node = node.head
    return False


def _contiguous(tokens, head) -> list:
    """The run of `tokens` around `head` with no gap."""
    ids = sorted(t.i for t in tokens)
    if head.i not in ids:
        return []
    k = ids.index(head.i)
    low = high = k
    while low > 0 and ids[low - 1] == ids[low] - 1:
        low -= 1
    while high + 1 < len(ids) and ids[high + 1] == ids[high] + 1:
        high += 1
    doc = head.doc
    return [doc[i] for i in ids[low:high + 1]]


def _jaccard(a: Pair, b: Pair) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def features(doc, role: str, kind: str, pair: Pair, found: Pair, cue: Pair | None, kinds_here: set[str]) -> dict[str, float]:
    """Named features of one candidate (values in [0, 1] or indicators)."""
    text = doc.text
    base = kind.split("_trim")[0].split("_bare")[0]
    f = {"bias": 1.0, "k=" + kind: 1.0, "base=" + base: 1.0}
    same_start, same_end = pair[0] == found[0], pair[1] == found[1]
    f["same_start"] = float(same_start)
    f["same_end"] = float(same_end)
    f["same_both"] = float(same_start and same_end)
    f["jac"] = _jaccard(pair, found)
    f["k_jac=" + base] = f["jac"]
    f["first=" + text[pair[0]]] = 1.0 if not text[pair[0]].isalnum() else 0.0
    f["last=" + text[pair[1] - 1]] = 1.0 if not text[pair[1] - 1].isalnum() else 0.0
    first_word = text[pair[0]:pair[1]].split(" ", 1)[0].lower()
    if first_word in {"that", "to", "whether", "if", "how", "why", "what"}:
        f["first_w=" + first_word] = 1.0
    f["longer"] = float(pair[1] - pair[0] > found[1] - found[0])
    f["log_len"] = math.log1p(pair[1] - pair[0]) / 8
    f["log_ratio"] = max(-2.0, min(2.0, math.log((pair[1] - pair[0]) / max(1, found[1] - found[0]))))
    if cue is not None:
        f["after_cue"] = float(pair[0] >= cue[1])
    if "quote" in kinds_here:
        f["quote_exists"] = 1.0
    f["role=" + role] = 1.0
    return f


def _ov(a: Pair, b: Pair) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _half(a: Pair, b: Pair) -> bool:
    return _ov(a, b) * 2 >= max(a[1] - a[0], b[1] - b[0])


def _valid(pair: Pair, text: str) -> bool:
    return 0 <= pair[0] < pair[1] <= len(text)


def system_claims(cache: Path, split: str, resources, cues) -> list[tuple]:
    """(doc, gold attributions, the system's claims as role -> pair, the CRFs' own spans) per article of `split`
    ("dev": the shipped models; "train": its held-out tenth, the held-out models)."""
    from sucesos.actors.component import find_mentions
    from sucesos.claims.combine import combine
    from sucesos.claims.extract import find_claims
    from sucesos.claims.spans import MODEL_DIR, ROLES, load_taggers, tag_spans
    from sucesos.claims.train_spans import load_split
    from sucesos.pipeline import Analysis

    docs, meta = load_split(cache, split, resources.nlp("en").vocab)
    if split == "train":
        held = set(json.loads((cache / "heldout.json").read_text())["held_ids"])
        keep = [k for k, key in enumerate(meta["ids"]) if key in held]
        docs, meta = [docs[k] for k in keep], {key: [value[k] for k in keep] for key, value in meta.items()}
        model_dir = cache / "heldout"
    else:
        model_dir = MODEL_DIR
    taggers = load_taggers(model_dir)
    pair = lambda s: (s.start, s.end) if s is not None else None  # noqa: E731
    out = []
    for doc, gold in zip(docs, meta["gold"]):
        values = {"doc": doc, "text": doc.text, "lang": "en"}
        values.update(find_mentions(Analysis(values), resources))
        rule_claims = find_claims(doc, values["mentions"], cues, doc.text)
        rules = [{r: pair(getattr(c, r)) for r in ROLES} for c in rule_claims]
        found = tag_spans(doc, cues, rules, taggers)
        claims = combine(doc, doc.text, found, rule_claims, values["mentions"], cues)
        out.append((doc, gold, [{r: pair(getattr(c, r)) for r in ROLES} for c in claims], found))
    return out


def measure(articles, role: str) -> dict:
    n_gold = any_kind = half = exact = oracle = crf = 0
    by_kind: collections.Counter = collections.Counter()
    fixes: collections.Counter = collections.Counter()
    for doc, gold, claims, found in articles:
        text = doc.text
        seen = set()
        crf_spans = set(found[role])
        for a in gold:
            if not a.get(role):
                continue
            g = (a[role]["start"], a[role]["end"])
            cue = (a["cue"]["start"], a["cue"]["end"]) if a.get("cue") else None
            if g in seen or not _valid(g, text) or (cue is not None and not _valid(cue, text)):
                continue
            seen.add(g)
            n_gold += 1
            crf += g in crf_spans
            if cue is not None:
                kinds = {k for k, p in candidates(doc, role, cue, cue)[1:] if p == g}
                by_kind.update(kinds)
                any_kind += bool(kinds)
            match = [c for c in claims if c[role] and _half(c[role], g)]
            if not match:
                continue
            half += 1
            if any(c[role] == g for c in match):
                exact += 1
                oracle += 1
                continue
            best = max(match, key=lambda c: _ov(c[role], g))
            kinds = {k for k, p in candidates(doc, role, best[role], best["cue"]) if p == g}
            oracle += bool(kinds)
            fixes.update(kinds)
    share = lambda n: round(n / n_gold, 3) if n_gold else 0.0  # noqa: E731
    return {"gold": n_gold, "equals_a_candidate_of_gold_cue": share(any_kind),
            "by_kind": {k: share(v) for k, v in by_kind.most_common()},
            "crf_span_exact_recall": share(crf),
            "system_overlap50_recall": share(half), "system_exact_recall": share(exact),
            "exact_recall_with_best_candidate": share(oracle), "fixed_by_kind": dict(fixes.most_common())}


def cue_states(articles) -> dict:
    """Gold cues in a claim with the same cue, an overlapping one, or none; and, where the
    cue is the same, how often that claim's source and content are exact too."""
    states: collections.Counter = collections.Counter()
    for _doc, gold, claims, _found in articles:
        for a in gold:
            if not a.get("cue"):
                continue
            g = (a["cue"]["start"], a["cue"]["end"])
            near = [c for c in claims if c["cue"] and _ov(c["cue"], g)]
            same = [c for c in near if c["cue"] == g]
            state = "same" if same else "overlapping" if near else "missed"
            states[state] += 1
            for role in ("source", "content"):
                if state == "same" and a.get(role):
                    states[role] += 1
                    states[role + "_exact"] += any(c[role] == (a[role]["start"], a[role]["end"]) for c in same)
    total = sum(states[k] for k in ("same", "overlapping", "missed"))
    return {"gold_cues": total, **{f"cue_{k}": round(states[k] / total, 3) for k in ("same", "overlapping", "missed")},
            **{f"{r}_exact_where_cue_same": round(states[r + "_exact"] / max(1, states[r]), 3) for r in ("source", "content")}}


def _groups(articles, role: str) -> list:
    out = []
    for doc, gold, claims, _found in articles:
        golds = {(a[role]["start"], a[role]["end"]) for a in gold if a.get(role)}
        for c in claims:
            if not c[role] or not c["cue"]:
                continue
            options = candidates(doc, role, c[role], c["cue"])
            kinds = {k for k, _ in options}
            out.append(([features(doc, role, k, p, c[role], c["cue"], kinds) for k, p in options],
                        [p in golds for _, p in options], [p for _, p in options]))
    return out


def fit(groups, l2: float = 1.0, iterations: int = 300, rate: float = 0.5) -> dict[str, float]:
    """A conditional logit over each claim's candidates (gradient descent; groups with no right candidate skipped)."""
    names = sorted({n for feats, _, _ in groups for f in feats for n in f})
    index = {n: i for i, n in enumerate(names)}
    data = []
    for feats, labels, _ in groups:
        if not any(labels):
            continue
        x = np.zeros((len(feats), len(names)))
        for r, f in enumerate(feats):
            for n, v in f.items():
                x[r, index[n]] = v
        y = np.array(labels, float)
        data.append((x, y / y.sum()))
    w = np.zeros(len(names))
    for _ in range(iterations):
        grad = l2 * w / len(data)
        for x, y in data:
            s = x @ w
            p = np.exp(s - s.max())
            grad += x.T @ (p / p.sum() - y) / len(data)
        w -= rate * grad
    return {n: float(w[i]) for n, i in index.items()}


def exact_f1(articles, role: str, replaced: dict | None = None) -> float:
    hits = n_pred = n_gold = 0
    k = 0
    for doc, gold, claims, _found in articles:
        golds = {(a[role]["start"], a[role]["end"]) for a in gold if a.get(role)}
        pred = set()
        for c in claims:
            if not c[role]:
                continue
            span = c[role]
            if c["cue"] and replaced is not None:
                span = replaced[k]
                k += 1
            pred.add(span)
        hits += len(pred & golds)
        n_pred += len(pred)
        n_gold += len(golds)
    p, r = hits / max(1, n_pred), hits / max(1, n_gold)
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def main() -> None:
    from sucesos.claims.cues import load_cues
    from sucesos.pipeline import Resources

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", default="/tmp/sucesos-claims-cache")
    args = parser.parse_args()
    cache = Path(args.cache)
    resources = Resources()
    cues = load_cues()["en"]
    dev = system_claims(cache, "dev", resources, cues)
    held = system_claims(cache, "train", resources, cues)
    print(json.dumps({"cues": cue_states(dev)}, indent=1))
    for role in ("content", "source"):
        report = measure(dev, role)
        weights = fit(_groups(held, role))
        chosen = []
        for feats, _labels, pairs in _groups(dev, role):
            scores = [sum(weights.get(n, 0.0) * v for n, v in f.items()) for f in feats]
            chosen.append(pairs[int(np.argmax(scores))])
        report["learned_choice"] = {"dev_exact_f1_before": exact_f1(dev, role), "dev_exact_f1_after": exact_f1(dev, role, chosen),
                                    "claims_changed": sum(1 for (_f, _l, pairs), c in zip(_groups(dev, role), chosen) if c != pairs[0])}
        print(json.dumps({role: report}, indent=1))


if __name__ == "__main__":
    main()
