"""Events of one parsed article: classify, fill roles, casualties, tactics, modality.

`extract_events` is a pure function of the parsed doc, the actor mentions,
the places (for the country of unnamed actors), the claims and the loaded
tables. Place and date fields stay None: `locate_events` fills them from
each event's `sentence`.
"""

from __future__ import annotations

from collections import Counter

from sucesos.events.aggregates import event_words, is_tally, tally_part
from sucesos.events.casualties import Count, MAX_PLAUSIBLE_TOLL, casualty_counts, count_casualties, refused_counts
from sucesos.events.detect import VIOLENT_TYPES, Candidate, _negated_sign, clause_head, is_anaphoric, sentence_candidates
from sucesos.events.lexicon import EventLexicon, Hit, fold, token_keys
from sucesos.events.modality import modality_of
from sucesos.events.numbers import NumberReader
from sucesos.events.roles import Actor, actor_for, agent_and_patient, clash_opponent, clash_sides, conjoined, is_armed, with_country
from sucesos.model import Event, Evidence, Span
from sucesos.words import words

UNIDENTIFIED = "Unidentified Armed Group ({country})"
FIGHTING = {"assault", "clash", "kill", "injure", "shelling", "airstrike", "explosion_noun"}
DEATH_GROUPS = frozenset({"kill", "dead"})
# Sentences longer than this are not read for events: a parse of a
# 5,000-word "sentence" is noise, and reading it costs more than it tells.
MAX_SENTENCE_TOKENS = 400
# News puts the main event first (inverted pyramid): each later event-bearing
# sentence costs this much salience, about the gap between a specific and a
# generic pattern, so a later, more specific report still wins over a vague lead.
SALIENCE_PER_SENTENCE = 3.0


# The headline, a byline and the lead sentence frame the article (inverted pyramid).
LEAD_SENTENCES = 3
# Trigger groups that tell a consequence (wounded, dead), not how it came about.
CONSEQUENCE_GROUPS = frozenset({"injure", "dead"})
# what a domestic killing is retold as further down ("regresó a ocultar el cuchillo con el que lo atacó")
DOMESTIC_RETELLINGS = frozenset({"Attack", "Sexual violence"})
VIOLENCE_GROUPS = frozenset({"assault", "kill", "clash", "abduct", "abduct_strong", "violence_sign", "explosion_noun"})


def _tells_accident(hits) -> bool:
    """The sentence tells an accident and no violence ("Muere tras chocar contra tráiler")."""
    groups = {hit.group for hit in hits}
    return "accident" in groups and not groups & VIOLENCE_GROUPS


ANOTHER_WORDS = words("events", "any", "another_words")


def _tells_another(sent) -> bool:
    return any(token.lower_ in ANOTHER_WORDS and token.pos_ in ("DET", "ADJ", "PRON", "NUM") for token in sent)


# The receipt of a refused toll (events.casualties.MAX_PLAUSIBLE_TOLL): the value is null.
TOLL_REFUSED = f"refused: a figure beyond {MAX_PLAUSIBLE_TOLL:,} is no toll of one event (null)"


def _evidence(doc_text: str, field: str, start: int, end: int) -> Evidence:
    return Evidence(field=field, start=start, end=end, text=doc_text[start:end])


def article_country(places, mentions, resources, focus=None) -> str | None:
    """The country of the article's unnamed actors ('Unidentified Armed Group (Mexico)').

    The country most of its geocoded places lie in; where places tie or none
    is geocoded, the article's focus country (where it is about:
    `sucesos.places.focus`); else the home country of the actors the lexicon
    knows. Places first: measured on the El Gráfico set, the focus follows a
    namesake ("San Bernardino" in Texcoco -> California, the gang "La Unión"
    -> El Salvador) where the resolved places say Mexico.
    """
    names = Counter()
    for place in places or ():
        country = getattr(place, "country", None)
        if country:
            names[_country_name(country, resources)] += 1
    focus_country = _country_name(str(focus["country"]), resources) if isinstance(focus, dict) and focus.get("country") else None
    if names:
        ranked = names.most_common()
        tied = [name for name, count in ranked if count == ranked[0][1]]
        if focus_country in tied:
            return focus_country
        return ranked[0][0]
    if focus_country:
        return focus_country
    # no geocoded place: the home country of the actors the lexicon knows
    for mention in mentions or ():
        actor = resources.lexicon.get(getattr(mention, "actor_id", None))
        if actor is not None and actor.country:
            names[actor.country] += 1
    if names:
        return _country_name(names.most_common(1)[0][0], resources)
    return None


def _country_name(code_or_name: str, resources) -> str:
    """ACLED actor names use the country's English name; places and the lexicon may give ISO codes."""
    if len(code_or_name) in (2, 3) and code_or_name.isupper():
        return resources.gazetteer.country_name(code_or_name) or code_or_name
    return code_or_name


def _tactics(lexicon: EventLexicon, lang: str, sentences, doc_keys=None) -> list[tuple[str, int, int]]:
    """Tactic tags with the span of the cue that set each, in tactics.yaml order."""
    first_cue: dict[str, Hit] = {}
    has_with: set[str] = set()
    for sent in sentences:
        for hit in lexicon.tactic_matchers[lang].find(sent, doc_keys=doc_keys):
            kind, tag = hit.group.split("::", 1)
            if kind == "cue":
                first_cue.setdefault(tag, hit)
            else:
                has_with.add(tag)
    found: list[tuple[str, int, int]] = []
    for tactic in lexicon.tactics[lang]:
        hit = first_cue.get(tactic.tag)
        if hit is None or (tactic.needs_with and tactic.tag not in has_with):
            continue
        doc = sentences[0].doc
        span = doc[hit.start : hit.end]
        found.append((tactic.tag, span.start_char, span.end_char))
    return found


def _retype(cand: Candidate, actor1: Actor | None, actor2: Actor | None, lexicon: EventLexicon, hits: list[Hit], first_actor: Actor | None = None) -> tuple[str, str]:
    sub = cand.sub_type
    if sub.role_rule == "attack_or_clash":
        if is_armed(actor2) and (actor1 is None or is_armed(actor1)):
            return "Battles", "Armed clash"
        return sub.event_type, sub.name
    if sub.role_rule == "territory_by_agent":
        groups = {hit.group for hit in hits}
        if "withdraw" in groups and not groups & FIGHTING:
            # taken after the other side withdrew, and no fighting told: a non-violent transfer
            return "Strategic developments", "Non-violent transfer of territory"
        if actor1 is None and is_armed(actor2):
            # "the terrorists were pushed back", "drove out the militants": the side named lost the ground, the other gained it
            if actor2.inter == "State forces":
                return "Battles", "Non-state actor overtakes territory"
            return "Battles", "Government regains territory"
        gainer = actor1 or first_actor
        if gainer is not None and gainer.inter == "State forces":
            return "Battles", "Government regains territory"
        if gainer is not None:
            return "Battles", "Non-state actor overtakes territory"
        return "Battles", "Government regains territory"
    return sub.event_type, sub.name


def lead_context(lead, lang: str, lexicon: EventLexicon, doc_keys=None) -> frozenset:
    """Cue groups of the headline and lead that frame the whole article (`lead_context` in event_types.yaml)."""
    if not lexicon.lead_context:
        return frozenset()
    groups = {hit.group for sent in lead for hit in lexicon.cues[lang].find(sent, doc_keys=doc_keys) if not _negated_sign(sent.doc, hit)}
    return frozenset(
        group
        for group, needs in lexicon.lead_context.items()
        if group in groups and (not needs or groups & set(needs)) and not groups & set(lexicon.lead_context_unless.get(group, ()))
    )


def extract_events(doc, lang: str, mentions, places, claims, lexicon: EventLexicon, resources, skip_sentences=frozenset(), doc_keys=None, focus=None) -> list[Event]:
    text = doc.text
    reader = NumberReader(lexicon.numbers, lang)
    country = article_country(places, mentions, resources, focus)
    if doc_keys is None:
        doc_keys = token_keys(doc)
    candidates: list[Candidate] = []
    sentence_hits: dict[int, list[Hit]] = {}
    accident_lead = domestic_lead = court_headline = False
    # the lead's sentences, not the bare line breaks spaCy sometimes splits off between them
    context = lead_context([sent for sent in doc.sents if sent.text.strip()][:LEAD_SENTENCES], lang, lexicon, doc_keys)
    told = 0  # sentences read so far, not counting the bare line breaks spaCy splits off
    for index, sent in enumerate(doc.sents):
        if sent.text.strip():
            told += 1
        if index in skip_sentences or len(sent) > MAX_SENTENCE_TOKENS:
            continue
        in_lead = told <= LEAD_SENTENCES
        found, hits = sentence_candidates(sent, index, lang, lexicon, doc_keys, context)
        sentence_hits[index] = hits
        if in_lead and _tells_accident(hits) and all({hit.group for hit in cand.hits} <= CONSEQUENCE_GROUPS for cand in candidates):
            # the lead tells an accident: a headline's bare "deja herido a motociclista" was its toll, not an attack
            accident_lead = True
            candidates = []
        if in_lead and any(hit.group == "domestic" for hit in hits):
            domestic_lead = True
            # the headline's "Acuchilla a su carnal" is the same act: retellings before the lead go too
            candidates = [cand for cand in candidates if cand.sub_type.name not in DOMESTIC_RETELLINGS]
        if told == 1 and any(hit.group == "court" for hit in hits):
            # the headline tells a hearing or a sentence ("Vinculan a proceso a ... por un homicidio"):
            # the crime the article goes on to recall is the case's background, not an event of the
            # report's day (ACLED codes the event when it happens, not its proceedings)
            court_headline = True
        for cand in found:
            if court_headline and "court" in cand.sub_type.block:
                continue
            if accident_lead and {hit.group for hit in cand.hits} <= CONSEQUENCE_GROUPS:
                # the headline or lead tells an accident: the wounded and dead told later are its toll, not an attack
                continue
            if domestic_lead and cand.sub_type.name in DOMESTIC_RETELLINGS:
                # the lead tells violence inside the family ("asesinó a su hermano"): a later "lo atacó" retells it
                continue
            if candidates and is_anaphoric(cand, hits):
                # "The drone even filmed the attack ...": more about the last event
                candidates[-1].merged.append(sent)
                _refine_weapon(candidates[-1], found)
                break
            if not candidates and is_anaphoric(cand, hits):
                break  # refers to an event told elsewhere (e.g. "claimed the attack")
            candidates.append(cand)

    events: list[tuple[float, int, Event]] = []
    sentence_rank: dict[int, int] = {}
    for cand in candidates:
        sentence_rank.setdefault(cand.sent_index, len(sentence_rank))
    per_sentence = Counter(cand.sent_index for cand in candidates)
    for order, cand in enumerate(candidates):
        hits = sentence_hits[cand.sent_index]
        if per_sentence[cand.sent_index] > 1:
            # two events in one sentence: each reads casualties in its own clause only
            own_clause = clause_head(cand.anchor).i
            hits = [h for h in hits if h.group not in DEATH_GROUPS | {"injure"} or _in_own_clause(doc[h.start], cand.anchor, own_clause)]
        # the next sentence often tells how ("following the withdrawal of ...")
        following = sentence_hits.get(cand.sent_index + 1, [])
        event = _build_event(cand, hits, text, lang, mentions, claims, lexicon, resources, reader, country, following, doc_keys)
        if event is None:
            continue
        violent = event.event_type in VIOLENT_TYPES
        casualties = (event.fatalities or 0) + (event.injuries or 0)
        # a tally's dead ("eight killed in a series of attacks") are told, though no one incident's toll
        told_dead = casualties > 0 or (any(h.group in DEATH_GROUPS for h in hits) and is_tally(cand.sent, lang, doc_keys))
        salience = cand.weight + (1.5 if violent else 0.0) + (1.0 if told_dead else 0.0) - SALIENCE_PER_SENTENCE * sentence_rank[cand.sent_index]
        if event.modality in ("hypothetical", "negated", "future"):
            salience -= 10.0
        if _tells_another(cand.sent):
            # "otras cuatro personas fueron asesinadas", "in another attack": a second incident, not the news
            salience -= SALIENCE_PER_SENTENCE
        events.append((salience, order, event))
    events.sort(key=lambda item: (-item[0], item[1]))
    return _protest_by_its_worst([event for _s, _o, event in events])


SETTING_RELATIVES = words("events", "any", "setting_relatives")
SETTING_ADVERBS = words("events", "any", "setting_adverbs")


def _in_own_clause(token, anchor, own_clause: int) -> bool:
    """Whether a casualty word is told of the event anchored at `anchor` (its clause, or a relative
    clause on its trigger noun's phrase: "el enfrentamiento del 3 de julio en Nuevo Laredo, en el que 12
    civiles fueron abatidos", the parser often hanging the clause on the phrase's last noun)."""
    head = clause_head(token)
    if head.i == own_clause:
        return True
    if anchor.pos_ != "NOUN" or head.dep_ not in ("relcl", "acl:relcl", "acl"):
        return False
    if anchor.left_edge.i <= head.head.i <= anchor.right_edge.i:
        return True
    # "en el que", "in which", "donde": a clause of where the happening took place, hung on a noun after
    # the trigger in its clause (the parser may make "en Nuevo Laredo" the verb's, not the clash's)
    opening = [t for t in token.doc[head.left_edge.i : head.i] if t.i > anchor.i][:4]
    setting = any(fold(t.text) in SETTING_RELATIVES for t in opening) and any(t.pos_ == "ADP" or fold(t.text) in SETTING_ADVERBS for t in opening)
    return setting and head.head.i > anchor.i and clause_head(head.head).i == own_clause


# ACLED codes a demonstration once, by the most serious thing told of it: a march the police
# stopped is a Protest with intervention, one whose crowd turned to burning and stoning a
# Violent demonstration, even when the lead only says that people marched.
PROTEST_ESCALATION = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")
PROTEST_TURNED_VIOLENT = "Violent demonstration"
PROTEST_RULE = "ACLED: a demonstration is coded once, by the most serious intervention or violence the report tells of it"


def _protest_by_its_worst(events: list[Event]) -> list[Event]:
    if not events or events[0].sub_event_type != "Peaceful protest":
        return events
    main = events[0]
    rank = PROTEST_ESCALATION.index
    worst = None
    for other in events[1:]:
        if other.modality not in (None, "asserted", "reported") or other.sub_event_type is None:
            continue
        if other.sub_event_type == PROTEST_TURNED_VIOLENT:
            if other.inter1 != "State forces":  # the crowd's own violence, not the police's
                worst = other
                break
            continue
        # an intervention is what state forces do: "demonstrators detained during an earlier rally" tells none
        if other.sub_event_type in PROTEST_ESCALATION and other.inter1 == "State forces":
            if rank(other.sub_event_type) > rank((worst or main).sub_event_type):
                worst = other
    if worst is None:
        return events
    import dataclasses

    evidence = [item for item in main.evidence if item.field not in ("event_type", "sub_event_type")]
    for item in worst.evidence:
        if item.field in ("event_type", "sub_event_type"):
            evidence.append(Evidence(field=item.field, start=item.start, end=item.end, text=item.text, rule=PROTEST_RULE))
    changed = dataclasses.replace(main, event_type=worst.event_type, sub_event_type=worst.sub_event_type, evidence=evidence)
    if changed.actor2 is None:
        state = next(((name, inter, role) for name, inter, role in ((worst.actor1, worst.inter1, "1"), (worst.actor2, worst.inter2, "2")) if inter == "State forces"), None)
        if state is not None:
            changed.actor2, changed.inter2 = state[0], state[1]
            changed.evidence += [
                Evidence(field=field, start=item.start, end=item.end, text=item.text, rule=PROTEST_RULE)
                for item in worst.evidence
                if item.field == f"actor{state[2]}"
                for field in ("actor2", "inter2")
            ]
    return [changed, *(event for event in events[1:] if event is not worst)]


# ACLED codes an attack by the weapon used when the report names it: a later sentence telling
# how "the attacks" were carried out ("with grenades", "with a drone") re-types a generic attack.
GENERIC_VIOLENCE = frozenset({"Attack", "Armed clash"})


def _refine_weapon(event: Candidate, later: list[Candidate]) -> None:
    if event.sub_type.name not in GENERIC_VIOLENCE:
        return
    for cand in later:
        if cand.sub_type.event_type == "Explosions/Remote violence":
            event.sub_type = cand.sub_type
            event.hits = [*event.hits, *cand.hits]
            event.weight = max(event.weight, cand.weight)
            return


def _first_actor(sent, mentions, lang, lexicon, resources, country) -> Actor | None:
    for token in sent:
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "ROOT"):
            actor = actor_for(token, mentions, lang, lexicon, resources, country)
            if actor is not None:
                return actor
    return None


CONFLICT_LABELS = {"ARMED_GROUP", "STATE_FORCE", "CIVILIANS"}


MOTIVE_PREPS = words("events", "any", "motive_preps")


def _motive(token) -> bool:
    """A death word governed by "por", "over", "after", "tras" (itself or the noun it hangs from): what a protest is about or followed."""
    current = token
    for _step in range(3):
        if any(child.dep_ in ("case", "prep", "mark") and fold(child.text) in MOTIVE_PREPS for child in current.children):
            return True
        if current.dep_ == "pobj" and fold(current.head.text) in MOTIVE_PREPS:
            return True
        if current.head.i == current.i or (current.pos_ in ("VERB", "AUX") and current.dep_ not in ("acl", "relcl", "acl:relcl")):
            return False  # a clause of its own; a relative one ("Giovanni López, quien murió ...") hangs from its noun
        current = current.head
    return False


def _supported(sent, actor1: Actor | None, actor2: Actor | None, fatalities, injuries, tactics, mentions, lexicon, lang, doc_keys) -> bool:
    """Conflict news names a conflict actor, a casualty count or a weapon in the sentence."""
    # civilians alone ("people", "a man") are everywhere in the news: they do not make it conflict news
    if any(a is not None and a.inter and a.inter != "Civilians" for a in (actor1, actor2)) or fatalities or injuries or tactics:
        return True
    if any(sent.start_char <= m.start < sent.end_char and m.label in CONFLICT_LABELS - {"CIVILIANS"} for m in mentions):
        return True
    hits = lexicon.actor_matchers[lang].find(sent, doc_keys=doc_keys)
    return any(lexicon.actor_nouns[lang][hit.group].inter != "Civilians" for hit in hits)


# Sub-types where what a destruction verb acts on is property ("quemaron patrullas", "torched police cars").
PROPERTY_TARGET_SUB_TYPES = frozenset({"Violent demonstration", "Looting/property destruction"})
DESTRUCTION_GROUPS = frozenset({"destroy", "violent_protest"})


def _object_of_destruction(patient, cand_hits) -> bool:
    if patient is None or patient.dep_ not in ("obj", "dobj", "nsubj:pass", "nsubjpass"):
        return False
    doc = patient.doc
    verbs = {doc[h.start : h.end].root.i for h in cand_hits if h.group in DESTRUCTION_GROUPS}
    return patient.head.i in verbs


# Sub-types whose victims the dead and wounded of their sentence name.
VICTIM_SUB_TYPES = frozenset({"Attack", "Armed clash"})
CASUALTY_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass"}


def _elided_patient(anchor) -> bool:
    """A passive with no subject ("fueron agredidos a tiros", "were ambushed"): the victims were named before or after."""
    if anchor.pos_ not in ("VERB", "AUX"):
        return False
    passive = any(c.dep_ in ("aux:pass", "auxpass") for c in anchor.children) or (
        "Part" in anchor.morph.get("VerbForm") and any(c.dep_ in ("aux", "cop") and c.lemma_ == "ser" for c in anchor.children)
    )
    return passive and not any(c.dep_ in CASUALTY_SUBJECT_DEPS for c in anchor.children)


def _casualty_actor(cand, hits, mentions, lang, lexicon, resources, country, actor1) -> Actor | None:
    """The actor the sentence says died or was hurt ("el elemento murió", "los uniformados resultaron lesionados").

    An attack whose parse names no victim: the subject of the sentence's
    death or injury words is who it hit. Only a typed actor (police,
    soldiers, an armed group) counts; a bare "man" is left to ACLED's default.
    """
    doc = cand.sent.doc
    for hit in hits:
        if hit.group not in CONSEQUENCE_GROUPS:
            continue
        word = doc[hit.start : hit.end].root
        if word.pos_ not in ("VERB", "AUX", "ADJ"):
            continue  # "la masacre", "los muertos": a noun has no subject to read
        holders = [word]
        if word.dep_ in ("xcomp", "acomp", "oprd", "obj") and word.head.pos_ in ("VERB", "AUX"):
            holders.append(word.head)  # "resultaron lesionados": the subject hangs from the copula
        for subject in (child for holder in holders for child in holder.children):
            if subject.dep_ not in CASUALTY_SUBJECT_DEPS:
                continue
            actor = actor_for(subject, mentions, lang, lexicon, resources, country)
            if actor is not None and actor.inter and actor.inter != "Civilians" and (actor1 is None or actor.name != actor1.name):
                return actor
    return None


def _build_event(cand, hits, text, lang, mentions, claims, lexicon, resources, reader, country, context_hits=(), doc_keys=None) -> Event | None:
    context_hits = list(context_hits)
    doc = cand.sent.doc
    anchor = cand.anchor
    trigger_tokens = frozenset(i for hit in cand.hits for i in range(hit.start, hit.end))
    agent_head, patient_head = agent_and_patient(anchor, lang, trigger_tokens)
    clash = cand.sub_type.name == "Armed clash"
    if clash and agent_head is None:
        agent_head, between_other = clash_sides(anchor)
        patient_head = patient_head or between_other
    if clash and patient_head is None:
        patient_head = clash_opponent(anchor, agent_head)
    actor1 = actor_for(agent_head, mentions, lang, lexicon, resources, country)
    if cand.sub_type.name in PROPERTY_TARGET_SUB_TYPES and _object_of_destruction(patient_head, cand.hits):
        patient_head = None  # "quemaron patrullas": the patrol cars burned are property, not an actor
    actor2 = actor_for(patient_head, mentions, lang, lexicon, resources, country)
    assoc1 = None
    for other in conjoined(agent_head):
        if other is patient_head:
            continue
        assoc1 = actor_for(other, mentions, lang, lexicon, resources, country)
        if assoc1 is not None and actor1 is not None and assoc1.name != actor1.name:
            break
        assoc1 = None
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name and actor1.start == actor2.start:
        actor2 = None
    if actor2 is None and cand.sub_type.name in VICTIM_SUB_TYPES:
        actor2 = _casualty_actor(cand, hits, mentions, lang, lexicon, resources, country, actor1)
        if actor2 is None and _elided_patient(anchor):
            # "fueron agredidos a tiros. ... los uniformados resultaron lesionados": the next sentence names who was hit
            actor2 = _casualty_actor(cand, context_hits, mentions, lang, lexicon, resources, country, actor1)
    if any(hit.group == "body_found" for hit in cand.hits):
        # who finds a body ("police found two bodies") is not who killed: the perpetrator is unknown
        actor1 = assoc1 = None
    first_actor = None
    if actor1 is None and cand.sub_type.role_rule == "territory_by_agent":
        # no parsed subject ("it captured ..."): the first actor the sentence names
        first_actor = _first_actor(cand.sent, mentions, lang, lexicon, resources, country)
    event_type, sub_event_type = _retype(cand, actor1, actor2, lexicon, hits + context_hits, first_actor)
    evidence: list[Evidence] = []
    trigger_hits = [h for h in cand.hits]
    for hit in trigger_hits:
        span = doc[hit.start : hit.end]
        evidence.append(_evidence(text, "event_type", span.start_char, span.end_char))
        evidence.append(_evidence(text, "sub_event_type", span.start_char, span.end_char))
    anchor_span = (anchor.idx, anchor.idx + len(anchor.text))

    inferred_actor1 = False
    unattributed = event_type == "Explosions/Remote violence" and sub_event_type != "Air/drone strike"
    unattributed = unattributed or (event_type in ("Battles", "Violence against civilians") and actor2 is not None and sub_event_type in ("Armed clash", "Attack", "Abduction/forced disappearance"))
    if actor1 is None and unattributed:
        # ACLED names an unclaimed attack's author "Unidentified Armed Group (Country)"
        actor1 = Actor(with_country(UNIDENTIFIED, country), "Political militia", anchor_span[0], anchor_span[1], anchor.text)
        inferred_actor1 = True

    if actor1 is not None and actor1.inter == "Civilians" and event_type in ("Protests", "Riots"):
        # people who march are coded as protesters (rioters when violent), not civilians
        label = "Protesters" if event_type == "Protests" else "Rioters"
        actor1 = Actor(with_country(label + " ({country})", country), label, actor1.start, actor1.end, actor1.text)
    event = Event(event_type=event_type, sub_event_type=sub_event_type)
    if actor1 is not None:
        event.actor1, event.inter1 = actor1.name, actor1.inter
        evidence.append(_evidence(text, "actor1", actor1.start, actor1.end))
        if actor1.inter:
            evidence.append(_evidence(text, "inter1", actor1.start, actor1.end))
    if assoc1 is not None:
        event.assoc_actor_1 = assoc1.name
        evidence.append(_evidence(text, "assoc_actor_1", assoc1.start, assoc1.end))
    if actor2 is not None:
        event.actor2, event.inter2 = actor2.name, actor2.inter
        evidence.append(_evidence(text, "actor2", actor2.start, actor2.end))
        if actor2.inter:
            evidence.append(_evidence(text, "inter2", actor2.start, actor2.end))

    all_hits = list(hits)
    sentences = [cand.sent, *cand.merged]
    merged_hits: list[Hit] = []
    for sent in cand.merged:
        merged_hits.extend(lexicon.cues[lang].find(sent, doc_keys=doc_keys))
    # casualties: the event's own clause words first, then the rest of the sentence, then follow-ups
    own = sorted((h for h in all_hits if h.group in DEATH_GROUPS | {"injure"}), key=lambda h: abs(h.start - anchor.i))
    tallies = [sent for sent in sentences if is_tally(sent, lang, doc_keys)]
    tallied_dead = False  # deaths told only in a tally still say something happened
    if tallies:
        # a day's total over several incidents is no one incident's toll (see sucesos.events.aggregates)
        def tallied(hit: Hit) -> bool:
            return hit.group in DEATH_GROUPS and any(sent.start <= hit.start < sent.end for sent in tallies)

        tallied_dead = any(tallied(h) for h in own)
        own = [h for h in own if not tallied(h)]
        merged_hits = [h for h in merged_hits if not tallied(h)]
    if event_type in ("Protests", "Riots") and sub_event_type != "Mob violence":
        # "protesta por el crimen de Giovanni López", "a march over the killing of": the death a
        # demonstration is about is not a death in it (ACLED's fatalities are those of the event)
        def in_it(hit: Hit) -> bool:
            return hit.group not in DEATH_GROUPS or not _motive(doc[hit.start : hit.end].root)

        own, merged_hits = [h for h in own if in_it(h)], [h for h in merged_hits if in_it(h)]
    fatal = count_casualties(own, doc, reader, DEATH_GROUPS) or count_casualties(merged_hits, doc, reader, DEATH_GROUPS)
    if fatal is None and cand.sent in tallies:
        part = tally_part(cand.sent, lang, reader, doc_keys)
        fatal = Count(*part) if part is not None else None
    death_counts = casualty_counts(own + merged_hits, doc, reader, DEATH_GROUPS)
    sources = [h for h in all_hits + merged_hits if h.group == "mod_reported"]
    if len({c.value for c in death_counts}) > 1 and len(sources) > 1:
        # reports differ ("police said five ..., residents said eight"): ACLED keeps the lowest
        fatal = min(death_counts, key=lambda c: c.value)
    hurt = count_casualties(own, doc, reader, {"injure"}) or count_casualties(merged_hits, doc, reader, {"injure"})
    if fatal is not None:
        event.fatalities = fatal.value
        evidence.append(_evidence(text, "fatalities", fatal.start, fatal.end))
    if hurt is not None:
        event.injuries = hurt.value
        evidence.append(_evidence(text, "injuries", hurt.start, hurt.end))
    told_deaths = tallied_dead or any(h.group in DEATH_GROUPS for h in all_hits + merged_hits)  # "killed a radio crew" in a follow-up is no "0 dead"
    # "four other people were wounded": others than the victims told, so no "wounded, none dead"
    hurt_others = hurt is not None and any(fold(w) in event_words(lang, "other_words") for w in text[hurt.start : hurt.end].split())
    if event.fatalities is None and hurt is not None and not told_deaths and not hurt_others:
        # the report counts the wounded and no dead: ACLED codes 0 fatalities
        event.fatalities = 0
        evidence.append(_evidence(text, "fatalities", hurt.start, hurt.end))
    # No toll stated: fatalities stay null ("not stated"); ACLED's column writes 0 for it on export.
    refused_tolls = False
    for name, value, group in (("fatalities", event.fatalities, DEATH_GROUPS), ("injuries", event.injuries, {"injure"})):
        if value is None:
            # A figure beyond any event ("10^18 muertos") is refused: null, and the span says why.
            for refused in refused_counts(own + merged_hits, doc, reader, group)[:1]:
                evidence.append(Evidence(field=name, start=refused.start, end=refused.end, text=text[refused.start : refused.end], rule=TOLL_REFUSED))
                refused_tolls = True  # casualties were reported, their number is not believed

    for tag, start, end in _tactics(lexicon, lang, sentences, doc_keys):
        event.tactics.append(tag)
        evidence.append(_evidence(text, "tactics", start, end))
    if cand.needs_support and not _supported(
        cand.sent, None if inferred_actor1 else actor1, actor2, (fatal and fatal.value) or refused_tolls or tallied_dead, hurt and hurt.value, event.tactics, mentions, lexicon, lang, doc_keys
    ):
        return None

    modality, cue_span = modality_of(anchor, all_hits, lang, claims)
    event.modality = modality
    mod_span = cue_span or anchor_span
    evidence.append(_evidence(text, "modality", mod_span[0], mod_span[1]))

    confidence = 0.45 + 0.04 * cand.weight
    if actor1 is not None and not inferred_actor1:
        confidence += 0.05
    if modality in ("hypothetical", "negated", "future"):
        confidence -= 0.25
    elif modality == "claimed":
        confidence -= 0.1
    event.confidence = round(max(0.05, min(0.95, confidence)), 2)
    evidence.append(_evidence(text, "confidence", anchor_span[0], anchor_span[1]))
    event.sentence = Span.of(text, cand.sent.start_char, cand.sent.end_char)
    event.evidence = evidence
    return event
