"""Character-span look-ups in O(log n), for stages that ask per sentence.

A stage that asks "which mentions lie in this sentence?" or "does any
attribution cover this sentence?" by scanning every span of the article does
work quadratic in the article's length (a 50,000-word article: millions of
comparisons). These answer the same questions from spans sorted once.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Overlaps:
    """Does a span [start, end) overlap any of `spans` (half-open: start < end' and start' < end)?"""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._max_end: list[int] = []
        best = None
        for _, end in ordered:
            best = end if best is None or end > best else best
            self._max_end.append(best)

    def any(self, start: int, end: int) -> bool:
        # spans starting before `end`; one of them overlaps iff the largest end among them exceeds `start`
        count = bisect.bisect_left(self._starts, end)
        return count > 0 and self._max_end[count - 1] > start


class Within(Generic[T]):
    """The items whose span lies inside [start, end], in their original order."""

    def __init__(self, items: Sequence[T], span: Callable[[T], tuple[int, int]]):
        self._items = list(items)
        keyed = sorted(range(len(self._items)), key=lambda i: span(self._items[i])[0])
        self._order = keyed
        self._starts = [span(self._items[i])[0] for i in keyed]
        self._span = span

    def inside(self, start: int, end: int) -> list[T]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_right(self._starts, end)
        picked = sorted(i for i in self._order[lo:hi] if self._span(self._items[i])[1] <= end)
        return [self._items[i] for i in picked]


class Stab(Generic[T]):
    """The items whose span [start, end) holds a position, or ends/starts in a range; first in original order.

    Spans are looked up among those starting at most the longest span's
    length before the position, so each query reads only nearby spans.
    """

    def __init__(self, items: Sequence[T], span: Callable[[T], tuple[int, int]]):
        self._items = list(items)
        spans = [span(item) for item in self._items]
        self._by_start = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self._starts = [spans[i][0] for i in self._by_start]
        self._by_end = sorted(range(len(spans)), key=lambda i: spans[i][1])
        self._ends = [spans[i][1] for i in self._by_end]
        self._spans = spans
        self._longest = max((end - start for start, end in spans), default=0)

    def holding(self, position: int) -> list[int]:
        """Indexes (original order) of the spans that may hold `position` (start <= position, not longer
        than the longest span before it): the candidates `first_holding` checks."""
        lo = bisect.bisect_left(self._starts, position - self._longest)
        hi = bisect.bisect_right(self._starts, position)
        return sorted(self._by_start[lo:hi])

    def first_holding(self, position: int) -> T | None:
        """The first item (original order) with start <= position < end."""
        for i in self.holding(position):
            start, end = self._spans[i]
            if start <= position < end:
                return self._items[i]
        return None

    def ending_in(self, lo: int, hi: int) -> list[int]:
        """Indexes (original order) of the spans whose end lies in [lo, hi]."""
        a = bisect.bisect_left(self._ends, lo)
        b = bisect.bisect_right(self._ends, hi)
        return sorted(self._by_end[a:b])

    def starting_in(self, lo: int, hi: int) -> list[int]:
        """Indexes (original order) of the spans whose start lies in [lo, hi]."""
        a = bisect.bisect_left(self._starts, lo)
        b = bisect.bisect_right(self._starts, hi)
        return sorted(self._by_start[a:b])

    def span(self, index: int) -> tuple[int, int]:
        return self._spans[index]


def contains_longer(containers: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """f(start, end): whether some container holds [start, end] and is longer than it
    (start' <= start, end <= end', not the same span)."""
    ordered = sorted(containers)
    starts = [s for s, _ in ordered]
    max_end: list[int] = []
    best = None
    for _, end in ordered:
        best = end if best is None or end > best else best
        max_end.append(best)

    def test(start: int, end: int) -> bool:
        before = bisect.bisect_left(starts, start)  # start' < start
        if before and max_end[before - 1] >= end:
            return True
        upto = bisect.bisect_right(starts, start)  # start' <= start
        return bool(upto) and max_end[upto - 1] > end

    return test
