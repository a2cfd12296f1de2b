"""Pipeline components `events` and `statistics`."""

from __future__ import annotations

from sucesos.events.acled_rules import acled_rules, apply_acled_rules, toll_from_retellings
from sucesos.events.classifier import combine, lead_span, lead_text, model_for
from sucesos.events.extract import article_country, extract_events
from sucesos.events.lexicon import event_lexicon, token_keys
from sucesos.events.numbers import NumberReader
from sucesos.events.statistics import find_statistics, stat_tables
from sucesos.events.toll import article_death_counts, other_happenings_sentences, with_article_toll
from sucesos.frame import component


def _stat_tables(resources, lang: str):
    lexicon = event_lexicon(resources)
    return resources.cached(f"events.stat_tables.{lang}", lambda: stat_tables(lexicon.numbers, lang))


@component("events", requires=("doc", "mentions", "places", "dates", "claims"), assigns=("events", "event_statistics"), reads=("focus",))
def find_events(analysis, resources) -> dict:
    """ACLED-typed events, main event first; each with its sentence and evidence.

    Place and date fields are left None here: `locate_events` fills them from
    each event's `sentence`. Sentences that only state an aggregate figure
    (see `statistics`) give no event.
    """
    lang = analysis["lang"]
    lexicon = event_lexicon(resources)
    places = analysis.get("places") or []
    doc_keys = token_keys(analysis.doc)
    stats, stat_sentences = find_statistics(analysis.doc, lang, _stat_tables(resources, lang), places, doc_keys)
    events = extract_events(
        analysis.doc,
        lang,
        analysis.get("mentions") or [],
        places,
        analysis.get("claims") or [],
        lexicon,
        resources,
        skip_sentences=frozenset(stat_sentences),
        doc_keys=doc_keys,
        focus=analysis.get("focus"),
    )
    # handed on so the `statistics` component need not read the article again
    return {"events": events, "event_statistics": stats}


@component("statistics", requires=("doc",), assigns=("statistics",), reads=("event_statistics", "places"))
def find_statistics_component(analysis, resources) -> dict:
    """Aggregate figures (quantity, unit, place, period, evidence): not events."""
    stats = analysis.get("event_statistics")
    if stats is None:  # run without `events`
        lang = analysis["lang"]
        stats, _sentences = find_statistics(analysis.doc, lang, _stat_tables(resources, lang), analysis.get("places") or [])
    return {"statistics": list(stats)}


@component("code_events", requires=("events", "places", "mentions"), assigns=("events",), reads=("focus", "event_statistics"))
def code_events(analysis, resources) -> dict:
    """The learned model's say on the main event, then ACLED's coding rules on every event.

    The model (see `sucesos.events.classifier`) reads the article's lead and
    re-types the main event, or drops an article it calls no event, where its
    measured precedence over the cues says so.

    Re-codes what breaks a rule (an attack on police is an Armed clash),
    names the actors a report leaves unnamed as ACLED does, and records the
    rule in each changed value's evidence (see `sucesos/data/acled_rules.yaml`).
    """
    events = list(analysis.get("events") or [])
    if not events:
        return {"events": events}
    model = model_for(resources)
    if model is not None:
        text = analysis.text
        values, out_of_fold = model.lead_probabilities(lead_text(text))
        probabilities = dict(zip(model.classes, values.tolist()))
        events = combine(events, probabilities, model, lead_span(text), out_of_fold=out_of_fold)
        if not events:
            return {"events": events}
    country = article_country(analysis.get("places") or [], analysis.get("mentions") or [], resources, analysis.get("focus"))
    rules = acled_rules(resources)
    events = toll_from_retellings(events)
    events = _with_article_toll(analysis, resources, events)
    return {"events": [apply_acled_rules(event, rules, country) for event in events]}


def _with_article_toll(analysis, resources, events):
    """The main event's toll as the whole article states it (see `sucesos.events.toll`)."""
    lang = analysis["lang"]
    lexicon = event_lexicon(resources)
    if lang not in lexicon.cues:
        return events
    stats = analysis.get("event_statistics") or []
    skip = [(s.evidence.start, s.evidence.end) for s in stats if s.evidence is not None]
    published = analysis.article.published if analysis.article is not None else None
    skip += other_happenings_sentences(events, published)
    counts = article_death_counts(analysis.doc, lang, lexicon, NumberReader(lexicon.numbers, lang), token_keys(analysis.doc), skip)
    return [with_article_toll(events[0], counts, analysis.text), *events[1:]]
