"""Load the cue lexicon (`sucesos/data/claims_cues.yaml`) for claims.

Which words introduce reported speech, name an anonymous source, an outlet,
a hedge or loaded framing is domain knowledge, so it lives in YAML; this
module only reads it into frozen sets per language.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from sucesos.errors import ConfigError

LIST_KEYS = (
    "speech_verbs",
    "belief_verbs",
    "object_content",
    "hedging_cues",
    "prepositions",
    "anonymous_heads",
    "role_heads",
    "outlet_heads",
    "outlets",
    "relay_verbs",
    "naming_verbs",
    "headline_verbs",
    "not_speakers",
    "hedges",
    "hedge_lemmas",
    "evidential_hedges",
    "speculation",
    "loaded",
    "nobody",
    "negations",
    "litotes",
    "demand_verbs",
)


@dataclass(frozen=True)
class CueLexicon:
    """The cue words of one language, lower-cased."""

    lang: str
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    object_content: frozenset[str]
    hedging_cues: frozenset[str]
    prepositions: tuple[tuple[str, ...], ...]  # token sequences, longest first
    anonymous_heads: frozenset[str]
    role_heads: frozenset[str]
    outlet_heads: frozenset[str]
    outlets: frozenset[str]
    relay_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    headline_verbs: frozenset[str]
    not_speakers: frozenset[str]  # "UPDATE:", "Nota:" label a line, they do not speak it
    hedges: frozenset[str]  # single words
    hedge_phrases: tuple[str, ...]  # multiword hedges ("al parecer")
    hedge_lemmas: frozenset[str]
    evidential_hedges: frozenset[str]
    evidential_phrases: tuple[str, ...]
    speculation: frozenset[str]
    speculation_phrases: tuple[str, ...]
    loaded: frozenset[str]
    nobody: frozenset[str] = frozenset()  # "nadie", "ningún": a source that is no one
    negations: frozenset[str] = frozenset()  # "no informó": nothing was said
    litotes: frozenset[str] = frozenset()  # "no descartó que": a negated cue that still asserts
    demand_verbs: frozenset[str] = frozenset()  # "exigieron seguridad": a demand, not a claim

    @property
    def cue_verbs(self) -> frozenset[str]:
        return self.speech_verbs | self.belief_verbs


def _split_words(values: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    singles = frozenset(v for v in values if " " not in v)
    phrases = tuple(sorted((v for v in values if " " in v), key=len, reverse=True))
    return singles, phrases


def _section(record: dict, lang: str, origin: str) -> CueLexicon:
    lists: dict[str, list[str]] = {}
    for key in LIST_KEYS:
        values = record.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ConfigError(f"cue lexicon {origin}: '{lang}.{key}' must be a list of strings")
        lists[key] = [v.lower().strip() for v in values if v.strip()]
    hedges, hedge_phrases = _split_words(lists["hedges"])
    evidential, evidential_phrases = _split_words(lists["evidential_hedges"])
    speculation, speculation_phrases = _split_words(lists["speculation"])
    prepositions = tuple(sorted((tuple(p.split()) for p in lists["prepositions"]), key=len, reverse=True))
    return CueLexicon(
        lang=lang,
        speech_verbs=frozenset(lists["speech_verbs"]),
        belief_verbs=frozenset(lists["belief_verbs"]),
        object_content=frozenset(lists["object_content"]),
        hedging_cues=frozenset(lists["hedging_cues"]),
        prepositions=prepositions,
        anonymous_heads=frozenset(lists["anonymous_heads"]),
        role_heads=frozenset(lists["role_heads"]),
        outlet_heads=frozenset(lists["outlet_heads"]),
        outlets=frozenset(lists["outlets"]),
        relay_verbs=frozenset(lists["relay_verbs"]),
        naming_verbs=frozenset(lists["naming_verbs"]),
        headline_verbs=frozenset(lists["headline_verbs"]),
        not_speakers=frozenset(lists["not_speakers"]),
        hedges=hedges,
        hedge_phrases=hedge_phrases,
        hedge_lemmas=frozenset(lists["hedge_lemmas"]),
        evidential_hedges=evidential,
        evidential_phrases=evidential_phrases,
        speculation=speculation,
        speculation_phrases=speculation_phrases,
        loaded=frozenset(lists["loaded"]),
        nobody=frozenset(lists["nobody"]),
        negations=frozenset(lists["negations"]),
        litotes=frozenset(lists["litotes"]),
        demand_verbs=frozenset(lists["demand_verbs"]),
    )


def load_cues(path: Path | str | None = None) -> dict[str, CueLexicon]:
    """Cue lexicons by language, from `path` or the bundled claims_cues.yaml."""
    if path is None:
        text = resources.files("sucesos.data").joinpath("claims_cues.yaml").read_text(encoding="utf-8")
        origin = "sucesos/data/claims_cues.yaml"
    else:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"cue lexicon not found: {path}")
        text, origin = path.read_text(encoding="utf-8"), str(path)
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"cue lexicon {origin} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"cue lexicon {origin} must map a language code to its lists")
    return {lang: _section(record or {}, lang, origin) for lang, record in data.items()}
