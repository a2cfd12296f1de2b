"""Who acted on whom: actor1 (agent) and actor2 (patient) from the parse.

The agent is the active subject, the "by"/"por" phrase of a passive, or the
possessor of an event noun ("the army's offensive"); the patient is the
object (Spanish personal "a" included), the passive subject, or the "on" /
"against" / "contra" phrase. Clauses without a subject ("..., killing two")
take the subject of the clause they hang from. A phrase names an actor
through the actor lexicon (the `mentions` component) or, failing that,
through the generic actor nouns of `event_types.yaml` ("gunmen" ->
Unidentified Armed Group).
"""

from __future__ import annotations

from dataclasses import dataclass

from sucesos import taxonomy
from sucesos.events.lexicon import EventLexicon
from sucesos.words import words

ARMED_INTERS = taxonomy.ARMED_INTERS
SUBJ_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJ_DEPS = {"nsubjpass", "nsubj:pass"}
OBJ_DEPS = {"dobj", "obj", "iobj"}
PATIENT_PREPS = words("events", "any", "patient_preps")
AGENT_PREPS_ES = words("events", "es", "agent_preps")
# Clauses that share their governor's subject ("..., killing two"); not "ccomp":
# in "police said five were killed" the police did not kill.
LINK_DEPS = {"advcl", "xcomp", "conj", "acl", "relcl", "acl:relcl"}
# Verbs whose subject performs the event named by their object ("carried out an attack").
LIGHT_VERBS = words("events", "any", "light_verbs")
HEADLINE_PASSIVE_VERBS = words("events", "en", "headline_passive_verbs")


@dataclass
class Actor:
    name: str
    inter: str | None
    start: int
    end: int
    text: str
    from_lexicon: bool = False


def _children(token, deps: set[str]):
    return [c for c in token.children if c.dep_ in deps]


def _copula_passive(verb) -> bool:
    """'was slain today' parsed with the participle as the copula's complement: a passive."""
    return verb.dep_ in ("acomp", "attr", "oprd") and verb.tag_ == "VBN" and verb.head.lemma_ == "be"


def _headline_passive(verb, lang: str) -> bool:
    """'Journalist Ana Ruiz killed in Hermosillo': a transitive violence verb with a subject and no
    object or auxiliary is the passive of headlines and captions (the auxiliary dropped), not an
    intransitive use: the subject is the one killed."""
    if lang != "en" or verb.lemma_.lower() not in HEADLINE_PASSIVE_VERBS or verb.tag_ not in ("VBN", "VBD"):
        return False
    children = list(verb.children)
    if any(c.dep_ in OBJ_DEPS | {"aux", "auxpass", "prt", "ccomp", "xcomp"} for c in children):
        return False
    return any(c.dep_ in SUBJ_DEPS for c in children)


def _is_passive(verb, lang: str) -> bool:
    if any(c.dep_ in PASSIVE_SUBJ_DEPS or c.dep_ in ("auxpass", "aux:pass") for c in verb.children):
        return True
    if lang == "en" and (_copula_passive(verb) or _headline_passive(verb, lang)):
        return True
    if lang == "es":
        participle = "Part" in verb.morph.get("VerbForm")
        if participle and any(c.dep_ in ("aux", "cop") and c.lemma_ == "ser" for c in verb.children):
            return True
    return False


def _case_of(token) -> str | None:
    for c in token.children:
        if c.dep_ in ("case", "mark"):
            return c.lower_
    if token.dep_ == "pobj":
        return token.head.lower_
    return None


def _prep_objects(token, preps: set[str]):
    """Objects of prepositions under `token` ("fired on X", "ataque contra X")."""
    found = []
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            found.extend(_children(c, {"pobj"}))
        elif c.dep_ in ("obl", "nmod", "obj") and _case_of(c) in preps:
            found.append(c)
    # "on Monday", "el martes" are times, not targets
    return [t for t in found if t.ent_type_ not in ("DATE", "TIME")]


def agent_and_patient(anchor, lang: str, trigger_tokens: frozenset[int] = frozenset()):
    """(agent head token or None, patient head token or None) for an event anchor.

    `trigger_tokens` are the event's own cue words ("fire" in "opened fire on X"):
    never an actor.
    """
    agent = patient = None
    if anchor.pos_ in ("VERB", "AUX"):
        passive = _is_passive(anchor, lang)
        if passive:
            agents = [p for c in anchor.children if c.dep_ == "agent" for p in _children(c, {"pobj"})]
            if lang == "es":
                agents += [c for c in anchor.children if c.dep_ in ("obl", "obj", "nmod", "obl:agent") and _case_of(c) in AGENT_PREPS_ES]
            agent = agents[0] if agents else None
            patients = _children(anchor, PASSIVE_SUBJ_DEPS | (SUBJ_DEPS if lang == "es" or _headline_passive(anchor, lang) else set()))
            if not patients and _copula_passive(anchor):
                patients = _children(anchor.head, SUBJ_DEPS | PASSIVE_SUBJ_DEPS)
            patient = patients[0] if patients else None
            if patient is None and anchor.dep_ == "acl":
                patient = anchor.head
            if patient is None and anchor.dep_ in ("advcl", "xcomp") and anchor.head.pos_ in ("VERB", "AUX", "ADJ"):
                # "tres policías resultaron lesionados tras ser emboscados": the victims are the main subject
                subjects = _children(anchor.head, SUBJ_DEPS | PASSIVE_SUBJ_DEPS)
                patient = subjects[0] if subjects else None
        else:
            subjects = _children(anchor, SUBJ_DEPS)
            agent = subjects[0] if subjects else None
            objects = [c for c in _children(anchor, OBJ_DEPS) if not (lang == "es" and c.pos_ == "PRON") and c.i not in trigger_tokens]
            if not objects:
                # "killed and wounded scores of terrorists": the object is shared with a conjunct
                for conj in _children(anchor, {"conj"}):
                    if conj.pos_ == "VERB":
                        objects = [c for c in _children(conj, OBJ_DEPS) if c.i not in trigger_tokens]
                        if objects:
                            break
            if lang == "es":
                objects = [c for c in objects if _case_of(c) not in AGENT_PREPS_ES]
            patient = objects[0] if objects else None
            if patient is None and anchor.dep_ == "acl" and "Part" in anchor.morph.get("VerbForm") and anchor.head.pos_ in ("NOUN", "PROPN"):
                patient = anchor.head  # "policía asesinado en Ecatepec": the noun a participle qualifies is its patient
            if patient is None:
                targets = _prep_objects(anchor, PATIENT_PREPS)
                patient = targets[0] if targets else None
            if patient is None:
                # "irrumpieron en una fiesta y mataron a ...": the conjoined verb's victim
                for conj in _children(anchor, {"conj"}):
                    if conj.pos_ == "VERB":
                        targets = [c for c in _children(conj, OBJ_DEPS) if c.i not in trigger_tokens] + _prep_objects(conj, PATIENT_PREPS)
                        if targets:
                            patient = targets[0]
                            break
            if patient is None:
                # "opened fire on X": the object sits under the particle/noun
                for c in anchor.children:
                    if c.dep_ in ("dobj", "obj", "prt", "compound:prt"):
                        targets = _prep_objects(c, PATIENT_PREPS)
                        if targets:
                            patient = targets[0]
                            break
        # "..., killing two people": borrow the governing clause's subject
        current = anchor
        hops = 0
        while agent is None and current.dep_ in LINK_DEPS and hops < 3:
            head = current.head
            if head is current:
                break
            if head.pos_ in ("VERB", "AUX"):
                if _is_passive(head, lang):
                    agents = [p for c in head.children if c.dep_ == "agent" for p in _children(c, {"pobj"})]
                    agent = agents[0] if agents else None
                else:
                    subjects = _children(head, SUBJ_DEPS)
                    agent = subjects[0] if subjects else None
            current = head
            hops += 1
    else:
        owners = _children(anchor, {"poss"})
        agent = owners[0] if owners else None
        if anchor.pos_ == "ADJ" and anchor.dep_ == "amod" and "Part" in anchor.morph.get("VerbForm") and anchor.head.pos_ in ("NOUN", "PROPN"):
            # "policía asesinado", "a murdered journalist": the participle's noun is the victim
            return agent, anchor.head
        if agent is None:
            by = _prep_objects(anchor, {"by", "por"})
            agent = by[0] if by else None
        targets = _prep_objects(anchor, {"on", "against", "at", "upon", "contra", "sobre"})
        patient = targets[0] if targets else None
        head = anchor.head
        if agent is None and anchor.dep_ in OBJ_DEPS and fold_lemma(head) in LIGHT_VERBS:
            subjects = _children(head, SUBJ_DEPS)
            agent = subjects[0] if subjects else None
        if agent is None and anchor.dep_ == "nmod" and head.dep_ in OBJ_DEPS and fold_lemma(head.head) in LIGHT_VERBS:
            # "los agentes aplicaron un protocolo de desalojo", "realizaron un operativo de desalojo":
            # the act named inside the light verb's object is done by that verb's subject
            subjects = _children(head.head, SUBJ_DEPS)
            agent = subjects[0] if subjects else None
        if patient is None and anchor.dep_ in PASSIVE_SUBJ_DEPS | {"nsubj:pass"} and head.pos_ == "VERB":
            # "an attack has been launched on X"
            targets = _prep_objects(head, {"on", "against", "at", "upon", "contra", "sobre"})
            patient = targets[0] if targets else None
        if anchor.dep_ in SUBJ_DEPS and head.pos_ == "VERB" and patient is None:
            objects = _children(head, OBJ_DEPS)
            patient = objects[0] if objects else None
    return _antecedent(agent, anchor), _antecedent(patient, anchor)


RELATIVE_WORDS = words("events", "any", "relative_words")


def _antecedent(token, anchor):
    """A relative pronoun's noun: "el agente ..., quien fue asesinado" -> "agente"; else the token itself."""
    if token is None or token.lower_ not in RELATIVE_WORDS or token.pos_ not in ("PRON", "DET", "SCONJ"):
        return token
    current = anchor
    for _ in range(3):
        if current.dep_ in ("relcl", "acl:relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head
        if current.dep_ not in ("conj", "xcomp", "advcl") or current.head is current:
            break
        current = current.head
    return token


def fold_lemma(token) -> str:
    return (token.lemma_ or token.text).lower()


def _phrase_tokens(head):
    """The head's noun phrase without clauses hanging from it."""
    left = head.left_edge.i
    right = head.i
    for c in head.rights:
        if c.dep_ in ("prep", "compound", "amod", "flat", "nmod", "appos", "pobj", "case", "acl") or c.dep_.startswith("flat"):
            right = max(right, c.right_edge.i)
        else:
            break
    # a phrase does not run over a line break: a headline carries no full stop, and the
    # Spanish parser hangs the lead's subject ("hombres armados") on the headline's victim
    doc = head.doc
    for i in range(head.i + 1, right + 1):
        if _line_break_before(doc[i]):
            right = i - 1
            break
    for i in range(head.i, left, -1):
        if _line_break_before(doc[i]):
            left = i
            break
    while right > head.i and doc[right].is_space:
        right -= 1
    return doc[left : right + 1]


def _line_break_before(token) -> bool:
    if token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    return "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text) or (token.is_space and "\n" in token.text)


def actor_for(head, mentions, lang: str, lexicon: EventLexicon, resources, country: str | None) -> Actor | None:
    """The actor a phrase names: lexicon mention first, then a generic actor noun."""
    if head is None or head.pos_ in ("PRON", "DET", "PUNCT"):
        return None
    phrase = _phrase_tokens(head)
    start, end = phrase.start_char, phrase.end_char
    inside = [m for m in mentions if m.start < end and m.end > start and m.label in ("ARMED_GROUP", "STATE_FORCE", "CIVILIANS", "ORG", "NORP")]
    if inside:
        inside.sort(key=lambda m: (not (m.start <= head.idx < m.end), m.start))
        mention = inside[0]
        known = resources.lexicon.get(mention.actor_id) if mention.actor_id else None
        if known is not None and _foreign_common_noun(known, mention, country, resources):
            known = None  # "police" in a story from India are not Mexico's police: the generic noun below names them
        if known is not None:
            name = known.name
            if getattr(known, "generic", False) and "(" not in name and country:
                name = f"{name} ({country})"
            return Actor(name, known.inter, mention.start, mention.end, mention.text, True)
    hits = lexicon.actor_matchers[lang].find(phrase)
    if not hits and inside:
        mention = inside[0]
        if mention.label in ("ORG", "NORP", "ARMED_GROUP", "STATE_FORCE") and head.pos_ == "PROPN":
            return Actor(mention.text, None, mention.start, mention.end, mention.text)
    if hits:
        hits.sort(key=lambda h: (not (h.start <= head.i < h.end), -(h.end - h.start)))
        hit = hits[0]
        generic = lexicon.actor_nouns[lang][hit.group]
        span = head.doc[hit.start : hit.end]
        return Actor(with_country(generic.name, country), generic.inter, span.start_char, span.end_char, span.text)
    if head.pos_ == "PROPN" and head.ent_type_ in ("ORG", "NORP", "PER", "PERSON"):
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            return Actor(ent.text, None, ent.start_char, ent.end_char, ent.text)
    return None


def _foreign_common_noun(known, mention, country: str | None, resources) -> bool:
    """A lexicon actor matched by a lower-case common noun ("police", "soldados") in an article set in another country."""
    common = {alias.lower() for alias in known.aliases if alias == alias.lower()}
    if not country or not known.country or mention.text.lower() not in common:
        return False
    home = resources.gazetteer.country_name(known.country)
    return home is not None and home != country


def with_country(template: str, country: str | None) -> str:
    if country:
        return template.replace("{country}", country)
    return template.replace(" of {country}", "").replace(" ({country})", "").replace("{country}", "").strip()


def is_armed(actor: Actor | None) -> bool:
    return actor is not None and actor.inter in ARMED_INTERS


def clash_sides(anchor):
    """Both sides of "a clash between X and Y" / "una balacera entre X y Y", or (None, None)."""
    for token in (anchor, anchor.head):
        sides = _prep_objects(token, {"between", "entre"})
        if sides:
            first = sides[0]
            # "entre presuntos integrantes del Cártel de Sinaloa y el CJNG": the conjunct may hang lower
            others = [t for t in first.subtree if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN")]
            return first, (others[0] if others else None)
    return None, None


def clash_opponent(anchor, agent):
    """The other side of a clash: "clashed with X", "se enfrentaron con X", or "X and Y clashed"."""
    for token in (anchor, anchor.head):
        targets = _prep_objects(token, {"with", "con", "contra", "against"})
        if targets:
            return targets[0]
    if agent is not None:
        conjoined = _children(agent, {"conj"})
        if conjoined:
            return conjoined[0]
    return None


def conjoined(head):
    """Heads conjoined with an actor phrase ("the army and the National Guard")."""
    return _children(head, {"conj"}) if head is not None else []

