"""Reading gold and prediction files: formats, and messages that say where a file is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sucesos.eval.gold import GoldError, read_gold
from sucesos.eval.predictions import components_for, read_predictions

ACLED_SAMPLE = Path(__file__).parent / "data" / "acled_sample.csv"


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


# -- ACLED CSV ----------------------------------------------------------------

def test_acled_csv_rows_become_gold_events_with_notes_as_text():
    items = read_gold(ACLED_SAMPLE, "events")
    assert [item.id for item in items] == ["MEX90001", "MEX90002", "COL90003"]
    first = items[0]
    assert first.article.text.startswith("On 12 January 2022, state police clashed")
    assert first.article.published is None  # the event date is the answer, never an input
    assert first.answer.is_event is True
    assert first.answer.fields == {
        "sub_event_type": "Armed clash",
        "event_type": "Battles",
        "admin1": "Michoacan",
        "admin2": "Aguililla",
        "latitude": 18.7333,
        "longitude": -102.7833,
        "event_date": "2022-01-12",
        "fatalities": 2,
        "inter1": "State forces",  # code 1
        "inter2": "Political militia",  # code 3
    }
    # ISO dates, inter given as labels, a missing actor2
    assert items[1].answer.fields["event_date"] == "2022-01-14"
    assert items[1].answer.fields["inter1"] == "Protesters"
    assert "inter2" not in items[1].answer.fields
    assert items[1].answer.fields["fatalities"] == 0
    assert items[2].answer.fields["inter2"] == "Civilians"
    assert items[2].answer.fields["event_date"] == "2022-02-03"


def test_acled_csv_line_numbers_count_multiline_notes(tmp_path):
    rows = ACLED_SAMPLE.read_text(encoding="utf-8").replace("3 February 2022", "February the third")
    path = tmp_path / "acled.csv"
    path.write_text(rows, encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        read_gold(path, "events")
    # The second row's notes span lines 3-4, so the third row starts on line 5.
    assert str(caught.value) == (
        f"{path}:5: field 'event_date': 'February the third' is not a date in ACLED's formats "
        "(2022-01-12 or 12 January 2022)"
    )


def test_acled_csv_missing_column_names_file_line_and_column(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("event_id_cnty,event_date,sub_event_type\nX1,2022-01-01,Attack\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"acled\.csv:1: missing column\(s\) 'notes'"):
        read_gold(path, "events")


def test_acled_csv_unknown_labels_and_codes_are_refused(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,sub_event_type,event_type,inter1,notes\n"
        "X1,Drone attack,,1,Something happened.\n"
        "X2,Attack,Battles,1,Something happened.\n"
        "X3,Attack,,9,Something happened.\n",
        encoding="utf-8",
    )
    with pytest.raises(GoldError) as caught:
        read_gold(path, "events")
    problems = caught.value.problems
    assert len(problems) == 3
    assert "acled.csv:2: field 'sub_event_type': unknown label 'Drone attack'" in problems[0]
    assert "acled.csv:3: field 'event_type': 'Battles' does not contain sub-event type 'Attack'" in problems[1]
    assert "acled.csv:4: field 'inter1': unknown actor type '9'" in problems[2]


def test_acled_csv_semicolon_export_is_read(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text('event_id_cnty;sub_event_type;notes\nX1;Grenade;"A grenade was thrown; nobody was hurt."\n', encoding="utf-8")
    (item,) = read_gold(path, "events")
    assert item.answer.fields["event_type"] == "Explosions/Remote violence"
    assert item.article.text == "A grenade was thrown; nobody was hurt."


# -- JSONL gold -----------------------------------------------------------------

def test_case_style_gold_null_sub_type_means_no_event(tmp_path):
    path = write_jsonl(
        tmp_path / "case.jsonl",
        [
            {"id": "a", "text": "Troops shelled the town.", "lang": "en", "gold": {"case_label": "ART_MISS_ATTACK", "sub_event_type": "Shelling/artillery/missile attack"}},
            {"id": "b", "text": "Floods hit the valley.", "gold": {"case_label": "NATURAL_DISASTER", "sub_event_type": None}},
            {"id": "c", "text": "Police arrested two men.", "gold": {"events": [{"sub_event_type": "arrests", "fatalities": 0}]}},
            {"id": "d", "text": "Nothing happened.", "gold": {"events": []}},
        ],
    )
    items = read_gold(path, "events")
    assert [(i.answer.is_event, i.answer.fields.get("sub_event_type")) for i in items] == [
        (True, "Shelling/artillery/missile attack"),
        (False, None),
        (True, "Arrests"),  # capitalisation normalised to the codebook's
        (False, None),
    ]
    assert items[0].article.lang == "en"


def test_wrong_kind_of_gold_file_says_what_is_missing(tmp_path):
    path = write_jsonl(tmp_path / "places.jsonl", [{"id": "p", "text": "In Lima.", "gold": {"places": []}}])
    with pytest.raises(GoldError) as caught:
        read_gold(path, "events")
    assert str(caught.value).startswith(f"{path}:1: field 'gold.sub_event_type': missing")
    assert "is this a places or claims file?" in str(caught.value)


def test_bad_jsonl_lines_are_all_reported_with_their_line(tmp_path):
    path = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {"id": "a", "text": "ok", "gold": {"sub_event_type": "Attack"}},
            "{not json",
            {"id": "a", "text": "dup", "gold": {"sub_event_type": "Attack"}},
            {"id": "c", "gold": {"sub_event_type": "Attack"}},
            {"id": "d", "text": "x", "gold": {"sub_event_type": "Attack", "fatalities": "many"}},
            {"id": "e", "text": "x"},
        ],
    )
    with pytest.raises(GoldError) as caught:
        read_gold(path, "events")
    problems = caught.value.problems
    assert [p.split(": field")[0].split(": not")[0] for p in problems] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert "not valid JSON" in problems[0]
    assert "'a' repeats the id of line 1" in problems[1]
    assert "field 'text': missing or empty" in problems[2]
    assert "field 'gold.fatalities': 'many' is not a whole number" in problems[3]
    assert "field 'gold': missing" in problems[4]


def test_missing_gold_file_is_a_gold_error(tmp_path):
    with pytest.raises(GoldError, match="gold file not found"):
        read_gold(tmp_path / "nope.jsonl", "claims")


def test_places_gold_skips_out_of_text_toponyms_with_a_warning(tmp_path):
    text = "Rain fell on Lima and Cusco."
    path = write_jsonl(
        tmp_path / "places.jsonl",
        [{"id": "p", "text": text, "gold": {"places": [
            {"start": 13, "end": 17, "lat": -12.05, "lon": -77.04},
            {"start": 22, "end": 99, "lat": -13.5, "lon": -71.97},
        ]}}],
    )
    (item,) = read_gold(path, "places")
    assert [(p.text, p.latitude) for p in item.answer] == [("Lima", -12.05)]
    assert item.article.spans == [{"start": 13, "end": 17}]  # only usable spans are handed to the pipeline
    assert item.warnings == [f"{path}:1: field 'gold.places[1]': skipped, offsets 22-99 are empty or outside the text (28 characters)"]


def test_gold_offsets_follow_text_normalisation(tmp_path):
    # "e" + combining acute becomes one character in NFC; CRLF becomes LF.
    text = "Cafe\u0301 owners\r\nsaid the market was closed."
    cue = text.index("said")
    path = write_jsonl(
        tmp_path / "claims.jsonl",
        [{"id": "c", "text": text, "gold": {"attributions": [
            {"source": {"start": 0, "end": 12}, "cue": {"start": cue, "end": cue + 4}, "content": None},
        ]}}],
    )
    (item,) = read_gold(path, "claims")
    normalised = item.article.text
    assert normalised == "Café owners\nsaid the market was closed."
    (attribution,) = item.answer
    assert normalised[slice(*attribution.source)] == "Café owners"
    assert normalised[slice(*attribution.cue)] == "said"


def test_claims_gold_with_bad_offset_types_is_refused(tmp_path):
    path = write_jsonl(
        tmp_path / "claims.jsonl",
        [{"id": "c", "text": "He said so.", "gold": {"attributions": [{"cue": {"start": "3", "end": 7}}]}}],
    )
    with pytest.raises(GoldError, match=r"claims\.jsonl:1: field 'gold\.attributions\[0\]\.cue': must be \{start, end\} with integer offsets"):
        read_gold(path, "claims")


# -- predictions ----------------------------------------------------------------

def test_prediction_ids_must_match_gold(tmp_path):
    gold = read_gold(ACLED_SAMPLE, "events")
    pred = write_jsonl(
        tmp_path / "pred.jsonl",
        [{"id": "MEX90001", "events": []}, {"id": "ZZZ", "events": []}, {"id": "MEX90002", "events": "none"}],
    )
    with pytest.raises(GoldError) as caught:
        read_predictions(pred, "events", gold)
    assert caught.value.problems == [
        f"{pred}:2: field 'id': 'ZZZ' is not an id in the gold file; were both made from the same input?",
        f"{pred}:3: field 'events': missing or not a list of objects",
    ]


def test_prediction_file_missing_gold_ids_is_refused(tmp_path):
    gold = read_gold(ACLED_SAMPLE, "events")
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": "MEX90001", "events": []}])
    with pytest.raises(GoldError, match=r"no prediction for 2 gold record\(s\) \(first: 'MEX90002', 'COL90003'\)"):
        read_predictions(pred, "events", gold)


def test_failed_prediction_line_counts_as_empty(tmp_path):
    gold = read_gold(ACLED_SAMPLE, "events", limit=1)
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": "MEX90001", "error": "extraction failed: boom"}])
    found = read_predictions(pred, "events", gold)
    assert found["MEX90001"]["error"] == "extraction failed: boom"


def test_places_evaluation_runs_only_the_components_places_need():
    names = components_for(["places"])
    assert "places" in names
    assert "events" not in names and "claims" not in names
    # every component that (re)assigns events is kept, in pipeline order
    from sucesos.pipeline import DEFAULT_COMPONENTS

    for_events = components_for(["events"])
    assert {"events", "locate_events"} <= set(for_events)
    assert for_events == [name for name in DEFAULT_COMPONENTS if name in for_events]


@pytest.mark.parametrize(
    ("given", "expected"),
    [("12 January 2022", "2022-01-12"), ("2022-01-12", "2022-01-12"), ("12-January-2022", "2022-01-12"),
     ("12 Jan 2022", "2022-01-12"), ("2022/01/12", "2022-01-12"), ("01/12/2022", None), ("next week", None)],
)
def test_acled_date_spellings(given, expected):
    from sucesos.eval.acled import parse_event_date

    assert parse_event_date(given) == expected
