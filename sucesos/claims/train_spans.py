"""Train the English attribution span model (CRF) on PolNeAR train; select on dev.

Reproducible, seeded, CPU only (about half an hour on two cores):

    OMP_NUM_THREADS=1 python -m sucesos.claims.train_spans parse   # parse once, cache DocBins
    OMP_NUM_THREADS=1 python -m sucesos.claims.train_spans train   # fit the three role CRFs
    OMP_NUM_THREADS=1 python -m sucesos.claims.train_spans heldout # 90/10 split of train, scored

`parse` runs the project's own English pipeline (en_core_web_sm plus the
lexicon ruler) and the rule-based claims on every article, and caches the
parses (spaCy DocBin) and the rules' spans under `--cache` (default
/tmp/sucesos-claims-cache), so later steps never re-parse. `train` fits one
CRF per role (source, cue, content; BIO tags) on train, tries the
regularisation settings in `GRID` and keeps, per role, the one with the best
exact-match F1 on dev (dev is for selection only), then writes the models to
`--out` (default out/claims_spans; `--write`: the package's own
`sucesos/data/claims_spans/`). `heldout` trains the selected settings on 90%
of train's articles and scores the other 10%, a figure no selection saw.

Labels come from PolNeAR's spans: a token is inside a span when its
characters are; the first such token is B, the rest I.

The cue lexicon (`spans.cue_rates`: each word's share of its occurrences
inside a gold cue) is a feature: a training article sees the lexicon counted
on the other folds' articles only (FOLDS), so the model learns how far to
trust it on words it has not been told about; dev and run time see the one
counted on all of train, which `train` writes as `cue_rates.json` beside the weights.
`--no-lexicon` trains without it (to measure it). Measured once (c1 0.1, c2 0.05, all of
train; PolNeAR dev through `combine`, the precedence unchanged): exact source/cue/content
0.729 / 0.668 / 0.526 with it against 0.725 / 0.668 / 0.537 without (on 250 train articles
the CRFs alone: cue 0.659 -> 0.661, content 0.471 -> 0.479, source 0.715 -> 0.713; the
combination's precedence, chosen for the earlier models, was not re-selected).
So the shipped weights are still the ones without it, and no `cue_rates.json` ships:
with no lexicon, no lexicon feature is built.

The shipped weights (#16, the lean feature set: no head POS, no bare governing relation, no POS
two tokens away, the rules' tags of a neighbour as one value, no lexicon features) were fitted
with `train --no-lexicon --c1 0.1 --c2 0.05` (the settings the grid had selected for every role)
on a fresh `parse`. PolNeAR dev through `sucesos eval claims`, exact source / cue / content
0.728 / 0.680 / 0.548 before, 0.732 / 0.681 / 0.544 after (the CRFs alone 0.728 / 0.672 / 0.504
-> 0.730 / 0.671 / 0.500); the span model's features 47 -> 33 a token, and `bench/claims_cost.py`
22.4% / 22.5% -> 19.6% / 18.3% of an extraction (two runs each, back to back). On the held-out
tenth of train (`heldout`, then `combine --split train`; no choice saw it), as shipped, 0.695 /
0.636 / 0.511 before, 0.701 / 0.639 / 0.517 after. Measured and left off: tagging source and
content only in a cue's sentence (13% fewer tokens, but 5.6% of the gold source/content tokens
there lie outside it; +-1 sentence saves 2.4%), and every verb's and noun's frame (its dependents'
relations) as cue features (dev exact cue 0.681 -> 0.679, source and content +0.002 / +0.001).

Word clusters, measured and left off (#16, stop 36). A word -> cluster table: the lemmas seen at
least 3 times in train, the English cue lexicon's words and wordfreq's 10,000 commonest English
words (14,070), each encoded alone by the bundled sentence encoder
(`sucesos.link.text.sentence_encoder`), clustered by seeded spherical k-means at k = 256 and 64.
As CRF features ("cl=" and "cl64=" of a token's lemma, else its form; variant A also "hcl=", the
head's fine cluster, and the coarse cluster of the tokens next door), fitted with `heldout
--no-lexicon` at c1 0.1, c2 0.05 on the same fresh parse as the baseline: the held-out tenth
through `combine --split train`, exact source / cue / content, 0.701 / 0.639 / 0.517 without
(the shipped figure, reproduced), 0.704 / 0.639 / 0.514 with A, 0.701 / 0.641 / 0.521 with the
token's own clusters only (B); the CRFs alone 0.693 / 0.645 / 0.478 without, 0.699 / 0.644 /
0.473 (A), 0.699 / 0.644 / 0.475 (B). Bootstrapped over the 84 held-out articles (2,000
resamples) only the CRF's source gain clears zero, and barely (B +0.007, 95% +0.000..+0.014);
the combination keeps the rules' source where the model has a piece of it, and the gain does
not survive it. So neither the table nor its builder ships (this paragraph is enough to rebuild
them; reading many more words per token for nothing is what the lean feature set avoids).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import sys
import time
from pathlib import Path

from sucesos.claims.spans import (MODEL_DIR, RATES_FILE, ROLES, article_features, cue_counts, cue_rates,
                                  decode_spans, role_tags)

log = logging.getLogger(__name__)

SEED = 16
DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "attribution"
# (c1, c2) L1/L2 regularisation; the selected pair per role is kept
GRID = [(0.05, 0.01), (0.1, 0.05), (0.2, 0.1)]
MAX_ITERATIONS = 150
# `train` writes its weights here unless told `--write` (the package's own folder): a trial run
# must not replace the shipped weights
OUT = Path("out") / "claims_spans"


def _read(path: Path, limit: int | None = None) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
                if limit is not None and len(rows) >= limit:
                    break
    return rows


def parse(args) -> None:
    """Parse train and dev once; cache the docs and the rules' claim spans."""
    from spacy.tokens import DocBin

    from sucesos.actors.component import find_mentions
    from sucesos.claims.component import _cues
    from sucesos.claims.extract import find_claims
    from sucesos.pipeline import Analysis, Resources

    resources = Resources()
    nlp = resources.nlp("en")
    cues = _cues(resources)["en"]
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        rows = _read(Path(args.data) / f"polnear-{split}.jsonl", args.limit if split == "train" else None)
        texts = [row["text"] for row in rows]
        bin_ = DocBin(attrs=["ORTH", "LEMMA", "TAG", "POS", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE", "MORPH"])
        rules = []
        started = time.perf_counter()
        for row, doc in zip(rows, nlp.pipe(texts, batch_size=16)):
            values = {"doc": doc, "text": row["text"], "lang": "en"}
            values.update(find_mentions(Analysis(values), resources))
            claims = find_claims(doc, values["mentions"], cues, row["text"])
            rules.append([{role: _pair(getattr(c, role)) for role in ROLES} for c in claims])
            bin_.add(doc)
        bin_.to_disk(cache / f"{split}.spacy")
        with (cache / f"{split}.json").open("w", encoding="utf-8") as handle:
            json.dump({"ids": [r["id"] for r in rows], "gold": [r["gold"]["attributions"] for r in rows],
                       "rules": rules}, handle)
        log.info(f"{split}: {len(rows)} articles parsed in {time.perf_counter() - started:.0f}s")


def _pair(span):
    return [span.start, span.end] if span is not None else None


def load_split(cache: Path, split: str, nlp_vocab):
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(cache / f"{split}.spacy").get_docs(nlp_vocab))
    meta = json.loads((cache / f"{split}.json").read_text(encoding="utf-8"))
    return docs, meta


FOLDS = 5  # the cue lexicon a training article sees is counted on the other folds' articles


def _counts(docs, meta) -> list[tuple[dict, dict]]:
    return [cue_counts(doc, [a.get("cue") for a in gold]) for doc, gold in zip(docs, meta["gold"])]


def _summed(counts) -> tuple[dict, dict]:
    seen: dict[str, int] = {}
    inside: dict[str, int] = {}
    for s, n in counts:
        for key, value in s.items():
            seen[key] = seen.get(key, 0) + value
        for key, value in n.items():
            inside[key] = inside.get(key, 0) + value
    return seen, inside


def lexicon(docs, meta) -> dict[str, float]:
    """The cue lexicon of these articles (what ships, counted on all of train)."""
    return cue_rates(*_summed(_counts(docs, meta)))


def fold_lexicons(docs, meta) -> list[dict[str, float]]:
    """Per article, the cue lexicon counted without its own fold (article k is in fold k % FOLDS)."""
    counts = _counts(docs, meta)
    by_fold = [_summed(counts[f::FOLDS]) for f in range(FOLDS)]
    out = []
    for f in range(FOLDS):
        seen: dict[str, int] = {}
        inside: dict[str, int] = {}
        for g in range(FOLDS):
            if g == f:
                continue
            for key, value in by_fold[g][0].items():
                seen[key] = seen.get(key, 0) + value
            for key, value in by_fold[g][1].items():
                inside[key] = inside.get(key, 0) + value
        out.append(cue_rates(seen, inside))
    return [out[k % FOLDS] for k in range(len(docs))]


def _sequences(docs, meta, cues, rates):
    """Per article: (features per paragraph, tags per role per paragraph, token index lists).

    `rates`: one cue lexicon for every article, or a list of them (one an article)."""
    out = []
    for k, (doc, gold, rules) in enumerate(zip(docs, meta["gold"], meta["rules"])):
        paragraphs = article_features(doc, cues, rules, rates=rates[k] if isinstance(rates, list) else rates)
        tags = {role: role_tags(doc, paragraphs, [a.get(role) for a in gold]) for role in ROLES}
        out.append((paragraphs, tags))
    return out


def _fit(items, role: str, c1: float, c2: float, path: Path, iterations: int = MAX_ITERATIONS) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for paragraphs, tags in items:
        for (tokens, features), labels in zip(paragraphs, tags[role]):
            trainer.append(features, labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(path))


def _predict(items, role: str, path: Path, docs):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    predicted = []
    for doc, (paragraphs, _tags) in zip(docs, items):
        spans = []
        for tokens, features in paragraphs:
            spans += decode_spans(doc, tokens, tagger.tag(features))
        predicted.append(spans)
    tagger.close()
    return predicted


def _exact_f1(predicted: list[list[tuple[int, int]]], gold: list[list], role: str) -> dict:
    hits = n_pred = n_gold = 0
    for spans, attributions in zip(predicted, gold):
        gold_spans = {(a[role]["start"], a[role]["end"]) for a in attributions if a.get(role)}
        pred = set(spans)
        hits += len(pred & gold_spans)
        n_pred += len(pred)
        n_gold += len(gold_spans)
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def _setup(args):
    import spacy

    from sucesos.claims.cues import load_cues

    random.seed(SEED)
    return Path(args.cache), spacy.blank("en").vocab, load_cues()["en"]


def train(args) -> None:
    cache, vocab, cues = _setup(args)
    train_docs, train_meta = load_split(cache, "train", vocab)
    dev_docs, dev_meta = load_split(cache, "dev", vocab)
    if args.limit:
        train_docs, train_meta = train_docs[: args.limit], _cut(train_meta, args.limit)
    rates = {} if args.no_lexicon else lexicon(train_docs, train_meta)
    train_items = _sequences(train_docs, train_meta, cues, fold_lexicons(train_docs, train_meta) if rates else rates)
    dev_items = _sequences(dev_docs, dev_meta, cues, rates)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / RATES_FILE).write_text(json.dumps(rates, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    grid = GRID if not args.c1 else [(args.c1, args.c2)]
    report = {}
    for role in args.roles.split(","):
        best = None
        for c1, c2 in grid:
            started = time.perf_counter()
            path = cache / f"{role}-{c1}-{c2}.crfsuite"
            _fit(train_items, role, c1, c2, path, args.iterations)
            scores = _exact_f1(_predict(dev_items, role, path, dev_docs), dev_meta["gold"], role)
            log.info(f"{role} c1={c1} c2={c2}: dev exact {scores} ({time.perf_counter() - started:.0f}s)")
            if best is None or scores["f1"] > best[0]["f1"]:
                best = (scores, c1, c2, path)
        (out / f"{role}.crfsuite.gz").write_bytes(gzip.compress(best[3].read_bytes(), mtime=0))
        report[role] = {"dev_exact": best[0], "c1": best[1], "c2": best[2]}
    selection = cache / "selection.json"
    earlier = json.loads(selection.read_text()) if selection.exists() else {}
    selection.write_text(json.dumps({**earlier, **report}, indent=1))
    log.info(json.dumps(report, indent=1))


def _cut(meta: dict, n: int) -> dict:
    return {key: value[:n] for key, value in meta.items()}


def heldout(args) -> None:
    """Train the selected settings on 90% of train's articles, score the other 10% (never selected on)."""
    cache, vocab, cues = _setup(args)
    docs, meta = load_split(cache, "train", vocab)
    order = list(range(len(docs)))
    random.Random(SEED).shuffle(order)
    cut = len(order) // 10
    held, fit = sorted(order[:cut]), sorted(order[cut:])
    pick = lambda idx: ([docs[i] for i in idx], {k: [v[i] for i in idx] for k, v in meta.items()})  # noqa: E731
    fit_docs, fit_meta = pick(fit)
    held_docs, held_meta = pick(held)
    selection = json.loads((cache / "selection.json").read_text())
    rates = {} if args.no_lexicon else lexicon(fit_docs, fit_meta)
    (cache / f"heldout-{RATES_FILE}").unlink(missing_ok=True)
    if rates:  # `combine --split train` reads the lexicon beside the held-out models when there is one
        (cache / f"heldout-{RATES_FILE}").write_text(json.dumps(rates), encoding="utf-8")
    fit_items = _sequences(fit_docs, fit_meta, cues, fold_lexicons(fit_docs, fit_meta) if rates else rates)
    held_items = _sequences(held_docs, held_meta, cues, rates)
    report = {}
    for role in args.roles.split(","):
        path = cache / f"heldout-{role}.crfsuite"
        _fit(fit_items, role, selection[role]["c1"], selection[role]["c2"], path)
        report[role] = _exact_f1(_predict(held_items, role, path, held_docs), held_meta["gold"], role)
        log.info(f"{role} {report[role]}")
    (cache / "heldout.json").write_text(json.dumps({"held_ids": held_meta["ids"], "exact": report}, indent=1))


def _gold_items(meta: dict, docs) -> list:
    from sucesos.eval.gold import AttributionAnswer, GoldItem
    from sucesos.model import Article

    items = []
    for n, (key, doc, attributions) in enumerate(zip(meta["ids"], docs, meta["gold"])):
        answers = []
        for a in attributions:
            pairs = [(a[r]["start"], a[r]["end"]) if a.get(r) and 0 <= a[r]["start"] < a[r]["end"] <= len(doc.text) else None
                     for r in ROLES]
            if pairs[1] is not None or pairs[2] is not None:
                answers.append(AttributionAnswer(*pairs))
        items.append(GoldItem(id=key, line=n + 1, article=Article(id=key, text=doc.text, lang="en"), answer=answers))
    return items


VARIANTS = {
    "rules only": None,
    "model spans, rules kept where the model has none": ({"source": "model", "cue": "model", "content": "model"}, True),
    "model spans, unmatched rules dropped": ({"source": "model", "cue": "model", "content": "model"}, False),
    "model spans, rules' direct quotes": ({"source": "model", "cue": "model", "content": "quote"}, True),
    "rules' spans where both found one": ({"source": "rules", "cue": "rules", "content": "rules"}, True),
    "rules' source and cue, model content": ({"source": "rules", "cue": "rules", "content": "model"}, True),
    "model source and cue, rules' content": ({"source": "model", "cue": "model", "content": "rules"}, True),
    "model spans, rules' clause where the model has a piece of it": ({"source": "model", "cue": "model", "content": "whole"}, True),
    "model spans, rules' clause for pieces, unmatched rules dropped": ({"source": "model", "cue": "model", "content": "whole"}, False),
    "model spans, rules' clause for pieces, unmatched rules kept when direct quotes": ({"source": "model", "cue": "model", "content": "whole"}, "quotes"),
    "model spans, rules' quotes and clause for pieces, unmatched rules kept when direct quotes": ({"source": "model", "cue": "model", "content": "quote+whole"}, "quotes"),
    "as above, the model's nearest source where it has none on the rules'": ({"source": "model", "cue": "model", "content": "quote+whole"}, "quotes", "source"),
    "as above, the model's nearest content where it has none on the rules'": ({"source": "model", "cue": "model", "content": "quote+whole"}, "quotes", "content"),
    "as above, the model's nearest source and content": ({"source": "model", "cue": "model", "content": "quote+whole"}, "quotes", "both"),
    "as above (nearest source), the rules' source where the model has a piece of it": ({"source": "whole", "cue": "model", "content": "quote+whole"}, "quotes", "source"),
    "as shipped, and unmatched rule claims kept where the model tagged their source": ({"source": "whole", "cue": "model", "content": "quote+whole"}, "quotes+source", "source"),
    "as shipped, and unmatched rule claims kept where the model tagged their content": ({"source": "whole", "cue": "model", "content": "quote+whole"}, "quotes+content", "source"),
    "as shipped, and unmatched rule claims kept where the model tagged both": ({"source": "whole", "cue": "model", "content": "quote+whole"}, "quotes+both", "source"),
    "as shipped, and unmatched rule claims kept where the model tagged either": ({"source": "whole", "cue": "model", "content": "quote+whole"}, "quotes+either", "source"),
    "as shipped, and a model cue with no content takes the clause it reports": ({"source": "whole", "cue": "model", "content": "quote+whole"}, "quotes+both", "source", True),
    "as shipped, and a sourceless rule claim stands alone only as a statement (hedge, opinion, no one)": ({"source": "whole", "cue": "model", "content": "quote+whole"}, "quotes+both", "source", False, "statements"),
    "as above (statements), the model's source even where a piece of the rules'": ({"source": "model", "cue": "model", "content": "quote+whole"}, "quotes+both", "source", False, "statements"),
    "as shipped (statements), the rules' content where the model's runs into another claim's": ({"source": "whole", "cue": "model", "content": "quote+whole"}, "quotes+both", "source", False, "statements", True),
}


SHIPPED = "as shipped, and unmatched rule claims kept where the model tagged both"
FALLBACK = "as shipped, and a model cue with no content takes the clause it reports"
STATEMENTS = "as shipped, and a sourceless rule claim stands alone only as a statement (hedge, opinion, no one)"
MODEL_SOURCE = "as above (statements), the model's source even where a piece of the rules'"
MERGED = "as shipped (statements), the rules' content where the model's runs into another claim's"


def combine_step(args) -> None:
    """Score each way of combining rules and model on dev (the precedence is chosen from this)."""
    from dataclasses import asdict

    from sucesos.actors.component import find_mentions
    from sucesos.claims.combine import combine
    from sucesos.claims.extract import find_claims
    from sucesos.claims.spans import load_taggers, tag_spans
    from sucesos.eval.score_claims import score_claims
    from sucesos.pipeline import Analysis, Resources

    resources = Resources()
    cache = Path(args.cache)
    nlp = resources.nlp("en")
    cues = resources.cached("claims.cues", __import__("sucesos.claims.cues", fromlist=["load_cues"]).load_cues)["en"]
    split = args.split
    docs, meta = load_split(cache, split, nlp.vocab)
    if split == "train":  # the held-out tenth of train, scored with the held-out models
        held = set(json.loads((cache / "heldout.json").read_text())["held_ids"])
        keep = [k for k, key in enumerate(meta["ids"]) if key in held]
        docs = [docs[k] for k in keep]
        meta = {key: [value[k] for k in keep] for key, value in meta.items()}
        model_dir = cache / "heldout"
        model_dir.mkdir(exist_ok=True)
        for role in ROLES:
            (model_dir / f"{role}.crfsuite").write_bytes((cache / f"heldout-{role}.crfsuite").read_bytes())
            (model_dir / f"{role}.crfsuite.gz").unlink(missing_ok=True)
        rates = cache / f"heldout-{RATES_FILE}"
        (model_dir / RATES_FILE).unlink(missing_ok=True)
        if rates.exists():  # held-out models fitted before the lexicon have none
            (model_dir / RATES_FILE).write_bytes(rates.read_bytes())
    else:
        model_dir = MODEL_DIR if args.models is None else Path(args.models)
    taggers = load_taggers(model_dir)
    gold = _gold_items(meta, docs)
    parsed = []
    started = time.perf_counter()
    for doc in docs:
        values = {"doc": doc, "text": doc.text, "lang": "en"}
        values.update(find_mentions(Analysis(values), resources))
        rule_claims = find_claims(doc, values["mentions"], cues, doc.text)
        rules = [{role: (getattr(c, role).start, getattr(c, role).end) if getattr(c, role) else None for role in ROLES}
                 for c in rule_claims]
        parsed.append((doc, values["mentions"], rule_claims, rules))
    log.info(f"{len(docs)} articles prepared in {time.perf_counter() - started:.0f}s")
    floors = [float(f) for f in args.cue_floors.split(",")] if args.cue_floors else [None]
    # several cue floors: each scored with the shipped combination only (the variants are for one model)
    variants = VARIANTS if len(floors) == 1 else {name: VARIANTS[name] for name in (SHIPPED, STATEMENTS, MERGED, "rules only")}
    report = {}
    for floor in floors:
        prepared = [(doc, mentions, rule_claims, tag_spans(doc, cues, rules, taggers, cue_floor=floor))
                    for doc, mentions, rule_claims, rules in parsed]
        for name, variant in variants.items():
            if floor is not None and variant is None and report:
                continue
            predictions = {}
            for key, (doc, mentions, rule_claims, triples) in zip(meta["ids"], prepared):
                if variant is None:
                    claims = rule_claims
                else:
                    claims = combine(doc, doc.text, triples, rule_claims, mentions, cues, precedence=variant[0],
                                     keep_unmatched_rules=variant[1], fill=variant[2] if len(variant) > 2 else "",
                                     clause_fallback=len(variant) > 3 and variant[3],
                                     own=variant[4] if len(variant) > 4 else "unattributed",
                                     split_merged=len(variant) > 5 and variant[5])
                predictions[key] = {"claims": [asdict(c) for c in claims]}
            figures = score_claims(gold, predictions)["figures"]
            keys = [f"{r}_{k}_f1" for k in ("exact", "overlap50", "overlap") for r in ROLES] + ["attribution_overlap_f1"]
            label = name if floor is None else f"cue floor {floor}: {name}"
            report[label] = {k: figures[k] for k in keys}
            log.info(f"{label} {json.dumps({k: round(v, 3) for k, v in report[label].items()})}")
    (cache / f"combine-{split}.json").write_text(json.dumps(report, indent=1))


def main(argv: list[str] | None = None) -> None:
    args = options(argv)
    # progress and reports are this program's output: log lines on stdout
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    {"parse": parse, "train": train, "heldout": heldout, "combine": combine_step}[args.step](args)


def options(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line read (`--write` resolved into `out`)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=["parse", "train", "heldout", "combine"])
    parser.add_argument("--split", default="dev", help="combine: dev, or train (its held-out tenth)")
    parser.add_argument("--data", default=str(DATA), help="folder holding polnear-train.jsonl and polnear-dev.jsonl")
    parser.add_argument("--cache", default="/tmp/sucesos-claims-cache")
    parser.add_argument("--out", default=str(OUT), help=f"where `train` writes the weights (default {OUT}; "
                        "`--write` for the package's own folder)")
    parser.add_argument("--write", action="store_true", help=f"train: write the weights into the package ({MODEL_DIR})")
    parser.add_argument("--models", default=None, help=f"combine --split dev: the weights to score (default the shipped {MODEL_DIR})")
    parser.add_argument("--cue-floors", default="", help="combine: comma-separated cue floors to score "
                        "(spans.CUE_FLOOR; 0 = Viterbi alone), each with the shipped combination")
    parser.add_argument("--limit", type=int, default=None, help="first N train articles only (quick runs)")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--no-lexicon", action="store_true", help="train, heldout: without the learned cue lexicon (to measure it; the shipped weights have none)")
    parser.add_argument("--c1", type=float, default=None)
    parser.add_argument("--c2", type=float, default=None)
    parser.add_argument("--iterations", type=int, default=MAX_ITERATIONS, help="L-BFGS iterations at most")
    args = parser.parse_args(argv)
    if args.write:
        args.out = str(MODEL_DIR)
    return args


if __name__ == "__main__":
    main()
