"""Reports of one event become one event; different events stay apart."""

from __future__ import annotations

from sucesos.link.cluster import link_article, recluster
from sucesos.link.corroboration import deduplicated_events

from .conftest import CULIACAN, EN_SENTENCE, EN_TEXT, ES2_SENTENCE, ES2_TEXT, ES_SENTENCE, ES_TEXT, URUAPAN, police_ambush, report


def publish_and_link(newsroom, article_id, text, events, **kwargs):
    newsroom.publish(article_id, text, events, **kwargs)
    return link_article(newsroom.store, article_id)


def test_one_attack_told_in_english_and_spanish_by_different_outlets_is_one_event(newsroom):
    publish_and_link(newsroom, "en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    result = publish_and_link(newsroom, "es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE)], outlet="Diario ES", lang="es")
    assert result.joined and not result.started
    assert newsroom.event_of("en1") == newsroom.event_of("es1")
    (event,) = deduplicated_events(newsroom.store)
    assert [s["article_id"] for s in event["sources"]] == ["en1", "es1"]
    assert event["independent_sources"] == 2 and event["n_reports"] == 2


def test_conflicting_death_tolls_are_kept_as_a_range_with_the_lowest_as_headline(newsroom):
    publish_and_link(newsroom, "en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    publish_and_link(newsroom, "es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE)], outlet="Diario ES", lang="es")
    publish_and_link(newsroom, "es2", ES2_TEXT, [police_ambush(ES2_TEXT, ES2_SENTENCE, fatalities=4)], outlet="Otro Diario", lang="es", published="2024-03-10")
    (event,) = deduplicated_events(newsroom.store)
    assert event["fatalities"] == 3 and event["fatalities_range"] == [3, 4]
    assert event["first_reported"] == "2024-03-10"
    assert {r["fatalities"] for r in event["reports"]} == {3, 4}


def test_two_attacks_in_one_town_on_one_day_with_different_victims_stay_apart(newsroom):
    publish_and_link(newsroom, "en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    text = "Hombres armados asesinaron a un comerciante en su tienda del centro de Uruapan el domingo por la noche."
    shopkeeper = report(
        text, text, event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified Armed Group (Mexico)",
        actor2="Civilians (Mexico)", inter2="Civilians", fatalities=1, tactics=["firearms"], **URUAPAN,
    )  # fmt: skip
    publish_and_link(newsroom, "es9", text, [shopkeeper], outlet="Diario ES", lang="es")
    assert newsroom.event_of("en1") != newsroom.event_of("es9")


def test_two_clashes_in_one_town_on_one_day_between_different_named_groups_stay_apart(newsroom):
    first = "Members of the CJNG and the Carteles Unidos clashed in Uruapan on Sunday, leaving two dead."
    second = "Miembros del Cártel de Sinaloa y La Familia Michoacana se enfrentaron en Uruapan el domingo; hubo dos muertos."
    publish_and_link(newsroom, "a", first, [report(first, first, event_type="Battles", sub_event_type="Armed clash", actor1="CJNG: Jalisco New Generation Cartel", actor2="Carteles Unidos", fatalities=2, **URUAPAN)], outlet="One", lang="en")
    publish_and_link(newsroom, "b", second, [report(second, second, event_type="Battles", sub_event_type="Armed clash", actor1="Sinaloa Cartel", actor2="La Familia Michoacana", fatalities=2, **URUAPAN)], outlet="Two", lang="es")
    assert newsroom.event_of("a") != newsroom.event_of("b")


def test_same_story_a_week_later_or_in_another_city_is_another_event(newsroom):
    publish_and_link(newsroom, "en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    publish_and_link(newsroom, "later", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE, event_date="2024-03-17")], outlet="Diario ES", lang="es")
    elsewhere = "Culiacán, Sin. " + ES_TEXT
    publish_and_link(newsroom, "far", elsewhere, [police_ambush(elsewhere, ES_SENTENCE, **CULIACAN)], outlet="Diario ES", lang="es")
    assert len({newsroom.event_of(a) for a in ("en1", "later", "far")}) == 3


def test_a_vague_date_meets_a_precise_one(newsroom):
    publish_and_link(newsroom, "en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    # "earlier this month" (ACLED: month precision, the 15th) still reaches the 10th.
    publish_and_link(newsroom, "es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE, event_date="2024-03-15", time_precision=3)], outlet="Diario ES", lang="es")
    assert newsroom.event_of("en1") == newsroom.event_of("es1")


def test_a_threat_is_not_the_attack(newsroom):
    publish_and_link(newsroom, "en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    publish_and_link(newsroom, "es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE, modality="future")], outlet="Diario ES", lang="es")
    assert newsroom.event_of("en1") != newsroom.event_of("es1")


def test_reingesting_an_article_changes_nothing(newsroom):
    publish_and_link(newsroom, "en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    publish_and_link(newsroom, "es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE)], outlet="Diario ES", lang="es")
    before = deduplicated_events(newsroom.store)
    again = publish_and_link(newsroom, "es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE)], outlet="Diario ES", lang="es")
    assert again.linked == 0
    assert deduplicated_events(newsroom.store) == before
    # A re-extraction (new pipeline version) replaces the report rows; they are linked again, still one event.
    newsroom.publish("es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE)], outlet="Diario ES", lang="es", version="t2")
    link_article(newsroom.store, "es1")
    (event,) = deduplicated_events(newsroom.store)
    assert event["n_reports"] == 2 and newsroom.every_report_linked_once()


def test_incremental_linking_and_a_rebuild_agree(newsroom):
    publish_and_link(newsroom, "en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    publish_and_link(newsroom, "es1", ES_TEXT, [police_ambush(ES_TEXT, ES_SENTENCE)], outlet="Diario ES", lang="es")
    text = "Hombres armados asesinaron a un comerciante en su tienda del centro de Uruapan el domingo por la noche."
    publish_and_link(newsroom, "es9", text, [report(text, text, event_type="Violence against civilians", sub_event_type="Attack", actor2="Civilians (Mexico)", inter2="Civilians", fatalities=1, **URUAPAN)], outlet="Diario ES", lang="es")
    before = {a: newsroom.event_of(a) for a in ("en1", "es1", "es9")}
    counts = recluster(newsroom.store)
    assert counts == {"reports": 3, "events": 2}
    assert {a: newsroom.event_of(a) for a in before} == before  # same events, same ids
    assert newsroom.every_report_linked_once()


def _blaming(text, group):
    # the gunmen named, their victims not (ACLED's generic "Civilians" until the text says police)
    return report(text, text, event_type="Violence against civilians", sub_event_type="Attack", actor1=group, inter1="Political militia",
                  actor2="Civilians (Mexico)", fatalities=3, tactics=["firearms", "ambush"], **URUAPAN)  # fmt: skip


def test_one_report_naming_the_gunmen_and_another_naming_only_their_target_are_one_attack(newsroom):
    """Naming who did it in one report and who was hit in another is no contradiction; two different culprits are."""
    publish_and_link(newsroom, "en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    blamed = "Gunmen of the CJNG: Jalisco New Generation Cartel killed three police officers in an ambush in Uruapan on Sunday."
    publish_and_link(newsroom, "cjng", blamed, [_blaming(blamed, "CJNG: Jalisco New Generation Cartel")], outlet="Other EN", lang="en")
    assert newsroom.event_of("en1") == newsroom.event_of("cjng")
    other = "Gunmen of the Sinaloa Cartel killed three police officers in an ambush in Uruapan on Sunday."
    publish_and_link(newsroom, "sinaloa", other, [_blaming(other, "Sinaloa Cartel")], outlet="Third EN", lang="en")
    assert newsroom.event_of("sinaloa") != newsroom.event_of("cjng")


def _row(article_id, date, outlet, url, fatalities=19):
    """A stored report as corroboration reads it."""
    row = {"id": abs(hash(article_id)) % 1000, "article_id": article_id, "idx": 0, "event_date": date, "time_precision": 1, "date_phrase": None,
           "geo_precision": 1, "confidence": 0.8, "event_type": "Violence against civilians", "sub_event_type": "Attack", "actor1": None,
           "fatalities": fatalities, "injuries": None, "tactics": [], "evidence": [], "article_url": url, "article_outlet": outlet,
           "article_title": None, "article_published": "2022-03-28", "article_lang": "en", "article_ingested_at": "2026-01-01",
           "sentence_start": None, "sentence_end": None, "sentence_text": None, "link_score": None, "link_method": None}  # fmt: skip
    for key in ("location", "admin1", "admin2", "country", "iso3", "latitude", "longitude", "actor2", "inter1", "inter2", "assoc_actor_1", "assoc_actor_2", "modality"):
        row.setdefault(key, None)
    return row


def test_the_event_date_is_the_day_most_independent_sources_give_not_most_copies():
    from sucesos.link.corroboration import event_record

    reports = [_row("ap1", "2022-03-28", "Daily One (AP)", "https://one.example/a"), _row("ap2", "2022-03-28", "Daily Two (AP)", "https://two.example/b"),
               _row("ap3", "2022-03-28", "Daily Three (AP)", "https://three.example/c"), _row("own1", "2022-03-27", "Diario", "https://diario.example/d"),
               _row("own2", "2022-03-27", "Periódico", "https://periodico.example/e")]  # fmt: skip
    record = event_record(1, reports)
    assert record["independent_sources"] == 3  # one AP story, two own reports
    assert record["event_date"] == "2022-03-27"


def test_a_report_of_the_wounded_only_does_not_lower_the_conservative_toll():
    from sucesos.link.corroboration import event_record

    reports = [_row("a", "2022-10-05", "One", "https://one.example/a", 20), _row("b", "2022-10-05", "Two", "https://two.example/b", 18),
               _row("c", "2022-10-05", "Three", "https://three.example/c", 0)]  # fmt: skip
    record = event_record(1, reports)
    assert record["fatalities"] == 18 and record["fatalities_range"] == [0, 20]


def test_the_officer_by_name_and_the_force_he_belongs_to_are_no_actor_conflict(newsroom):
    publish_and_link(newsroom, "en1", EN_TEXT, [police_ambush(EN_TEXT, EN_SENTENCE)], outlet="Wire EN", lang="en")
    named = "Gunmen killed three escorts of police commander Juan Pérez in an ambush in Uruapan on Sunday."
    event = report(named, named, event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified Armed Group (Mexico)",
                   actor2="Juan Pérez", inter2="State forces", fatalities=3, tactics=["firearms", "ambush"], **URUAPAN)  # fmt: skip
    publish_and_link(newsroom, "named", named, [event], outlet="Other EN", lang="en")
    assert newsroom.event_of("en1") == newsroom.event_of("named")


def test_a_town_known_by_name_only_takes_the_municipality_another_report_gives():
    from sucesos.link.corroboration import event_record

    named = _row("a", "2022-03-27", "One", "https://one.example/a")
    named.update(location="Las Tinajas", admin1="Michoacán de Ocampo", admin2=None, geo_precision=1)
    municipality = _row("b", "2022-03-27", "Two", "https://two.example/b")
    municipality.update(location="Zinapécuaro", admin1="Michoacán de Ocampo", admin2="Zinapécuaro", geo_precision=2)
    record = event_record(1, [named, municipality])
    assert (record["location"], record["admin2"]) == ("Las Tinajas", "Zinapécuaro")


def test_two_outlets_split_between_an_attack_and_an_abduction_give_the_abduction():
    # one outlet tells that gunmen took the men away, the other only that they attacked: the event is
    # the abduction, whichever report is the most precise
    from sucesos.link.corroboration import event_record

    attack = _row("a", "2020-09-14", "One", "https://one.example/a")
    attack.update(sub_event_type="Attack", geo_precision=1, time_precision=1)
    abduction = _row("b", "2020-09-14", "Two", "https://two.example/b")
    abduction.update(sub_event_type="Abduction/forced disappearance", geo_precision=2, time_precision=2)
    assert event_record(1, [attack, abduction])["sub_event_type"] == "Abduction/forced disappearance"
    clash = _row("c", "2020-09-14", "Three", "https://three.example/c")
    clash.update(event_type="Battles", sub_event_type="Armed clash")
    assert event_record(1, [attack, abduction, clash])["event_type"] == "Violence against civilians"
