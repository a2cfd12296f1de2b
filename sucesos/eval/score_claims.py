"""Scoring claims: predicted source, cue and content spans against gold attributions.

Definitions (also in every report under `definitions`), per role (source,
cue, content), over the non-null spans of that role in each article
(identical spans counted once):
- overlap ("any overlap"): a predicted span is correct when it shares at
  least one character with a gold span of the same role; precision = such
  predicted spans / predicted spans, recall = gold spans that share a
  character with some predicted span / gold spans.
- token (soft overlap): precision = mean over predicted spans of the largest
  share of its word tokens inside one gold span; recall = mean over gold
  spans of the largest share of its tokens inside one predicted span.
- overlap50 (50% overlap): as overlap, but the two spans must share at
  least half of the longer one's characters.
- exact: same start and end (the published measure, e.g. PolNeAR papers).
F1 is the harmonic mean of that precision and recall.
- attribution: a predicted claim matches a gold attribution when, for each
  role gold gives, the claim's span of that role overlaps gold's; precision
  and recall over claims and attributions as above.
"""

from __future__ import annotations

from sucesos.eval.gold import ROLES, GoldItem
from sucesos.eval.metrics import prf
from sucesos.eval.spans import Tokens, overlap, token_overlap_ratio

DEFINITIONS = {
    "overlap": "a span matches when it shares at least one character with a span of the same role",
    "token": "mean best share of a span's word tokens inside one counterpart span (soft overlap)",
    "overlap50": "a span matches when it shares at least half of the longer span's characters with a span of the same role",
    "exact": "same start and end",
    "attribution": "a claim matches an attribution when every role gold gives overlaps",
    "counting": "per role, non-null spans, identical spans in an article counted once",
}


def _span(value) -> tuple[int, int] | None:
    if not isinstance(value, dict):
        return None
    start, end = value.get("start"), value.get("end")
    if isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool) and start < end:
        return start, end
    return None


def _half(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans share at least half of the longer one's characters."""
    return overlap(a, b) * 2 >= max(a[1] - a[0], b[1] - b[0])


def score_claims(gold: list[GoldItem], predictions: dict[str, dict]) -> dict:
    sums = {role: {kind: [0.0, 0.0] for kind in ("overlap", "overlap50", "token", "exact")} for role in ROLES}
    sizes = {role: [0, 0] for role in ROLES}  # predicted, gold
    attribution = [0, 0, 0, 0]  # matched claims, claims, matched gold, gold
    failed = 0
    rows = []
    for item in gold:
        prediction = predictions.get(item.id, {})
        if prediction.get("error"):
            failed += 1
        claims = prediction.get("claims") or []
        predicted_claims = [{role: _span(claim.get(role)) for role in ROLES} for claim in claims]
        tokens = Tokens(item.article.text)
        for role in ROLES:
            gold_spans = sorted({getattr(a, role) for a in item.answer if getattr(a, role) is not None})
            pred_spans = sorted({c[role] for c in predicted_claims if c[role] is not None})
            sizes[role][0] += len(pred_spans)
            sizes[role][1] += len(gold_spans)
            role_sums = sums[role]
            role_sums["overlap"][0] += sum(any(overlap(p, g) for g in gold_spans) for p in pred_spans)
            role_sums["overlap"][1] += sum(any(overlap(p, g) for p in pred_spans) for g in gold_spans)
            role_sums["overlap50"][0] += sum(any(_half(p, g) for g in gold_spans) for p in pred_spans)
            role_sums["overlap50"][1] += sum(any(_half(p, g) for p in pred_spans) for g in gold_spans)
            role_sums["token"][0] += sum(token_overlap_ratio(tokens, p, gold_spans) for p in pred_spans)
            role_sums["token"][1] += sum(token_overlap_ratio(tokens, g, pred_spans) for g in gold_spans)
            gold_set = set(gold_spans)
            exact = sum(1 for p in pred_spans if p in gold_set)
            role_sums["exact"][0] += exact
            role_sums["exact"][1] += exact

        def matches(claim: dict, answer) -> bool:
            return all(
                claim[role] is not None and overlap(claim[role], getattr(answer, role)) > 0
                for role in ROLES
                if getattr(answer, role) is not None
            )

        matched_claims = sum(any(matches(c, a) for a in item.answer) for c in predicted_claims)
        found = sum(any(matches(c, a) for c in predicted_claims) for a in item.answer)
        attribution[0] += matched_claims
        attribution[1] += len(predicted_claims)
        attribution[2] += found
        attribution[3] += len(item.answer)
        rows.append({"id": item.id, "gold": len(item.answer), "predicted": len(predicted_claims),
                     "gold_found": found, "predicted_matched": matched_claims})

    figures: dict = {}
    counts: dict = {}
    detail: dict = {}
    for role in ROLES:
        predicted, gold_count = sizes[role]
        for kind, (pred_hits, gold_hits) in sums[role].items():
            scores = prf(pred_hits, predicted, gold_hits, gold_count)
            detail[f"{role}_{kind}"] = scores
            if kind == "overlap":
                figures[f"{role}_overlap_precision"] = scores["precision"]
                figures[f"{role}_overlap_recall"] = scores["recall"]
                counts[f"{role}_overlap_precision"] = predicted
                counts[f"{role}_overlap_recall"] = gold_count
            figures[f"{role}_{kind}_f1"] = scores["f1"]
            counts[f"{role}_{kind}_f1"] = gold_count
    scores = prf(attribution[0], attribution[1], attribution[2], attribution[3])
    detail["attribution_overlap"] = scores
    figures["attribution_overlap_precision"] = scores["precision"]
    figures["attribution_overlap_recall"] = scores["recall"]
    figures["attribution_overlap_f1"] = scores["f1"]
    counts.update(
        {
            "attribution_overlap_precision": attribution[1],
            "attribution_overlap_recall": attribution[3],
            "attribution_overlap_f1": attribution[3],
        }
    )
    return {
        "task": "claims",
        "records": len(gold),
        "failed": failed,
        "figures": figures,
        "counts": counts,
        "roles": detail,
        "definitions": DEFINITIONS,
        "records_detail": rows,
    }
