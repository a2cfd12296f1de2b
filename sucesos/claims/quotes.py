"""Find quoted passages in raw text: typographic, straight and angle quotes.

Pure text, no parse: quotes often run across sentence boundaries, which a
parse does not know. Robust to bad input: a quote is closed within its own
paragraph or it is not a quote (an unclosed mark is skipped, never
swallowing the rest of the article); quote marks pair only with their own
kind; a quote longer than `max_chars` is not returned (more likely a stray
mark than a quotation).
"""

from __future__ import annotations

# opening mark -> closing marks it pairs with
PAIRS = {
    "“": ("”", "“"),  # some sites close with an opening mark
    "«": ("»",),
    '"': ('"',),
    "„": ("“", "”"),
    "‘": ("’",),
}

MAX_QUOTE_CHARS = 3000
DOUBLED = ("''", "``")


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n\n", start)
    return len(text) if end == -1 else end


def _is_apostrophe(text: str, index: int) -> bool:
    """’ or ' between letters is an apostrophe (don’t, O'Brien), not a quote."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def find_quotes(text: str, *, max_chars: int = MAX_QUOTE_CHARS) -> list[tuple[int, int]]:
    """[(start, end)] of quoted passages, marks included, in text order, not nested."""
    quotes: list[tuple[int, int]] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if text.startswith(DOUBLED, index):
            # ''typewriter quotes'' and ``TeX quotes'': two marks open, '' closes
            if index > 0 and not (text[index - 1].isspace() or text[index - 1] in "([—–-"):
                index += 2  # a closing pair, or an apostrophe pair inside a word
                continue
            limit = min(_paragraph_end(text, index + 2), index + 2 + max_chars)
            close = text.find("''", index + 2, limit)
            if close == -1:
                index += 2
                continue
            quotes.append((index, close + 2))
            index = close + 2
            continue
        closers = PAIRS.get(char)
        if closers is None or (char == "‘" and _is_apostrophe(text, index)):
            index += 1
            continue
        if char == '"' and index + 1 < length and text[index + 1].isspace() and index > 0 and not text[index - 1].isspace():
            # a straight mark after a word and before a space closes, it does not open
            index += 1
            continue
        limit = min(_paragraph_end(text, index + 1), index + 1 + max_chars)
        close = -1
        probe = index + 1
        while probe < limit:
            if text[probe] in closers and not (text[probe] == "’" and _is_apostrophe(text, probe)):
                close = probe
                break
            probe += 1
        if close == -1:
            # unclosed (or too long): skip this mark, never swallow the paragraph
            index += 1
            continue
        if close - index > 1:
            quotes.append((index, close + 1))
        index = close + 1
    return quotes
