"""Date phrases in EN and ES, resolved against the article's publication date.

Our own rules come first because the phrases news reports use most are the
ones `dateparser` misses or gets wrong ("el pasado martes", "hace dos días",
"the weekend", month-only phrases put on the publication day); `dateparser`
is consulted only for numeric dates ("12/01/2022").

Values follow ACLED's conventions (time_precision 1 day, 2 week, 3 month):
- a day: that day, precision 1 ("la madrugada del domingo" is that Sunday;
  "esta tarde", "this morning" are the publication day);
- a week ("last week", "la semana pasada"): the calendar week, Monday to
  Sunday, coded at its midpoint, the Thursday; precision 2;
- part of a month ("late February", "a principios de marzo"): days 1-10,
  11-20 or 21-end, coded at their middle (5th, 15th, 25th); precision 2;
- the weekend: its Saturday, precision 2;
- a month ("in January", "el mes pasado"): the 15th, precision 3;
- a year ("this year", "el año pasado"): no day ACLED would code; value
  None, `period` "2022".
A midpoint after the publication date is moved back to the publication date
(an event cannot be reported before it happens). Without a publication date,
relative phrases keep their text and kind with value None; dates that give
their year are still resolved. Impossible dates (30 February) and dates more
than a year after publication are kept unresolved, and so is a dateline's
date ("CIUDAD DE MÉXICO, 3 de julio (NNN) -", kind "dateline", the date in
`period`): it says when the story was filed, not when the event happened.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from sucesos.model import DateMention
from sucesos.words import word_entries

log = logging.getLogger(__name__)

EN_MONTHS = {k: v for entry in word_entries("dates", "en", "months") for k, v in entry.items()}
ES_MONTHS = {k: v for entry in word_entries("dates", "es", "months") for k, v in entry.items()}
EN_DAYS = {k: v for entry in word_entries("dates", "en", "weekdays") for k, v in entry.items()}
ES_DAYS = {k: v for entry in word_entries("dates", "es", "weekdays") for k, v in entry.items()}
NUMBERS = {k: v for entry in word_entries("dates", "any", "numbers") for k, v in entry.items()}

_MONTH = "|".join(sorted([*EN_MONTHS, *ES_MONTHS], key=len, reverse=True))
_MONTH_EN = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
_MONTH_ES = "|".join(sorted(ES_MONTHS, key=len, reverse=True))
_DAY = "|".join(sorted([*EN_DAYS, *ES_DAYS], key=len, reverse=True))
_DAY_EN = "|".join(EN_DAYS)
_DAY_ES = "|".join(ES_DAYS)
_NUM = r"\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
_PART_OF_DAY_ES = r"(?:madrugada|mañana|manana|tarde|noche)"


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern


# Order matters: earlier rules win overlapping text (longest, most specific first).
RULES = [
    _Rule("iso", _rx(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    _Rule("numeric", _rx(r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b")),
    _Rule("es_day_month", _rx(
        rf"\b(?:(?:el|este|esta|del)\s+)?(?:(?:{_DAY_ES})\s+)?(?P<d>\d{{1,2}})\s+de\s+(?P<month>{_MONTH_ES})(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?\b")),
    _Rule("en_month_day", _rx(
        rf"\b(?:(?:{_DAY_EN}),?\s+)?(?P<month>{_MONTH_EN})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?")),
    _Rule("en_day_month", _rx(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_EN})\.?(?:,?\s+(?P<y>\d{{4}}))?\b")),
    _Rule("part_of_month", _rx(
        rf"\b(?:(?P<part_en>early|mid|late)[\s-]+(?P<month_en>{_MONTH_EN})|(?:a\s+)?(?P<part_es>principios|inicios|comienzos|mediados|finales|fines)\s+de\s+(?P<month_es>{_MONTH_ES}))(?:\s+(?:de\s+|del\s+)?(?P<y>\d{{4}}))?\b")),
    _Rule("month_year", _rx(rf"\b(?P<month>{_MONTH})\s+(?:de\s+|del\s+|of\s+)?(?P<y>\d{{4}})\b")),
    _Rule("month", _rx(
        rf"\b(?P<cue>in|during|since|last|this|next|early|until|by|en|durante|desde|el\s+pasado|este|el\s+próximo|hasta)\s+(?P<month>{_MONTH})\b(?:\s+(?P<after>pasado))?")),
    _Rule("weekend", _rx(
        r"\b(?:(?:the|this|last|over\s+the|during\s+the|past)\s+weekend|(?:el|este|el\s+pasado|durante\s+el|este\s+pasado)\s+fin\s+de\s+semana(?:\s+pasado)?)\b")),
    _Rule("part_of_day_es", _rx(
        rf"\b(?:la\s+)?{_PART_OF_DAY_ES}\s+(?:del|de\s+este|de\s+esta|del\s+pasado|de\s+este\s+pasado)\s+(?P<day>{_DAY_ES})(?:\s+(?P<after>pasado))?\b")),
    _Rule("weekday", _rx(
        rf"\b(?:(?P<cue>last|this|next|on|el\s+pasado|el\s+próximo|el|este|esta)\s+)?(?P<day>{_DAY})(?:\s+(?P<after>pasado|anterior|próximo))?(?:\s+(?P<part>morning|afternoon|evening|night|por\s+la\s+(?:mañana|tarde|noche)|en\s+la\s+(?:mañana|tarde|noche)))?\b")),
    _Rule("ago", _rx(
        rf"\b(?:(?P<n1>{_NUM})\s+(?P<unit1>days?|weeks?|months?|years?)\s+ago|hace\s+(?P<n2>{_NUM})\s+(?P<unit2>días|dias|día|dia|semanas?|mes|meses|años?))\b")),
    _Rule("relative_period", _rx(
        r"\b(?:(?P<en>(?:so\s+far\s+)?this\s+year|last\s+year|this\s+month|last\s+month|this\s+week|last\s+week|next\s+week|next\s+month|next\s+year|the\s+previous\s+week|the\s+week\s+before)"
        r"|(?P<es>en\s+lo\s+que\s+va\s+del\s+año|en\s+lo\s+que\s+va\s+de\s+\d{4}|este\s+año|el\s+año\s+pasado|el\s+año\s+anterior|este\s+mes|el\s+mes\s+pasado|el\s+mes\s+anterior|esta\s+semana|la\s+semana\s+pasada|la\s+semana\s+anterior|la\s+próxima\s+semana|el\s+próximo\s+mes|el\s+próximo\s+año))\b")),
    # a part of the publication day: "this afternoon", "esta tarde", "la madrugada de este día"
    _Rule("part_of_today", _rx(
        rf"\b(?:(?:earlier\s+)?this\s+(?:morning|afternoon|evening)|earlier\s+today|esta\s+(?:{_PART_OF_DAY_ES})(?:\s+noche)?|(?:la\s+)?{_PART_OF_DAY_ES}\s+de\s+este\s+d[ií]a)\b")),
    _Rule("relative_day", _rx(
        r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|last\s+night|tonight|anteayer|antier|antenoche|anoche|ayer|hoy)\b")),
    _Rule("year", _rx(r"\b(?P<cue>in|since|during|en|durante|desde)\s+(?P<y>(?:19|20)\d{2})\b")),
]

_EN_CAPITALISED = ("en_month_day", "en_day_month", "part_of_month", "month", "month_year", "weekday")


# Publication dates outside these years are refused as a reference (None):
# "hace 5 días" from 0001-01-01 has no date to land on, and no news report
# sucesos reads was published then.
PUBLISHED_YEARS = (1900, 2100)


def parse_published(published: str | None) -> dt.date | None:
    """The publication date of an ISO date/datetime string, or None (also
    for a date outside PUBLISHED_YEARS)."""
    if not published:
        return None
    try:
        value = dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None
    return value if PUBLISHED_YEARS[0] <= value.year <= PUBLISHED_YEARS[1] else None


def find_dates(text: str, published: str | None = None, *, lang: str | None = None) -> list[DateMention]:
    """Date phrases of `text`, in order, each resolved against `published`."""
    pub = parse_published(published)
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if not _plausible(rule.name, match, text, lang):
                continue
            resolved = _resolve(rule.name, match, pub, lang)
            if resolved is None:
                continue
            value, precision, kind, period = resolved
            if value is not None and not _acceptable(value, pub):
                value = precision = period = None
            if value is not None and is_dateline(text, start, end):
                # "CIUDAD DE MÉXICO, 3 de julio (NNN) -": when the story was filed, not when anything happened
                value, precision, kind, period = None, None, "dateline", value
            elif value is not None and starts_a_period(text, start, match.group(0)):
                # "the sixth journalist killed since early March", "desde el 10 de enero": where a
                # period begins, not the day anything it counts happened
                value, precision, kind, period = None, None, "since", period or value
            taken.append((start, end))
            mentions.append(DateMention(start=start, end=end, text=text[start:end], value=value, precision=precision, kind=kind, period=period))
    mentions.sort(key=lambda m: m.start)
    return mentions


# A dateline: the line opens with the filing place in capitals (and a comma),
# then the date, then the agency in parentheses and/or a dash.
_DATELINE_BEFORE = re.compile(r"^[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ .'’-]{1,50}(?:,\s*[A-Za-zÁÉÍÓÚÑáéíóúñ. ]{1,30})?,\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:,?\s*\d{4})?\s*(?:\([^()\n]{2,40}\)\s*)?(?:\.-|-|—|–|:)")


_SINCE = re.compile(r"^(?:since|desde)\b", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\b(?:since|desde)\s+(?:(?:el|la|los|the)\s+)?$", re.IGNORECASE)


def starts_a_period(text: str, start: int, phrase: str) -> bool:
    """Whether the date phrase follows "since"/"desde" (in it or just before it): a period's start."""
    return bool(_SINCE.match(phrase)) or bool(_SINCE_BEFORE.search(text[max(0, start - 16) : start]))


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at [start, end) is a dateline's ("MEXICO CITY, March 18 (Reuters) -")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return bool(_DATELINE_BEFORE.match(before)) and bool(_DATELINE_AFTER.match(text[end : end + 60]))


def _plausible(rule: str, match: re.Match, text: str, lang: str | None) -> bool:
    """English month and day names are capitalised; "may" and "march" are often not dates."""
    if rule in _EN_CAPITALISED:
        name = match.group("month") if "month" in match.re.groupindex and match.group("month") else None
        if rule == "part_of_month":
            name = match.group("month_en")
        if rule == "weekday":
            name = match.group("day")
        if name and name.lower() in {**EN_MONTHS, **EN_DAYS} and not name[0].isupper():
            return False
        if rule == "month" and name and name.lower() in ("may", "march") and match.group("cue").lower() in ("this", "last", "next", "by", "until"):
            return name[0].isupper()
    if rule == "weekday":
        day = match.group("day").lower()
        cue = (match.group("cue") or "").lower()
        if day in ES_DAYS and lang == "en":
            return False
        if day in EN_DAYS and cue in ("el", "este", "esta"):
            return False
    return True


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return EN_MONTHS.get(key) or ES_MONTHS[key]


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _clamp(value: dt.date, pub: dt.date | None) -> dt.date:
    return min(value, pub) if pub is not None and value <= pub + dt.timedelta(days=31) and value > pub else value


def _month_result(year: int, month: int, pub: dt.date | None):
    middle = _clamp(dt.date(year, month, 15), pub)
    if pub is not None and dt.date(year, month, 1) > pub:
        middle = dt.date(year, month, 15)
    return middle.isoformat(), 3, "month", f"{year:04d}-{month:02d}"


def _week_result(monday: dt.date, pub: dt.date | None):
    middle = monday + dt.timedelta(days=3)
    if pub is not None and monday <= pub < middle:
        middle = pub
    sunday = monday + dt.timedelta(days=6)
    return middle.isoformat(), 2, "week", f"{monday.isoformat()}/{sunday.isoformat()}"


def _day_result(day: dt.date):
    return day.isoformat(), 1, "day", day.isoformat()


def _year_for_month(month: int, pub: dt.date, *, future: bool = False) -> int:
    if future:
        return pub.year if month > pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _resolve(rule: str, match: re.Match, pub: dt.date | None, lang: str | None):
    """(value, precision, kind, period) for a match; None drops the match."""
    groups = match.groupdict()
    if rule == "iso":
        day = _date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        return _day_result(day) if day else (None, None, "day", None)
    if rule == "numeric":
        return _numeric(match.group(0), pub, lang)
    if rule in ("es_day_month", "en_month_day", "en_day_month"):
        month = _month_number(groups["month"])
        day_number = int(groups["d"])
        if groups.get("y"):
            day = _date(int(groups["y"]), month, day_number)
            return _day_result(day) if day else (None, None, "day", None)
        if pub is None:
            return None, None, "day", None
        options = [d for d in (_date(pub.year + k, month, day_number) for k in (-1, 0, 1)) if d]
        if not options:
            return None, None, "day", None
        return _day_result(min(options, key=lambda d: abs((d - pub).days)))
    if rule == "part_of_month":
        month = _month_number(groups["month_en"] or groups["month_es"])
        part = (groups["part_en"] or groups["part_es"]).lower()
        if groups.get("y"):
            year = int(groups["y"])
        elif pub is None:
            return None, None, "range", None
        else:
            year = _year_for_month(month, pub)
        first_day = {"early": 1, "principios": 1, "inicios": 1, "comienzos": 1, "mid": 11, "mediados": 11}.get(part, 21)
        last_day = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
        final = {1: 10, 11: 20}.get(first_day, last_day)
        middle = _clamp(dt.date(year, month, (first_day + final) // 2), pub)
        return middle.isoformat(), 2, "range", f"{year:04d}-{month:02d}-{first_day:02d}/{year:04d}-{month:02d}-{final:02d}"
    if rule == "month_year":
        return _month_result(int(groups["y"]), _month_number(groups["month"]), pub)
    if rule == "month":
        if pub is None:
            return None, None, "month", None
        month = _month_number(groups["month"])
        cue = groups["cue"].lower()
        future = cue in ("next", "el próximo", "until", "hasta", "by")
        year = _year_for_month(month, pub, future=future)
        if cue in ("last", "el pasado") or (groups.get("after") or "").lower() == "pasado":
            year = pub.year if month < pub.month else pub.year - 1
        return _month_result(year, month, pub)
    if rule == "weekend":
        if pub is None:
            return None, None, "range", None
        phrase = match.group(0).lower()
        weekday = pub.weekday()
        saturday = pub - dt.timedelta(days=weekday - 5) if weekday >= 5 else pub - dt.timedelta(days=weekday + 2)
        if weekday >= 5 and ("last" in phrase or "pasado" in phrase or "past" in phrase):
            saturday -= dt.timedelta(days=7)
        return saturday.isoformat(), 2, "range", f"{saturday.isoformat()}/{(saturday + dt.timedelta(days=1)).isoformat()}"
    if rule in ("weekday", "part_of_day_es"):
        if pub is None:
            return None, None, "day", None
        target = {**EN_DAYS, **ES_DAYS}[groups["day"].lower()]
        cue = (groups.get("cue") or "").lower()
        after = (groups.get("after") or "").lower()
        phrase = match.group(0).lower()
        back = (pub.weekday() - target) % 7
        if cue in ("next", "el próximo") or after == "próximo":
            ahead = (target - pub.weekday()) % 7 or 7
            return _day_result(pub + dt.timedelta(days=ahead))
        if (cue in ("last", "el pasado") or after in ("pasado", "anterior") or "pasado" in phrase) and back == 0:
            back = 7
        return _day_result(pub - dt.timedelta(days=back))
    if rule == "ago":
        amount = _number(groups["n1"] or groups["n2"])
        unit = (groups["unit1"] or groups["unit2"]).lower()
        if amount is None:
            return None
        if pub is None:
            return None, None, "day", None
        if unit.startswith(("day", "día", "dia")):
            return _day_result(pub - dt.timedelta(days=amount))
        if unit.startswith(("week", "semana")):
            day = pub - dt.timedelta(weeks=amount)
            return _week_result(day - dt.timedelta(days=day.weekday()), pub)
        if unit.startswith(("month", "mes")):
            index = pub.year * 12 + pub.month - 1 - amount
            return _month_result(index // 12, index % 12 + 1, pub)
        return None, None, "year", str(pub.year - amount)
    if rule == "relative_period":
        phrase = " ".join(match.group(0).lower().split())
        kind = "year" if ("year" in phrase or "año" in phrase or re.search(r"\d{4}", phrase)) else "month" if ("month" in phrase or "mes" in phrase) else "week"
        if pub is None:
            explicit = re.search(r"\d{4}", phrase)
            return (None, None, "year", explicit.group(0)) if explicit else (None, None, kind, None)
        offset = -1 if any(w in phrase for w in ("last", "pasad", "anterior", "previous", "before")) else 1 if any(w in phrase for w in ("next", "próxim")) else 0
        if kind == "year":
            explicit = re.search(r"\d{4}", phrase)
            return None, None, "year", explicit.group(0) if explicit else str(pub.year + offset)
        if kind == "month":
            index = pub.year * 12 + pub.month - 1 + offset
            return _month_result(index // 12, index % 12 + 1, pub)
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=offset)
        return _week_result(monday, pub)
    if rule == "part_of_today":
        return _day_result(pub) if pub is not None else (None, None, "day", None)
    if rule == "relative_day":
        if pub is None:
            return None, None, "day", None
        phrase = " ".join(match.group(0).lower().split())
        back = {"the day before yesterday": 2, "anteayer": 2, "antier": 2, "antenoche": 2, "yesterday": 1, "ayer": 1, "anoche": 1, "last night": 1}.get(phrase, 0)
        return _day_result(pub - dt.timedelta(days=back))
    if rule == "year":
        return None, None, "year", groups["y"]
    return None


def _numeric(phrase: str, pub: dt.date | None, lang: str | None):
    """Numeric dates through dateparser: day first in Spanish, month first in English."""
    import dateparser

    settings = {"DATE_ORDER": "DMY" if lang == "es" else "MDY", "STRICT_PARSING": True, "PREFER_DATES_FROM": "past"}
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    try:
        parsed = dateparser.parse(phrase, languages=[lang or "en"], settings=settings)
    except (ValueError, OverflowError) as exc:  # dateparser raises these on odd input
        log.debug("dateparser could not read %r: %s", phrase, exc)
        parsed = None
    if parsed is None:
        return None, None, "day", None
    return _day_result(parsed.date())


def _acceptable(value: str, pub: dt.date | None) -> bool:
    """Not before 1900, not more than a year after publication (or today), not after 2100."""
    day = dt.date.fromisoformat(value)
    reference = pub or dt.date.today()
    return dt.date(PUBLISHED_YEARS[0], 1, 1) <= day <= min(reference + dt.timedelta(days=366), dt.date(PUBLISHED_YEARS[1], 12, 31))
