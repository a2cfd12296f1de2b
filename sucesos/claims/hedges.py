"""Hedges, and statements the writer makes with no source.

`is_hedged` reads the cue and content of a claim for words of doubt
("allegedly", "appears", "could", "presuntamente") and for the Spanish
conditional ("habría atacado"), the press's way of relaying what it has not
confirmed.

`unattributed_statements` looks at sentences no attribution covers: an
evidential hedge there ("appears to be copying", "presuntamente") makes an
unattributed, hedged claim; speculation ("could potentially escalate") or
loaded framing ("nightmarish") makes an opinion, which is never an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sucesos.claims.cues import CueLexicon
from sucesos.claims.sentences import sentences
from sucesos.words import words

# English modal hedges only count as modals (tag MD), so "May 5" is not a hedge
ENGLISH_MODALS = words("claims", "en", "modals")


def _tokens_in(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _phrase_in(text: str, phrases) -> bool:
    lowered = " " + re.sub(r"[^\w\s]", " ", text.lower()) + " "
    lowered = re.sub(r"\s+", " ", lowered)
    return any(f" {phrase} " in lowered for phrase in phrases)


def _is_modal_hedge(token) -> bool:
    if token.lower_ in ENGLISH_MODALS:
        return token.tag_ == "MD"
    return True


def hedge_tokens(tokens, cues: CueLexicon) -> list:
    """The tokens that hedge a statement."""
    found = []
    for token in tokens:
        lower = token.lower_
        if lower in cues.hedges and _is_modal_hedge(token):
            found.append(token)
        elif token.lemma_.lower() in cues.hedge_lemmas and token.pos_ in {"VERB", "AUX"}:
            found.append(token)
        elif cues.lang == "es" and token.pos_ in {"AUX", "VERB"} and "Cnd" in token.morph.get("Mood"):
            found.append(token)
    return found


def is_hedged(doc, spans, cue_lemma: str | None, cues: CueLexicon) -> bool:
    """Whether a claim with these (start, end) spans is hedged."""
    if cue_lemma and cue_lemma in cues.hedging_cues:
        return True
    for start, end in spans:
        tokens = _tokens_in(doc, start, end)
        if hedge_tokens(tokens, cues):
            return True
        if _phrase_in(" ".join(t.text for t in tokens), cues.hedge_phrases):
            return True
    return False


@dataclass
class Statement:
    """A sentence the writer asserts with no source: hedged, or opinion."""

    cue: tuple[int, int] | None
    content: tuple[int, int]
    hedged: bool
    opinion: bool


def _sentence_span(sent) -> tuple[int, int] | None:
    tokens = [t for t in sent if not t.is_space]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in "”\"»":
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _evidential(sent, cues: CueLexicon):
    for token in sent:
        lower = token.lower_
        if lower in cues.evidential_hedges and _is_modal_hedge(token):
            if token.lemma_.lower() in cues.hedge_lemmas and not any(c.dep_ in {"xcomp", "ccomp", "attr", "acomp"} for c in token.children):
                continue  # "appeared in court": not a hedge without a complement
            return token
    return None


def _evidential_phrase(sent, cues: CueLexicon):
    """'al parecer', 'se presume': the tokens of a multiword evidential hedge (a Span), or None."""
    words = [t.lower_ for t in sent]
    for phrase in cues.evidential_phrases:
        parts = phrase.split()
        for k in range(len(words) - len(parts) + 1):
            if words[k : k + len(parts)] == parts:
                return sent[k : k + len(parts)]
    return None


def _speculation(sent, cues: CueLexicon):
    """A modal of possibility on the main clause: the writer speculating."""
    for token in sent:
        if token.lower_ in cues.speculation and _is_modal_hedge(token):
            head = token.head if token.dep_ in {"aux", "advmod"} else token
            if head.dep_ in {"ROOT", "root"} or token.dep_ in {"ROOT", "root"}:
                return token
    return None


def unattributed_statements(doc, covered: list[tuple[int, int]], cues: CueLexicon) -> list[Statement]:
    """Hedged or opinion statements in sentences that no attribution covers."""
    from sucesos.nlp.intervals import Overlaps

    statements: list[Statement] = []
    covered_spans = Overlaps(covered)  # sorted once: a scan per sentence was quadratic in the article's length
    for sent in sentences(doc):
        span = _sentence_span(sent)
        if span is None or len(sent) < 4:
            continue
        if covered_spans.any(span[0], span[1]):
            continue
        loaded = [t for t in sent if t.lower_ in cues.loaded]
        speculation = _speculation(sent, cues)
        evidential = _evidential(sent, cues) or _evidential_phrase(sent, cues)
        if loaded or (speculation is not None and evidential is None):
            if speculation is None and not loaded:
                continue
            if speculation is not None and not loaded and not _writer_speculation(sent, speculation, cues):
                continue
            statements.append(Statement(cue=None, content=span, hedged=speculation is not None, opinion=True))
        elif evidential is not None:
            cue = (evidential.start_char, evidential.end_char) if hasattr(evidential, "start_char") else (evidential.idx, evidential.idx + len(evidential.text))
            statements.append(Statement(cue=cue, content=span, hedged=True, opinion=False))
    return statements


def _writer_speculation(sent, modal, cues: CueLexicon) -> bool:
    """Speculation about consequences ("This could escalate", "Any steps might be ..."), not a reported possibility.

    The subject is a demonstrative or an abstract quantifier, or the modal is
    reinforced ("could potentially"): the writer is guessing at what follows.
    """
    reinforcing = {"potentially", "possibly", "conceivably", "eventually", "posiblemente", "eventualmente"}
    if any(t.lower_ in reinforcing for t in sent):
        return True
    head = modal.head
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"}:
            words = {t.lower_ for t in child.subtree}
            if words & {"this", "that", "it", "any", "esto", "eso", "ello", "cualquier"}:
                return True
    return False
