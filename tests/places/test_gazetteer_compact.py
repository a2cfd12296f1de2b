"""The gazetteer's packed name index and names (memory) give the answers a dict of lists gave."""

from sucesos.places.gazetteer import Gazetteer


def _gazetteer():
    return Gazetteer.from_records(
        [
            {"name": "Culiacán", "feature": "city", "country": "MX", "admin1": "Sinaloa", "population": 800_000,
             "latitude": 24.8, "longitude": -107.4, "aliases": ["Culiacán Rosales", "Culiacan"]},
            {"name": "San Pedro", "feature": "city", "country": "MX", "admin1": "Coahuila", "population": 100_000},
            {"name": "San Pedro", "feature": "city", "country": "MX", "admin1": "Nuevo León", "population": 120_000,
             "aliases": ["San Pedro Garza García"]},
            {"name": "Zürich", "feature": "city", "country": "CH", "population": 400_000},
        ]
    )


def test_an_alias_is_not_the_main_name_and_the_first_indexing_wins():
    gaz = _gazetteer()
    (found,) = gaz.lookup("Culiacan Rosales")
    assert found.name == "Culiacán" and found.admin1 == "Sinaloa" and not found.matched_main_name
    # "Culiacan" is both its own name (accents off) and a listed alias: indexed first by its name
    (found,) = gaz.lookup("culiacan")
    assert found.matched_main_name


def test_a_name_shared_by_two_towns_finds_both_in_order():
    gaz = _gazetteer()
    towns = gaz.lookup("San Pedro")
    assert [t.admin1 for t in towns] == ["Coahuila", "Nuevo León"]
    assert all(t.matched_main_name for t in towns)
    assert gaz.knows("san pedro garza garcia") and not gaz.knows("San Pedro Sula")


def test_names_keep_their_letters():
    gaz = _gazetteer()
    assert gaz.lookup("Zurich")[0].name == "Zürich"
    assert len(gaz) == len(list(gaz.names))
