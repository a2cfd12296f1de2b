"""Whether a capitalised word is an ordinary word of the article's language.

"Ayer" (yesterday), "Para", "Nada", "Valle", "Plaza", "Hacienda" name towns
somewhere, but in a Spanish sentence they are words. The test is the word's
frequency in the language, from `wordfreq` (Robyn Speer's multi-source word
frequencies, data inside the wheel: nothing is downloaded), on the Zipf
scale: 4.0 is about once in 10,000 words ("valle" 4.7, "hermosillo" 3.5,
"cajeme" 2.4). Detection then asks the context for evidence before taking
such a word for a place (see `sucesos.places.detect`).
"""

from __future__ import annotations

from functools import lru_cache

from sucesos.taxonomy import LANGUAGES

COMMON_ZIPF = 4.0
_LANGS = LANGUAGES


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of `word` (any case) in `lang` (en or es; others: en)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), lang if lang in _LANGS else "en"))


def is_common_word(name: str, lang: str | None, *, threshold: float = COMMON_ZIPF) -> bool:
    """A one-word name whose lower-case form is an everyday word of the language."""
    word = name.strip().strip(".")
    if not word or " " in word or "-" in word or not any(ch.isalpha() for ch in word):
        return False
    if word.isupper() and len(word.replace(".", "")) <= 3:
        return False  # an acronym ("US", "EU", "DF") is not the word "us"
    return zipf(word, lang or "en") >= threshold
