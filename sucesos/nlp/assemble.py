"""Assemble the spaCy pipeline for a language: model + lexicon EntityRuler."""

from __future__ import annotations

from spacy.language import Language

from sucesos.nlp.models import load_model


@Language.component("sucesos_line_breaks")
def line_breaks(doc):
    """A line break ends a sentence: headlines and paragraphs carry no full stop.

    Runs before the parser, which keeps boundaries already set; without it
    the parser runs a headline into the first sentence of the text.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


def build_nlp(lang: str, lexicon):
    """spaCy Language for `lang` with the lexicon's EntityRuler before NER.

    The ruler runs before the statistical NER, so lexicon matches (cartels,
    state forces, Mexican states) are kept and NER only labels the rest: this
    is how "Michoacan" stops being NORP and "CJNC" becomes CJNG.
    """
    nlp = load_model(lang)
    # The Spanish model (trained with spaCy 3.1) breaks every token after a
    # preset boundary into its own sentence, so only English gets the rule;
    # Spanish headlines are separated by the claims stage's own sentence logic.
    if lang == "en" and "parser" in nlp.pipe_names:
        nlp.add_pipe("sucesos_line_breaks", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="sucesos_lexicon",
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
    )
    ruler.add_patterns(lexicon.ruler_patterns())
    return nlp
