"""Numbers from digits and number words (English, Spanish), ACLED's way.

"ten soldiers" -> 10, "una decena" -> 10, "dozens" -> 12, "decenas" -> 10,
"hundreds" -> 100, "at least three" -> 3, "2,700" -> 2700, "$10 million" ->
10,000,000. Vague words with no ACLED reading ("several", "scores") give None.
"""

from __future__ import annotations

import math
import re

from sucesos.events.lexicon import fold
from sucesos.words import words

_DIGITS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$|^\d+$|^\d+[.,]\d+$")
_SCIENTIFIC = re.compile(r"^\d+(?:\.\d+)?[eE]\+?\d+$")  # "1e18": read as the (huge) number it writes, never as 1 or 18
# Collective nouns multiply the unit before them: "una decena", "dos docenas", "a dozen".
_COLLECTIVE = words("events", "any", "collective_nouns")
_CONNECTORS = words("events", "any", "number_connectors")


def digits_value(text: str) -> float | None:
    """2,700 / 2.700 -> 2700; 3.5 -> 3.5; anything else None."""
    text = text.strip()
    if _SCIENTIFIC.match(text):
        return float(text)  # inf past 1e308: no OverflowError
    if not _DIGITS.match(text):
        return None
    if re.match(r"^\d{1,3}(?:[.,]\d{3})+$", text):
        return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def power_value(base: float, exponent: float) -> float:
    """base ** exponent as a float, inf where it would overflow ("10^400")."""
    if base <= 1:
        return base
    if exponent * math.log10(base) > 300:
        return math.inf
    return float(base**exponent)


class NumberReader:
    def __init__(self, tables: dict, lang: str):
        self.units = {fold(k): v for k, v in (tables.get("units") or {}).get(lang, {}).items()}
        self.multipliers = {fold(k): v for k, v in (tables.get("multipliers") or {}).get(lang, {}).items()}
        self.vague = {fold(k): v for k, v in (tables.get("vague") or {}).get(lang, {}).items()}
        # Articles count as "1" only before a collective ("a dozen", "una decena").
        self.articles = {"a", "an", "un", "una", "uno"}
        self.months = {fold(k) for k in (tables.get("months") or {}).get(lang, [])}
        self.time_units = {fold(k) for k in (tables.get("time_units") or {}).get(lang, [])}

    @staticmethod
    def _followed_by_of(token) -> bool:
        doc = getattr(token, "doc", None)
        return doc is not None and token.i + 1 < len(doc) and fold(doc[token.i + 1].text) in ("de", "of")

    def _in_date(self, toks, pos: int) -> bool:
        """A digit written as part of a date ("31 de octubre", "febrero de 2015", "May 3", "3 March"): a day or year, not a count.

        Only a month right next to it (or across "de"/"of", or after "May 3,"):
        "120 homicidios en marzo" is a count.
        """
        if not self.months or digits_value(toks[pos].text) is None:
            return False
        token = toks[pos]
        doc = getattr(token, "doc", None)
        if doc is None:
            return False

        def word(i: int) -> str:
            return fold(doc[i].text) if 0 <= i < len(doc) else ""

        i = token.i
        after = word(i + 1) in self.months or (word(i + 1) in ("de", "of") and word(i + 2) in self.months)
        before = word(i - 1) in self.months or (word(i - 1) in ("de", "of") and word(i - 2) in self.months)
        # "March 3, 2017": the year after a dated day
        year_after_day = word(i - 1) == "," and digits_value(doc[i - 2].text if i >= 2 else "") is not None and word(i - 3) in self.months
        return after or before or year_after_day

    def _duration(self, toks, pos: int) -> bool:
        """A number right before a unit of time or age ("hace 20 días", "de 29 años", "20-year-old"): no count of people."""
        token = toks[pos]
        doc = getattr(token, "doc", None)
        if not self.time_units or doc is None:
            return False
        nxt = token.i + 1
        if nxt < len(doc) and fold(doc[nxt].text) == "-":
            nxt += 1  # "20-year-old"
        return nxt < len(doc) and fold(doc[nxt].text) in self.time_units

    @staticmethod
    def _power(token) -> tuple[float, int] | None:
        """(value, index of the exponent's token) when `token` is the base of "10^18", else None."""
        doc = getattr(token, "doc", None)
        if doc is None or token.i + 2 >= len(doc) or doc[token.i + 1].text != "^" or token.whitespace_:
            return None
        base, exponent = digits_value(token.text), digits_value(doc[token.i + 2].text)
        if base is None or exponent is None:
            return None
        return power_value(base, exponent), token.i + 2

    @staticmethod
    def _exponent(token) -> bool:
        """The "18" of "10^18": part of a power, no count of its own."""
        doc = getattr(token, "doc", None)
        return doc is not None and token.i >= 1 and doc[token.i - 1].text == "^"

    def token_value(self, token) -> float | None:
        key = fold(token.text)
        value = digits_value(token.text)
        if value is not None:
            return value
        if key in self.units and key not in self.articles:
            return float(self.units[key])
        if key in self.vague:
            return float(self.vague[key])
        # "twenty-five" may arrive as one token
        if "-" in key:
            parts = key.split("-")
            if all(p in self.units for p in parts):
                return float(sum(self.units[p] for p in parts))
        return None

    def read(self, tokens) -> tuple[float, int, int] | None:
        """The first number expressed in `tokens`: (value, first token i, last token i + 1)."""
        toks = list(tokens)
        n = len(toks)
        pos = 0
        while pos < n:
            tok = toks[pos]
            key = fold(tok.text)
            start_value = self.token_value(tok)
            is_article_collective = key in self.articles and pos + 1 < n and fold(toks[pos + 1].text) in _COLLECTIVE
            if start_value is None and key in ("uno", "una", "one") and self._followed_by_of(tok):
                start_value = 1.0  # "uno de ellos", "one of the victims"
            if self._exponent(tok):  # the "18" of "10^18" (its base may lie before `tokens`)
                power = self._power(tok.doc[tok.i - 2]) if tok.i >= 2 else None
                if power is not None:
                    return power[0], tok.i - 2, tok.i + 1
                pos += 1
                continue
            if (start_value is None and not is_article_collective) or self._in_date(toks, pos) or self._duration(toks, pos):
                pos += 1
                continue
            total = 0.0
            current = 1.0 if is_article_collective else start_value
            end = pos + 1
            power = self._power(tok)
            if power is not None:  # "10^18": one number, the power it writes
                value, last = power
                return value, tok.i, last + 1
            while end < n:
                nxt = toks[end]
                nkey = fold(nxt.text)
                if nkey in _COLLECTIVE:
                    current = current * self.units.get(nkey, 1)
                    end += 1
                    continue
                if nkey in self.multipliers:
                    current = current * self.multipliers[nkey]
                    if self.multipliers[nkey] >= 1000:
                        total += current
                        current = 0.0
                    end += 1
                    continue
                if nkey in _CONNECTORS and end + 1 < n and self.token_value(toks[end + 1]) is not None and fold(toks[end + 1].text) not in self.vague:
                    end += 1
                    continue
                value = self.token_value(nxt)
                if value is not None and nkey not in self.vague and digits_value(nxt.text) is None and value < current:
                    current += value  # "twenty five", "treinta y dos", "ciento veinte"
                    end += 1
                    continue
                break
            total += current
            return total, toks[pos].i, toks[end - 1].i + 1
        return None
