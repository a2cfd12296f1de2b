"""A vehicle model or a weapon brand is not a place (issue 14).

Crime copy describes the attackers' trucks and guns ("a bordo de una Dodge
Durango", "fled in a Toyota Tacoma", "Barrett rifles"), and Durango, Tacoma
and Barrett are also places: the event must not move to Durango state or to
the United States. Sentences are our own.
"""

from __future__ import annotations


def _places(out, text: str) -> list[tuple[str, str | None]]:
    return [(text[p.start : p.end], p.admin1) for p in out.places]


def test_a_vehicle_model_after_its_maker_is_no_place(extract):
    text = "The gunmen fled in a Dodge Durango after shooting a man in Culiacan, Sinaloa, and later crossed into Durango."
    out = extract(text, lang="en", published="2024-05-04")
    durangos = [p for p in out.places if text[p.start : p.end] == "Durango"]
    assert [p.start for p in durangos] == [text.rindex("Durango")]  # the state they crossed into, not the truck
    assert (out.events[0].admin1, out.events[0].admin2) == ("Sinaloa", "Culiacán")


def test_a_weapon_brand_and_a_pickup_model_are_no_places(extract):
    text = (
        "Gunmen ambush soldiers in Culiacan\n\n"
        "Gunmen carrying Barrett rifles ambushed an army patrol in Culiacan, Sinaloa, on Friday, and fled in a Toyota Tacoma."
    )
    out = extract(text, lang="en", published="2024-05-04")
    names = [name for name, _ in _places(out, text)]
    assert "Barrett" not in names and "Tacoma" not in names
    assert (out.events[0].country, out.events[0].admin2) == ("Mexico", "Culiacán")


def test_a_makers_name_as_a_place_stays_a_place(extract):
    # Lincoln is a maker, but nothing beside it here is a vehicle or a weapon
    text = "Two men were shot dead in Lincoln, Nebraska, on Friday night, police said."
    out = extract(text, lang="en", published="2024-05-04")
    assert ("Lincoln", "Nebraska") in [(text[p.start : p.end].split(",")[0], p.admin1) for p in out.places]
