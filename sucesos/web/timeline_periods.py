"""The timeline's periods: day, week or month, chosen by the range shown.

The range is the filters' since/until where given, else the first and last
matching event. A range of up to 92 days is drawn in days, up to 731 days in
weeks (Monday to Sunday), anything longer in months, so a few days' range
shows days and a decade shows months, with 20 to 160 bars on the axis. Every
period of the range is listed, the empty ones too (a gap in the record reads
as a gap). An event dated less precisely than the period (ACLED time
precision 2 = week, 3 = month) is counted in the period of its date and also
as `imprecise`, so the timeline can show it apart.
"""

from __future__ import annotations

from datetime import date, timedelta

DAY_RANGE = 92
WEEK_RANGE = 731
# ACLED time precision that a period of each granularity can hold exactly.
PRECISION_HELD = {"day": 1, "week": 2, "month": 3}
MAX_PERIODS = 1200  # a century of months: the most an axis can say anything about


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text[:7] + "-01")
    except ValueError:
        return None


def granularity_for(first: date, last: date) -> str:
    span = (last - first).days + 1
    return "day" if span <= DAY_RANGE else "week" if span <= WEEK_RANGE else "month"


def period_start(day: date, granularity: str) -> date:
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def period_end(start: date, granularity: str) -> date:
    if granularity == "week":
        return start + timedelta(days=6)
    if granularity == "month":
        following = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
        return following - timedelta(days=1)
    return start


def periods(days: list[dict], since: str | None = None, until: str | None = None) -> dict:
    """`days`: [{day, event_type, time_precision, events}] -> the granularity,
    every period of the range ({start, end}) and the counts per period and
    event type ({start, event_type, events, imprecise})."""
    dated = [(d, row) for row in days if (d := _date(row.get("day"))) is not None]
    first = _date(since) or min((d for d, _ in dated), default=None)
    last = _date(until) or max((d for d, _ in dated), default=None)
    if first is None or last is None or last < first:
        return {"granularity": "month", "periods": [], "bins": []}
    granularity = granularity_for(first, last)
    starts = []
    start = period_start(first, granularity)
    while start <= last and len(starts) < MAX_PERIODS:
        starts.append(start)
        start = period_end(start, granularity) + timedelta(days=1)
    held = PRECISION_HELD[granularity]
    counts: dict[tuple[str, str], list[int]] = {}
    for day, row in dated:
        if not first <= day <= last:
            continue
        key = (period_start(day, granularity).isoformat(), row.get("event_type") or "")
        count = counts.setdefault(key, [0, 0])
        count[0] += row["events"]
        if (row.get("time_precision") or 3) > held:
            count[1] += row["events"]
    return {
        "granularity": granularity,
        "periods": [{"start": s.isoformat(), "end": period_end(s, granularity).isoformat()} for s in starts],
        "bins": [{"start": s, "event_type": t or None, "events": n, "imprecise": imprecise} for (s, t), (n, imprecise) in sorted(counts.items())],
    }
