"""Date phrases in EN and ES against a publication date (Monday 2022-05-30) and without one."""

from __future__ import annotations

import pytest

from sucesos.dates.normalise import find_dates

PUB = "2022-05-30"  # a Monday

CASES = [
    # (lang, phrase, value, precision, kind)
    ("en", "last week", "2022-05-26", 2, "week"),
    ("en", "last Tuesday", "2022-05-24", 1, "day"),
    ("en", "in January", "2022-01-15", 3, "month"),
    ("en", "late February", "2022-02-24", 2, "range"),
    ("en", "the weekend", "2022-05-28", 2, "range"),
    ("en", "this year", None, None, "year"),
    ("es", "la semana pasada", "2022-05-26", 2, "week"),
    ("es", "el pasado martes", "2022-05-24", 1, "day"),
    ("es", "el martes pasado", "2022-05-24", 1, "day"),
    ("es", "este lunes", "2022-05-30", 1, "day"),
    ("es", "hace dos días", "2022-05-28", 1, "day"),
    ("es", "el 12 de enero", "2022-01-12", 1, "day"),
    ("es", "el fin de semana", "2022-05-28", 2, "range"),
    ("es", "la madrugada del domingo", "2022-05-29", 1, "day"),
    ("es", "anteayer", "2022-05-28", 1, "day"),
    # a part of the publication day
    ("en", "this afternoon", "2022-05-30", 1, "day"),
    ("en", "this morning", "2022-05-30", 1, "day"),
    ("en", "earlier today", "2022-05-30", 1, "day"),
    ("es", "esta tarde", "2022-05-30", 1, "day"),
    ("es", "esta mañana", "2022-05-30", 1, "day"),
    ("es", "esta noche", "2022-05-30", 1, "day"),
    ("es", "esta madrugada", "2022-05-30", 1, "day"),
    ("es", "esta tarde noche", "2022-05-30", 1, "day"),
    ("es", "la madrugada de este día", "2022-05-30", 1, "day"),
]


def sentence(lang: str, phrase: str) -> str:
    return f"Dijo que {phrase} hubo un ataque." if lang == "es" else f"He said {phrase} there was an attack."


@pytest.mark.parametrize(("lang", "phrase", "value", "precision", "kind"), CASES)
def test_phrase_with_publication_date(lang, phrase, value, precision, kind):
    (mention,) = find_dates(sentence(lang, phrase), PUB, lang=lang)
    assert mention.text == phrase
    assert (mention.value, mention.precision, mention.kind) == (value, precision, kind)


@pytest.mark.parametrize(("lang", "phrase", "value", "precision", "kind"), CASES)
def test_phrase_without_publication_date_stays_unresolved(lang, phrase, value, precision, kind):
    text = sentence(lang, phrase)
    (mention,) = find_dates(text, None, lang=lang)
    assert mention.text == phrase and text[mention.start : mention.end] == phrase
    assert mention.value is None and mention.precision is None
    assert mention.kind == kind


def test_years_say_their_period():
    text = "Last year, the state suffered 2,700 homicides, with another 200 so far this year."
    last, this = find_dates(text, PUB, lang="en")
    assert (last.text, last.period, this.period) == ("Last year", "2021", "2022")


def test_explicit_dates_resolve_without_publication_date():
    (mention,) = find_dates("El ataque ocurrió el 12 de enero de 2021 en Aguililla.", None, lang="es")
    assert (mention.value, mention.precision) == ("2021-01-12", 1)
    (mention,) = find_dates("The attack came on January 12, 2021.", None, lang="en")
    assert mention.value == "2021-01-12"


def test_impossible_and_far_future_dates_are_rejected_with_the_phrase_kept():
    (impossible,) = find_dates("Ocurrió el 31 de febrero de 2022.", PUB, lang="es")
    assert impossible.text == "el 31 de febrero de 2022" and impossible.value is None
    (future,) = find_dates("Será el 12 de enero de 2035.", PUB, lang="es")
    assert future.value is None and "2035" in future.text


def test_may_and_march_as_words_are_not_dates():
    assert find_dates("Officials may march to the capital.", PUB, lang="en") == []


def test_a_month_after_publication_is_last_year():
    (mention,) = find_dates("The attack took place in August.", PUB, lang="en")
    assert mention.value == "2021-08-15"
