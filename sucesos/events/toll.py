"""The main event's toll from the whole article's statement of it.

A crime report names its killing in the headline ("Ejecutan a comerciante")
and tells the dead wherever it pleases: in the lead ("dos cadáveres fueron
encontrados"), at the end ("Alan falleció antes de llegar al hospital").
ACLED codes the fatalities the report gives for the event; when the
article's own counts differ (a part, "uno de ellos murió", against the
whole, "los dos fueron asesinados"), the article's largest count that is
about this event is its statement of the toll, and anything it does not
state is not counted (the conservative rule: never more than the report
says, never a sum of partial counts that may name the same dead twice).

Not about this event: sentences that tell another incident ("otras dos
personas fueron asesinadas"), background ("el año pasado"), aggregate
statistics ("van 120 homicidios en el año"), tallies of several incidents
("la ola de violencia deja nueve muertos": only the part they name, "entre
ellos cuatro empleados", see `sucesos.events.aggregates`), and negated deaths ("no hubo
muertos" reads 0, never a toll). A hedge elsewhere in the sentence ("seis
cuerpos que podrían corresponder a las cabezas") does not unsay the bodies.
"""

from __future__ import annotations

import dataclasses

from sucesos.events.aggregates import is_tally, period_count, tally_part
from sucesos.events.casualties import Count, casualty_counts
from sucesos.events.detect import earlier_clause
from sucesos.model import Event, Evidence
from sucesos.words import words

DEATH_GROUPS = frozenset({"kill", "dead"})
# Event types whose toll is its dead; an arrest's or a protest's report of a
# killing is the crime they are about, not their own toll.
DEATH_TYPES = {"Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"}
# A demonstration's report tells the killing it protests ("protesta por el crimen de ..."): its dead are
# those its own sentences say died in it, never the article's count of the killing that moved it.
OWN_TOLL_ONLY = {"Violent demonstration"}
ANOTHER_WORDS = words("events", "any", "toll_another_words")
# words that date a death before the reported one, or count deaths over a period
BACKGROUND_WORDS = words("events", "any", "background_words")
RULE = "ACLED: the toll the article states for its event (its largest count about it; partial counts are not added)"


def _about_another(sent) -> bool:
    """'otras dos personas', 'in another attack'; not the distributive 'uno embolsado y otro desmembrado'."""
    seen_one = False
    for token in sent:
        if token.lower_ in ("uno", "una", "one"):
            seen_one = True
        elif token.lower_ in ANOTHER_WORDS and token.pos_ in ("DET", "ADJ", "PRON", "NUM") and not seen_one:
            return True
    return False


def _background(sent) -> bool:
    return any(token.lower_ in BACKGROUND_WORDS for token in sent)


def _lifeless(found, doc, lexicon, lang: str) -> list:
    """Remains cues that hold a death cue ("cuatro personas sin vida"): the longer cue took the
    death word's hit, but what it states is dead people, counted as the death word would be."""
    from sucesos.events.lexicon import Hit

    lifeless = []
    for hit in found:
        if hit.group == "remains" and hit.end - hit.start > 1:
            inner = lexicon.cues[lang].find(doc[hit.start : hit.end], groups={"dead"})
            if inner:
                lifeless.append(Hit("dead", hit.start, hit.end))
    return lifeless


def article_death_counts(doc, lang: str, lexicon, reader, doc_keys=None, skip_spans=()) -> list[Count]:
    """Every positive death count the article states about its own event, in text order."""
    counts: list[Count] = []
    for sent in doc.sents:
        if any(sent.start_char <= start < sent.end_char for start, _end in skip_spans):
            continue
        if _about_another(sent) or _background(sent) or period_count(sent, lang):
            continue
        if is_tally(sent, lang, doc_keys):
            part = tally_part(sent, lang, reader, doc_keys)
            if part is not None:
                counts.append(Count(*part))
            continue
        found = lexicon.cues[lang].find(sent, doc_keys=doc_keys)
        hits = [hit for hit in found if hit.group in DEATH_GROUPS] + _lifeless(found, doc, lexicon, lang)
        # "the worst attack since 2015, when gunmen ..., killing 10": the earlier incident's dead
        hits = [hit for hit in hits if earlier_clause(doc[hit.start : hit.end].root) is None]
        if not hits:
            continue
        found_counts = [count for count in casualty_counts(hits, doc, reader, DEATH_GROUPS) if count.value > 0]
        sources = [hit for hit in found if hit.group == "mod_reported"]
        if len({count.value for count in found_counts}) > 1 and len(sources) > 1:
            # "police said five ..., residents said eight": differing reports, ACLED keeps the lowest
            found_counts = [min(found_counts, key=lambda count: count.value)]
        counts.extend(found_counts)
    return counts


def other_happenings_sentences(events: list[Event], published: str | None = None) -> list[tuple[int, int]]:
    """The sentences that tell the article's recalled incidents and not its main one, as (start, end).

    Coreference (`sucesos.events.coreference`) already told the main
    happening apart from the others. A happening its own sentence dates
    weeks before publication, or places in another state than the main one
    ("era abogado de la familia LeBarón, nueve de cuyos miembros fueron
    asesinados en los límites de Chihuahua y Sonora"), is a recalled
    incident: its sentence counts its dead, not the main one's. Other
    happenings may be parts of the main one that coreference kept apart (two
    bodies found at two spots of one town): their counts stay the article's.
    A sentence the main event has a receipt in stays its own.
    """
    from sucesos.events.coreference import BACKGROUND_DAYS, _day, _own

    if len(events) < 2:
        return []
    main = events[0]
    pub = _day(published)
    mine = [(item.start, item.end) for item in main.evidence]
    if main.sentence is not None:
        mine.append((main.sentence.start, main.sentence.end))
    spans = []
    for other in events[1:]:
        sentence = other.sentence
        if sentence is None or any(sentence.start <= start < sentence.end for start, _end in mine):
            continue
        day = _day(other.event_date) if _own(other, "event_date") else None
        recalled = pub is not None and day is not None and pub - day > BACKGROUND_DAYS
        elsewhere = bool(main.admin1 and other.admin1 and other.admin1 != main.admin1 and _own(other, "location"))
        if not (recalled or elsewhere):
            continue
        lead = len(sentence.text) - len(sentence.text.lstrip())  # a sentence may start on the line break before it
        spans.append((sentence.start + lead, sentence.end))
    return spans


NON_VIOLENT_RULE = "ACLED: an arrest is non-violent; the dead of the crime it follows are that crime's toll, not the arrest's"


def with_article_toll(event: Event, counts: list[Count], text: str) -> Event:
    """`event` with the article's stated toll where its own reading is missing or lower, the rule in evidence."""
    if event.sub_event_type == "Arrests" and event.fatalities:
        receipt = next((item for item in event.evidence if item.field == "fatalities"), None)
        event = dataclasses.replace(event, fatalities=None, evidence=[item for item in event.evidence if item.field != "fatalities"])
        if receipt is not None:
            event.evidence.append(Evidence(field="fatalities", start=receipt.start, end=receipt.end, text=receipt.text, rule=NON_VIOLENT_RULE))
        return event
    if event.event_type not in DEATH_TYPES or event.sub_event_type in OWN_TOLL_ONLY or not counts or event.modality in ("hypothetical", "negated", "future"):
        return event
    best = max(counts, key=lambda count: (count.value, -count.start))
    if event.fatalities is not None and event.fatalities >= best.value:
        return event
    event = dataclasses.replace(event, fatalities=best.value, evidence=[item for item in event.evidence if item.field != "fatalities"])
    event.evidence.append(Evidence(field="fatalities", start=best.start, end=best.end, text=text[best.start : best.end], rule=RULE))
    return event
