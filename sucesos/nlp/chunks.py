"""Parse long texts in pieces of a few paragraphs and join them into one Doc.

spaCy's memory for one Doc grows with its length (a 40,000-word article
parsed whole peaked at 1.2 GB), and its time per word creeps up, while a
news article is a sequence of paragraphs that parse independently. A text
longer than `CHUNK_CHARS` is cut between paragraphs (else after a sentence)
into pieces of about that size, parsed with `nlp.pipe`, and joined with
`Doc.from_docs`: same text, same character offsets, one Doc for the stages.
A text with nowhere to cut is parsed whole. Texts up to `CHUNK_CHARS`
(every news report of the evaluation sets) are parsed exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy

# About 8,000 words: far above a news report (those parse exactly as before),
# small enough for spaCy's cost and memory to stay flat.
CHUNK_CHARS = 50_000
# Characters spaCy runs through its layers together. Its default batch (1,000
# texts) runs every article of a batch at once: 60 news articles peaked at
# 1.09 GB, 4 at a time at 0.68 GB, no slower; short reports batch more of
# them in the same memory.
PIPE_CHARS = 20_000


def _pipe_bounded(nlp, texts: list[str]):
    """`nlp.pipe(texts)` in groups of at most `PIPE_CHARS` characters (at least one text a group)."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and size + len(text) > PIPE_CHARS:
            yield from nlp.pipe(group, batch_size=len(group))
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield from nlp.pipe(group, batch_size=len(group))


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place to cut text[lo:hi]: after a blank line, else after a line
    ending a sentence, else after any line break, else after a full stop
    followed by a capital; -1 when none falls there."""
    cut = text.rfind("\n\n", lo, hi)
    if cut >= 0:
        return cut + 2
    for match in reversed(list(_SENTENCE_LINE.finditer(text, lo, hi))):
        return match.end()
    cut = text.rfind("\n", lo, hi)
    if cut >= 0:
        return cut + 1
    for match in reversed(list(_FULL_STOP.finditer(text, lo, hi))):
        return match.end()
    return -1


_SENTENCE_LINE = re.compile(r"[.!?:;\"\u201d\u00bb)]\s*\n")
_FULL_STOP = re.compile(r"[.!?] (?=[A-Z\u00c1\u00c9\u00cd\u00d3\u00da\u00d1\u00bf\u00a1\"\u201c\u00ab])")


def split_points(text: str, size: int = CHUNK_CHARS) -> list[int]:
    """Offsets where `text` is cut, pieces of about `size` characters (see `_cut`).

    Each cut lies in [size/2, size) of its piece's start, else as soon after
    as one is found; every piece starts on a word (whitespace stays with the
    piece before).
    """
    cuts: list[int] = []
    start = 0
    while len(text) - start > size:
        cut = _cut(text, start + size // 2, start + size)
        if cut < 0:
            cut = _cut(text, start + size, min(len(text), start + 4 * size))
            if cut < 0:
                break
        while cut < len(text) and text[cut].isspace():
            cut += 1
        if cut >= len(text):
            break
        cuts.append(cut)
        start = cut
    return cuts


def pieces(text: str, size: int = CHUNK_CHARS) -> list[str]:
    bounds = [0, *split_points(text, size), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def _lean(doc):
    """The Doc without its `tensor` (tok2vec's output, 384 bytes a token, which
    no stage reads: the sm models have no vectors), so a batch holds less."""
    doc.tensor = numpy.zeros((len(doc), 0), dtype="float32")  # a row a token, as spaCy's slicing expects
    return doc


def parse_many(nlp, texts: Iterable[str], *, size: int = CHUNK_CHARS) -> Iterator:
    """`nlp.pipe(texts)`, except that a long text is parsed piece by piece and joined."""
    return map(_lean, _parse_many(nlp, texts, size=size))


def _parse_many(nlp, texts: Iterable[str], *, size: int) -> Iterator:
    from spacy.tokens import Doc

    texts = list(texts)
    short = [i for i, text in enumerate(texts) if len(text) <= size]
    parsed = dict(zip(short, _pipe_bounded(nlp, [texts[i] for i in short])))
    for index, text in enumerate(texts):
        if index in parsed:
            yield parsed.pop(index)
            continue
        parts = pieces(text, size)
        if len(parts) == 1:
            yield nlp(text)
            continue
        doc = Doc.from_docs(list(nlp.pipe(parts, batch_size=1)), ensure_whitespace=False)
        if doc.text != text:  # never expected: the pieces are slices of the text
            doc = nlp(text)
        yield doc
