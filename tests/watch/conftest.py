"""A fake extractor and event fixtures for watch tests (the loopback site is tests/loopback.py).

The fake pipeline stands in for the real one so these tests check the
watcher (what is fetched, stored, linked and alerted, and when), not the
extraction: an article gets the events of every rule whose cue it contains.
"""

from __future__ import annotations

import pytest

from sucesos import PIPELINE_VERSION
from sucesos.model import Event, Extraction

class FakePipeline:
    """`extract_many` as the store expects it; events chosen by cue words in the text."""

    def __init__(self, rules: dict[str, dict]):
        self.rules = rules
        self.extracted: list[str] = []
        self.fail_after: int | None = None  # raise (a crash) when asked for more than this many articles

    def extract(self, article):
        return next(self.extract_many([article]))

    def extract_many(self, articles, *, batch_size: int = 32):
        for article in articles:
            if self.fail_after is not None and len(self.extracted) >= self.fail_after:
                raise KeyboardInterrupt("simulated crash")
            self.extracted.append(article.id)
            events = [Event(**fields) for cue, fields in self.rules.items() if cue in article.text]
            yield Extraction(id=article.id, lang="en", events=events, pipeline_version=PIPELINE_VERSION)


# One armed clash told by several outlets: agreement on day, town, sub-type,
# named actor, toll and tactic (enough for any sensible linker).
CLASH = {
    "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "CJNG: Jalisco New Generation Cartel",
    "actor2": "Carteles Unidos", "country": "Mexico", "iso3": "MEX", "admin1": "Michoacán", "admin2": "Apatzingán",
    "location": "Apatzingán", "latitude": 19.088, "longitude": -102.351, "geo_precision": 1, "event_date": "2024-03-10",
    "time_precision": 1, "fatalities": 6, "tactics": ["armed drone"], "modality": "reported",
}  # fmt: skip
PROTEST = {
    "event_type": "Protests", "sub_event_type": "Peaceful protest", "country": "Mexico", "iso3": "MEX", "admin1": "Jalisco",
    "location": "Guadalajara", "latitude": 20.67, "longitude": -103.35, "geo_precision": 1, "event_date": "2024-03-10",
    "time_precision": 1, "fatalities": 0, "modality": "reported",
}  # fmt: skip


@pytest.fixture
def fake_pipeline():
    return FakePipeline({"clash": CLASH, "protest": PROTEST})
