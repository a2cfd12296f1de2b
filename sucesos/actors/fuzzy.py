"""Fuzzy canonicalisation: misspelt names and acronyms to lexicon actors.

Reports misspell ("CJNC", "Cartel de Jalisco Nueva Generacíon"); the ruler
matches only what the lexicon spells. This matcher takes a name the ruler
missed and finds the one actor it is a spelling of, or nothing. It never
merges two groups:

- every content word must pair with a word of the alias (each pair close in
  spelling) and no word may be left over, so "Nueva Familia Michoacana" is
  never "Familia Michoacana" and "Cártel del Golfo" never "Cártel del Noreste";
- an acronym of four or more letters is one edit from exactly one actor's
  acronym, else nothing ("CJNC" is CJNG; a three-letter one matches only
  exactly, since CNN is one edit from CDN and CDH from both CDG and CDN);
- when two different actors score about the same, there is no answer;
- generic actors ("gunmen", "civilians") are never fuzzy targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from sucesos.actors.lexicon import Actor, Lexicon, strip_accents
from sucesos import words as word_lists

STOPWORDS = word_lists.words("actors", "any", "name_stopwords")
WORD = re.compile(r"[\w]+", re.UNICODE)
ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{2,6}$")

MIN_NAME_SCORE = 88.0  # whole-name similarity (0-100)
MIN_WORD_SCORE = 80.0  # every paired word at least this similar
MIN_MARGIN = 4.0
MIN_FUZZY_ACRONYM = 4  # letters; shorter acronyms match exactly or not at all  # best actor ahead of any other actor by this much
MAX_REMEMBERED = 50_000  # names whose answer is kept (a few MB)


def normalise_words(text: str) -> tuple[str, ...]:
    """Lower-case, accent-free content words ("El Cártel del Golfo" -> ("cartel", "golfo"))."""
    words = WORD.findall(strip_accents(text).lower())
    return tuple(w for w in words if w not in STOPWORDS)


def _words_pair_up(words: tuple[str, ...], alias: tuple[str, ...]) -> bool:
    """Same number of content words, each (in order) a close spelling of its counterpart."""
    if len(words) != len(alias):
        return False
    return all(fuzz.ratio(a, b) >= MIN_WORD_SCORE for a, b in zip(words, alias))


@dataclass(frozen=True)
class FuzzyMatch:
    actor: Actor
    score: float  # 0-100
    alias: str  # the lexicon spelling it matched


class FuzzyMatcher:
    """Built once per lexicon (`Resources.cached`); `match(text)` per mention."""

    def __init__(self, lexicon: Lexicon):
        # Aliases by their number of content words: a name pairs only with an
        # alias of as many words, so each look-up scans one bucket, not the lexicon.
        self._names: dict[int, list[tuple[tuple[str, ...], str, str, Actor]]] = {}
        self._acronyms: dict[str, list[Actor]] = {}
        # Names recur across articles (the same cartel, the same misspelling):
        # answers are remembered, up to a bound.
        self._answers: dict[str, FuzzyMatch | None] = {}
        for actor in lexicon.actors.values():
            if actor.generic:
                continue
            for alias in (actor.name, *actor.aliases, *actor.misspellings, *actor.cased_aliases):
                words = normalise_words(alias)
                if words:
                    self._names.setdefault(len(words), []).append((words, " ".join(words), alias, actor))
            for acronym in actor.acronyms:
                self._acronyms.setdefault(acronym.upper(), []).append(actor)

    def match(self, text: str) -> FuzzyMatch | None:
        text = text.strip()
        if text in self._answers:
            return self._answers[text]
        found = self._match_acronym(text) if ACRONYM.match(text) else self._match_name(text)
        if len(self._answers) >= MAX_REMEMBERED:
            self._answers.clear()
        self._answers[text] = found
        return found

    def _match_acronym(self, text: str) -> FuzzyMatch | None:
        exact = self._acronyms.get(text)
        if exact:
            return FuzzyMatch(exact[0], 100.0, text) if len({a.id for a in exact}) == 1 else None
        if len(text) < MIN_FUZZY_ACRONYM:
            return None  # three letters are too dense to guess at: CNN is one edit from CDN
        near: dict[str, tuple[Actor, str]] = {}
        for acronym, actors in self._acronyms.items():
            if abs(len(acronym) - len(text)) > 1 or len(acronym) < MIN_FUZZY_ACRONYM:
                continue
            if DamerauLevenshtein.distance(text, acronym) <= 1:
                for actor in actors:
                    near[actor.id] = (actor, acronym)
        if len(near) != 1:
            return None  # none, or ambiguous between groups: never guess
        actor, acronym = next(iter(near.values()))
        return FuzzyMatch(actor, 90.0, acronym)

    def _match_name(self, text: str) -> FuzzyMatch | None:
        words = normalise_words(text)
        if not words or sum(len(w) for w in words) < 5:
            return None
        joined = " ".join(words)
        best: dict[str, FuzzyMatch] = {}
        for alias_words, alias_joined, alias, actor in self._names.get(len(words), ()):
            if not _words_pair_up(words, alias_words):
                continue
            score = fuzz.ratio(joined, alias_joined)
            if score < MIN_NAME_SCORE:
                continue
            if actor.id not in best or score > best[actor.id].score:
                best[actor.id] = FuzzyMatch(actor, score, alias)
        if not best:
            return None
        ranked = sorted(best.values(), key=lambda m: m.score, reverse=True)
        if len(ranked) > 1 and ranked[0].score - ranked[1].score < MIN_MARGIN:
            return None
        return ranked[0]
