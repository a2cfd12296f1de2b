"""The records sucesos reads and writes (see CONTRACT.md).

Plain dataclasses: the per-article pipeline builds them, the store and the
CLI serialise them with `to_dict`. Missing values are None, never a default
that looks like data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any


_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_surrogates(text: str) -> tuple[str, bool]:
    """(text with lone UTF-16 surrogates replaced by U+FFFD, whether it changed).

    JSON may carry "\\ud800" escapes that decode to a lone surrogate, which no
    encoder, hash or database accepts; a well-formed pair is joined into the
    character it encodes."""
    if not _SURROGATE.search(text):
        return text, False
    repaired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return repaired, repaired != text


def normalise_text(text: str) -> str:
    """The form of the text that offsets refer to: NFC, Unix newlines, no NULs,
    no lone surrogates."""
    text, _ = repair_surrogates(text)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text


def link_url(url: str | None) -> str | None:
    """`url` if it may be followed as a link (http or https), else None.

    An article's url is untrusted text: "javascript:alert(1)" is kept as
    provenance but never becomes an href or a URL cell."""
    if not url:
        return None
    scheme = url.strip().split(":", 1)[0].lower() if ":" in url else ""
    return url if scheme in ("http", "https") and url.strip() == url else None


def content_hash(text: str) -> str:
    """Stable hash of an article's normalised text (whitespace-insensitive)."""
    squeezed = " ".join(normalise_text(text).split())
    return hashlib.sha256(squeezed.encode("utf-8")).hexdigest()


def to_dict(obj: Any) -> Any:
    """Dataclasses (nested) to JSON-ready dicts."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_dict(value) for key, value in obj.items()}
    return obj


@dataclass(frozen=True)
class Span:
    """A character span of the article text: [start, end) and the text there."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start=start, end=end, text=text[start:end])


@dataclass(frozen=True)
class Evidence:
    """The receipt of one extracted value: which field, from which span."""

    field: str
    start: int
    end: int
    text: str
    rule: str | None = None  # the coding rule that set the value from this span (events: ACLED's rules)


@dataclass
class Article:
    """One input article after cleaning. `text` is what every offset refers to."""

    id: str
    text: str
    lang: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    spans: list[dict] | None = None
    html: str | None = None
    source: str | None = None  # where it was read from: a path, path:line, or URL
    retrieved_at: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def repaired(self) -> Article:
        """This article with lone surrogates replaced in every text field (one
        warning per field), as a reader does at the edge; itself when clean.
        For articles built in Python, not read through a reader."""
        changes: dict[str, str] = {}
        for name in ("id", "text", "lang", "url", "title", "outlet", "author", "published", "html", "source", "retrieved_at"):
            value = getattr(self, name)
            if isinstance(value, str):
                value, changed = repair_surrogates(value)
                if changed:
                    changes[name] = value
        if not changes:
            return self
        from sucesos.errors import Errors

        warnings = [*self.warnings, *(Errors.E053.format(field=name) for name in changes)]
        return dataclasses.replace(self, **changes, warnings=warnings)


@dataclass
class Mention:
    """An entity mention found in the text (actor, place, person, org, date ...)."""

    start: int
    end: int
    text: str
    label: str  # spaCy-style label: PERSON, ORG, GPE, LOC, ARMED_GROUP, STATE_FORCE ...
    canonical: str | None = None  # canonical actor/place name when the lexicon knows it
    actor_id: str | None = None
    source: str = "ner"  # "ner" (statistical model) or "lexicon" (EntityRuler)


@dataclass
class DateMention:
    """A date phrase and what it resolves to, relative to the article's `published`.

    `value` is YYYY-MM-DD (the day, or ACLED's midpoint for a week or month),
    None when it cannot be resolved (e.g. "last week" with no publication date);
    `precision` is ACLED's time_precision: 1 day, 2 week, 3 month (None if unresolved).
    """

    start: int
    end: int
    text: str
    value: str | None = None
    precision: int | None = None
    kind: str | None = None  # day, week, month, year, range, relative
    period: str | None = None  # what the phrase covers: "2022-01-12", "2022-05-23/2022-05-29", "2022-01", "2022"


@dataclass
class Place:
    start: int
    end: int
    text: str
    name: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature: str | None = None  # city, admin1, admin2, country, other (a region, a continent)
    score: float | None = None


@dataclass
class Event:
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: str | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    event_date: str | None = None
    time_precision: int | None = None
    date_phrase: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    tactics: list[str] = field(default_factory=list)
    modality: str | None = None
    confidence: float | None = None
    sentence: Span | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Claim:
    source: Span | None = None
    cue: Span | None = None
    content: Span | None = None
    source_type: str | None = None  # named_person, named_org, anonymous, outlet, unattributed
    via: list[dict] = field(default_factory=list)
    hedged: bool = False
    opinion: bool = False
    method: str | None = None  # what produced it: "rules", "model" (the span model) or "rules+model"


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: Span | None = None
    claim: int | None = None
    hedged: bool = False


@dataclass
class Statistic:
    quantity: float | None = None
    unit: str | None = None
    place: str | None = None
    period: str | None = None
    evidence: Span | None = None


@dataclass
class Extraction:
    """Everything the per-article pipeline found in one article."""

    id: str
    lang: str | None = None
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    # where the article is about, as its places were resolved against:
    # {country, admin1, evidence: [{start, end, text}]} or None
    focus: dict | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    pipeline_version: str | None = None
    content_hash: str | None = None

    def to_dict(self) -> dict:
        return to_dict(self)
