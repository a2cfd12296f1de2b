"""Are two reports one event? A pairwise score with vetoes.

Blocking has already made sure the two are close in time and place. The
score adds evidence for and against; a veto (a contradiction no outlet
disagreement explains) keeps them apart whatever the score. A report joins
an event when its best score against the event's reports reaches
MATCH_THRESHOLD and no report of the event vetoes it.

The score is a logistic regression's log-odds over the features of
`structured_features` and `text_features`, less its threshold's, so a pair
matches at 0 and above. The weights ship in sucesos/data/link_pair_score.json,
written by `python bench/train_pair_score.py --write` (seeded): pairs of
reports in bench/data/dedup-grown.jsonl and its retold copies (never
dedup-heldout.jsonl), labelled by incident, plus
near-misses made by moving one incident's report to another's town and day,
weighted by how often two such incidents meet (rarer the larger the toll;
retyped to the first's sub-type, when that is rare, as often as it is).
Cross-validated by incident (no pair scored by a model fitted on either of
its incidents), the threshold is the lowest at which no real pair of two
incidents matches and no more of the moved near-misses than under the old
hand-set score, plus a margin. Out of fold, on 16,747 pairs (1,042 of one
incident, 15,705 of two; training figures in the JSON):
  hand-set score (threshold 3.0): real pairs precision 1.00, recall 0.63; moved near-misses matched 1.6%
  fitted score:                   real pairs precision 1.00, recall 0.77; moved near-misses matched 1.1%
A shared name (name_shared) is read in both sentences and, for a main
report, in its article's headline and lead paragraph (sucesos.link.text):
the moved near-misses keep their own incident's names, so the fit cannot
see two incidents whose leads name one official; the veto on differently
named victims is what keeps those apart.
Place and date agreement keep hand-set weights (these sets cannot teach
them: blocking keeps their incidents apart, the moved ones agree by
construction), and so do a copy of one text and a shared rare sub-type
(type_same_sub_rare: the sets hold one pair of one incident with one; the
trainer's FIXED says how its weight was set).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sucesos import taxonomy
from sucesos.events.coreference import STATE_FORCES
from sucesos.link.blocking import dates_compatible, places_compatible
from sucesos.link.text import SentenceVectors, encoder_similarity, fuzzy_similarity, shared_names

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "link_pair_score.json"
# Scores are log-odds less the fitted threshold's: a pair matches at 0 and above.
MATCH_THRESHOLD = 0.0

# Event types that outlets confuse for one happening (an ambush on police is
# an "attack" to one, a "clash" to another); any other pair never merges.
TYPE_FAMILY = taxonomy.TYPE_FAMILIES

# Tactics nearly every report of armed violence shares say little about which event it is.
COMMON_TACTICS = frozenset({"firearms"})

MASS_KILLING = 10


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
    if x == y or x.startswith(y + " - ") or y.startswith(x + " - "):
        return True
    # "armando linares" and "armando linares lopez": outlets drop a Spanish name's second surname
    shorter, longer = sorted((x, y), key=len)
    words = shorter.split()
    return len(words) >= 2 and set(words) <= set(longer.split())


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


# -- features of a pair ----------------------------------------------------
# The pair score is a logistic regression over these features (weights in
# sucesos/data/link_pair_score.json, fitted by bench/train_pair_score.py with
# folds grouped by incident). Each says one thing a reader weighs; all are 0
# when the two reports say nothing about it.
FEATURES = (
    "date_same_day", "date_next_day", "date_days_apart", "date_vague",
    "place_same_town", "place_nearby", "place_same_state_only",
    "type_same_sub", "type_same_sub_rare", "type_same_type", "type_same_family",
    "actor_shared_perpetrator", "actor_shared_other", "target_kind_differs", "name_shared",
    "toll_same_0_1", "toll_same_2", "toll_same_3_plus", "toll_mass_close", "toll_rising",
    "toll_by_one", "toll_official_range", "toll_apart", "toll_far", "toll_one_side",
    "injured_agree", "injured_differ",
    "tactic_shared_specific", "tactic_shared_common", "tactic_disjoint",
    "cross_language",
    "text_copy", "text_similarity",
)  # fmt: skip


def _toll_feature(x: int | None, y: int | None) -> str | None:
    """Which kind of agreement two death tolls show (ACLED keeps the lower and the range)."""
    if x is None and y is None:
        return None
    if x is None or y is None:
        return "toll_one_side"
    low, high = min(x, y), max(x, y)
    if x == y:
        return {0: "toll_same_0_1", 1: "toll_same_0_1", 2: "toll_same_2"}.get(x, "toll_same_3_plus")
    if low >= MASS_KILLING and high <= 1.5 * low:
        return "toll_mass_close"  # a massacre's count: 13 and 14, 18 and 20
    if low >= 3 and high <= 1.5 * low:
        return "toll_rising"  # the count rises as bodies are found
    if high - low == 1:
        return "toll_by_one"  # 2 dead in the headline, 3 in the lead; a wounded man who died
    if low >= 5 and high <= 2 * low:
        return "toll_official_range"  # official and unofficial counts: 10 and 17
    if high <= 3 * max(low, 1):
        return "toll_apart"
    return "toll_far"


def _injuries_agree(x: int | None, y: int | None) -> float:
    if not x or not y:
        return 0.0
    low, high = min(x, y), max(x, y)
    return 1.0 if x == y or (low >= 3 and high <= 1.5 * low) else -1.0


def structured_features(a, b, distance: float | None) -> dict[str, float]:
    """The pair's features besides its text (the pair passed the vetoes and blocking)."""
    found: dict[str, float] = {}
    if a.day is not None and b.day is not None:
        if a.time_precision == 1 and b.time_precision == 1 and not (a.day_is_fallback or b.day_is_fallback):
            found[{0: "date_same_day", 1: "date_next_day"}.get(abs(a.day - b.day), "date_days_apart")] = 1.0
        else:
            found["date_vague"] = 1.0
    fine = (a.geo_precision or 3) <= 2 and (b.geo_precision or 3) <= 2
    if (a.location and a.location == b.location) or (distance is not None and distance <= 2.0 and fine):
        found["place_same_town"] = 1.0
    elif distance is not None and fine:
        found["place_nearby"] = 1.0
    elif a.admin1 and a.admin1 == b.admin1:
        found["place_same_state_only"] = 1.0
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        found["type_same_sub"] = 1.0
        if a.sub_event_type not in taxonomy.COMMON_SUB_EVENT_TYPES:
            found["type_same_sub_rare"] = 1.0  # an abduction, a lynching: seldom two in one town on one day
    elif a.event_type and a.event_type == b.event_type:
        found["type_same_type"] = 1.0
    elif a.event_type and b.event_type:
        found["type_same_family"] = 1.0  # other families were vetoed
    if a.perpetrators & b.perpetrators:
        found["actor_shared_perpetrator"] = 1.0
    elif (a.perpetrators | a.targets) & (b.perpetrators | b.targets):
        found["actor_shared_other"] = 1.0
    if shared_names(a, b):
        found["name_shared"] = 1.0  # the victim, the town's locality, the outlet attacked: "Armando Linares", "Cerocahui"
    if a.inter2 and b.inter2 and a.inter2 != b.inter2:
        found["target_kind_differs"] = 1.0  # police officers attacked vs. civilians attacked
    toll = _toll_feature(a.fatalities, b.fatalities)
    if toll:
        found[toll] = 1.0
    injured = _injuries_agree(a.injuries, b.injuries)
    if injured:
        found["injured_agree" if injured > 0 else "injured_differ"] = 1.0
    if a.tactics and b.tactics:
        shared = a.tactics & b.tactics
        found["tactic_shared_specific" if shared - COMMON_TACTICS else "tactic_shared_common" if shared else "tactic_disjoint"] = 1.0
    if a.lang and b.lang and a.lang != b.lang:
        found["cross_language"] = 1.0
    return found


@functools.lru_cache(maxsize=1)
def pair_model() -> dict:
    """The fitted weights (sucesos/data/link_pair_score.json); a ConfigError says how to rebuild a broken file."""
    from sucesos.errors import ConfigError

    try:
        model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        weights = {name: float(model["weights"].get(name, 0.0)) for name in FEATURES}
        return {"weights": weights, "intercept": float(model["intercept"]), "threshold": float(model["threshold"])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ConfigError(f"{MODEL_PATH}: unreadable pair-score weights ({error}); rebuild them with `python bench/train_pair_score.py --write`") from error


def linear_score(features: dict[str, float]) -> float:
    """The log-odds that two reports are one event, less the threshold's (>= 0: they match)."""
    model = pair_model()
    weights = model["weights"]
    score = model["intercept"] - model["threshold"]
    for name, value in features.items():
        score += weights[name] * value
    return score


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
    """How alike the two event sentences are, in [TEXT_FLOOR, TEXT_SOFT_MAX] (a copy is the text_copy feature)."""
    if a.lang and a.lang == b.lang:
        # Within a language, rapidfuzz first: cheap.
        ratio = fuzzy_similarity(a, b)
        if ratio is None:
            return 0.0
        if vectors is None or vectors.encoder is None:
            return max(TEXT_FLOOR, min(TEXT_SOFT_MAX, (ratio - 0.72) * 8))
        centre = TEXT_SAME_LANG_CENTRE
    else:
        centre = TEXT_CROSS_LANG_CENTRE
    similarity = encoder_similarity(a, b, vectors) if vectors is not None and vectors.encoder is not None else None
    if similarity is None:
        return 0.0
    return max(TEXT_FLOOR, min(TEXT_SOFT_MAX, (similarity - centre) * TEXT_SLOPE))


def _is_copy(a, b) -> bool:
    """One text (a wire copy, a story re-edited or reordered), or the same sentence."""
    if copies(a, b):
        return True
    if a.lang and a.lang == b.lang:
        ratio = fuzzy_similarity(a, b)
        return ratio is not None and ratio >= 0.92
    return False


def text_features(a, b, vectors: SentenceVectors | None) -> dict[str, float]:
    if _is_copy(a, b):
        return {"text_copy": 1.0}
    value = _text_score(a, b, vectors)
    return {"text_similarity": value} if value else {}


@functools.lru_cache(maxsize=1)
def _text_bounds() -> tuple[float, float, float]:
    """The least and most the text can add, and the most a similar (not copied) sentence can."""
    weights = pair_model()["weights"]
    copy, similar = weights["text_copy"], weights["text_similarity"]
    ends = (similar * TEXT_FLOOR, similar * TEXT_SOFT_MAX)
    return min(0.0, copy, *ends), max(0.0, copy, *ends), max(0.0, *ends)


def pair_features(a, b, vectors: SentenceVectors | None = None) -> dict[str, float] | None:
    """Every feature of a pair (None: vetoed or too far apart); what the trainer fits."""
    if _veto(a, b):
        return None
    compatible, distance = places_compatible(a, b)
    if not compatible:
        return None
    return structured_features(a, b, distance) | text_features(a, b, vectors)


def pair_score(a, b, vectors: SentenceVectors | None = None, *, lazy: bool = True) -> Verdict:
    """Score a pair; `lazy` skips the text when it cannot change whether they match."""
    veto = _veto(a, b)
    if veto:
        return Verdict(float("-inf"), veto)
    compatible, distance = places_compatible(a, b)
    if not compatible:
        return Verdict(float("-inf"), "places too far apart")
    score = linear_score(structured_features(a, b, distance))
    text_min, text_max, similar_max = _text_bounds()
    if lazy and (score + text_min >= MATCH_THRESHOLD or score + text_max < MATCH_THRESHOLD):
        return Verdict(score)
    weights = pair_model()["weights"]
    if _is_copy(a, b):
        return Verdict(score + weights["text_copy"])  # no need for the encoder
    if lazy and score + similar_max < MATCH_THRESHOLD:
        return Verdict(score)  # not a copy, and a merely similar sentence cannot lift it
    if vectors is None:
        if a.lang and a.lang == b.lang:
            return Verdict(score + weights["text_similarity"] * _text_score(a, b, None), undecided=True)  # the encoder could still change it
        return Verdict(score, undecided=True)
    return Verdict(score + weights["text_similarity"] * _text_score(a, b, vectors))
