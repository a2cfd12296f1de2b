"""A dateline's date is when the story was filed, not when the event happened (issue 21)."""

from __future__ import annotations

from sucesos.dates.normalise import find_dates


def _values(text: str, published: str, lang: str) -> list[tuple[str, str | None, str | None]]:
    return [(d.text, d.value, d.kind) for d in find_dates(text, published, lang=lang)]


def test_a_wire_dateline_is_not_the_event_date_but_the_weekday_in_the_lead_is():
    text = "CIUDAD DE MÉXICO, 3 de julio (NNN-AGENCIAS) - Al menos 24 personas murieron el miércoles en Irapuato."
    assert _values(text, "2020-07-03", "es") == [("3 de julio", None, "dateline"), ("el miércoles", "2020-07-01", "day")]


def test_an_english_dateline_keeps_its_date_in_period():
    [dateline] = find_dates("MEXICO CITY, March 18 (Reuters) - Gunmen killed at least 13 police.", "2021-03-18", lang="en")
    assert (dateline.value, dateline.kind, dateline.period) == (None, "dateline", "2021-03-18")


def test_a_date_inside_a_sentence_is_still_a_date():
    assert _values("Murieron el 3 de julio en Irapuato.", "2020-07-05", "es") == [("el 3 de julio", "2020-07-03", "day")]
    assert _values("Police said on Monday - a day later - that 13 had died.", "2021-03-23", "en")[0][1] == "2021-03-22"
