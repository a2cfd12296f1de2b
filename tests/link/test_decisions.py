"""Analyst merges and splits hold through re-clustering and re-extraction; no report is ever lost."""

from __future__ import annotations

import pytest

from sucesos.errors import ConfigError
from sucesos.link.cluster import link_article, link_pending, recluster
from sucesos.link.corroboration import deduplicated_events
from sucesos.link.decisions import merge_events, split_reports

from .conftest import EN_SENTENCE, EN_TEXT, ES_SENTENCE, ES_TEXT, URUAPAN, police_ambush, report

SHOP = "Hombres armados asesinaron a un comerciante en su tienda del centro de Uruapan el domingo por la noche."


def shop_killing():
    return report(SHOP, SHOP, event_type="Violence against civilians", sub_event_type="Attack", actor2="Civilians (Mexico)", inter2="Civilians", fatalities=1, **URUAPAN)


@pytest.fixture
def three_reports(newsroom):
    newsroom.publish("en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    newsroom.publish("es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE)], outlet="Diario ES", lang="es")
    newsroom.publish("shop", SHOP, [shop_killing()], outlet="Diario ES", lang="es")
    link_pending(newsroom.store)
    assert newsroom.event_of("en1") == newsroom.event_of("es1") != newsroom.event_of("shop")
    return newsroom


def test_a_wrong_merge_split_by_hand_stays_split_after_reclustering(three_reports):
    newsroom = three_reports
    new_event = split_reports(newsroom.store, [newsroom.report_id("es1")], note="different patrol")
    assert newsroom.event_of("es1") == new_event != newsroom.event_of("en1")
    recluster(newsroom.store)
    assert newsroom.event_of("es1") != newsroom.event_of("en1")
    assert newsroom.every_report_linked_once()


def test_a_missed_merge_merged_by_hand_stays_merged_after_reclustering_and_reextraction(three_reports):
    newsroom = three_reports
    kept = merge_events(newsroom.store, [newsroom.event_of("shop"), newsroom.event_of("en1")])
    assert newsroom.event_of("shop") == newsroom.event_of("en1") == kept
    recluster(newsroom.store)
    assert newsroom.event_of("shop") == newsroom.event_of("en1") == newsroom.event_of("es1")
    # The shop article is extracted again by a newer pipeline: its report row is new, the decision still holds.
    newsroom.publish("shop", SHOP, [shop_killing()], outlet="Diario ES", lang="es", version="t2")
    link_article(newsroom.store, "shop")
    assert newsroom.event_of("shop") == newsroom.event_of("en1")
    (event,) = deduplicated_events(newsroom.store)
    assert event["n_reports"] == 3 and {r["link"]["method"] for r in event["reports"]} == {"manual"}


def test_splitting_the_report_that_anchored_a_merge_keeps_the_others_merged(three_reports):
    newsroom = three_reports
    merge_events(newsroom.store, [newsroom.event_of("shop"), newsroom.event_of("en1")])
    split_reports(newsroom.store, [newsroom.report_id("en1")])
    recluster(newsroom.store)
    assert newsroom.event_of("es1") == newsroom.event_of("shop") != newsroom.event_of("en1")


def test_decisions_that_make_no_sense_say_what_to_do(three_reports):
    newsroom = three_reports
    with pytest.raises(ConfigError, match="does not exist"):
        merge_events(newsroom.store, [newsroom.event_of("en1"), 999])
    with pytest.raises(ConfigError, match="nothing to split"):
        split_reports(newsroom.store, [newsroom.report_id("shop")])
    with pytest.raises(ConfigError, match="different events"):
        split_reports(newsroom.store, [newsroom.report_id("shop"), newsroom.report_id("en1")])
    assert newsroom.every_report_linked_once()


def test_deleting_an_article_drops_its_reports_and_empty_events(three_reports):
    newsroom = three_reports
    with newsroom.store.transaction() as conn:
        conn.execute("DELETE FROM articles WHERE id = 'shop'")
    assert [e["n_reports"] for e in deduplicated_events(newsroom.store)] == [2]
    assert newsroom.store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1


def test_no_report_is_lost_through_any_sequence_of_decisions(three_reports):
    newsroom = three_reports
    store = newsroom.store
    newsroom.publish("late", EN_TEXT + " Update.", [police_ambush(EN_TEXT + " Update.", EN_SENTENCE)], outlet="Wire EN", lang="en")
    link_article(store, "late")
    for step in range(4):
        events = [row[0] for row in store.conn.execute("SELECT id FROM events ORDER BY id")]
        if step % 2 == 0 and len(events) > 1:
            merge_events(store, events[:2])
        else:
            biggest = store.conn.execute("SELECT event_id FROM report_links GROUP BY event_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
            report_ids = [row[0] for row in store.conn.execute("SELECT report_id FROM report_links WHERE event_id = ? ORDER BY report_id", (biggest,))]
            if len(report_ids) > 1:
                split_reports(store, report_ids[:1])
        recluster(store)
        assert newsroom.every_report_linked_once()
        assert sum(e["n_reports"] for e in deduplicated_events(store)) == 4
