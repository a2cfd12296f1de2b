"""Sentences for claims: the parser's, also cut at line breaks.

The statistical sentence splitter runs a headline or a subheading into the
next paragraph ("‘Committing Acts of Terrorism’\\n\\nCJNG is now ..."); a claim
never crosses a line break outside a quote, so we cut there too.
"""

from __future__ import annotations


def sentences(doc) -> list:
    """spaCy Spans: the parser's sentences split at whitespace tokens holding a newline."""
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
