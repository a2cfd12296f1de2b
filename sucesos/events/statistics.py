"""Aggregate figures ("more than 2,700 homicides last year") kept apart from events.

A statistic is a count of a unit from `numbers.yaml` (homicides,
disappearances, displaced people ...) in a sentence that names a period
("last year", "so far this year", "en lo que va del año"), or a reward or
ransom amount. Its place is a place named in the sentence, or, for "the
state"/"el estado", the last place named before it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass

from sucesos.events.lexicon import CueMatcher, fold, phrase_tokens
from sucesos.events.numbers import NumberReader
from sucesos.model import Span, Statistic
from sucesos.words import word_entries, words

PLACE_LABELS = {"GPE", "LOC"}
PLACE_ANAPHORS = words("events", "any", "place_anaphors")


@dataclass(frozen=True)
class StatTables:
    units: dict[tuple[str, ...], str]
    matcher: CueMatcher
    reader: NumberReader


def stat_tables(numbers: dict, lang: str) -> StatTables:
    section = numbers.get("statistics") or {}
    units = {phrase_tokens(k): v for k, v in ((section.get("units") or {}).get(lang) or {}).items()}
    groups = {
        "unit": [" ".join(k) for k in units],
        "period": list(((section.get("periods") or {}).get(lang)) or []),
        "continuation": list(((section.get("continuation") or {}).get(lang)) or []),
        "money": list(((section.get("money_cues") or {}).get(lang)) or []),
    }
    return StatTables(units=units, matcher=CueMatcher(groups), reader=NumberReader(numbers, lang))


def _entities_by_sentence(doc, sentences) -> list[list]:
    """Each sentence's entities, from one pass over `doc.ents` (a Span's
    `.ents` rebuilds the whole document's, which made long articles quadratic)."""
    by_sentence: list[list] = [[] for _ in sentences]
    starts = [sent.start for sent in sentences]
    for ent in doc.ents:
        index = bisect_right(starts, ent.start) - 1
        if index >= 0 and ent.end <= sentences[index].end:
            by_sentence[index].append(ent)
    return by_sentence


def _sentence_places(sentences, entities: list[list], places) -> list[str | None]:
    """Each sentence's first place: a geoparsed one, else a place entity."""
    starts = [sent.start_char for sent in sentences]
    firsts: list[str | None] = [None] * len(sentences)
    for place in places:
        index = bisect_right(starts, place.start) - 1
        if index >= 0 and place.start < sentences[index].end_char and firsts[index] is None:
            firsts[index] = place.text
    for index, ents in enumerate(entities):
        if firsts[index] is None:
            firsts[index] = next((e.text for e in ents if e.label_ in PLACE_LABELS), None)
    return firsts


def _place_texts(sentences, entities: list[list], places) -> list[str | None]:
    """The place a sentence's statistic is about: its own first place, or, when
    it points back ("the state", "la entidad"), the first place of the nearest
    earlier sentence that names one ("The state of Michoacan is ...")."""
    own = _sentence_places(sentences, entities, places)
    result: list[str | None] = []
    last: str | None = None
    for index, sent in enumerate(sentences):
        if own[index] is not None:
            result.append(own[index])
        elif any(fold(t.text) in PLACE_ANAPHORS for t in sent):
            result.append(last)
        else:
            result.append(None)
        last = own[index] if own[index] is not None else last
    return result


KILLED_VERBS = {k: v for entry in word_entries("events", "any", "killed_verb_units") for k, v in entry.items()}
_LONG_PERIOD = word_entries("events", "any", "long_periods")
ORDINALS = {k: int(v) for entry in word_entries("events", "any", "ordinal_words") for k, v in entry.items()}
_ORDINAL_DIGITS = re.compile(r"^(\d{1,3})(?:st|nd|rd|th|º|°|o|a|er|vo|to)\.?$", re.IGNORECASE)
KILLING_NOUNS = words("events", "any", "killing_nouns")
RUNNING_SCOPE = words("events", "any", "running_count_scope")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _yearly(doc, hits) -> bool:
    """A period of a month or more ('last year', 'en lo que va del año', 'en lo que va de 2022'): counts of dead over it are statistics."""
    for hit in hits:
        if hit.group == "period":
            text = fold(doc[hit.start : hit.end].text)
            if any(word in text for word in _LONG_PERIOD):
                return True
            if any(_YEAR.match(t.text) for t in doc[hit.start : min(len(doc), hit.end + 2)]):
                return True
    return False


YEAR_PREPS = words("events", "any", "year_preps")


def _year_periods(sent) -> list:
    """'en 2022', 'in 2019', 'durante 2021': a year is a period ("suman seis comunicadores asesinados en 2022")."""
    from sucesos.events.lexicon import Hit

    return [Hit("period", t.i - 1, t.i + 1) for t in sent if t.i > sent.start and _YEAR.match(t.text) and fold(t.doc[t.i - 1].text) in YEAR_PREPS]


def _ordinal_value(token) -> int | None:
    found = _ORDINAL_DIGITS.match(token.text)
    if found:
        return int(found.group(1))
    return ORDINALS.get(fold(token.text))


def _killed_word(token) -> bool:
    key = fold(token.lemma_ or token.text)
    return key in KILLED_VERBS or key in KILLING_NOUNS or fold(token.text) in KILLING_NOUNS


def running_counts(sent, hits) -> list[tuple[int, int, int]]:
    """Counts told as a victim's rank in a series: 'Valdez is the sixth journalist
    murdered in Mexico since March', 'Matan al sexto periodista en lo que va del
    año', '14th killing in 2022'. (value, first token, end token).

    An ordinal, a killed word in its phrase (or the killing verb it is the object
    of), and a scope in the sentence (a period, the country, a year): the figure
    counts incidents over a period, not this incident's dead.
    """
    scoped = any(h.group == "period" for h in hits) or any(fold(t.text) in RUNNING_SCOPE or _YEAR.match(t.text) for t in sent)
    if not scoped:
        return []
    found = []
    doc = sent.doc
    for token in sent:
        value = _ordinal_value(token)
        if value is None or value < 2:
            continue  # "the first journalist killed" is no count of several
        window = doc[token.i + 1 : min(sent.end, token.i + 7)]
        killed = next((w for w in window if _killed_word(w)), None)
        noun = token.head if token.head.pos_ in ("NOUN", "PROPN") else None
        if killed is None and noun is not None and noun.head is not noun and _killed_word(noun.head):
            killed = noun.head  # "Matan al sexto periodista": the ordinal's noun is the killing's object
        if killed is None:
            continue
        end = max(token.i, killed.i) + 1
        found.append((value, token.i, end))
    return found


def _participle_counts(sent, tables: StatTables) -> list:
    """'13 periodistas asesinados en lo que va de 2022': a counted noun the killed participle modifies."""
    from sucesos.events.lexicon import Hit

    found = []
    for token in sent:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        participle = next((c for c in token.children if c.dep_ in ("amod", "acl") and fold(c.lemma_ or c.text) in KILLED_VERBS), None)
        if participle is None or not any(c.dep_ == "nummod" for c in token.children):
            continue
        number = tables.reader.read(sent.doc[token.left_edge.i : token.i])
        if number is not None:
            found.append((Hit("unit", token.i, token.i + 1), KILLED_VERBS[fold(participle.lemma_ or participle.text)]))
    return found


def _killed_counts(sent, tables: StatTables) -> list:
    """'more than 300 people were killed last year': the victims' noun as a unit."""
    from sucesos.events.lexicon import Hit

    found = []
    for token in sent:
        unit = KILLED_VERBS.get(fold(token.lemma_ or token.text))
        if unit is None or token.pos_ != "VERB":
            continue
        victims = [c for c in token.children if c.dep_ in ("nsubjpass", "nsubj", "nsubj:pass", "dobj", "obj")]
        for victim in victims:
            number = tables.reader.read(sent.doc[victim.left_edge.i : victim.i])
            if number is not None:
                found.append((Hit("unit", victim.i, victim.i + 1), unit))
    return found


def find_statistics(doc, lang: str, tables: StatTables, places=(), doc_keys=None) -> tuple[list[Statistic], set[int]]:
    """Statistics in a parsed document, and the indexes of the sentences that hold them."""
    stats: list[Statistic] = []
    sentence_ids: set[int] = set()
    extra_units: dict = {}
    sentences = list(doc.sents)
    text = doc.text  # once: Doc.text rebuilds the whole article on every call
    entities = _entities_by_sentence(doc, sentences)
    place_texts = _place_texts(sentences, entities, places)
    for index, sent in enumerate(sentences):
        hits = tables.matcher.find(sent, doc_keys=doc_keys) + _year_periods(sent)
        ranked = running_counts(sent, hits)
        if ranked:
            # the period is the series' ("the 13th media worker killed this year"): the sentence's other
            # counts ("among four people killed inside a bar") are its incident's dead, not statistics
            period_hit = next((h for h in hits if h.group == "period"), None)
            for value, first, end in ranked:
                stats.append(
                    Statistic(
                        quantity=value,
                        unit="people killed (rank in a series)",
                        place=place_texts[index],
                        period=doc[period_hit.start : period_hit.end].text if period_hit is not None else None,
                        evidence=Span.of(text, doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)),
                    )
                )
            # the sentence still tells its own victim's killing ("Linares became the eighth journalist
            # murdered this year"): it stays an event sentence; the rank is no toll, its period no date
            continue
        if not hits:
            continue
        groups = {h.group for h in hits}
        money = "money" in groups and any(e.label_ == "MONEY" or "$" in e.text for e in entities[index])
        participles: set = set()
        if "period" in groups and _yearly(doc, hits):
            counted = _participle_counts(sent, tables)
            participles = {hit for hit, _unit in counted}
            killed = (_killed_counts(sent, tables) if "unit" not in groups else []) + counted
            extra_units.update(killed)
            hits = hits + [hit for hit, _unit in killed]
            groups = {h.group for h in hits}
        if not ("period" in groups and "unit" in groups) and not money:
            continue
        period_hits = [h for h in hits if h.group == "period"]
        period = doc[period_hits[0].start : period_hits[0].end] if period_hits else None
        if period is not None:
            # extend "since" / "desde" / "in" to the year or date after it
            end = period.end
            while end < sent.end and (doc[end].like_num or doc[end].ent_type_ == "DATE") and end - period.end < 4:
                end += 1
            period = doc[period.start : end]
        place = place_texts[index]
        last_unit: str | None = None
        found_here = False
        for hit in sorted((h for h in hits if h.group in ("unit",)), key=lambda h: h.start):
            unit_span = doc[hit.start : hit.end]
            unit = tables.units.get(tuple(fold(t.lemma_ or t.text) for t in unit_span)) or tables.units.get(tuple(fold(t.text) for t in unit_span))
            if unit is None:
                unit = extra_units.get(hit)
            if unit is None:
                continue
            left = doc[max(sent.start, hit.start - 5) : hit.start]
            found = tables.reader.read(left)
            if found is None:
                continue
            value, first, _last = found
            stats.append(
                Statistic(
                    quantity=value,
                    unit=unit,
                    place=place,
                    period=period.text if period is not None else None,
                    evidence=Span.of(text, doc[first].idx, unit_span.end_char),
                )
            )
            last_unit = unit
            # "fue asesinado en su estudio; con su muerte suman seis comunicadores asesinados en 2022": the
            # running total rides on a sentence that tells its own killing, which stays an event sentence
            found_here = found_here or hit not in participles
        # "..., with another 200 so far this year": the figure extends the unit before it
        for hit in (h for h in hits if h.group == "continuation"):
            if last_unit is None:
                break
            after = doc[hit.end : min(sent.end, hit.end + 3)]
            found = tables.reader.read(after)
            if found is None:
                continue
            value, first, last = found
            already = any(s.evidence.start <= doc[first].idx < s.evidence.end for s in stats)
            if already:
                continue
            later_periods = [h for h in period_hits if h.start >= last]
            own_period = doc[later_periods[0].start : later_periods[0].end].text if later_periods else None
            stats.append(
                Statistic(
                    quantity=value,
                    unit=last_unit,
                    place=place,
                    period=own_period or (period.text if period is not None else None),
                    evidence=Span.of(text, doc[hit.start].idx, doc[last - 1].idx + len(doc[last - 1].text)),
                )
            )
        if money:
            for ent in entities[index]:
                if ent.label_ != "MONEY":
                    continue
                found = tables.reader.read(ent)
                if found is None:
                    continue
                currency = "USD" if ("$" in ent.text or "dollar" in ent.text.lower() or "dólar" in ent.text.lower()) else None
                if "peso" in ent.text.lower():
                    currency = "MXN"
                money_hit = next(h for h in hits if h.group == "money")
                stats.append(
                    Statistic(
                        quantity=found[0],
                        unit=f"{currency or 'money'} ({doc[money_hit.start:money_hit.end].text})",
                        place=None,
                        period=None,
                        evidence=Span.of(text, ent.start_char, ent.end_char),
                    )
                )
                found_here = True
        if found_here:
            sentence_ids.add(index)
    # A figure past any float ("9" * 400) is no quantity: JSON has no Infinity.
    stats = [stat for stat in stats if stat.quantity is None or math.isfinite(stat.quantity)]
    return stats, sentence_ids
