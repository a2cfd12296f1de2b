"""Whatever a gold or prediction file holds, eval answers with a GoldError or a score, never a crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sucesos.eval.evaluate import score
from sucesos.eval.gold import GoldError, read_gold
from sucesos.eval.predictions import read_predictions

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10_000), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12), st.sampled_from(["Attack", "Armed clash", "2022-01-12", "12 January 2022", "State forces", "3"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["start", "end", "lat", "lon", "text", "source", "cue", "content", "sub_event_type", "event_type",
         "fatalities", "inter1", "latitude", "longitude", "event_date", "admin1", "events", "places", "attributions"]
    ), inner, max_size=5)),
    max_leaves=12,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=5), st.integers(0, 3), st.none()),
        "text": st.one_of(st.text(min_size=0, max_size=40), st.integers()),
        "lang": st.one_of(st.sampled_from(["en", "es"]), SCALARS),
        "gold": VALUES,
    },
)


@settings(max_examples=150, deadline=None)
@given(records=st.lists(RECORDS, min_size=1, max_size=4), task=st.sampled_from(["events", "places", "claims"]))
def test_gold_reader_never_crashes(records, task):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gold.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        try:
            items = read_gold(path, task)
        except GoldError as exc:
            assert str(path) in str(exc)
            return
        assert items


@settings(max_examples=150, deadline=None)
@given(
    found=st.lists(st.dictionaries(st.sampled_from(["events", "places", "claims", "error"]), VALUES, max_size=3), min_size=3, max_size=3),
    task=st.sampled_from(["events", "places", "claims"]),
)
def test_any_prediction_content_is_scored_or_refused(found, task):
    gold_records = {
        "events": [{"id": f"r{i}", "text": "Troops clashed with rebels near the town.", "gold": {"sub_event_type": "Armed clash", "fatalities": 1, "latitude": 1, "longitude": 2}} for i in range(3)],
        "places": [{"id": f"r{i}", "text": "Troops clashed near Goma.", "gold": {"places": [{"start": 20, "end": 24, "lat": -1.68, "lon": 29.22}]}} for i in range(3)],
        "claims": [{"id": f"r{i}", "text": "Officials said troops clashed.", "gold": {"attributions": [{"source": {"start": 0, "end": 9}, "cue": {"start": 10, "end": 14}, "content": {"start": 15, "end": 29}}]}} for i in range(3)],
    }[task]
    with tempfile.TemporaryDirectory() as tmp:
        gold_path = Path(tmp) / "gold.jsonl"
        gold_path.write_text("".join(json.dumps(r) + "\n" for r in gold_records), encoding="utf-8")
        pred_path = Path(tmp) / "pred.jsonl"
        pred_path.write_text("".join(json.dumps({"id": f"r{i}", **p}) + "\n" for i, p in enumerate(found)), encoding="utf-8")
        gold = read_gold(gold_path, task)
        try:
            predictions = read_predictions(pred_path, task, gold)
        except GoldError as exc:
            assert str(pred_path) in str(exc)
            return
        report = score(task, gold, predictions, mode="detect")
        assert report["records"] == 3
        for value in report["figures"].values():
            assert value is None or value >= 0
