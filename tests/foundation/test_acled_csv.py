"""The ACLED CSV carries what an analyst loading it into ACLED tooling expects:
interaction, region, civilian targeting, outlets as sources and their scale."""

from __future__ import annotations

from sucesos.export.writers import acled_row


def stored_report(**fields) -> dict:
    base = {
        "id": 7, "article_id": "a1b2c3", "article_url": None, "article_outlet": None, "article_title": "t",
        "article_published": "2024-05-01", "event_type": "Violence against civilians", "sub_event_type": "Attack",
        "actor1": "Unidentified Armed Group (Mexico)", "inter1": "Political militia", "actor2": "Civilians (Mexico)",
        "inter2": "Civilians", "country": "Mexico", "iso3": "MEX", "admin1": "Sonora", "admin2": "Cajeme",
        "location": "Ciudad Obregón", "latitude": 27.48, "longitude": -109.93, "geo_precision": 1,
        "event_date": "2024-05-01", "time_precision": 1, "fatalities": 2, "tactics": ["firearms"], "modality": "asserted",
    }  # fmt: skip
    return {**base, **fields}


def test_interaction_orders_actor_types_by_acled_code_and_says_only_for_one_side():
    assert acled_row(stored_report())["interaction"] == "Political militia-Civilians"
    clash = stored_report(inter1="Political militia", inter2="State forces", event_type="Battles", sub_event_type="Armed clash")
    assert acled_row(clash)["interaction"] == "State forces-Political militia"
    assert acled_row(stored_report(inter1="Protesters", inter2=None, event_type="Protests"))["interaction"] == "Protesters only"
    # An unknown first actor is not "X only": there may well have been one.
    assert acled_row(stored_report(inter1=None, inter2="State forces"))["interaction"] is None


def test_civilian_targeting_follows_the_victims_not_the_weapon():
    assert acled_row(stored_report())["civilian_targeting"] == "Civilian targeting"
    drone_on_village = stored_report(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    assert acled_row(drone_on_village)["civilian_targeting"] == "Civilian targeting"
    drone_on_soldiers = stored_report(event_type="Explosions/Remote violence", inter2="State forces", actor2="Military Forces of Mexico")
    assert acled_row(drone_on_soldiers)["civilian_targeting"] is None
    march = stored_report(event_type="Protests", sub_event_type="Peaceful protest", inter1="Protesters", inter2="Civilians")
    assert acled_row(march)["civilian_targeting"] is None


def test_region_is_acleds_and_unknown_stays_empty():
    assert acled_row(stored_report())["region"] == "Central America"
    assert acled_row(stored_report(iso3="COL", country="Colombia"))["region"] == "South America"
    assert acled_row(stored_report(iso3=None, country=None))["region"] is None


def test_source_is_an_outlet_or_site_never_an_article_id():
    named = acled_row(stored_report(article_outlet="El Gráfico", article_url="https://www.elgrafico.mx/nota/1"))
    assert named["source"] == "El Gráfico"
    site_only = acled_row(stored_report(article_url="https://www.elimparcial.com/sonora/nota.html"))
    assert site_only["source"] == "elimparcial.com"
    unknown = acled_row(stored_report())
    assert unknown["source"] is None and "a1b2c3" not in str(unknown["source"])
    assert unknown["article_ids"] == "a1b2c3"  # the id stays traceable in its own column


def test_source_scale_from_the_outlets_country():
    assert acled_row(stored_report(article_url="https://www.elgrafico.mx/nota/1"))["source_scale"] == "National"
    assert acled_row(stored_report(article_url="https://www.bbc.co.uk/news/1"))["source_scale"] == "International"
    assert acled_row(stored_report(article_url="https://apnews.com/article/1"))["source_scale"] is None
    both = stored_report(sources=[{"article_id": "x", "url": "https://a.com.mx/1", "outlet": "A"}, {"article_id": "y", "url": "https://b.co.uk/2", "outlet": "B"}])
    assert acled_row(both)["source_scale"] == "National-International"
