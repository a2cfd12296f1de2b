"""What the report-set tests check of one extraction (shared by the English/Mexican and Spanish sets)."""

from __future__ import annotations


def assert_first_event(extraction, sub_type: str | None, fields: dict) -> None:
    """No event when `sub_type` is None; otherwise the first event has that sub-type and these fields."""
    assert extraction.error is None, extraction.error
    if sub_type is None:
        assert extraction.events == [], [e.sub_event_type for e in extraction.events]
        return
    assert extraction.events, "no event found"
    event = extraction.events[0]
    assert event.sub_event_type == sub_type
    for name, value in fields.items():
        assert getattr(event, name) == value, (name, getattr(event, name))
