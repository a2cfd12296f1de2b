"""Span matching shared by the places and claims scorers.

Two spans *overlap* when they share at least one character. Token overlap
counts word tokens (runs of letters/digits, or single other non-space
characters) whose characters fall inside both spans.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)

Offsets = tuple[int, int]


def overlap(a: Offsets, b: Offsets) -> int:
    """Number of characters two [start, end) spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_one_to_one(gold: list[Offsets], predicted: list[Offsets]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: exact offsets first, then the
    largest remaining overlaps; each span is used at most once."""
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    by_offsets: dict[Offsets, list[int]] = {}
    for j, span in enumerate(predicted):
        by_offsets.setdefault(span, []).append(j)
    for i, span in enumerate(gold):
        candidates = [j for j in by_offsets.get(span, []) if j not in used_pred]
        if candidates:
            pairs.append((i, candidates[0]))
            used_gold.add(i)
            used_pred.add(candidates[0])
    scored = sorted(
        (
            (-overlap(g, p), i, j)
            for i, g in enumerate(gold)
            if i not in used_gold
            for j, p in enumerate(predicted)
            if j not in used_pred and overlap(g, p) > 0
        )
    )
    for _neg, i, j in scored:
        if i in used_gold or j in used_pred:
            continue
        pairs.append((i, j))
        used_gold.add(i)
        used_pred.add(j)
    return sorted(pairs)


class Tokens:
    """Token positions of one text, to count tokens inside spans quickly."""

    def __init__(self, text: str):
        spans = [m.span() for m in TOKEN.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def indexes(self, span: Offsets) -> range:
        """Tokens that share a character with `span`."""
        first = bisect_right(self.ends, span[0])
        last = bisect_left(self.starts, span[1])
        return range(first, max(first, last))


def token_overlap_ratio(tokens: Tokens, span: Offsets, others: list[Offsets]) -> float:
    """Largest share of `span`'s tokens that fall inside one of `others`."""
    mine = tokens.indexes(span)
    if not len(mine) or not others:
        return 0.0
    mine_set = set(mine)
    return max(len(mine_set & set(tokens.indexes(other))) for other in others) / len(mine_set)
