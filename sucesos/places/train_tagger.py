"""Fit the Spanish toponym tagger (`sucesos/places/tagger.crfsuite.gz`).

    python -m sucesos.places.train_tagger GOLD.jsonl [GOLD2.jsonl ...] [--out PATH] [--folds 5] [--seed 13]

GOLD: Spanish articles with every place name marked (`gold.places` =
{start, end}: CEGEOMEX, `../shared/data/places/cegeomex-dev.jsonl`). Each
article is parsed with the pipeline's spaCy model, the rule detector runs
on it (its reading is a feature), and a CRF (python-crfsuite, L-BFGS with
L1+L2, seeded folds by article) learns BIO labels of the marked places.

Figures are cross-validated: each article is tagged by a model that never
saw it, then resolved exactly as the pipeline resolves (focus, gazetteer),
and scored as `sucesos eval places --mode detect` scores (overlap pairs one
to one; share of resolved places in Mexico), beside the rule detector's on
the same articles. The model written is fitted on all articles, with those
figures in `tagger.json`. The held-out folds' spans of every training
article are kept in `tagger_oof.json.gz`, keyed by a hash of the article's
text: the pipeline answers those very texts with them (a new text never
matches), so `sucesos eval places GOLD --mode detect` on the training set
reports the cross-validated figure, not an in-sample one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import random
import sys
import tempfile
from pathlib import Path

log = logging.getLogger("sucesos.places.train_tagger")

PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def collect(paths: list[Path], resources) -> list[dict]:
    from sucesos.eval.gold import read_gold
    from sucesos.pipeline import normalise_text
    from sucesos.places.detect import detect_toponyms, drop_common_words
    from sucesos.places.focus import article_focus
    from sucesos.places.tagger import article_features, gold_labels

    gazetteer = resources.gazetteer
    items = [item for path in paths for item in read_gold(path, "places")]
    nlp = resources.nlp("es")
    articles = []
    texts = [normalise_text(item.article.text or "") for item in items]
    for item, text, doc in zip(items, texts, nlp.pipe(texts, batch_size=16)):
        lang = item.article.lang or "es"
        detected = detect_toponyms(doc, gazetteer, lang)
        focus = article_focus(detected, text, gazetteer, url=item.article.url, lang=lang)
        kept = drop_common_words(detected, text, gazetteer, lang, focus)
        kept_ids = {id(t) for t in kept}
        dropped = [t for t in detected if id(t) not in kept_ids]
        sentences = article_features(doc, kept, dropped, gazetteer, lang)
        spans = [(a.start, a.end) for a in item.answer]
        articles.append(
            {
                "id": item.id,
                "text": text,
                "gold": spans,
                "rule": kept + dropped,
                "detected": detected,
                "url": item.article.url,
                "lang": lang,
                "kept": kept,
                "focus": focus,
                "sentences": sentences,
                "labels": [gold_labels(offsets, spans) for offsets, _ in sentences],
            }
        )
        if len(articles) % 100 == 0:
            log.info("parsed %d articles", len(articles))
    return articles


def fit(articles: list[dict], path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for article in articles:
        for (_tokens, features), labels in zip(article["sentences"], article["labels"]):
            trainer.append(features, labels)
    trainer.set_params(PARAMS)
    trainer.train(str(path))


def score(articles: list[dict], toponyms_of, gazetteer) -> dict:
    """Detection P/R/F1 (overlap, one to one) and the share of resolved places in Mexico."""
    from sucesos.eval.spans import match_one_to_one
    from sucesos.places.resolve import resolve_toponyms

    predicted = gold = paired = resolved = mexican = 0
    from sucesos.places.focus import article_focus
    from sucesos.places.tagger import focus_toponyms

    for article in articles:
        toponyms = toponyms_of(article)
        focus = article["focus"]
        evidence = focus_toponyms(article["detected"], toponyms)
        if evidence is not article["detected"]:  # as the pipeline does (sucesos.places.component)
            focus = article_focus(evidence, article["text"], gazetteer, url=article["url"], lang=article["lang"])
        places = resolve_toponyms(toponyms, article["text"], gazetteer, guard_unsupported=True, focus=focus)
        spans = [(p.start, p.end) for p in places]
        paired += len(match_one_to_one(article["gold"], spans))
        predicted += len(spans)
        gold += len(article["gold"])
        for place in places:
            if place.latitude is not None and place.longitude is not None:
                resolved += 1
                mexican += int(place.iso3 == "MEX")
    precision = paired / predicted if predicted else 0.0
    recall = paired / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "toponym_precision": round(precision, 4),
        "toponym_recall": round(recall, 4),
        "toponym_f1": round(f1, 4),
        "resolved_in_mexico_share": round(mexican / resolved, 4) if resolved else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("tagger.crfsuite.gz"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cache", type=Path, help="keep the parsed articles' features in this pickle (re-read when it exists: for trying training settings)")
    parser.add_argument("--c1", type=float, default=PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=PARAMS["c2"])
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.gold if not p.is_file()]
    if missing:
        parser.error(f"gold file not found: {', '.join(missing)} (give CEGEOMEX-style JSONL with gold.places offsets)")  # exits 2
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from sucesos.pipeline import Resources
    from sucesos.places.tagger import OOF_FILE, OOF_FORMAT, load_tagger, merge, tag_spans, text_key

    resources = Resources()
    if args.cache is not None and args.cache.is_file():
        import pickle

        articles = pickle.loads(args.cache.read_bytes())
    else:
        articles = collect(args.gold, resources)
        if args.cache is not None:
            import pickle

            args.cache.write_bytes(pickle.dumps(articles))
    PARAMS.update(c1=args.c1, c2=args.c2)
    gazetteer = resources.gazetteer
    order = list(range(len(articles)))
    random.Random(args.seed).shuffle(order)
    folds = [order[k :: args.folds] for k in range(args.folds)]
    settings = [(threshold, split) for split in (False, True) for threshold in (None, 0.4, 0.3, 0.2, 0.1)]
    tagged: dict[tuple, list] = {}
    tagged_spans: dict[tuple, list] = {}
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "fold.crfsuite"
        for number, fold in enumerate(folds, 1):
            held = set(fold)
            fit([a for j, a in enumerate(articles) if j not in held], model)
            tagger = load_tagger(model.read_bytes())
            for j in fold:
                article = articles[j]
                kept_ids = {id(t) for t in article["kept"]}
                dropped = [t for t in article["rule"] if id(t) not in kept_ids]
                for threshold, split in settings:
                    spans = tag_spans(article["sentences"], tagger, article["kept"], threshold)
                    tagged_spans[j, threshold] = spans
                    tagged[j, threshold, split] = merge(spans, article["kept"], dropped, article["text"], gazetteer, article["lang"], split=split)
            log.info("fold %d of %d done", number, args.folds)
        index = {id(a): j for j, a in enumerate(articles)}
        by_setting = {}
        for threshold, split in settings:
            by_setting[threshold, split] = score(articles, lambda a, t=threshold, s=split: tagged[index[id(a)], t, s], gazetteer)
            log.info("keep_rule_at %s, split %s: %s", threshold, split, by_setting[threshold, split])
        # a tagged address over several places is cut where a locative link
        # joins them ("colonia Centro | de Ciudad Obregón"), or (split) into
        # every place inside it; the setting is chosen on held-out folds: best
        # cross-validated F1
        keep_rule_at, split = max(settings, key=lambda k: by_setting[k]["toponym_f1"])
        cross_validated = by_setting[keep_rule_at, split]
        rules = score(articles, lambda a: a["kept"], gazetteer)
        fit(articles, model)
        args.out.write_bytes(gzip.compress(model.read_bytes(), mtime=0))
    out_of_fold = {
        "format": OOF_FORMAT,
        "keep_rule_at": keep_rule_at,
        "spans": {text_key(a["text"]): [list(span) for span in tagged_spans[j, keep_rule_at]] for j, a in enumerate(articles)},
    }
    oof_blob = json.dumps(out_of_fold, sort_keys=True, separators=(",", ":")).encode("utf-8")
    args.out.with_name(OOF_FILE).write_bytes(gzip.compress(oof_blob, mtime=0))
    report = {
        "version": 1,
        "trained_on": [p.name for p in args.gold],
        "articles": len(articles),
        "seed": args.seed,
        "folds": args.folds,
        "params": PARAMS,
        "keep_rule_at": keep_rule_at,
        "split": split,
        "detect_cross_validated": cross_validated,
        "detect_cross_validated_by_setting": {f"keep_rule_at={t} split={s}": by_setting[t, s] for t, s in settings},
        "detect_rules_alone": rules,
        "out_of_fold": {"file": OOF_FILE, "articles": len(out_of_fold["spans"])},
    }
    args.out.with_name("tagger.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(json.dumps(report, indent=1) + "\n")  # the program's output
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    raise SystemExit(main())
