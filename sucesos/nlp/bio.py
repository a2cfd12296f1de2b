"""B/I/O token labels to character spans: one decoder for every token tagger
(places' toponym CRF, claims' source/cue/content CRFs)."""

from __future__ import annotations


def bio_spans(offsets: list[tuple[int, int]], labels: list[str]) -> list[tuple[int, int]]:
    """Character spans of the B/I runs; an I with no run open starts one."""
    spans = []
    start = end = None
    for (token_start, token_end), label in zip(offsets, labels):
        if label == "B" or (label == "I" and start is None):
            if start is not None:
                spans.append((start, end))
            start, end = token_start, token_end
        elif label == "I":
            end = token_end
        else:
            if start is not None:
                spans.append((start, end))
            start = end = None
    if start is not None:
        spans.append((start, end))
    return spans
