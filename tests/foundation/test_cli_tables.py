"""CLI tables read in an 80- or 120-column terminal: no line overruns, no word or date is broken."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from sucesos.cli.events_cmd import EVENT_COLUMNS, print_events

EVENTS = [
    {
        "id": 12, "event_date": "2022-05-26", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED", "actor1": "Cártel de Jalisco Nueva Generación",
        "actor2": "Military Forces of Mexico (2018-) National Guard", "location": "Tepalcatepec",
        "admin1": "Michoacán de Ocampo", "fatalities": 3, "injuries": 10,
        "tactics": ["landmine/IED", "armed drone"], "modality": "asserted", "independent_sources": 2, "n_sources": 3,
    },
    {
        "id": 1234, "event_date": "2024-03-12", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Unidentified Armed Group (Mexico)", "actor2": None, "location": "Michoacán de Ocampo",
        "admin1": "Michoacán de Ocampo", "fatalities": None, "injuries": None, "tactics": [], "modality": "hedged",
        "independent_sources": 1, "n_sources": 1,
    },
]  # fmt: skip


def render(width: int, wide: bool = False) -> str:
    out = Console(file=io.StringIO(), width=width, color_system=None)
    print_events(out, EVENTS, wide=wide)
    return out.file.getvalue()


def cell_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s│┃┏┓┗┛┡┩└┘━─┳┻╇┴┬╋┼]+", text) if w]


@pytest.mark.parametrize("width", [80, 120])
def test_table_fits_the_terminal_and_never_breaks_a_word(width):
    text = render(width)
    table_lines = [line for line in text.splitlines() if line[:1] in "┏┃┡│└"]
    assert table_lines and all(len(line) <= width for line in table_lines)
    whole_words = {w for event in EVENTS for value in event.values() for w in re.split(r"\s+", str(value))}
    whole_words |= {w for c in EVENT_COLUMNS for w in c.header.split()} | {"—", "2/3", "1/1", "landmine/IED,", "Tepalcatepec,"}
    for word in cell_words("\n".join(table_lines)):
        # A word is shown whole, or cut short with an ellipsis: never split over two lines.
        assert word in whole_words or (word.endswith("…") and any(w.startswith(word[:-1]) for w in whole_words)), word
    assert "2022-05-26" in text and "2024-03-12" in text
    # Who, what, when, where and the toll survive the narrowest terminal.
    for header in ("date", "sub-type", "where", "killed"):
        assert f" {header} " in table_lines[1]
    # A state named as the place is not repeated.
    assert "Michoacán de Ocampo, Michoacán de Ocampo" not in text


def test_hidden_columns_are_named_and_wide_shows_them():
    narrow = render(80)
    assert "hidden to fit 80 columns:" in narrow and "--wide" in narrow
    assert " modality " not in narrow.splitlines()[1]
    wide = render(80, wide=True)
    header = next(line for line in wide.splitlines() if line.startswith("┃"))
    assert all(f" {c.header} " in header for c in EVENT_COLUMNS)
    assert "hidden" not in wide
    assert "…" not in wide  # nothing abbreviated when every column has its natural width
