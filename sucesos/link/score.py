"""Are two reports one event? A pairwise score with vetoes.

Blocking has already made sure the two are close in time and place. The
score adds evidence for and against; a veto (a contradiction no outlet
disagreement explains) keeps them apart whatever the score. A report joins
an event when its best score against the event's reports reaches
MATCH_THRESHOLD and no report of the event vetoes it.

Weights are set so that agreement on date, town and sub-type alone
(common: several killings a day in a violent town) does NOT merge; it takes
something specific besides: the same death toll of two or more (or close
counts of a killing of ten or more, which outlets report as 13 and 14, 18
and 20), a named actor, a shared tactic, or similar sentences.

MATCH_THRESHOLD (3.0) and the text scale were checked on
bench/data/dedup-dev.jsonl (`sucesos eval dedup`): 145 pairs of reports of
one incident by different outlets and near-miss pairs (two killings in one
city on one night). Pairwise precision/recall of article pairs (main
events) there, and on the synthetic 20k store of bench/dedup.py (several
same-day events a town, no encoder):
  threshold 2.5: dev 0.98 / 0.71 (one near-miss merged), synthetic 0.69 / 0.96
  threshold 3.0: dev 1.00 / 0.70,                        synthetic 0.79 / 0.90
  threshold 3.5: dev 1.00 / 0.62,                        synthetic 0.88 / 0.82
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sucesos import taxonomy
from sucesos.events.coreference import STATE_FORCES
from sucesos.link.blocking import dates_compatible, places_compatible
from sucesos.link.text import SentenceVectors, encoder_similarity, fuzzy_similarity

MATCH_THRESHOLD = 3.0

# Event types that outlets confuse for one happening (an ambush on police is
# an "attack" to one, a "clash" to another); any other pair never merges.
TYPE_FAMILY = taxonomy.TYPE_FAMILIES

# Tactics nearly every report of armed violence shares say little about which event it is.
COMMON_TACTICS = frozenset({"firearms"})

MASS_KILLING = 10
TEXT_MAX = 2.5  # the most text similarity can add
TEXT_MIN = -0.5  # the most it can take away (TEXT_FLOOR)


@dataclass(frozen=True)
class Verdict:
    score: float
    veto: str | None = None
    undecided: bool = False  # the text was not looked at, and could change the outcome

    @property
    def match(self) -> bool:
        return self.veto is None and self.score >= MATCH_THRESHOLD


def _veto(a, b) -> str | None:
    if a.article_id == b.article_id:
        return "same article"  # the extractor already told its events apart
    if a.modality_group != b.modality_group:
        return "threat or forecast vs. happening"
    if a.event_type and b.event_type and a.event_type != b.event_type:
        if TYPE_FAMILY.get(a.event_type) != TYPE_FAMILY.get(b.event_type):
            return "incompatible event types"
    if not dates_compatible(a, b):
        return "dates too far apart"
    if _actors_conflict(a, b):
        return "different named actors"
    return None


def _same_actor(x: str, y: str) -> bool:
    # "police forces of mexico" and "police forces of mexico - municipal police" are one side
    return x == y or x.startswith(y + " - ") or y.startswith(x + " - ")


def _shares_actor(xs: frozenset[str], ys: frozenset[str]) -> bool:
    return any(_same_actor(x, y) for x in xs for y in ys)


def _actors_conflict(a, b) -> bool:
    """Both name who did it (or both name who was hit) and no actor is shared.

    One report naming the gunmen ("the CJNG") and another only the side they
    hit ("the police chief's escort") say different things, not contrary
    ones; and in a clash either side may be written first.
    """
    actors_a, actors_b = a.perpetrators | a.targets, b.perpetrators | b.targets
    if not actors_a or not actors_b or _shares_actor(actors_a, actors_b):
        return False
    if a.perpetrators and b.perpetrators:
        return True
    if a.targets and b.targets:
        # the police chief by name in one, the police force in the other: one may belong to the other
        return _state_side(a.targets) == _state_side(b.targets)
    return False


def _state_side(keys: frozenset[str]) -> bool:
    return any(key.startswith(STATE_FORCES) for key in keys)


def _casualty_score(x: int | None, y: int | None, *, weight: float) -> float:
    if x is None or y is None:
        return 0.0
    low, high = min(x, y), max(x, y)
    if low >= MASS_KILLING and high <= 1.5 * low:
        # Killings of ten or more are a few a week in a whole country: two
        # reports of one the same day in one region are one massacre.
        return weight * 1.8
    if x == y:
        # A shared toll of 0 or 1 is common; 5 dead on both sides is telling.
        return weight * {0: 0.2, 1: 0.5, 2: 0.9}.get(x, 1.2)
    if low >= 3 and high <= 1.5 * low:
        return weight * 0.9  # a mass killing's count rises as bodies are found: 18, then 20
    if low >= 5 and high <= 2 * low:
        return weight * 0.4  # official and unofficial counts of one massacre: 10 and 17
    if high - low <= 1 or high <= 1.5 * max(low, 1):
        return -0.3  # early and later counts of one event differ a little
    if high <= 3 * max(low, 1):
        return -1.0 * weight
    return -2.0 * weight


# Text similarity of the two reports' sentences, calibrated on
# bench/data/dedup-dev.jsonl (independent reports of one incident by
# different outlets, and near-misses): independent write-ups of one incident
# share few words (rapidfuzz 0.3-0.65), so word overlap only says "copy"
# (>= 0.92); the multilingual encoder says "same story" more gently: one
# incident's reports score 0.45-0.76 within a language and 0.1-0.5 across
# EN/ES (headline against lead; a translation 0.73), two killings in one
# town 0.3-0.55 (EN/ES: 0.49). Across languages only a translation-like
# sentence is evidence for: the toll, place and date must carry the rest.
TEXT_SAME_LANG_CENTRE = 0.45
TEXT_CROSS_LANG_CENTRE = 0.55
TEXT_SLOPE = 6.0
TEXT_FLOOR = -0.5  # a paraphrase is not evidence against
TEXT_SOFT_MAX = 1.5  # what a merely similar sentence can add; a copy adds TEXT_MAX


COPY_AGREEMENT = 4  # of the 8 MinHash values kept per report: Jaccard of word 5-grams ~0.5 and above


def copies(a, b) -> bool:
    """Whether two reports come from near-identical article texts (MinHash of word 5-grams, see sucesos.link.text)."""
    if a.copy_key is None or b.copy_key is None or a.article_id == b.article_id or len(a.copy_key) != len(b.copy_key):
        return False
    ka, kb = np.frombuffer(a.copy_key, dtype=np.uint64), np.frombuffer(b.copy_key, dtype=np.uint64)
    return int((ka == kb).sum()) >= COPY_AGREEMENT


def _text_score(a, b, vectors: SentenceVectors | None) -> float:
    if a.lang and a.lang == b.lang:
        # Within a language, rapidfuzz first: cheap, and a syndicated copy is obvious.
        ratio = fuzzy_similarity(a, b)
        if ratio is None:
            return 0.0
        if ratio >= 0.92:
            return TEXT_MAX
        if vectors is None or vectors.encoder is None:
            return max(TEXT_FLOOR, min(TEXT_SOFT_MAX, (ratio - 0.72) * 8))
        centre = TEXT_SAME_LANG_CENTRE
    else:
        centre = TEXT_CROSS_LANG_CENTRE
    similarity = encoder_similarity(a, b, vectors) if vectors is not None and vectors.encoder is not None else None
    if similarity is None:
        return 0.0
    return max(TEXT_FLOOR, min(TEXT_SOFT_MAX, (similarity - centre) * TEXT_SLOPE))


def pair_score(a, b, vectors: SentenceVectors | None = None, *, lazy: bool = True) -> Verdict:
    """Score a pair; `lazy` skips the text when it cannot change whether they match."""
    veto = _veto(a, b)
    if veto:
        return Verdict(float("-inf"), veto)
    compatible, distance = places_compatible(a, b)
    if not compatible:
        return Verdict(float("-inf"), "places too far apart")
    score = 0.0
    # Date
    if a.day is not None and b.day is not None:
        if a.time_precision == 1 and b.time_precision == 1 and not (a.day_is_fallback or b.day_is_fallback):
            score += {0: 1.0, 1: 0.3}.get(abs(a.day - b.day), -0.3)
        else:
            score += 0.2
    # Place
    place = 0.0
    if a.location and a.location == b.location:
        place = 0.8
    if distance is not None:
        if distance <= 2.0 and (a.geo_precision or 3) <= 2 and (b.geo_precision or 3) <= 2:
            place = max(place, 0.8)
        elif (a.geo_precision or 3) <= 2 and (b.geo_precision or 3) <= 2:
            place = max(place, 0.3)
    if not place and a.admin1 and a.admin1 == b.admin1:
        place = 0.2
    score += place
    # Type
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        score += 0.6
    elif a.event_type and a.event_type == b.event_type:
        score += 0.2
    elif a.event_type and b.event_type:
        score -= 0.3
    # Actors (disjoint named actors were vetoed above)
    if a.perpetrators & b.perpetrators:
        score += 1.5
    elif (a.perpetrators | a.targets) & (b.perpetrators | b.targets):
        score += 1.0
    if a.inter2 and b.inter2 and a.inter2 != b.inter2:
        score -= 1.5  # police officers attacked vs. civilians attacked
    # Casualties
    score += _casualty_score(a.fatalities, b.fatalities, weight=1.0)
    if a.injuries and b.injuries:
        score += _casualty_score(a.injuries, b.injuries, weight=0.5)
    # Tactics
    if a.tactics and b.tactics:
        shared = a.tactics & b.tactics
        score += (0.8 if shared - COMMON_TACTICS else 0.3) if shared else -0.8
    if lazy and (score + TEXT_MIN >= MATCH_THRESHOLD or score + TEXT_MAX < MATCH_THRESHOLD):
        return Verdict(score)
    if copies(a, b):
        return Verdict(score + TEXT_MAX)  # one text (a wire copy, a story re-edited or reordered): no need for the encoder
    if a.lang and a.lang == b.lang:
        ratio = fuzzy_similarity(a, b)
        if ratio is not None and ratio >= 0.92:
            return Verdict(score + TEXT_MAX)  # a copy: no need for the encoder
        if lazy and score + TEXT_SOFT_MAX < MATCH_THRESHOLD:
            return Verdict(score)  # not a copy, and a merely similar sentence cannot lift it
        if vectors is None:
            return Verdict(score + _text_score(a, b, None), undecided=True)  # the encoder could still change it
    elif vectors is None:
        if lazy and score + TEXT_SOFT_MAX < MATCH_THRESHOLD:
            return Verdict(score)
        return Verdict(score, undecided=True)
    return Verdict(score + _text_score(a, b, vectors))
