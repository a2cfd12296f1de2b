"""Load the event taxonomy, tactic and number tables (YAML) into matchers.

Domain knowledge lives in `sucesos/data/event_types.yaml`, `tactics.yaml`
and `numbers.yaml`; this module only reads it and compiles cue phrases into
a token matcher. Loaded once per process through `Resources.cached`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources as importlib_resources

import yaml

from sucesos.errors import ConfigError
from sucesos.taxonomy import LANGUAGES, event_types_data

LANGS = LANGUAGES
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents: the form every cue is compared in (cached: words repeat)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(fold(tok) for tok in _TOKEN_RE.findall(str(phrase)))


@dataclass(frozen=True)
class Hit:
    """A cue found in the text: its group and token range [start, end)."""

    group: str
    start: int
    end: int


class CueMatcher:
    """Finds cue phrases in spaCy tokens, matching lemma or text, accent-folded."""

    def __init__(self, groups: dict[str, list[str]]):
        self._index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for group, phrases in groups.items():
            for phrase in phrases:
                toks = phrase_tokens(phrase)
                if toks:
                    self._index.setdefault(toks[0], []).append((group, toks))
        for entries in self._index.values():
            entries.sort(key=lambda entry: -len(entry[1]))

    @staticmethod
    def keys(token) -> tuple[str, str]:
        return fold(token.text), fold(token.lemma_ or token.text)

    def find(self, tokens, *, groups: set[str] | None = None, doc_keys: list | None = None) -> list[Hit]:
        """Hits in a sequence of tokens (a Span or list), longest phrase first at each start.

        `doc_keys` (from `token_keys(doc)`) saves folding the same tokens again
        when several matchers read one document.
        """
        toks = list(tokens)
        keys = [doc_keys[t.i] for t in toks] if doc_keys is not None else [self.keys(t) for t in toks]
        hits: list[Hit] = []
        for pos, (text_key, lemma_key) in enumerate(keys):
            longest: dict[str, int] = {}  # group -> end of its longest phrase starting here
            for first in sorted({text_key, lemma_key}):
                for group, phrase in self._index.get(first, ()):
                    if groups is not None and group not in groups:
                        continue
                    end = pos + len(phrase)
                    if end > len(toks) or end <= longest.get(group, pos):
                        continue
                    if all(phrase[k] in keys[pos + k] for k in range(1, len(phrase))):
                        longest[group] = end
            for group, end in longest.items():
                hits.append(Hit(group, toks[pos].i, toks[end - 1].i + 1))
        # a word inside a longer cue of another group belongs to that cue ("riot police" is no riot)
        return [
            hit
            for hit in hits
            if not any(o.group != hit.group and not o.group.startswith("mod_") and o.start <= hit.start and hit.end <= o.end and (o.end - o.start) > (hit.end - hit.start) for o in hits)
        ]


def token_keys(doc) -> list[tuple[str, str]]:
    """(folded text, folded lemma) of every token of a doc, for `CueMatcher.find(doc_keys=...)`."""
    return [CueMatcher.keys(t) for t in doc]


@dataclass(frozen=True)
class Pattern:
    groups: tuple[str, ...]
    weight: float
    support: bool = False  # kept only with a conflict actor, a casualty count or a tactic


@dataclass(frozen=True)
class SubEventType:
    name: str
    event_type: str
    patterns: tuple[Pattern, ...]
    block: tuple[str, ...] = ()
    role_rule: str | None = None
    fatalities_default: int | None = None
    unblock: tuple[str, ...] = ()  # groups that lift `block` ("kilos de" lifts drugs for Arrests)


@dataclass(frozen=True)
class ActorNoun:
    name: str
    inter: str


@dataclass(frozen=True)
class Tactic:
    tag: str
    cues: CueMatcher
    needs_with: bool


@dataclass
class EventLexicon:
    sub_types: dict[str, SubEventType]
    event_types: tuple[str, ...]
    cues: dict[str, CueMatcher]  # per language: taxonomy cues + modality cues
    actor_nouns: dict[str, dict[str, ActorNoun]]  # lang -> folded noun phrase -> actor
    actor_matchers: dict[str, CueMatcher]
    tactics: dict[str, list[Tactic]]
    numbers: dict = field(default_factory=dict)
    tactic_matchers: dict[str, CueMatcher] = field(default_factory=dict)  # lang -> groups "cue::tag", "with::tag"
    global_block: tuple[str, ...] = ()
    # group -> groups one of which must also be in the lead: the group then counts in every sentence
    lead_context: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # group -> groups that, also in the lead, keep it from counting (a fire the lead tells explains a burned body)
    lead_context_unless: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def sub_type(self, name: str) -> SubEventType:
        return self.sub_types[name]


def _read(name: str):
    text = importlib_resources.files("sucesos.data").joinpath(name).read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"sucesos/data/{name} is not valid YAML: {exc}; fix the file or reinstall sucesos") from exc


def _per_lang(record: dict, what: str) -> dict[str, list[str]]:
    if not isinstance(record, dict):
        raise ConfigError(f"{what}: expected a mapping of language -> list of cues, got {record!r}")
    return {lang: [str(item) for item in record.get(lang) or []] for lang in LANGS}


def load_event_lexicon() -> EventLexicon:
    """The bundled taxonomy, cue, actor-noun, tactic and number tables, compiled."""
    data = event_types_data()
    cue_groups: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}
    for group, record in (data.get("cues") or {}).items():
        for lang, items in _per_lang(record, f"event_types.yaml cue {group!r}").items():
            cue_groups[lang][group] = items
    for group, record in (data.get("modality") or {}).items():
        for lang, items in _per_lang(record, f"event_types.yaml modality {group!r}").items():
            cue_groups[lang][f"mod_{group}"] = items

    known = set(cue_groups["en"])
    sub_types: dict[str, SubEventType] = {}
    for record in data.get("sub_event_types") or []:
        patterns = []
        for pattern in record.get("patterns") or []:
            missing = [g for g in pattern["all"] if g not in known]
            if missing:
                raise ConfigError(f"event_types.yaml: sub-event type {record['name']!r} uses unknown cue groups {missing}")
            patterns.append(Pattern(tuple(pattern["all"]), float(pattern["weight"]), bool(pattern.get("support", False))))
        sub_types[record["name"]] = SubEventType(
            name=record["name"],
            event_type=record["event_type"],
            patterns=tuple(patterns),
            block=tuple(record.get("block") or ()),
            role_rule=record.get("role_rule"),
            fatalities_default=record.get("fatalities_default"),
            unblock=tuple(record.get("unblock") or ()),
        )

    actor_nouns: dict[str, dict[str, ActorNoun]] = {lang: {} for lang in LANGS}
    actor_groups: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}
    for index, record in enumerate(data.get("actor_nouns") or []):
        actor = ActorNoun(name=record["name"], inter=record["inter"])
        for lang in LANGS:
            key = f"actor{index}"
            actor_groups[lang][key] = [str(x) for x in record.get(lang) or []]
            actor_nouns[lang][key] = actor

    tactics: dict[str, list[Tactic]] = {lang: [] for lang in LANGS}
    tactic_groups: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}
    for record in _read("tactics.yaml") or []:
        for lang in LANGS:
            tactic_groups[lang][f"cue::{record['tag']}"] = [str(x) for x in record.get(lang) or []]
            if (record.get("with") or {}).get(lang):
                tactic_groups[lang][f"with::{record['tag']}"] = [str(x) for x in record["with"][lang]]
            groups = {"cue": [str(x) for x in record.get(lang) or []]}
            with_cues = (record.get("with") or {}).get(lang)
            if with_cues:
                groups["with"] = [str(x) for x in with_cues]
            tactics[lang].append(Tactic(tag=record["tag"], cues=CueMatcher(groups), needs_with="with" in groups))

    return EventLexicon(
        sub_types=sub_types,
        event_types=tuple(data.get("event_types") or ()),
        cues={lang: CueMatcher(cue_groups[lang]) for lang in LANGS},
        actor_nouns=actor_nouns,
        actor_matchers={lang: CueMatcher(actor_groups[lang]) for lang in LANGS},
        tactics=tactics,
        numbers=_read("numbers.yaml") or {},
        global_block=tuple(data.get("global_block") or ()),
        lead_context={str(group): tuple((needs.get("with") if isinstance(needs, dict) else needs) or ()) for group, needs in (data.get("lead_context") or {}).items()},
        lead_context_unless={str(group): tuple(needs.get("unless") or ()) for group, needs in (data.get("lead_context") or {}).items() if isinstance(needs, dict)},
        tactic_matchers={lang: CueMatcher(tactic_groups[lang]) for lang in LANGS},
    )


def event_lexicon(resources) -> EventLexicon:
    """The compiled tables, loaded once per `Resources`."""
    return resources.cached("events.lexicon", load_event_lexicon)
