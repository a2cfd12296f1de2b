"""Sentences for claims: the parser's, also cut at line breaks.

The statistical sentence splitter runs a headline or a subheading into the
next paragraph ("‘Committing Acts of Terrorism’\\n\\nCJNG is now ..."); a claim
never crosses a line break outside a quote, so we cut there too.
"""

from __future__ import annotations


_KEY = "sucesos.claims.sentences"


def sentences(doc) -> list:
    """spaCy Spans: the parser's sentences split at whitespace tokens holding a newline.

    Read once per Doc (five scans of the claims stage ask): the token bounds are kept in
    `doc.user_data`, with the Doc's length so that a different text never reuses them."""
    kept = doc.user_data.get(_KEY)
    if kept is not None and kept[0] == len(doc):
        return [doc[start:end] for start, end in kept[1]]
    pieces = _pieces(doc)
    doc.user_data[_KEY] = (len(doc), [(piece.start, piece.end) for piece in pieces])
    return pieces


def _pieces(doc) -> list:
    pieces = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    pieces.append(doc[start : token.i])
                start = token.i + 1
        if start < sent.end:
            pieces.append(doc[start : sent.end])
    return [piece for piece in pieces if not all(t.is_space for t in piece)]
