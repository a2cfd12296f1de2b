"""Tables that read in a terminal: they fit its width by hiding the least
needed columns and abbreviating long words ("Michoacán de Oc…"), and never
break a word or a date across lines ("2022-05-/26"). `--wide` shows every
column and lets the terminal wrap whole lines instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table

# Text columns shrink to at most this many characters a word before a column
# is hidden: below 8 a name stops being recognisable ("Guanaj…").
WORD_WIDTHS = (16, 14, 12, 10, 8)
# A column is hidden rather than squeezing words below this.
COMFORTABLE_WORD = 12


@dataclass(frozen=True)
class Column:
    header: str
    # 0: always shown; otherwise the higher, the sooner it is hidden on a narrow terminal.
    hide_order: int = 0
    # An atom (id, date, number) is never wrapped nor abbreviated.
    atom: bool = False


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _need(column: Column, values: list[str], word_width: int) -> int:
    header = _longest_word(column.header)
    if column.atom:
        return max([header, *(len(v) for v in values)])
    return max(min(header, word_width), min(max((_longest_word(v) for v in values), default=0), word_width), 1)


def _table_width(needs: list[int]) -> int:
    # rich's default box: one border left of each column plus one, one space of padding each side.
    return sum(needs) + 3 * len(needs) + 1


def _spread(slack: int, shown: list[int], needs: list[int], columns: list[Column], by_column: list[list[str]]) -> list[int]:
    """Give the width left over to the text columns, one character at a time, up to their longest value."""
    needs = list(needs)
    natural = [max([len(columns[i].header), *(len(v) for v in by_column[i])]) for i in shown]
    while slack > 0:
        growable = [k for k, i in enumerate(shown) if not columns[i].atom and needs[k] < natural[k]]
        if not growable:
            break
        for k in growable:
            if slack == 0:
                break
            needs[k] += 1
            slack -= 1
    return needs


def fitted_table(columns: list[Column], rows: list[list[str]], *, width: int, wide: bool = False, title: str | None = None) -> tuple[Table, list[str], int]:
    """The table, the headers hidden to fit `width`, and the width to print it at."""
    by_column = [[row[i] for row in rows] for i in range(len(columns))]

    def fit(shown: list[int]) -> tuple[int, list[int]] | None:
        """The widest word width at which `shown` fits, with the column widths."""
        for word_width in WORD_WIDTHS:
            needs = [_need(columns[i], by_column[i], word_width) for i in shown]
            if _table_width(needs) <= width:
                return word_width, needs
        return None

    # Hide columns one at a time, least needed first; take the first set that
    # fits with comfortable words, else the fullest set that fits at all.
    hide = sorted((i for i, c in enumerate(columns) if c.hide_order > 0), key=lambda i: (-columns[i].hide_order, -i))
    candidates = [[i for i in range(len(columns)) if i not in hide[:k]] for k in range(len(hide) + 1)]
    if wide:
        shown = candidates[0]
        needs = [_need(columns[i], by_column[i], 10**6) for i in shown]
        width = max(width, _table_width(needs))
    else:
        fits = [(shown, fit(shown)) for shown in candidates]
        comfortable = [(shown, f) for shown, f in fits if f and f[0] >= COMFORTABLE_WORD]
        tight = [(shown, f) for shown, f in fits if f]
        shown, found = (comfortable or tight or [(candidates[-1], None)])[0]
        needs = found[1] if found else [_need(columns[i], by_column[i], WORD_WIDTHS[-1]) for i in shown]
    hidden = [columns[i].header for i in range(len(columns)) if i not in shown]
    needs = _spread(width - _table_width(needs), shown, needs, columns, by_column)
    table = Table(title=title, show_lines=False)
    # Exact widths: rich would otherwise size a column by its longest word and overrun the terminal.
    for i, need in zip(shown, needs):
        column = columns[i]
        if column.atom:
            table.add_column(column.header, no_wrap=True, width=need)
        else:
            table.add_column(column.header, overflow="ellipsis", width=need)
    for row in rows:
        table.add_row(*(row[i] for i in shown))
    return table, hidden, width


def print_fitted(console, columns: list[Column], rows: list[list[str]], *, wide: bool = False, title: str | None = None) -> None:
    """Print a fitted table on `console`, and say which columns were hidden and how to see them."""
    table, hidden, width = fitted_table(columns, rows, width=console.width, wide=wide, title=title)
    if width > console.width:
        # --wide: the table at its natural width; the terminal wraps whole lines.
        from rich.console import Console

        console = Console(file=console.file, width=width)
    console.print(table, highlight=False)
    if hidden:
        console.print(f"hidden to fit {console.width} columns: {', '.join(hidden)} (--wide shows them)", highlight=False, markup=False)
