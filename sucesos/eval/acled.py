"""ACLED's vocabularies as gold files spell them, normalised for comparison.

Gold files come from ACLED exports of different vintages: older ones give
`inter1` as a code (1..8), newer ones as a label ("State forces"), some
spell sub-types with other capitalisation. Everything is mapped to the
CONTRACT spelling here, and an unknown value is reported (None), never
guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from sucesos import taxonomy
from sucesos import words as word_lists

# ACLED codebook: sub-event type -> event type (6 types, 25 sub-types), and
# ACLED's interaction codes with the labels CONTRACT uses for them.
SUB_EVENT_TYPES: dict[str, str] = taxonomy.SUB_EVENT_TYPES
EVENT_TYPES: tuple[str, ...] = taxonomy.EVENT_TYPES
INTER_LABELS: dict[int, str] = taxonomy.INTER_CODES

# Spellings seen in ACLED exports and codebooks besides the CONTRACT ones.
_INTER_ALIASES = {
    "state forces": 1,
    "state force": 1,
    "rebel groups": 2,
    "rebel group": 2,
    "rebels": 2,
    "political militias": 3,
    "political militia": 3,
    "identity militias": 4,
    "identity militia": 4,
    "communal militia": 4,
    "communal militias": 4,
    "ethnic militia": 4,
    "rioters": 5,
    "rioter": 5,
    "protesters": 6,
    "protestors": 6,
    "protester": 6,
    "civilians": 7,
    "civilian": 7,
    "external/other forces": 8,
    "external/other force": 8,
    "other forces": 8,
}


def _key(label: str) -> str:
    return " ".join(label.strip().lower().replace("_", " ").split())


_SUB_BY_KEY = {_key(name): name for name in SUB_EVENT_TYPES}
_TYPE_BY_KEY = {_key(name): name for name in EVENT_TYPES}
# Older exports: "Remote violence", "Violence against civilians" spelled alike,
# "Explosions/remote violence" with lower case.
_TYPE_BY_KEY.setdefault("remote violence", "Explosions/Remote violence")


def sub_event_type(label: str) -> str | None:
    """The codebook spelling of a sub-event type, or None if it is not one."""
    return _SUB_BY_KEY.get(_key(label))


def event_type(label: str) -> str | None:
    """The codebook spelling of an event type, or None if it is not one."""
    return _TYPE_BY_KEY.get(_key(label))


def inter_label(value: object) -> tuple[bool, str | None]:
    """(understood, label) for an inter1/inter2 value given as code or label.

    Code 0 and the empty string mean "no such actor": understood, label None.
    """
    if value is None:
        return True, None
    if isinstance(value, bool):
        return False, None
    if isinstance(value, (int, float)):
        if float(value).is_integer():
            code = int(value)
            if code == 0:
                return True, None
            return (code in INTER_LABELS), INTER_LABELS.get(code)
        return False, None
    text = str(value).strip()
    if not text:
        return True, None
    if re.fullmatch(r"\d+(\.0)?", text):
        return inter_label(int(float(text)))
    key = _key(text)
    if key in _INTER_ALIASES:
        return True, INTER_LABELS[_INTER_ALIASES[key]]
    return False, None


_DATE_FORMATS = (
    "%Y-%m-%d",  # 2022-01-12
    "%Y/%m/%d",  # 2022/01/12 (spreadsheet re-saves; year first is unambiguous)
    "%d %B %Y",  # 12 January 2022 (ACLED's export format)
    "%d-%B-%Y",  # 12-January-2022
    "%d %b %Y",  # 12 Jan 2022
    "%d-%b-%Y",  # 12-Jan-2022
    "%B %d, %Y",  # January 12, 2022
)


def parse_event_date(value: object) -> str | None:
    """YYYY-MM-DD from ACLED's date spellings, or None if not understood.

    Day/month order is never guessed: "01/02/2022" is refused, because
    exports differ and a silent swap would corrupt every score.
    """
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().split())
    if "T" in text[:11] and len(text) > 10:
        text = text[:10]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


_ADMIN_WORDS = word_lists.words("eval", "any", "admin_filler")


def admin_key(name: str | None) -> tuple[str, ...]:
    """Words of an admin name without accents, case or administrative filler.

    "Michoacán de Ocampo" and "Michoacan" give ("michoacan", "ocampo") and
    ("michoacan",); `admin_match` then accepts one as a prefix of the other.
    """
    if not name:
        return ()
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    words = re.findall(r"[a-z0-9]+", plain)
    return tuple(word for word in words if word not in _ADMIN_WORDS)


def admin_match(gold: str | None, predicted: str | None) -> bool:
    """Same admin unit, allowing accents, case, filler words and long forms."""
    gold_words, pred_words = admin_key(gold), admin_key(predicted)
    if not gold_words or not pred_words:
        return False
    shorter, longer = sorted((gold_words, pred_words), key=len)
    return longer[: len(shorter)] == shorter
