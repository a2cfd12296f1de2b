"""Counts told over several incidents: a tally, not one incident's toll.

Reports of a violent day lead with its total ("Violence in border city
leaves 8 dead", "la ola de violencia ... deja al menos nueve muertos",
"11 murders in ten hours") and tell the attacks one by one after it. ACLED
codes each attack as its own event with its own dead; a total over several
of them is no event's fatalities. A sentence is a tally when it names a
series ("a series of violent events", "en distintos hechos"), a span of
hours, a violence noun leaving the dead ("Violence leaves 8 dead"), or a
counted plural of incidents leaving them ("three attacks left 10 dead"). The
part such a sentence names ("nueve muertos, entre ellos cuatro empleados")
is the toll of the incident it goes on to tell.

The words are data: `sucesos/data/words/events.<lang>.yaml`.
"""

from __future__ import annotations

import re

import functools

from sucesos.errors import ConfigError
from sucesos.events.lexicon import CueMatcher, fold
from sucesos.words import words


@functools.lru_cache(maxsize=None)
def _phrases(lang: str) -> CueMatcher | None:
    try:
        return CueMatcher({"tally": sorted(words("events", lang, "aggregate_phrases")), "part": sorted(words("events", lang, "part_cues"))})
    except ConfigError:  # a language without the lists has no tally rule
        return None


@functools.lru_cache(maxsize=None)
def event_words(lang: str, name: str) -> frozenset[str]:
    """A list of `events.<lang>.yaml`, accent-folded; empty for a language without the file."""
    try:
        return frozenset(fold(w) for w in words("events", lang, name))
    except ConfigError:
        return frozenset()


def _month_names(lang: str) -> frozenset[str]:
    """The month names the dates stage reads (sucesos.dates.normalise), accent-folded."""
    from sucesos.dates.normalise import EN_MONTHS, ES_MONTHS

    return frozenset(fold(name) for name in {"en": EN_MONTHS, "es": ES_MONTHS}.get(lang, {}))


def _hour_span(sent, lang: str) -> bool:
    """'in ten hours', 'en las últimas 24 horas', 'en menos de seis horas'."""
    units, preps = event_words(lang, "hour_units"), event_words(lang, "hour_preps")
    for token in sent:
        if fold(token.text) not in units:
            continue
        before = token.doc[max(sent.start, token.i - 4) : token.i]
        if any(t.like_num for t in before) and any(fold(t.text) in preps for t in before):
            return True
    return False


def _violence_leaves(sent, lang: str) -> bool:
    """'Violence ... leaves 8 dead', 'la ola de violencia ... deja nueve muertos'."""
    subjects, verbs = event_words(lang, "aggregate_subjects"), event_words(lang, "leaving_verbs")
    for token in sent:
        if token.dep_.startswith("nsubj") and fold(token.lemma_ or token.text) in subjects and fold(token.head.lemma_ or token.head.text) in verbs:
            return True
    return False


def _incidents_leave(sent, lang: str) -> bool:
    """'tres asesinatos múltiples en Juchitán han dejado 10 víctimas', 'two attacks left 9 dead':
    a counted plural of incidents as the subject of a leaving verb tallies their dead."""
    nouns, verbs = event_words(lang, "incident_nouns"), event_words(lang, "leaving_verbs")
    counted = [
        t for t in sent
        if (fold(t.lemma_ or t.text) in nouns or fold(t.text) in nouns)
        and ("Plur" in t.morph.get("Number") or t.tag_ in ("NNS", "NNPS"))
        and any(c.dep_ == "nummod" and c.i < t.i for c in t.children)
    ]  # fmt: skip
    for verb in sent:
        if verb.pos_ != "VERB" or fold(verb.lemma_ or verb.text) not in verbs:
            continue
        subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
        # the counted incidents come before the verb and nothing else is its subject (parsers often
        # hang "tres asesinatos en Juchitán" off a preceding noun rather than the verb)
        if any(t.i < verb.i and (not subjects or t in subjects) for t in counted):
            return True
    return False


# A count of incidents at least this large is a statistic however it is worded: no one
# day and place holds it ("hubo 239 enfrentamientos hasta el 30 de septiembre").
MIN_PERIOD_INCIDENTS = 10


def period_count(sent, lang: str) -> bool:
    """'hubo 239 enfrentamientos hasta el 30 de septiembre', '112 attacks since 2019': a count of
    many incidents over a period bounded by a date. ACLED codes an event as a happening on one day
    at one place; such a sentence is a statistic, none of its incidents an event of the report."""
    nouns, preps = event_words(lang, "incident_nouns"), event_words(lang, "period_preps")
    counted = False
    for token in sent:
        if fold(token.lemma_ or token.text) not in nouns and fold(token.text) not in nouns:
            continue
        for child in token.children:
            digits = child.text.replace(",", "").replace(".", "")
            if child.dep_ == "nummod" and digits.isdigit() and int(digits) >= MIN_PERIOD_INCIDENTS:
                counted = True
    if not counted:
        return _years_count(sent)
    # the period: a bounding preposition right before a date ("hasta el 30 de septiembre", "since 2019"),
    # or a whole month or year ("Jalisco fue tercero con 212 homicidios en enero", "in 2020")
    months, within = _month_names(lang), event_words(lang, "period_in_preps")
    for token in sent:
        if fold(token.text) in within and token.i + 1 < sent.end:
            after = token.doc[token.i + 1]
            if fold(after.text) in months or (len(after.text) == 4 and after.text.isdigit()):
                return True
        if fold(token.text) in preps:
            after = token.doc[token.i + 1 : min(sent.end, token.i + 4)]
            # a date: as parsed, or a year, or a day after its article ("hasta el 30 de septiembre")
            if any(t.ent_type_ == "DATE" or (t.like_num and (len(t.text) == 4 or fold(t.doc[t.i - 1].text) in ("el", "the"))) for t in after):
                return True
    return False


_YEAR = re.compile(r"(?:19|20)\d\d")
MIN_YEARS_COUNT = 50  # more dead than one incident holds, counted over years
DEATH_LEMMAS = frozenset(fold(w) for w in words("events", "any", "statistic_death_lemmas"))


def _years_count(sent) -> bool:
    """'Unas 42.000 personas han muerto ... desde finales de 2006', '99 comunicadores asesinados de 2000 a 2016':
    a count of people over years is a statistic, whoever is counted (a year, not a day: 'desde el lunes'
    bounds one incident's toll)."""
    years = [t for t in sent if _YEAR.fullmatch(t.text)]
    if not years or not any(fold(t.lemma_) in DEATH_LEMMAS or fold(t.text) in DEATH_LEMMAS for t in sent):
        return False
    for token in sent:
        digits = token.text.replace(",", "").replace(".", "")
        if token.like_num and digits.isdigit() and not _YEAR.fullmatch(token.text) and int(digits) >= MIN_YEARS_COUNT:
            return True
    return False


def is_tally(sent, lang: str, doc_keys=None) -> bool:
    """Whether the sentence states a count over several incidents."""
    matcher = _phrases(lang)
    if matcher is None:
        return False
    if any(hit.group == "tally" for hit in matcher.find(sent, doc_keys=doc_keys)):
        return True
    return _hour_span(sent, lang) or _violence_leaves(sent, lang) or _incidents_leave(sent, lang)


def part_start(sent, lang: str, doc_keys=None) -> int | None:
    """The token where a tally names its part ('entre ellos', 'among them'), or None."""
    matcher = _phrases(lang)
    if matcher is None:
        return None
    parts = [hit for hit in matcher.find(sent, doc_keys=doc_keys) if hit.group == "part"]
    return parts[0].end if parts else None


def tally_part(sent, lang: str, reader, doc_keys=None) -> tuple[int, int, int] | None:
    """The count a tally names as its part ('entre ellos cuatro empleados'):
    (value, first char, end char), or None. Only a written number: 'including
    a radio presenter' names a victim, not the incident's toll."""
    start = part_start(sent, lang, doc_keys)
    if start is None:
        return None
    after = sent.doc[start : min(sent.end, start + 4)]
    if not after or not any(t.like_num for t in after[:2]):
        return None
    found = reader.read(after)
    if found is None or found[0] < 1:
        return None
    value, first, last = found
    doc = sent.doc
    return int(value), doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
