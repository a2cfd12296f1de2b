"""Long texts: pieces parse into the same text, and span look-ups answer what a scan answers."""

from __future__ import annotations

import random
import re

from sucesos.nlp.chunks import parse_many, pieces, split_points
from sucesos.nlp.intervals import Overlaps, Stab, Within, contains_longer


def test_pieces_rejoin_to_the_text_and_cut_between_paragraphs():
    paragraph = "Gunmen attacked a police post in Culiacán on Monday, officials said. Three officers died.\n\n"
    text = paragraph * 400
    parts = pieces(text, 2_000)
    assert "".join(parts) == text
    assert len(parts) > 10
    assert all(part.endswith("\n\n") for part in parts[:-1])
    assert all(len(part) <= 2_000 for part in parts)


def test_a_text_without_line_breaks_is_cut_after_a_full_stop():
    text = "Hombres armados atacaron a policías en Uruapan. " * 300
    cuts = split_points(text, 1_000)
    assert cuts
    assert all(text[cut - 2 : cut] == ". " for cut in cuts)


def test_a_text_with_no_place_to_cut_stays_whole():
    text = "x" * 5_000
    assert pieces(text, 1_000) == [text]


def test_a_long_text_parses_into_one_doc_with_its_offsets():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    short = "A short report."
    long = "Police said three people died in Tijuana.\n" * 500
    docs = list(parse_many(nlp, [long, short, long], size=1_000))
    assert [doc.text for doc in docs] == [long, short, long]
    token = docs[0][-3]
    assert long[token.idx : token.idx + len(token)] == token.text
    assert sum(1 for sent in docs[0].sents if sent.text.strip()) == 500


def _random_spans(rng, n, length=5_000, longest=60):
    spans = []
    for _ in range(n):
        start = rng.randrange(length)
        spans.append((start, start + rng.randrange(1, longest)))
    return spans


def test_span_lookups_answer_what_a_scan_answers():
    rng = random.Random(7)
    for _ in range(30):
        spans = _random_spans(rng, rng.randrange(0, 80))
        overlaps, within, stab = Overlaps(spans), Within(spans, lambda s: s), Stab(spans, lambda s: s)
        longer = contains_longer(spans)
        for start, end in _random_spans(rng, 60, longest=200):
            assert overlaps.any(start, end) == any(s < end and start < e for s, e in spans)
            assert within.inside(start, end) == [sp for sp in spans if start <= sp[0] and sp[1] <= end]
            assert stab.first_holding(start) == next((sp for sp in spans if sp[0] <= start < sp[1]), None)
            assert longer(start, end) == any(s <= start and end <= e and e - s > end - start for s, e in spans)
            assert [stab.span(i) for i in stab.ending_in(start - 4, start)] == [sp for sp in spans if 0 <= start - sp[1] <= 4]
            assert [stab.span(i) for i in stab.starting_in(end, end + 4)] == [sp for sp in spans if 0 <= sp[0] - end <= 4]


def test_repeated_place_names_are_found_as_a_search_finds_them():
    from sucesos.places.detect import _occurrences, _word_positions

    text = "San Juan. En San Juan y en San.Juan, Juan, SanJuan, San Juanito; San Juan San Juan."
    words = _word_positions(text)
    for name in ("San Juan", "Juan", "San"):
        expected = [m.span() for m in re.finditer(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", text)]
        assert [m.span() for m in _occurrences(text, name, words)] == expected


def test_short_texts_keep_their_order_across_parse_groups():
    import spacy

    nlp = spacy.blank("es")
    texts = [f"Nota {i}. " * (i * 300 % 2_000 + 1) for i in range(40)]
    assert [doc.text for doc in parse_many(nlp, texts)] == texts


def test_parsed_docs_do_not_keep_the_tok2vec_output():
    """A batch of parsed articles holds no tensor (384 bytes a token in the sm models), which no stage reads."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = "Police said three people died in Tijuana.\n" * 200

    @spacy.Language.component("test_tensor")
    def fill(doc):
        import numpy

        doc.tensor = numpy.ones((len(doc), 96), dtype="float32")
        return doc

    nlp.add_pipe("test_tensor")
    for doc in parse_many(nlp, ["A short report.", text, text], size=1_000):
        assert doc.tensor.size == 0 and doc.tensor.shape[0] == len(doc)
        assert len(doc[1:4].as_doc()) == 3  # spans still copy out
