"""Assemble the spaCy pipeline for a language: model + lexicon EntityRuler."""

from __future__ import annotations

from sucesos.nlp.models import load_model


def build_nlp(lang: str, lexicon):
    """spaCy Language for `lang` with the lexicon's EntityRuler before NER.

    The ruler runs before the statistical NER, so lexicon matches (cartels,
    state forces, Mexican states) are kept and NER only labels the rest: this
    is how "Michoacan" stops being NORP and "CJNC" becomes CJNG.
    """
    nlp = load_model(lang)
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="sucesos_lexicon",
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
    )
    ruler.add_patterns(lexicon.ruler_patterns())
    return nlp
