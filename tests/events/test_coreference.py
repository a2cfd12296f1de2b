"""Within one article, the headline, the lead and a casualty sentence about one happening are one event."""

from __future__ import annotations

from sucesos.events.coreference import merge_article_events
from sucesos.model import Event, Evidence, Span

TEXT = "Gunmen ambush police in Uruapan\n\nGunmen ambushed a patrol in Uruapan on Tuesday. Two officers died. In another attack in Uruapan, a shop owner was shot."


def report(sentence: str, **fields) -> Event:
    start = TEXT.index(sentence)
    return Event(sentence=Span.of(TEXT, start, start + len(sentence)), **fields)


def test_headline_lead_and_toll_fold_into_one_event_with_their_receipts():
    headline = report("Gunmen ambush police in Uruapan", event_type="Battles", sub_event_type="Armed clash", location="Uruapan", modality="asserted",
                      evidence=[Evidence("sub_event_type", 7, 13, "ambush")])  # fmt: skip
    lead = report("Gunmen ambushed a patrol in Uruapan on Tuesday.", event_type="Violence against civilians", sub_event_type="Attack",
                  actor1="Unidentified Armed Group (Mexico)", location="Uruapan", event_date="2024-03-12", modality="reported",
                  evidence=[Evidence("actor1", 33, 39, "Gunmen"), Evidence("event_date", 71, 78, "Tuesday")])  # fmt: skip
    toll = report("Two officers died.", event_type="Violence against civilians", sub_event_type="Attack", fatalities=2, modality="asserted",
                  evidence=[Evidence("fatalities", 81, 84, "Two")])  # fmt: skip
    [event] = merge_article_events([headline, lead, toll], TEXT)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")  # the headline says what happened
    assert (event.actor1, event.event_date, event.fatalities) == ("Unidentified Armed Group (Mexico)", "2024-03-12", 2)
    assert {ev.field for ev in event.evidence} == {"sub_event_type", "actor1", "event_date", "fatalities"}


def test_another_incident_different_tolls_or_places_stay_apart():
    lead = report("Gunmen ambushed a patrol in Uruapan on Tuesday.", event_type="Violence against civilians", sub_event_type="Attack", location="Uruapan", fatalities=2, modality="asserted")
    other = report("In another attack in Uruapan, a shop owner was shot.", event_type="Violence against civilians", sub_event_type="Attack", location="Uruapan", modality="asserted")
    assert len(merge_article_events([lead, other], TEXT)) == 2
    elsewhere = report("Two officers died.", event_type="Violence against civilians", sub_event_type="Attack", location="Zamora", modality="asserted")
    assert len(merge_article_events([lead, elsewhere], TEXT)) == 2
    more_dead = report("Two officers died.", event_type="Violence against civilians", sub_event_type="Attack", fatalities=5, modality="asserted")
    assert len(merge_article_events([lead, more_dead], TEXT)) == 2
    threat = report("Two officers died.", event_type="Violence against civilians", sub_event_type="Attack", modality="hypothetical")
    assert len(merge_article_events([lead, threat], TEXT)) == 2
    protest = report("Two officers died.", event_type="Protests", sub_event_type="Peaceful protest", modality="asserted")
    assert len(merge_article_events([lead, protest], TEXT)) == 2


def test_generic_state_forces_take_the_articles_country(extract):
    abroad = extract("Police opened fire on protesters in Lagos, Nigeria on Monday, killing three people.", published="2024-03-14")
    assert abroad.events[0].actor1 == "Police Forces of Nigeria"
    home = extract("Soldiers clashed with gunmen in Aguililla, Michoacán.", published="2024-03-14")
    assert home.events[0].actor1 == "Military Forces of Mexico"


def test_a_date_borrowed_from_the_previous_sentence_does_not_split_one_happening():
    text = "Residents marched in Apatzingán on Wednesday to demand safety after last week's clashes. The protest ended peacefully."
    lead_start, second_start = 0, text.index("The protest")
    lead = Event(event_type="Protests", sub_event_type="Peaceful protest", location="Apatzingán", event_date="2024-05-01", modality="asserted",
                 sentence=Span.of(text, 0, second_start - 1), evidence=[Evidence("event_date", 35, 44, "Wednesday")])  # fmt: skip
    week = text.index("last week")
    follow = Event(event_type="Protests", sub_event_type="Peaceful protest", location="Apatzingán", event_date="2024-04-25", modality="asserted",
                   sentence=Span.of(text, second_start, len(text)), evidence=[Evidence("event_date", week, week + 9, "last week")])  # fmt: skip
    [event] = merge_article_events([lead, follow], text)
    assert event.event_date == "2024-05-01"
