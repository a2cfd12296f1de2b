"""Where are gold cues lost? Each PolNeAR gold cue followed stage by stage through English claims.

    OMP_NUM_THREADS=1 python bench/claims_cue_loss.py [GOLD] [--models DIR] [--json out/cue_loss.json]

Runs what `sucesos eval claims` runs for English (parse, actor mentions, the
rules, the CRF taggers, `combine`), keeping each stage's output, and puts every
gold cue in the first stage that loses it:
- `gated`: its paragraph never reached the taggers (no cue word, quote mark,
  colon or rule span in it: `spans._may_attribute`);
- `neither`: reached them, but neither the cue CRF nor the rules put a cue on it;
- `rules only, dropped`: the rules have a cue on it, the CRF none, and combine
  dropped the rule claim (`KEEP_UNMATCHED_RULES`);
- `crf cue, dropped`: the CRF tagged a cue on it but no claim keeps it (split
  by why: no model content within reach, or its content taken by another claim);
- `found`: a claim's cue overlaps it (`exact` when the spans are equal).
Then the losses by the gold cue's head word (lemma|POS) and by what the gold
attribution has (an implicit source: no source span). Dev is read, never
trained on; the figures say where recall goes, they select nothing.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "attribution" / "polnear-dev.jsonl"


def _overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _pair(span):
    return (span.start, span.end) if span is not None else None


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    parser.add_argument("--models", default=None, help="the CRF weights (default the shipped ones)")
    parser.add_argument("--json", default=None)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    from sucesos.actors.component import find_mentions
    from sucesos.claims.combine import REACH, _nearest, combine
    from sucesos.claims.cues import load_cues
    from sucesos.claims.extract import find_claims
    from sucesos.claims.spans import MODEL_DIR, _article_features, load_taggers, tag_spans
    from sucesos.pipeline import Analysis, Resources

    resources = Resources()
    nlp = resources.nlp("en")
    cues = load_cues()["en"]
    taggers = load_taggers(Path(args.models) if args.models else MODEL_DIR)
    rows = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    stages = collections.Counter()
    lost_by_word: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    by_shape = collections.defaultdict(collections.Counter)
    examples = collections.defaultdict(list)
    boundaries = collections.Counter()
    predicted = collections.defaultdict(collections.Counter)
    boundary_words = collections.Counter()
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows], batch_size=8)):
        text = row["text"]
        values = {"doc": doc, "text": text, "lang": "en"}
        values.update(find_mentions(Analysis(values), resources))
        rule_claims = find_claims(doc, values["mentions"], cues, text)
        rules = [{role: _pair(getattr(c, role)) for role in ("source", "cue", "content")} for c in rule_claims]
        paragraphs, _table, _tags = _article_features(doc, cues, rules, True, taggers.get("rates"))
        reached = {i for tokens, _f in paragraphs for i in tokens}
        found = tag_spans(doc, cues, rules, taggers)
        final = combine(doc, text, found, rule_claims, values["mentions"], cues)
        final_cues = [_pair(c.cue) for c in final if c.cue is not None]
        rule_cues = [_pair(c.cue) for c in rule_claims if c.cue is not None]
        gold_cues = [(a["cue"]["start"], a["cue"]["end"]) for a in row["gold"]["attributions"] if a.get("cue")]
        for claim in final:
            if claim.cue is None:
                continue
            c = _pair(claim.cue)
            verdict = "exact" if c in gold_cues else "overlap" if any(_overlap(c, g) for g in gold_cues) else "false"
            shape = ("src" if claim.source else "-") + "/" + ("content" if claim.content else "-")
            predicted[f"{claim.method:12s} {shape:12s}"][verdict] += 1
        seen = set()
        for gold in row["gold"]["attributions"]:
            cue = gold.get("cue")
            if not cue or not 0 <= cue["start"] < cue["end"] <= len(text):
                continue
            g = (cue["start"], cue["end"])
            if g in seen:
                continue
            seen.add(g)
            span = doc.char_span(g[0], g[1], alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
            word = f"{head.lemma_.lower()}|{head.pos_}" if head is not None else "?"
            if span is not None and len(span) > 1 and span.text.lower().startswith("according to"):
                word = "according to|ADP"
            shape = ("source" if gold.get("source") else "no source") + " / " + \
                    ("content" if gold.get("content") else "no content")
            crf = [c for c in found["cue"] if _overlap(c, g)]
            if any(_overlap(c, g) for c in final_cues):
                stage = "found, exact" if g in final_cues else "found, other boundary"
                if g not in final_cues:
                    mine = next(c for c in final_cues if _overlap(c, g))
                    method = next(c.method for c in final if c.cue is not None and _pair(c.cue) == mine)
                    side = ("longer" if mine[0] <= g[0] and mine[1] >= g[1] else
                            "shorter" if mine[0] >= g[0] and mine[1] <= g[1] else "shifted")
                    extra = text[min(mine[0], g[0]):max(mine[0], g[0])] + " … " + text[min(mine[1], g[1]):max(mine[1], g[1])]
                    boundaries[f"{side} ({method})"] += 1
                    boundary_words[f"{side}: {extra.strip().lower()}"] += 1
            elif span is not None and not any(t.i in reached for t in span):
                stage = "gated (paragraph never tagged)"
            elif crf:
                near = _nearest(crf[0], sorted(found["content"]), text)
                far = near is None or min(abs(crf[0][0] - s[1]) for s in found["content"]) > REACH
                stage = "crf cue, dropped: no model content near" if far else "crf cue, dropped: content taken/other"
            elif any(_overlap(c, g) for c in rule_cues):
                stage = "rules only, dropped by combine"
            else:
                stage = "neither crf nor rules"
            stages[stage] += 1
            by_shape[shape][stage] += 1
            if not stage.startswith("found"):
                lost_by_word[word][stage] += 1
                if len(examples[stage]) < 8:
                    start = max(0, g[0] - 60)
                    examples[stage].append(text[start:g[0]] + "[[" + text[g[0]:g[1]] + "]]" + text[g[1]:g[1] + 60])
            else:
                lost_by_word[word]["found"] += 1
    total = sum(stages.values())
    report = {"gold_cues": total, "stages": dict(stages.most_common()),
              "by_attribution_shape": {k: dict(v.most_common()) for k, v in by_shape.items()},
              "lost_by_word": {}, "examples": examples}
    print(f"gold cues: {total}")
    for stage, n in stages.most_common():
        print(f"  {stage:45s} {n:5d}  {n / total:6.1%}")
    print("by attribution shape:")
    for shape, counter in by_shape.items():
        n = sum(counter.values())
        lost = n - counter["found, exact"] - counter["found, other boundary"]
        print(f"  {shape:25s} {n:5d} gold, {lost:5d} lost ({lost / n:.0%}): {dict(counter.most_common())}")
    ranked = sorted(lost_by_word.items(), key=lambda kv: -(sum(kv[1].values()) - kv[1]["found"]))
    print(f"head words of lost cues (top {args.top}): lost / all, by stage")
    for word, counter in ranked[: args.top]:
        n = sum(counter.values())
        lost = n - counter["found"]
        report["lost_by_word"][word] = dict(counter)
        print(f"  {word:22s} {lost:4d} / {n:4d}  " + ", ".join(f"{k}: {v}" for k, v in counter.most_common() if k != "found"))
    print("found with another boundary: the system's cue against gold's, by which produced it")
    for key, n in boundaries.most_common():
        print(f"  {key:30s} {n:4d}")
    print("  the characters that differ (before … after), most frequent:")
    for key, n in boundary_words.most_common(args.top):
        print(f"    {n:4d}  {key!r}")
    print("predicted cues by who produced the claim and what it has: exact / overlapping / matching no gold cue")
    for key, counter in sorted(predicted.items(), key=lambda kv: -sum(kv[1].values())):
        n = sum(counter.values())
        print(f"  {key} {n:5d}: exact {counter['exact']:4d}, overlap {counter['overlap']:4d}, false {counter['false']:4d} ({counter['false'] / n:.0%})")
    report["predicted"] = {k: dict(v) for k, v in predicted.items()}
    report["boundaries"] = dict(boundaries.most_common())
    report["boundary_words"] = dict(boundary_words.most_common(100))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return report


if __name__ == "__main__":
    sys.exit(main() and 0)
