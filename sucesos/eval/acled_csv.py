"""ACLED's own CSV export as an events gold file.

Each row is one event; its `notes` (ACLED's summary of the source report)
is the text the pipeline reads, and the row's coded columns are the gold
answer. Columns used when present: event_id_cnty (the id), event_date,
event_type, sub_event_type, inter1, inter2 (codes or labels), admin1,
admin2, latitude, longitude, fatalities. Required: notes, and event_type or
sub_event_type. No publication date is passed to the pipeline: the event
date is ACLED's answer, and handing it in would leak it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sucesos.eval.gold import GoldError, GoldItem, Problems, event_answer_from_fields
from sucesos.model import Article, normalise_text

REQUIRED = ("notes",)
ONE_OF = ("sub_event_type", "event_type")


def read_acled_csv(path: Path, *, limit: int | None = None) -> list[GoldItem]:
    problems = Problems(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); export the CSV as UTF-8"]) from exc
    if not raw.strip():
        raise GoldError([f"{path}: empty file; an ACLED CSV starts with a header row (event_id_cnty, event_date, ...)"])
    first_line = raw.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.DictReader(io.StringIO(raw, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if not any(name in header for name in ONE_OF):
        missing.append(" or ".join(ONE_OF))
    if missing:
        raise GoldError(
            [f"{path}:1: missing column(s) {', '.join(repr(m) for m in missing)}; "
             f"an ACLED export has them (found: {', '.join(header) or 'no header'})"]
        )
    reader.fieldnames = header
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    previous_end = 1  # csv's line_num is the last physical line of the row read
    for row in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if limit is not None and len(items) >= limit:
            break
        if problems.full:
            break
        if None in row:
            problems.add(line, None, f"has {len(header) + len(row[None])} cells, the header has {len(header)}")
            continue
        values = {key: (value.strip() if isinstance(value, str) else value) for key, value in row.items()}
        if not any(values.values()):
            continue
        notes = values.get("notes") or ""
        if not notes:
            problems.add(line, "notes", "empty: the notes are the text the pipeline reads")
            continue
        if not any(values.get(name) for name in ONE_OF):
            problems.add(line, "sub_event_type", "empty: every ACLED row is an event with a type")
            continue
        answer = event_answer_from_fields(values, line, problems)
        if answer is None:
            continue
        row_id = values.get("event_id_cnty") or f"line-{line}"
        if row_id in seen:
            problems.add(line, "event_id_cnty", f"{row_id!r} repeats line {seen[row_id]}; ids must be unique")
            continue
        seen[row_id] = line
        article = Article(id=row_id, text=normalise_text(notes), source=f"{path}:{line}")
        items.append(GoldItem(id=row_id, line=line, article=article, answer=answer))
    if not items and not problems.items:
        problems.add(None, None, "no event rows under the header")
    problems.raise_if_any()
    return items
