"""Claims' sentences: the parser's, cut at line breaks; read once per Doc and the same every time."""

from __future__ import annotations


def test_sentences_are_cut_at_line_breaks_and_the_same_when_asked_again(resources):
    from sucesos.claims.sentences import sentences

    nlp = resources.nlp("en")
    text = "‘Committing Acts of Terrorism’\n\nThe prosecutor said the cartel did it. Police agreed."
    doc = nlp(text)
    first = [s.text for s in sentences(doc)]
    assert first[0] == "‘Committing Acts of Terrorism’"
    assert "The prosecutor said the cartel did it." in first
    assert [s.text for s in sentences(doc)] == first
    other = nlp("A different text. With two sentences, and more words than the first one had at all.")
    assert [s.text for s in sentences(other)] == [s.text for s in other.sents]
