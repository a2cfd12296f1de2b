"""Fatalities and injuries reported for an event, with the span they came from.

Numbers attach to the victims of a kill/injure word through the parse ("ten
soldiers were wounded", "killing 6 civilians", "leaving 30 people dead",
"una decena de personas murieron"); "no one was hurt" / "no hubo heridos"
give 0. A victim named in the singular ("a villager was injured") counts 1.
Vague words with no ACLED reading ("many", "scores") give no number.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from sucesos.events.aggregates import event_words
from sucesos.events.lexicon import Hit, fold
from sucesos.events.numbers import NumberReader
from sucesos.words import words

NEGATORS = words("events", "any", "negators")
NOBODY = words("events", "any", "nobody_words")
SINGULAR_DETS = words("events", "any", "singular_determiners")
PERSON_HINT_LABELS = {"PERSON", "PER", "STATE_FORCE", "CIVILIANS"}
# No single reported event has killed or injured more (ACLED's largest events
# are in the thousands): a bigger figure is a misreading or hostile input, so
# it is no toll (null), never a number stored as one.
MAX_PLAUSIBLE_TOLL = 100_000
TOLL_NOUNS = ("toll", "balance", "saldo", "cifra")  # words for the count itself: "the toll rose to 12"

log = logging.getLogger(__name__)


@dataclass
class Count:
    value: int
    start: int  # character offsets of the evidence
    end: int


def _negated(token) -> bool:
    """'no one was hurt', 'nobody was killed', 'no hubo heridos', 'without casualties', 'no se reportaron heridos'."""
    for c in token.children:
        if fold(c.text) in NEGATORS and c.dep_ in ("neg", "advmod", "det", "nsubj", "nsubjpass", "case", "nsubj:pass"):
            return True
        if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and (fold(c.text) in NOBODY or (fold(c.text) == "one" and any(fold(g.text) == "no" for g in c.children))):
            return True
    head = token.head
    if head is not token and token.dep_ in ("obj", "dobj", "nsubj", "attr", "oprd", "acomp", "amod", "pobj"):
        if fold(head.lemma_ or head.text) in ("haber", "reportar", "registrar", "cause", "report", "be", "cause", "leave", "dejar", "sin", "without"):
            if any(fold(c.text) in NEGATORS for c in head.children) or fold(head.text) in ("sin", "without"):
                return True
        if head.dep_ == "prep" and fold(head.text) in ("without",):
            return True
    left = token.doc[max(token.i - 2, token.sent.start) : token.i]
    if any(fold(t.text) in ("no", "sin", "without") for t in left):
        return True
    return False


def _victim_of(token):
    """The victims' phrase head for a kill/injure word."""
    deps_passive = ("nsubjpass", "nsubj:pass")
    if token.pos_ in ("VERB", "AUX"):
        passive = [c for c in token.children if c.dep_ in deps_passive]
        if passive:
            return passive[0]
        from sucesos.events.roles import _copula_passive, _headline_passive

        if _headline_passive(token, token.lang_):
            # "Journalist Ana Ruiz killed in Hermosillo": the subject is the one killed
            return next(c for c in token.children if c.dep_ in ("nsubj", "csubj"))
        if _copula_passive(token):
            # "Ana Ruiz was slain today", the participle parsed as the copula's complement
            subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return subjects[0]
        aux_ser = any(c.dep_ in ("aux", "cop") and c.lemma_ == "ser" for c in token.children)
        if aux_ser or fold(token.lemma_) in ("die", "morir", "fallecer", "perish", "succumb"):
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if subjects:
                return subjects[0]
        objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
        # Spanish personal "a": "mataron a una decena de jóvenes"
        objects += [c for c in token.children if c.dep_ == "obl" and any(g.dep_ == "case" and g.lower_ == "a" for g in c.children)]
        if objects:
            return objects[0]
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
            return token.head  # "two people killed in ..."
        if token.dep_ == "conj":
            return _victim_of(token.head)
        return None
    if token.pos_ == "ADJ" or fold(token.text) in ("dead", "muertos", "muerto", "heridos", "herido", "lesionados"):
        if token.head.pos_ in ("NOUN", "PROPN", "NUM") and token.dep_ == "amod":
            return token.head
        subjects = [c for c in token.children if c.dep_ in ("nsubj",)]
        if subjects:
            return subjects[0]
        # "leaving 30 people dead": the victims are a sibling object
        siblings = [c for c in token.head.children if c.dep_ in ("dobj", "obj", "nsubj") and c.i < token.i]
        if siblings:
            return siblings[-1]
    return None


# Nouns for one dead person's body ("el cadáver de un hombre", "a body was found").
REMAINS_NOUNS = words("events", "any", "remains_nouns")
OBJECT_CLITICS = words("events", "es", "object_clitics")
INSTRUMENT_PREPS = words("events", "any", "instrument_preps")
SINGULAR_DEATH_VERBS = words("events", "es", "singular_death_verbs")


def _third_singular(word) -> bool:
    morph = word.morph
    return morph.get("VerbForm") == ["Fin"] and morph.get("Number") == ["Sing"] and morph.get("Person") == ["3"]


def _single_victim(word, span) -> tuple[int, int] | None:
    """(start, end) of a wording that tells of exactly one victim, when no number is given.

    A singular participle ("fue asesinado", "policía ejecutado"), a singular
    object clitic ("lo matan"), a personal "a" before a singular noun
    ("acribillan a automovilista", "matan al alcalde"), a singular body noun ("el cadáver de un hombre").
    """
    doc = word.doc
    key = fold(word.text)
    if word.pos_ == "NOUN" or key in REMAINS_NOUNS:
        if key in REMAINS_NOUNS and "Plur" not in word.morph.get("Number") and word.tag_ not in ("NNS",):
            return span.start_char, span.end_char
        return None
    if "Part" in word.morph.get("VerbForm") and "Sing" in word.morph.get("Number") and word.lang_ == "es":
        return span.start_char, span.end_char
    before = doc[word.i - 1] if word.i > word.sent.start else None
    if before is not None and fold(before.text) in OBJECT_CLITICS and word.lang_ == "es":
        return before.idx, span.end_char
    after = doc[word.i + 1 : min(word.sent.end, word.i + 4)]
    if word.lang_ == "es" and len(after) and fold(after[0].text) in ("a", "al"):  # "al" = "a el": always one person ("matan al alcalde")
        for token in after[1:]:
            if token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "ADJ" and token.dep_ in ("obj", "obl", "nsubj")):
                if "Plur" in token.morph.get("Number") or fold(token.text).endswith(("s",)) and token.pos_ == "NOUN":
                    return None
                if token.conjuncts:  # "al alcalde ... y a otras 17 personas": more than one, counted from the conjuncts
                    return None
                return span.start_char, token.idx + len(token.text)
            if token.pos_ not in ("DET", "ADJ"):
                return None
    return None


PERSON_LABELS = {"PER", "PERSON"}


COMPANION_WORDS = words("events", "any", "companion_words")
COMPANION_PREPS = words("events", "any", "companion_preps")
POSSESSIVES = words("events", "any", "possessive_determiners")


def _companions(word, victim) -> list:
    """The people a singular victim died with: "along with his wife", "together with her son", "junto con su escolta".

    A companion is a singular noun right after "along/together with" or
    "junto con" that hangs from the death word or from its victim and is a
    person: a possessive's kin or escort ("his wife", "su escolta") or a
    named person. "Junto a" (next to: "junto a su casa") is a place.
    """
    found = []
    sent = word.sent
    for token in sent:
        if fold(token.text) not in COMPANION_WORDS or token.i + 1 >= sent.end or fold(word.doc[token.i + 1].text) not in COMPANION_PREPS:
            continue
        noun = next((t for t in word.doc[token.i + 2 : min(sent.end, token.i + 6)] if t.pos_ in ("NOUN", "PROPN")), None)
        if noun is None or "Plur" in noun.morph.get("Number") or noun.tag_ in ("NNS", "NNPS"):
            continue
        if word not in noun.ancestors and victim not in noun.ancestors:
            continue
        if _person(noun):
            found.append(noun)
            # "along with his wife and his son" (not "junto con su esposa, en la colonia ...", a place parsed as a conjunct)
            found += [c for c in noun.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and "Plur" not in c.morph.get("Number") and _person(c)]
    return found


def _person(noun) -> bool:
    """A named person or a possessive's noun ("his wife", "su escolta"): who a victim dies with."""
    return noun.ent_type_ in PERSON_HINT_LABELS or any(fold(c.text) in POSSESSIVES for c in noun.children if c.i < noun.i)


def _named_people(noun) -> list:
    """The persons a plural noun names in apposition ("los hermanos Juan y Luis Pérez"), else []."""
    if noun.pos_ != "NOUN" or not ("Plur" in noun.morph.get("Number") or noun.tag_ in ("NNS", "NNPS")):
        return []
    names = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ in PERSON_LABELS]
    if not names:
        return []
    return [names[0], *(c for c in names[0].children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.ent_type_ in PERSON_LABELS)]


def _names_a_group(noun) -> bool:
    """'a radio crew', 'una familia': a group of people, no count of one (words: events.<lang>.yaml group_nouns)."""
    nouns = event_words(noun.lang_, "group_nouns")
    return fold(noun.lemma_ or noun.text) in nouns or fold(noun.text) in nouns


def _count_in(reader: NumberReader, head) -> tuple[float, int, int] | None:
    """Number in the victims' phrase: its left part and 'of' complements ('dozens of people')."""
    doc = head.doc
    left = doc[head.left_edge.i : head.i + 1]
    found = reader.read(left)
    if found:
        return found
    return None


# Words that tell what befell a person, not who: "tres muertos y 17 detenidos" is no sum of victims.
STATUS_WORDS = words("events", "any", "status_words")


MASS_KILLING_NOUNS = words("events", "any", "mass_killing_nouns")
MASS_WORDS = words("events", "any", "mass_words")


def _counts_incidents(word) -> bool:
    """A plural noun of mass killings ("dos masacres", "two massacres", "dos asesinatos masivos"): its number counts incidents."""
    if word.pos_ != "NOUN" or not ("Plur" in word.morph.get("Number") or word.tag_ in ("NNS", "NNPS")):
        return False
    key = fold(word.text)
    return key in MASS_KILLING_NOUNS or any(fold(c.text) in MASS_WORDS for c in word.children if c.dep_ in ("amod", "compound"))


def _with_conjoined(doc, reader: NumberReader, value: float, first: int, last: int, cue) -> tuple[float, int]:
    """A count of coordinated victims adds up: "seis hombres y seis mujeres" 12, "dos escoltas y una mujer" 3.

    Only when the number counts people named by a noun of their own (not
    the cue: "tres muertos y 17 detenidos" are two tolls), and each
    conjunct gives its own number or a singular article ("and a civilian");
    a conjunct told as hurt or held ("y tres personas heridas") is not
    among the dead, and a bare plural one ("dos escoltas y amigos") leaves
    the count as read. Returns the value and the token end of the evidence.
    """
    number = doc[last - 1]
    noun = number.head
    if noun.pos_ == "DET" and noun.head is not noun:
        noun = noun.head  # "los dos escoltas": the number hangs on the article
    if number.dep_ not in ("nummod", "det", "amod", "quantmod") or noun.pos_ not in ("NOUN", "PROPN") or noun.i < first:
        return value, last
    if cue.start <= noun.i < cue.end or fold(noun.text) in STATUS_WORDS:
        return value, last
    total, end = value, max(last, noun.i + 1)
    conjuncts = [c for c in noun.children if c.dep_ == "conj"]
    # "Two Jesuit priests, Javier Campos and Joaquin Mora, and a civilian": the names are the priests
    conjuncts += [c for a in noun.children if a.dep_ == "appos" for c in a.children if c.dep_ == "conj" and c.pos_ != "PROPN"]
    before = doc[first - 1] if first > 0 else None
    left = doc[first - 2] if first >= 2 else None
    if (
        before is not None and fold(before.text) in ("y", "and") and left.pos_ == "NOUN" and not cue.start <= left.i < cue.end
        and "conj" not in (left.dep_, noun.dep_) and any(c.dep_ == "nummod" for c in left.children)
    ):  # fmt: skip
        conjuncts.append(left)  # "cinco hombres y seis mujeres fueron asesinados" parsed as two phrases
    for conj in sorted(set(conjuncts), key=lambda t: t.i):
        if conj.pos_ not in ("NOUN", "PROPN", "ADJ") or cue.start <= conj.i < cue.end:
            continue
        if fold(conj.text) in STATUS_WORDS or any(fold(c.text) in STATUS_WORDS for c in conj.children if c.dep_ in ("amod", "acl")):
            continue
        own = [c for c in conj.children if c.dep_ == "nummod" and c.i < conj.i]
        read = reader.read(doc[own[0].i : conj.i]) if own else None
        if read is not None:
            total += read[0]
        elif any(fold(c.text) in ("a", "an", "un", "una", "one", "uno") and c.dep_ == "det" for c in conj.children) and "Plur" not in conj.morph.get("Number") and conj.tag_ not in ("NNS", "NNPS"):
            total += 1
        else:
            return value, last
        end = max(end, conj.i + 1)
    return total, end


def count_casualties(tokens_hits: list[Hit], doc, reader: NumberReader, group) -> Count | None:
    """First count reported for `group` (a set of cue groups: deaths or injuries) among the hits."""
    counts = casualty_counts(tokens_hits, doc, reader, group, first_only=True)
    return counts[0] if counts else None


def casualty_counts(tokens_hits: list[Hit], doc, reader: NumberReader, group, *, first_only: bool = False) -> list[Count]:
    """Every count reported for `group` (a set of cue groups), in hit order."""
    counts: list[Count] = []
    for hit in tokens_hits:
        if first_only and counts:
            break
        found_count = _count_for_hit(hit, doc, reader, group)
        if found_count is not None:
            counts.append(found_count)
    return counts


def _count_for_hit(hit: Hit, doc, reader: NumberReader, group) -> Count | None:
    """The count one death/injury word reports, or None (also for a figure beyond MAX_PLAUSIBLE_TOLL)."""
    count = _stated_count(hit, doc, reader, group)
    if count is None or count.value > MAX_PLAUSIBLE_TOLL:
        return None
    return count


def refused_counts(hits: list[Hit], doc, reader: NumberReader, group) -> list[Count]:
    """The figures stated for `hits` beyond MAX_PLAUSIBLE_TOLL: refused as
    tolls, kept as the receipt of why the toll is null."""
    refused = []
    for hit in hits:
        count = _stated_count(hit, doc, reader, group)
        if count is not None and count.value > MAX_PLAUSIBLE_TOLL:
            refused.append(count)
    return refused


def _stated_count(hit: Hit, doc, reader: NumberReader, group) -> Count | None:
    """The count one death/injury word states, unbounded (an implausible figure
    comes back as MAX_PLAUSIBLE_TOLL + 1, never converted to an int)."""
    if hit.group not in group:
        return None
    span = doc[hit.start : hit.end]
    word = span.root
    sent = word.sent
    if fold(span[0].text) in NEGATORS and len(span) > 1:
        # "cuatro personas sin vida": the cue's own "sin" is no negation of it; what precedes it may be
        word_for_negation = span[0]
    else:
        word_for_negation = word
    if _negated(word_for_negation) or _negated(word.head if word.dep_ in ("acomp", "oprd", "xcomp") and word_for_negation is word else word_for_negation):
        negators = [t for t in doc[max(sent.start, hit.start - 4) : hit.start] if fold(t.text) in NEGATORS | {"one"}]
        start = negators[0].idx if negators else span.start_char
        return Count(0, start, span.end_char)
    if _counts_incidents(word):
        return None  # "dos asesinatos masivos en Michoacán": a count of massacres, not of their dead
    victim = _victim_of(word)
    if victim is not None and hit.start <= victim.i < hit.end:
        # "perdieron la vida", "lost their lives": the object is the cue's own word; the dead are its subject
        victim = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")), None)
    if victim is not None and any(c.dep_ in ("case", "prep") and fold(c.text) in INSTRUMENT_PREPS for c in victim.children):
        victim = None  # "cadáver con tres disparos": the shots are no victims (a mis-parse makes them the object)
    found = None
    # number right before the word: "30 dead", "dozens wounded", "tres muertos"
    window = doc[max(sent.start, hit.start - 2) : hit.start]
    number_before = reader.read(window) if len(window) else None
    if word.pos_ != "VERB" or victim is None:
        found = number_before
    if found is None and victim is not None:
        found = _count_in(reader, victim)
        named = _named_people(victim) if found is None else []
        if len(named) >= 2:
            # "las periodistas Yessenia M. y Sheila G. fueron asesinadas": the names count the dead
            end = max(span.end_char, *(t.right_edge.idx + len(t.right_edge.text) for t in named))
            return Count(len(named), min(victim.left_edge.idx, span.start_char), end)
        if found is None and (victim.pos_ in ("NOUN", "PROPN") or (victim.pos_ == "ADJ" and victim.dep_ in ("obj", "nsubj", "nsubj:pass"))) and "Plur" not in victim.morph.get("Number") and victim.tag_ not in ("NNS", "NNPS"):
            if fold(victim.text) not in ("one",) and not _names_a_group(victim) and (victim.pos_ == "PROPN" or any(fold(c.text) in SINGULAR_DETS for c in victim.children) or victim.ent_type_ in PERSON_HINT_LABELS):
                # "una mujer y su hijo fueron asesinados": each conjoined person counts
                others = [c for c in victim.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and "Plur" not in c.morph.get("Number")]
                if "Sing" in word.morph.get("Number"):
                    others = []  # a singular verb has one victim: "un ex convicto y presunto integrante ... fue asesinado"
                # "was shot dead along with his wife", "fue asesinado junto con su esposa": the verb agrees with
                # its subject alone, and the companion died with it
                others += [c for c in _companions(word, victim) if c not in others]
                end = max([span.end_char, victim.idx + len(victim.text)] + [c.idx + len(c.text) for c in others])
                return Count(1 + len(others), min(victim.left_edge.idx, span.start_char), end)
    if found is None and word.pos_ == "NOUN":
        # "three bullet-riddled bodies", "12 decomposing bodies": the noun's own number, past its modifiers
        numbers = [c for c in word.children if c.dep_ == "nummod" and c.i < word.i]
        if numbers:
            found = reader.read(doc[numbers[0].left_edge.i : numbers[0].i + 1])
    if found is None and fold(word.text) in TOLL_NOUNS or (found is None and word.pos_ == "NOUN"):
        after = doc[hit.end : min(sent.end, hit.end + 6)]
        if fold(word.text) not in TOLL_NOUNS:
            # "la masacre de 15 personas": the number is the noun's own complement; past a comma or
            # a verb it is another phrase's ("raised homicides, displaced hundreds of people"). A toll
            # noun's figure comes after its verb ("the death toll rose to 12")
            stop = next((t.i for t in after if t.is_punct or t.pos_ in ("VERB", "AUX")), after.end)
            after = doc[after.start : stop]
        # "cadáver con tres disparos": a number after "with" counts the shots, not the dead
        if len(after) and not fold(after[0].text) in INSTRUMENT_PREPS:
            found = reader.read(after)
    if found is None and word.lang_ == "es" and fold(word.lemma_) in SINGULAR_DEATH_VERBS and _third_singular(word):
        # "murió de manera inmediata", "quien falleció en el hospital": a singular death verb tells one dead
        return Count(1, span.start_char, span.end_char)
    if found is None:
        single = _single_victim(word, span)
        if single is not None:
            return Count(1, single[0], single[1])
        return None
    value, first, last = found
    value, last = _with_conjoined(doc, reader, value, first, last, span)
    lo = min(doc[first].idx, span.start_char)
    hi = max(doc[last - 1].idx + len(doc[last - 1].text), span.end_char)
    if not math.isfinite(value) or value > MAX_PLAUSIBLE_TOLL:
        log.debug("toll %r at %d-%d is beyond %d: not read as a count", doc.text[lo:hi][:60], lo, hi, MAX_PLAUSIBLE_TOLL)
        return Count(MAX_PLAUSIBLE_TOLL + 1, lo, hi)
    return Count(int(value), lo, hi)
