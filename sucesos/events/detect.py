"""Find event mentions in sentences and classify them into ACLED sub-event types.

A sentence's cue hits (trigger words from `event_types.yaml`) are scored
against each sub-type's patterns; the best match in each clause becomes a
candidate event, anchored on its most verb-like trigger so that the roles,
casualties and modality can be read from the dependency tree around it.
Cues inside irrealis frames (purpose infinitives, "those include using ...")
are not events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sucesos import taxonomy
from sucesos.dates.normalise import EN_MONTHS, ES_MONTHS
from sucesos.events.aggregates import period_count
from sucesos.events.lexicon import EventLexicon, Hit, SubEventType, fold
from sucesos.words import words

CLAUSE_DEPS = {"ROOT", "advcl", "conj", "ccomp", "relcl", "parataxis", "csubj", "acl", "acl:relcl"}
# Infinitive heads that report something that did happen ("had to disarm").
REALIS_CONTROL = words("events", "any", "realis_control_heads")
SEIZURE = "Disrupted weapons use"
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"}
# Cue groups that only describe the circumstances of an event, never anchor one.
NON_ANCHOR_GROUPS = {"territory", "weapons", "drugs", "disaster", "accident", "diplomacy", "crime", "attribution", "generic", "non_cue", "domestic", "violence_sign", "remains", "robbery", "arrest_target", "court", "drug_haul"}


@dataclass
class Candidate:
    sub_type: SubEventType
    weight: float
    hits: list[Hit]
    sent_index: int
    sent: object  # spaCy Span
    anchor: object  # spaCy Token
    merged: list = field(default_factory=list)  # later sentences that refer back to this event
    needs_support: bool = False  # see `support` in event_types.yaml


def clause_head(token):
    """The verb heading the clause a token belongs to (xcomp joins its governor's clause)."""
    current = token
    for _ in range(40):
        if current.dep_ in CLAUSE_DEPS and current.pos_ in ("VERB", "AUX"):
            return current
        if current.head is current:
            return current
        current = current.head
    return current


GENERIC_MEANS = words("events", "any", "generic_means_verbs")
INTENT_HEADS = words("events", "any", "intent_heads")


def is_irrealis(token, lang: str) -> bool:
    """True inside an intent/purpose infinitive ("in order to learn assault tactics", "threatened to attack").

    A plain "to" clause after a past-tense verb reports what was done
    ("fired tear gas to disperse protesters") and stays realis.
    """
    current = token
    for _ in range(40):
        if current.pos_ in ("VERB", "AUX") and _is_infinitive(current, lang):
            head = current.head
            if fold(head.lemma_) in GENERIC_MEANS and not _is_past(head, lang):
                return True  # "cartels use drones to attack police": a habit, not an incident
            if fold(head.lemma_) not in REALIS_CONTROL:
                if fold(head.lemma_) in INTENT_HEADS or _is_purpose(current, lang) or not _is_past(head, lang):
                    return True
        if current.head is current:
            return False
        current = current.head
    return False


def _is_infinitive(verb, lang: str) -> bool:
    if lang == "en":
        return verb.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
    return "Inf" in verb.morph.get("VerbForm") and any(c.lower_ in ("para", "a") for c in verb.children)


def _is_purpose(verb, lang: str) -> bool:
    before = verb.doc[max(verb.i - 3, 0) : verb.i]
    return any(t.lower_ in (("order",) if lang == "en" else ("fin",)) for t in before)


def _is_past(verb, lang: str) -> bool:
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if lang == "en":
        return verb.tag_ in ("VBD", "VBN")
    return "Past" in verb.morph.get("Tense")


def _anchor_token(hits: list[Hit], doc):
    """The most verb-like token among a pattern's hits (verbs carry roles and tense)."""
    tokens = []
    for hit in hits:
        span = doc[hit.start : hit.end]
        tokens.append(span.root)
    for tok in tokens:
        if tok.pos_ == "VERB":
            return tok
    for tok in tokens:
        if tok.pos_ in ("NOUN", "PROPN", "ADJ"):
            return tok
    return tokens[0]


def sentence_candidates(sent, sent_index: int, lang: str, lexicon: EventLexicon, doc_keys: list | None = None, context_groups: frozenset = frozenset()) -> tuple[list[Candidate], list[Hit]]:
    """Candidate events in one sentence (at most one per clause), and all its cue hits.

    `context_groups` are cue groups the article's lead holds that count in
    every sentence (`lead_context` in event_types.yaml: a lead that tells a
    drug haul makes "ocho personas fueron detenidas" an arrest of traffickers).
    """
    doc = sent.doc
    # cue words inside dates are not events ("27 March" is no march)
    hits = [
        hit
        for hit in lexicon.cues[lang].find(sent, doc_keys=doc_keys)
        if doc[hit.start].ent_type_ not in ("DATE", "TIME") and not _in_place_name(doc, hit) and not _negated_sign(doc, hit)
        and not (hit.group == "air" and _aircraft_attacked(doc, hit))
    ]
    hits = [hit for hit in hits if hit.group != "body_dumped" or _dumps_remains(doc, hit, hits)]
    if not any(hit.group not in NON_ANCHOR_GROUPS and not hit.group.startswith("mod_") for hit in hits):
        return [], hits
    present = {hit.group for hit in hits}
    if "generic" in present or any(group in present for group in lexicon.global_block):
        return [], hits
    if sent.text.rstrip().rstrip("\"'”’»)").endswith("?"):
        return [], hits  # a question asks, it does not report
    if period_count(sent, lang):
        return [], hits  # a statistic over a period, not an event (the dead it lists are the period's)
    real_hits = [hit for hit in hits if hit.group in NON_ANCHOR_GROUPS or not is_irrealis(doc[hit.start], lang)]
    # A trigger noun governed by "tras/after" and dated in the past ("marcharon
    # ... tras los enfrentamientos de la semana pasada") recalls an earlier
    # event: beside the sentence's own trigger it never turns that event into
    # another sub-type. Undated ("died after two IEDs exploded") it is the cause.
    triggers = [hit for hit in real_hits if hit.group not in NON_ANCHOR_GROUPS]
    background = {
        id(hit)
        for hit in triggers
        if _recalled_event(doc[hit.start : hit.end].root)
        or _expected_event(doc[hit.start : hit.end].root)
        or _blamed_event(doc[hit.start : hit.end].root)
        or _told_as_earlier(doc[hit.start : hit.end].root)
    }
    if background and len(background) < len(triggers):
        # what a clause told as earlier holds (its weapons, its places) goes with its trigger
        earlier_clauses = {clause_head(doc[hit.start]).i for hit in triggers if id(hit) in background and _told_as_earlier(doc[hit.start : hit.end].root)}
        earlier = {id(hit) for hit in real_hits if hit.group in NON_ANCHOR_GROUPS and clause_head(doc[hit.start]).i in earlier_clauses}
        real_hits = [hit for hit in real_hits if id(hit) not in background and id(hit) not in earlier]
        # ... and so do its dead: the sentence's toll is the news's ("killing 10" in "since 2015, when ...,
        # killing 10 people" is the earlier incident's)
        roots = {earlier_clause(doc[hit.start : hit.end].root) for hit in triggers if id(hit) in background}
        spans = [(root.left_edge.i, root.right_edge.i) for root in roots if root is not None]
        hits = [hit for hit in hits if not any(lo <= hit.start <= hi for lo, hi in spans)]
    # "un ataque que dejó tres muertos y 17 detenidos": arrests listed with the dead are the attack's
    # outcome, not an arrest event of their own (ACLED codes the attack; the arrests follow it)
    tolls = {doc[hit.start : hit.end].root.i for hit in real_hits if hit.group in ("dead", "injure")}
    if tolls:
        real_hits = [hit for hit in real_hits if not (hit.group in ("arrest", "arrest_es") and _listed_with(doc[hit.start : hit.end].root, tolls))]
    real_groups = {hit.group for hit in real_hits} | set(context_groups)
    scored: list[Candidate] = []
    for sub_type in lexicon.sub_types.values():
        if any(group in present for group in sub_type.block) and not any(group in real_groups for group in sub_type.unblock):
            continue
        best = None
        for pattern in sub_type.patterns:
            if all(group in real_groups for group in pattern.groups) and (best is None or pattern.weight > best.weight):
                best = pattern
        if best is None:
            continue
        matched_groups = {g for pattern in sub_type.patterns if all(x in real_groups for x in pattern.groups) for g in pattern.groups}
        used = [hit for hit in real_hits if hit.group in matched_groups]
        anchors = [hit for hit in used if hit.group not in NON_ANCHOR_GROUPS] or used
        anchor = _anchor_token(anchors, doc)
        if "attribution" in present and anchor.pos_ != "VERB":
            # "claimed responsibility for the rocket attack": an event told elsewhere
            continue
        weight = best.weight
        if anchor.pos_ == "NOUN" and _in_background_adjunct(anchor):
            # "... tras la detención de un líder": the arrest is background to the main event
            weight -= 3.0
        # the pattern that won needs support only if every matching pattern does
        needs_support = all(p.support for p in sub_type.patterns if all(x in real_groups for x in p.groups) and p.weight == best.weight)
        scored.append(Candidate(sub_type, weight, used, sent_index, sent, anchor, needs_support=needs_support))
    scored.sort(key=lambda cand: -cand.weight)
    killed = any(hit.group in ("kill", "dead") for hit in real_hits)
    if scored and scored[0].sub_type.name == SEIZURE and killed and not any(hit.group == "defuse" for hit in scored[0].hits):
        # ACLED codes a happening by its most severe part, and a seizure is Disrupted weapons use only
        # with no violence: the rifles seized in a sentence that tells people killed ("12 civiles fueron
        # abatidos y se aseguraron 10 armas") are the killing's, so it leads (the seizure may follow in its
        # own clause, and joins it as a part: coreference._in_course). A defusal stays one (the dead a
        # sentence tells beside it are an earlier blast's: "defused ... after explosions killed 215")
        armed = next((c for c in scored if taxonomy.TYPE_FAMILIES.get(c.sub_type.event_type) == "armed"), None)
        if armed is not None:
            scored = [armed] + [c for c in scored if c is not armed]
    chosen: list[Candidate] = []
    taken_clauses: set[int] = set()
    for cand in scored:
        clause = clause_head(cand.anchor).i
        if not chosen:
            chosen.append(cand)
            taken_clauses.add(clause)
            continue
        # A second event in the same sentence needs its own clause and a
        # different ACLED event type (else it is the same event, e.g. "killing
        # two" after "blew themselves up"), and a specific pattern.
        if clause in taken_clauses or cand.weight < 4.5:
            continue
        if any(c.sub_type.event_type == cand.sub_type.event_type for c in chosen):
            continue
        if any(_shares_hits(c, cand) for c in chosen):
            continue
        chosen.append(cand)
        taken_clauses.add(clause)
    return chosen, hits


SIGN_NEGATORS = words("events", "any", "sign_negators")


def _listed_with(token, others: set[int]) -> bool:
    """Whether the token is a conjunct of one of `others` ("tres muertos y 17 detenidos")."""
    if token.dep_ == "conj" and token.head.i in others:
        return True
    return any(child.dep_ == "conj" and child.i in others for child in token.children)


AIRCRAFT_TARGET_HEADS = frozenset(words("events", "any", "aircraft_target_heads"))
AIRCRAFT_TARGET_PREPS = frozenset(words("events", "any", "aircraft_target_preps"))


def _aircraft_attacked(doc, hit) -> bool:
    """"shot down an army helicopter", "el helicóptero fue derribado", "dispararon contra la aeronave",
    "el ataque a su helicóptero": the aircraft is the target (see aircraft_target_heads in events.any.yaml)."""
    token = doc[hit.start : hit.end].root
    if token.dep_ in ("obj", "dobj", "nsubjpass", "nsubj:pass") and fold(token.head.lemma_) in AIRCRAFT_TARGET_HEADS:
        return True
    if token.dep_ == "pobj":  # English: on/against the helicopter
        preposition = token.head
        return fold(preposition.text) in AIRCRAFT_TARGET_PREPS and fold(preposition.head.lemma_) in AIRCRAFT_TARGET_HEADS
    case = next((c for c in token.children if c.dep_ == "case"), None)  # Spanish: contra / a la aeronave
    return case is not None and fold(case.text) in AIRCRAFT_TARGET_PREPS and fold(token.head.lemma_) in AIRCRAFT_TARGET_HEADS


def _negated_sign(doc, hit) -> bool:
    """"no presentó huellas de violencia", "without signs of violence": the sign is absent."""
    if hit.group != "violence_sign":
        return False
    before = doc[max(hit.start - 3, doc[hit.start].sent.start) : hit.start]
    return any(fold(token.text) in SIGN_NEGATORS for token in before)


SURMISE_ADVERBS = words("events", "any", "surmise_adverbs")


def _dumps_remains(doc, hit, hits) -> bool:
    """"Dejan 10 cuerpos", "una camioneta con 10 cadáveres fue abandonada": the verb leaves the remains
    themselves (their noun hangs from it, or from what it leaves), and says so rather than surmising it
    ("aparentemente el cadáver fue arrojado": how it got there is a guess, not the sign of a killing)."""
    verb = doc[hit.start : hit.end].root
    near = doc[max(verb.sent.start, verb.i - 6) : verb.i]  # the parse may hang the adverb on another clause
    if any(fold(token.text) in SURMISE_ADVERBS for token in (*verb.children, *near)):
        return False
    for other in hits:
        if other.group != "remains":
            continue
        noun = doc[other.start : other.end].root
        # up from the noun through what it is left in or with, never through another verb: "dejan 10
        # cuerpos", "una camioneta con 10 cadáveres fue abandonada", "left a truck with 10 bodies" (English
        # hangs the remains on a preposition: bodies <- with <- left, or <- with <- truck <- left)
        step = noun.head
        for _ in range(3):
            if step.i == verb.i:
                return True
            if step.pos_ not in ("NOUN", "PROPN", "ADP") or step.head.i == step.i:
                break
            step = step.head
    return False


def _in_place_name(doc, hit) -> bool:
    """A capitalised cue word inside a place name ("calle Mina", "colonia Guerrero") is the name, not the cue."""
    token = doc[hit.start]
    return token.ent_type_ in ("LOC", "GPE", "FAC") and token.text[:1].isupper() and token.i > token.sent.start


BACKGROUND_PREPS = words("events", "any", "background_preps")


def _in_background_adjunct(noun) -> bool:
    """A noun trigger governed by 'after/tras/following' tells what came before, not the news."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in BACKGROUND_PREPS:
        return True
    if any(c.dep_ in ("case", "mark") and fold(c.text) in BACKGROUND_PREPS for c in noun.children):
        return True
    # "tras la detención de ...", "after the arrest of ...": the parse may hang the noun elsewhere
    return _preceded_by(noun, BACKGROUND_PREPS, reach=3, through=("DET", "ADJ", "NUM"))


def _preceded_by(noun, words, *, reach: int, through: tuple[str, ...]) -> bool:
    """One of `words` within `reach` tokens before `noun` in its sentence, with only `through` parts of speech between."""
    for token in reversed(noun.doc[max(noun.sent.start, noun.i - reach) : noun.i]):
        if fold(token.text) in words:
            return True
        if token.pos_ not in through:
            return False
    return False


PAST_MARKERS = words("events", "any", "past_markers")


def _recalled_event(noun) -> bool:
    """'tras los enfrentamientos de la semana pasada', 'after last week's clashes'."""
    if noun.pos_ != "NOUN" or not _in_background_adjunct(noun):
        return False
    return any(token.ent_type_ == "DATE" or fold(token.text) in PAST_MARKERS for token in noun.subtree if token.i != noun.i)


# Nouns after which an event trigger names what is feared or expected, not what happened
# ("deployed forces in anticipation of more demonstrations", "ante la posibilidad de enfrentamientos").
EXPECTATION_WORDS = words("events", "any", "expectation_words")


def _expected_event(noun) -> bool:
    """'in anticipation of more angry demonstrations', 'ahead of planned protests', 'por temor a enfrentamientos'."""
    if noun.pos_ != "NOUN":
        return False
    return _preceded_by(noun, EXPECTATION_WORDS, reach=5, through=("DET", "ADJ", "NUM", "ADP", "ADV", "CCONJ"))


EARLIER_ADVERBS = words("events", "any", "earlier_adverbs")


def _told_as_earlier(token) -> bool:
    """A trigger in a clause that says it came before ("an offensive that had previously involved aerial bombings")."""
    return earlier_clause(token) is not None


def earlier_clause(token):
    """The verb of the clause around `token` that tells what came before, or None: one with an
    "earlier" adverb, or a "when" clause on a past date ("the worst attack since 2015, when gunmen
    shot down a helicopter, killing 10"; "desde 2015, cuando ..."): the comparison's incident."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX"):
            if any(fold(c.text) in EARLIER_ADVERBS and c.dep_ == "advmod" for c in current.children):
                return current
            when = any(fold(c.text) in WHEN_WORDS and c.dep_ in ("advmod", "mark", "obl") for c in current.children)
            head = current.head
            # the clause hangs on the time, or (parsed otherwise) on the noun the since-phrase before it measures
            if when and head is not current and (_since_past_time(head) or any(c.i < current.i and _since_past_time(c) for c in head.children)):
                return current
        if current.dep_ in ("ROOT",) or current.head is current:
            return None
        current = current.head
    return None


WHEN_WORDS = words("events", "any", "when_words")
SINCE_WORDS = words("events", "any", "since_words")
MONTHS = frozenset(EN_MONTHS) | frozenset(ES_MONTHS)


def _since_past_time(token) -> bool:
    """A time a "when" clause hangs on that the sentence measures its news against ("the worst since 2015",
    "desde octubre de 2019"). Not the news's own time: "the attack happened on Monday, when gunmen ..."."""
    dated = token.ent_type_ == "DATE" or (token.like_num and len(token.text) == 4 and token.text.isdigit()) or fold(token.text) in MONTHS
    since = fold(token.head.text) in SINCE_WORDS or any(fold(c.text) in SINCE_WORDS for c in token.children)
    return dated and since


# Verbs and nouns whose complement is an event blamed on someone, or avenged: told to explain
# the news, not the news ("launched airstrikes on groups it accused of carrying out a chlorine attack").
BLAME_HEADS = words("events", "any", "blame_heads")


def _blamed_event(token) -> bool:
    current = token
    for _ in range(12):
        if current.head is current:
            return False
        current = current.head
        if fold(current.lemma_) in BLAME_HEADS or fold(current.text) in BLAME_HEADS:
            return True
    return False


def _shares_hits(a: Candidate, b: Candidate) -> bool:
    a_tokens = {i for hit in a.hits if hit.group not in NON_ANCHOR_GROUPS for i in range(hit.start, hit.end)}
    b_tokens = {i for hit in b.hits if hit.group not in NON_ANCHOR_GROUPS for i in range(hit.start, hit.end)}
    return bool(a_tokens & b_tokens)


def is_anaphoric(cand: Candidate, hits: list[Hit]) -> bool:
    """Every trigger of the candidate is a definite reference to an event told before ("the attack")."""
    anaphoric_tokens = {i for hit in hits if hit.group == "mod_anaphoric" for i in range(hit.start, hit.end)}
    trigger_hits = [hit for hit in cand.hits if hit.group not in NON_ANCHOR_GROUPS]
    if not trigger_hits:
        return False
    doc = cand.sent.doc
    if any(doc[i].pos_ == "VERB" for hit in trigger_hits for i in range(hit.start, hit.end)):
        return False
    return any(i in anaphoric_tokens for hit in trigger_hits for i in range(hit.start, hit.end))
