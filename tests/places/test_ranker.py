"""The learned candidate ranker: its features, its hook in the resolver, its training."""

from __future__ import annotations

import json

import numpy as np

from sucesos.places.ranker import LinearRanker
from sucesos.places.resolve import FEATURES, RULE_WEIGHTS, resolve_toponyms, spans_to_toponyms
from sucesos.places.train_ranker import collect, fit


def test_rule_weights_as_a_ranker_choose_what_the_rules_choose(fake_gazetteer):
    text = "Floods in Texas. Paris was cut off."
    toponyms = spans_to_toponyms([{"start": 10, "end": 15}, {"start": 17, "end": 22}], text, fake_gazetteer)
    by_rules = resolve_toponyms(toponyms, text, fake_gazetteer, ranker=LinearRanker(RULE_WEIGHTS))
    assert by_rules[1].admin1 == "Texas"
    # a ranker that weighs population alone sends Paris to France
    population_only = LinearRanker({"city_log_population": 1.0})
    assert resolve_toponyms(toponyms, text, fake_gazetteer, ranker=population_only)[1].country == "France"


def test_resolver_records_one_feature_row_per_candidate(fake_gazetteer):
    text = "Gunmen attacked police in Tepalcatepec, Michoacán."
    toponyms = spans_to_toponyms([{"start": 26, "end": 38}, {"start": 40, "end": 49}], text, fake_gazetteer)
    record: list = []
    resolve_toponyms(toponyms, text, fake_gazetteer, record=record)
    index, rows, candidates = record[0]
    assert index == 0 and len(rows) == len(candidates) == 2 and all(len(r) == len(FEATURES) for r in rows)
    qualified = [r[FEATURES.index("qualifier")] for r in rows]
    assert sorted(qualified) == [0.0, 1.0]  # only the Michoacán Tepalcatepec lies in the qualifier


def test_training_learns_from_gold_points(fake_gazetteer, tmp_path):
    # small towns named Paris in Texas: the gold says that is where the stories are
    lines = []
    for n in range(6):
        text = f"Story {n}: flooding hit Paris overnight."
        start = text.index("Paris")
        lines.append({"id": f"a{n}", "text": text, "spans": [{"start": start, "end": start + 5}],
                      "gold": {"places": [{"start": start, "end": start + 5, "text": "Paris", "lat": 33.66, "lon": -95.56}]}})
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    articles = collect([gold], fake_gazetteer)
    assert len(articles) == 6 and all(len(a["rows"]) == 1 for a in articles)
    prior = np.array([RULE_WEIGHTS[name] for name in FEATURES], dtype=float)
    learned = fit(articles, prior)
    row = articles[0]["rows"][0]
    assert row["good"].tolist().count(True) == 1
    assert bool(row["good"][int(np.argmax(row["x"] @ learned))])  # learned picks the Texas one
    assert not bool(row["good"][int(np.argmax(row["x"] @ prior))])  # the rules pick the capital-sized one


def test_closeness_to_the_articles_other_places_is_recorded(fake_gazetteer):
    # Paris, Texas lies 150 km from Dallas; Paris, France 7,900 km
    text = "Storms hit Dallas on Monday. In Paris, roofs were torn off."
    toponyms = spans_to_toponyms([{"start": 11, "end": 17}, {"start": 32, "end": 37}], text, fake_gazetteer)
    record: list = []
    resolve_toponyms(toponyms, text, fake_gazetteer, record=record)
    _, rows, candidates = next(entry for entry in record if entry[0] == 1)
    near = {c.country_code: r[FEATURES.index("near_other")] for r, c in zip(rows, candidates)}
    assert near["US"] > 0.4 > near["FR"] > 0.0
    exact = [r[FEATURES.index("exact_name")] for r in rows]
    assert exact == [1.0] * len(rows)  # both are named "Paris" in their own right


def test_names_written_near_a_name_are_recorded_for_the_ranker():
    """'London' among Ontario's towns: the neighbours lie in Canada and Ontario, and the
    Ontario province contains them; the English London is the larger namesake."""
    from sucesos.places.gazetteer import Gazetteer

    gazetteer = Gazetteer.from_records([
        {"name": "London", "feature": "city", "country": "GB", "admin1": "England", "latitude": 51.51, "longitude": -0.13, "population": 8961989},
        {"name": "London", "feature": "city", "country": "CA", "admin1": "Ontario", "latitude": 42.98, "longitude": -81.23, "population": 422324},
        {"name": "St. Thomas", "feature": "city", "country": "CA", "admin1": "Ontario", "latitude": 42.78, "longitude": -81.18, "population": 38909},
        {"name": "Woodstock", "feature": "city", "country": "CA", "admin1": "Ontario", "latitude": 43.13, "longitude": -80.75, "population": 40902},
        {"name": "Ontario", "feature": "admin1", "country": "CA", "admin1": "Ontario", "latitude": 49.25, "longitude": -84.5},
    ])  # fmt: skip
    filler = " Crops were late this year across the region." * 12  # over NEIGHBOUR_CHARS
    text = "Police in St. Thomas and Woodstock said the London man was charged." + filler + " Ontario farms suffered."
    names = ["St. Thomas", "Woodstock", "London", "Ontario"]
    spans = [{"start": text.index(n), "end": text.index(n) + len(n)} for n in names]
    toponyms = spans_to_toponyms(spans, text, gazetteer)
    record: list = []
    resolve_toponyms(toponyms, text, gazetteer, record=record)
    _, rows, candidates = next(entry for entry in record if entry[0] == 2)
    by_country = {c.country_code: dict(zip(FEATURES, r)) for r, c in zip(rows, candidates)}
    assert by_country["CA"]["neighbours_country"] == 1.0 and by_country["GB"]["neighbours_country"] == 0.0
    assert by_country["CA"]["neighbours_admin1"] == 1.0
    assert by_country["GB"]["population_rank"] == 1.0 and by_country["CA"]["population_rank"] == 0.5
    assert by_country["CA"]["near_other_100km"] == 1.0 and by_country["GB"]["near_other_100km"] == 0.0
    # both towns beside it could be near the Canadian London (Ontario is not counted: a state is no point)
    assert by_country["CA"]["could_be_near"] == 1.0 and by_country["GB"]["could_be_near"] == 0.0
    # Ontario, far from the others in the text, has no neighbours to contain
    _, rows, candidates = next(entry for entry in record if entry[0] == 3)
    assert dict(zip(FEATURES, rows[0]))["contains_neighbours"] == 0.0
    # close to them, it contains both towns it is written beside
    text = "Ontario police in St. Thomas and Woodstock."
    spans = [{"start": text.index(n), "end": text.index(n) + len(n)} for n in ("Ontario", "St. Thomas", "Woodstock")]
    record = []
    resolve_toponyms(spans_to_toponyms(spans, text, gazetteer), text, gazetteer, record=record)
    _, rows, _candidates = next(entry for entry in record if entry[0] == 0)
    assert dict(zip(FEATURES, rows[0]))["contains_neighbours"] == 1.0
