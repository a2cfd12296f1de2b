"""Language identification for articles that do not say their language."""

from __future__ import annotations

import functools

from sucesos.nlp.models import SUPPORTED_LANGS


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot tell.

    Only the first few thousand characters are read: enough for a news text,
    and it keeps a huge article from costing more than its extraction.
    """
    sample = text[:5000].strip()
    if len(sample) < 3:
        return None
    lang, prob = _identifier().classify(sample)
    if lang not in SUPPORTED_LANGS:
        # Short Spanish/English snippets sometimes score as a neighbour; prefer
        # a supported language when it is nearly as likely.
        ranked = dict(_identifier().rank(sample)[:5])
        for supported in SUPPORTED_LANGS:
            if ranked.get(supported, 0.0) > 0.25:
                return supported
    if prob < 0.3 and len(sample) < 40:
        return None
    return lang
