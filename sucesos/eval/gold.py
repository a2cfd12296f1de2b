"""Gold files: annotated articles read into `GoldItem`s, checked line by line.

A gold file is the yardstick, so a bad one must stop the evaluation with a
message that says where (file, line, field) and what to do, not score
against half of it. Problems are collected (up to `MAX_PROBLEMS`) so one run
shows all that needs fixing.

Formats (see `/work/shared/data/README.md` for the sets this was built on):
- JSONL, one article record a line (`id`, `text`, `lang`, `published`,
  `spans`, as in CONTRACT's article records) with a `gold` object:
  - events: either ACLED fields directly in `gold` (`sub_event_type`,
    `event_type`, `admin1`, ..., as the CASE 2021 set has them;
    `sub_event_type: null` means "not an ACLED event"), or `gold.events`, a
    list of such objects whose first is the main event (`[]`: no event);
  - places: `gold.places`, a list of `{start, end, lat, lon}`;
  - claims: `gold.attributions`, a list of `{source, cue, content}`, each
    `{start, end}` or null.
- CSV in ACLED's export layout, for events (`sucesos.eval.acled_csv`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sucesos.errors import ConfigError
from sucesos.eval import acled
from sucesos.model import Article, normalise_text

MAX_PROBLEMS = 20
TASKS = ("events", "places", "claims")


class GoldError(ConfigError):
    """The gold (or prediction) file cannot be used; carries every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        if len(problems) == 1:
            message = problems[0]
        else:
            shown = problems[:MAX_PROBLEMS]
            more = "" if len(problems) <= MAX_PROBLEMS else f"\n  ... and more (first {MAX_PROBLEMS} shown)"
            message = f"{len(shown)} problems:\n  " + "\n  ".join(shown) + more
        super().__init__(message)


class Problems:
    """Collects `file:line: field 'x': what is wrong` messages."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self.items: list[str] = []

    def add(self, line: int | None, field_name: str | None, message: str) -> None:
        where = f"{self.path}:{line}" if line else self.path
        what = f"field '{field_name}': {message}" if field_name else message
        self.items.append(f"{where}: {what}")

    def where(self, line: int | None, field_name: str | None) -> str:
        location = f"{self.path}:{line}" if line else self.path
        return f"{location}: field '{field_name}'" if field_name else location

    @property
    def full(self) -> bool:
        return len(self.items) > MAX_PROBLEMS

    def raise_if_any(self) -> None:
        if self.items:
            raise GoldError(self.items)


@dataclass
class EventAnswer:
    """The gold main event of an article.

    `is_event`: True (an ACLED event), False (explicitly none), None (the
    gold does not say). `fields`: only the ACLED fields the gold states,
    normalised (codebook spelling, YYYY-MM-DD, inter labels, floats, ints).
    """

    is_event: bool | None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class PlaceAnswer:
    start: int
    end: int
    text: str
    latitude: float | None
    longitude: float | None


@dataclass
class AttributionAnswer:
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int] | None


@dataclass
class GoldItem:
    id: str
    line: int
    article: Article
    answer: Any  # EventAnswer | list[PlaceAnswer] | list[AttributionAnswer]
    # Gold annotations skipped as unusable (empty or out-of-text spans, as
    # real annotated sets have a few of): reported, not scored.
    warnings: list[str] = field(default_factory=list)


# -- reading ----------------------------------------------------------------

def read_gold(path: Path, task: str, *, limit: int | None = None, fmt: str = "auto") -> list[GoldItem]:
    """Gold items of `path` for `task`, in file order (the first `limit`)."""
    if task not in TASKS:
        raise ConfigError(f"unknown evaluation task {task!r}: use one of {', '.join(TASKS)}")
    path = Path(path)
    if not path.is_file():
        raise GoldError([f"{path}: gold file not found (give the path of a .jsonl or ACLED .csv file)"])
    if fmt == "auto":
        fmt = "acled-csv" if path.suffix.lower() in (".csv", ".tsv") else "jsonl"
    if fmt == "acled-csv":
        if task != "events":
            raise GoldError([f"{path}: an ACLED CSV holds events; evaluate it with `sucesos eval events`"])
        from sucesos.eval.acled_csv import read_acled_csv

        return read_acled_csv(path, limit=limit)
    if fmt != "jsonl":
        raise ConfigError(f"unknown gold format {fmt!r}: use auto, jsonl or acled-csv")
    return _read_jsonl(path, task, limit=limit)


def json_object_lines(path: Path, problems: "Problems", shape: str, *, stop=lambda: False):
    """(line number, record) for each JSON-object line of `path`; bad lines go to `problems`.

    `shape` names what a line should be, for the message; `stop()` ends early.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GoldError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); re-save it as UTF-8"]) from exc
    for number, line in enumerate(raw.splitlines(), start=1):
        if stop() or problems.full:
            break
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.add(number, None, f"not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            problems.add(number, None, "not valid JSON (nested too deeply)")
            continue
        if not isinstance(record, dict):
            problems.add(number, None, f"a line must be a JSON object ({shape})")
            continue
        yield number, record


def _read_jsonl(path: Path, task: str, *, limit: int | None) -> list[GoldItem]:
    problems = Problems(path)
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    stop = (lambda: len(items) >= limit) if limit is not None else (lambda: False)
    for number, record in json_object_lines(path, problems, "an article record with a 'gold' object", stop=stop):
        article = _article(record, number, problems)
        gold = record.get("gold")
        if not isinstance(gold, dict):
            problems.add(number, "gold", "missing or not an object: a gold file has the annotators' answer in 'gold'")
            continue
        if article is None:
            continue
        if article.id in seen:
            problems.add(number, "id", f"{article.id!r} repeats the id of line {seen[article.id]}; ids must be unique")
            continue
        seen[article.id] = number
        raw_text = record["text"]
        warnings: list[str] = []
        answer = _ANSWER_READERS[task](gold, raw_text, number, problems, warnings)
        if answer is None:
            continue
        if article.text != raw_text:
            answer = _shift_answer(answer, OffsetMap(raw_text), article.text)
        if task == "places":
            # Resolve exactly the usable gold toponyms (an out-of-text span
            # in `spans` would make the whole article unusable).
            article.spans = [{"start": place.start, "end": place.end} for place in answer]
        items.append(GoldItem(id=article.id, line=number, article=article, answer=answer, warnings=warnings))
    if not items and not problems.items:
        problems.add(None, None, "no gold records in the file")
    problems.raise_if_any()
    return items


def _article(record: dict, line: int, problems: Problems) -> Article | None:
    ok = True
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.add(line, "text", "missing or empty: each gold record needs the article's plain text")
        ok = False
    record_id = record.get("id", f"line-{line}")
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        record_id = str(record_id)
    if not isinstance(record_id, str) or not record_id:
        problems.add(line, "id", "must be a non-empty string")
        ok = False
    for name in ("lang", "published", "title", "url"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            problems.add(line, name, "must be a string")
            ok = False
    if not ok:
        return None
    normalised = normalise_text(text)
    if normalised != text and OffsetMap(text).normalised != normalised:
        problems.add(line, "text", "normalising it (NFC, \\n newlines) moves characters in a way offsets cannot follow")
        return None
    # Offsets in gold refer to the text as given; the pipeline reads the
    # normalised text (NFC, \n newlines), so gold offsets are moved onto it.
    return Article(
        id=record_id,
        text=normalised,
        lang=record.get("lang"),
        published=record.get("published"),
        title=record.get("title"),
        url=record.get("url"),
        source=f"{problems.path}:{line}",
    )


class OffsetMap:
    """Moves offsets of a raw text onto its normalised form.

    The text is cut into runs that normalise on their own (a base character
    with its combining marks, a CRLF pair); offsets at a run's start move
    by what the earlier runs gained or lost.
    """

    def __init__(self, raw: str):
        import unicodedata

        self.starts: list[int] = []
        self.targets: list[int] = []
        pieces: list[str] = []
        position = index = 0
        while index < len(raw):
            end = index + 1
            if raw[index] == "\r" and raw[end : end + 1] == "\n":
                end += 1
            while end < len(raw) and unicodedata.combining(raw[end]):
                end += 1
            piece = normalise_text(raw[index:end])
            self.starts.append(index)
            self.targets.append(position)
            pieces.append(piece)
            position += len(piece)
            index = end
        self.starts.append(len(raw))
        self.targets.append(position)
        self.normalised = "".join(pieces)

    def __call__(self, offset: int) -> int:
        from bisect import bisect_right

        run = bisect_right(self.starts, offset) - 1
        return self.targets[max(run, 0)]


def _shift_answer(answer: Any, move: OffsetMap, text: str) -> Any:
    if isinstance(answer, list):
        return [_shift_answer(item, move, text) for item in answer]
    if isinstance(answer, PlaceAnswer):
        start, end = move(answer.start), move(answer.end)
        return PlaceAnswer(start, end, text[start:end], answer.latitude, answer.longitude)
    if isinstance(answer, AttributionAnswer):
        return AttributionAnswer(
            **{role: None if span is None else (move(span[0]), move(span[1])) for role, span in vars(answer).items()}
        )
    return answer


def _integers(*values: Any) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def _offsets(item: Any, text: str) -> tuple[int, int] | None:
    if not isinstance(item, dict):
        return None
    start, end = item.get("start"), item.get("end")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        return None
    if not 0 <= start < end <= len(text):
        return None
    return start, end


# -- events -----------------------------------------------------------------


def _event_answer(gold: dict, text: str, line: int, problems: Problems, warnings: list[str]) -> EventAnswer | None:
    if "has_event" in gold:
        return coded_article_answer(gold, line, problems)
    if "events" in gold:
        events = gold["events"]
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            problems.add(line, "gold.events", "must be a list of event objects (first = main event)")
            return None
        if not events:
            return EventAnswer(is_event=False)
        return event_answer_from_fields(events[0], line, problems, prefix="gold.events[0].")
    if not any(name in gold for name in ("sub_event_type", "event_type")):
        problems.add(
            line,
            "gold.sub_event_type",
            "missing: an events gold record needs 'sub_event_type' or 'event_type' in 'gold' "
            "(or a 'gold.events' list); is this a places or claims file?",
        )
        return None
    return event_answer_from_fields(gold, line, problems, prefix="gold.")


def coded_article_answer(gold: dict, line: int, problems: Problems, *, prefix: str = "gold.") -> EventAnswer | None:
    """A coded article (as `data/events/elgrafico-es-dev.jsonl`): `has_event` and the main event's ACLED fields.

    `inter1`/`inter2` are ACLED codes or labels, "" for no actor; both
    together are the event's actor types, compared as a set
    (`fields["actor_types"]`). `fatalities` is ACLED's count (0 when none
    stated).
    """
    has_event = gold.get("has_event")
    if not isinstance(has_event, bool):
        problems.add(line, prefix + "has_event", f"{has_event!r} must be true or false (does the article report an ACLED event?)")
        return None
    if not has_event:
        return EventAnswer(is_event=False)
    if not any(isinstance(gold.get(name), str) and gold[name].strip() for name in ("sub_event_type", "event_type")):
        problems.add(line, prefix + "sub_event_type", "missing: a coded article with has_event true needs its ACLED sub_event_type")
        return None
    answer = event_answer_from_fields(gold, line, problems, prefix=prefix)
    if answer is None:
        return None
    if "inter1" in gold or "inter2" in gold:
        answer.fields["actor_types"] = tuple(sorted(answer.fields[name] for name in ("inter1", "inter2") if name in answer.fields))
    return answer


def event_answer_from_fields(values: dict, line: int, problems: Problems, *, prefix: str = "") -> EventAnswer | None:
    """Normalise one gold event's ACLED fields (JSONL or CSV row)."""
    before = len(problems.items)
    fields: dict[str, Any] = {}

    def blank(value: Any) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    sub_raw, type_raw = values.get("sub_event_type"), values.get("event_type")
    if not blank(sub_raw):
        sub = acled.sub_event_type(sub_raw) if isinstance(sub_raw, str) else None
        if sub is None:
            problems.add(line, prefix + "sub_event_type", f"unknown label {sub_raw!r}: use one of ACLED's 25 sub-event types")
        else:
            fields["sub_event_type"] = sub
            fields["event_type"] = acled.SUB_EVENT_TYPES[sub]
    if not blank(type_raw):
        kind = acled.event_type(type_raw) if isinstance(type_raw, str) else None
        if kind is None:
            problems.add(line, prefix + "event_type", f"unknown label {type_raw!r}: use one of {', '.join(acled.EVENT_TYPES)}")
        elif "event_type" in fields and fields["event_type"] != kind:
            problems.add(
                line,
                prefix + "event_type",
                f"{type_raw!r} does not contain sub-event type {fields['sub_event_type']!r} "
                f"(which is a {fields['event_type']!r} sub-type)",
            )
        else:
            fields["event_type"] = kind
    if "sub_event_type" in values and blank(sub_raw) and blank(type_raw):
        is_event: bool | None = False
    elif "event_type" in fields:
        is_event = True
    else:
        is_event = None

    for name in ("admin1", "admin2"):
        value = values.get(name)
        if blank(value):
            continue
        if not isinstance(value, str):
            problems.add(line, prefix + name, "must be a string (an admin area name)")
        else:
            fields[name] = value.strip()
    coords = {}
    for name, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        value = values.get(name)
        if blank(value):
            continue
        number = _number(value)
        if number is None or not low <= number <= high:
            problems.add(line, prefix + name, f"{value!r} is not a number between {low} and {high}")
        else:
            coords[name] = number
    if len(coords) == 2:
        fields.update(coords)
    elif len(coords) == 1:
        problems.add(line, prefix + "latitude/longitude", "give both coordinates or neither")
    date_raw = values.get("event_date")
    if not blank(date_raw):
        date = acled.parse_event_date(date_raw)
        if date is None:
            problems.add(line, prefix + "event_date", f"{date_raw!r} is not a date in ACLED's formats (2022-01-12 or 12 January 2022)")
        else:
            fields["event_date"] = date
    fatalities = values.get("fatalities")
    if not blank(fatalities):
        number = _number(fatalities)
        if number is None or number < 0 or not float(number).is_integer():
            problems.add(line, prefix + "fatalities", f"{fatalities!r} is not a whole number of deaths")
        else:
            fields["fatalities"] = int(number)
    for name in ("inter1", "inter2"):
        value = values.get(name)
        if blank(value):
            continue
        understood, label = acled.inter_label(value)
        if not understood:
            problems.add(line, prefix + name, f"unknown actor type {value!r}: use ACLED's codes 1-8 or labels such as 'State forces'")
        elif label is not None:
            fields[name] = label
    if len(problems.items) > before:
        return None
    return EventAnswer(is_event=is_event, fields=fields)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


# -- places -----------------------------------------------------------------

def _places_answer(gold: dict, text: str, line: int, problems: Problems, warnings: list[str]) -> list[PlaceAnswer] | None:
    places = gold.get("places")
    if not isinstance(places, list):
        problems.add(line, "gold.places", "missing or not a list: a places gold record lists its toponyms as {start, end, lat, lon}")
        return None
    answers = []
    for index, place in enumerate(places):
        if not isinstance(place, dict) or not _integers(place.get("start"), place.get("end")):
            problems.add(line, f"gold.places[{index}]", "must be an object with integer start and end")
            return None
        offsets = _offsets(place, text)
        if offsets is None:
            warnings.append(f"{problems.where(line, f'gold.places[{index}]')}: skipped, offsets "
                            f"{place['start']}-{place['end']} are empty or outside the text ({len(text)} characters)")
            continue
        lat, lon = place.get("lat", place.get("latitude")), place.get("lon", place.get("longitude"))
        lat_n = _number(lat) if lat is not None else None
        lon_n = _number(lon) if lon is not None else None
        if (lat is not None and (lat_n is None or not -90 <= lat_n <= 90)) or (
            lon is not None and (lon_n is None or not -180 <= lon_n <= 180)
        ):
            problems.add(line, f"gold.places[{index}].lat/lon", f"({lat!r}, {lon!r}) are not coordinates")
            return None
        answers.append(PlaceAnswer(offsets[0], offsets[1], text[offsets[0] : offsets[1]], lat_n, lon_n))
    return answers


# -- claims -----------------------------------------------------------------

ROLES = ("source", "cue", "content")


def _claims_answer(gold: dict, text: str, line: int, problems: Problems, warnings: list[str]) -> list[AttributionAnswer] | None:
    attributions = gold.get("attributions")
    if not isinstance(attributions, list):
        problems.add(
            line, "gold.attributions", "missing or not a list: a claims gold record lists {source, cue, content} spans"
        )
        return None
    answers = []
    for index, item in enumerate(attributions):
        if not isinstance(item, dict):
            problems.add(line, f"gold.attributions[{index}]", "must be an object with source, cue, content")
            return None
        roles: dict[str, tuple[int, int] | None] = {}
        for role in ROLES:
            value = item.get(role)
            if value is None:
                roles[role] = None
                continue
            if not isinstance(value, dict) or not _integers(value.get("start"), value.get("end")):
                problems.add(line, f"gold.attributions[{index}].{role}", "must be {start, end} with integer offsets, or null")
                return None
            offsets = _offsets(value, text)
            if offsets is None:
                warnings.append(f"{problems.where(line, f'gold.attributions[{index}].{role}')}: treated as missing, "
                                f"offsets {value['start']}-{value['end']} are empty or outside the text")
            roles[role] = offsets
        if all(value is None for value in roles.values()):
            warnings.append(f"{problems.where(line, f'gold.attributions[{index}]')}: skipped, no usable source, cue or content")
            continue
        answers.append(AttributionAnswer(**roles))
    return answers


_ANSWER_READERS = {"events": _event_answer, "places": _places_answer, "claims": _claims_answer}
