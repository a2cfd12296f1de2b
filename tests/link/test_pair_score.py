"""The fitted pair score (sucesos/data/link_pair_score.json, bench/train_pair_score.py), on pairs a reader can judge."""

from __future__ import annotations

import datetime as dt
import json

from sucesos.link.reports import Report
from sucesos.link.score import FEATURES, MODEL_PATH, pair_features, pair_score

DAY = dt.date(2022, 6, 20).toordinal()
TOWN = {"country": "MEX", "admin1": "chihuahua", "location": "urique", "latitude": 27.216, "longitude": -107.916, "geo_precision": 1}


def report(n: int, sentence: str, **fields) -> Report:
    base = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "day": DAY, "time_precision": 1, "lang": "en", "inter2": "Civilians"}
    return Report(id=n, article_id=f"article-{n}", idx=0, sentence=sentence, **{**TOWN, **base, **fields})


def test_the_shipped_weights_cover_every_feature_and_say_how_they_were_fitted():
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(model["weights"]) == set(FEATURES)
    assert model["training"]["out_of_fold"]["precision"] == 1.0
    assert model["weights"]["toll_far"] < 0 < model["weights"]["toll_mass_close"]


def test_two_single_killings_in_one_town_on_one_day_told_differently_stay_apart():
    a = report(1, "A taco vendor was shot dead at his stall in the town centre.", fatalities=1, tactics=frozenset({"firearms"}))
    b = report(2, "Two women were found dead inside their home on the outskirts.", fatalities=2, tactics=frozenset({"firearms"}))
    assert not pair_score(a, b).match


def test_a_massacre_told_as_an_attack_and_as_a_clash_with_a_rising_count_is_one_event():
    # ACLED: an ambush on police is an attack to one outlet, an armed clash to another; 13 then 14 dead
    a = report(1, "Gunmen ambushed a police convoy, killing 13 officers.", fatalities=13)
    b = report(2, "Police and gunmen clashed on the highway; 14 officers died.", event_type="Battles", sub_event_type="Armed clash", fatalities=14)
    features = pair_features(a, b)
    assert features["type_same_family"] == 1.0 and features["toll_mass_close"] == 1.0
    assert pair_score(a, b).match


def test_a_copy_of_one_text_is_one_event_even_when_its_toll_reads_one_more():
    sentence = "Gunmen killed two Jesuit priests and a tour guide inside the church of Cerocahui on Monday."
    a = report(1, sentence, fatalities=2)
    b = report(2, sentence, fatalities=3)
    assert pair_features(a, b)["text_copy"] == 1.0
    assert pair_score(a, b).match


def test_tolls_far_apart_outweigh_a_shared_town_day_and_type():
    a = report(1, "Gunmen killed 20 people at the town hall.", fatalities=20)
    b = report(2, "A man was shot dead near the town hall.", fatalities=1)
    assert pair_features(a, b)["toll_far"] == 1.0
    assert not pair_score(a, b).match


def test_one_named_victim_told_by_two_outlets_in_two_languages_is_one_event_and_two_victims_are_two():
    en = report(1, "Journalist Armando Linares was shot dead at his home in Urique on Monday.", fatalities=1)
    es = report(2, "Asesinan a balazos al periodista Armando Linares López frente a su casa.", fatalities=1, lang="es")
    other = report(3, "Asesinan a balazos al comerciante Ramiro Mollinedo Falconi frente a su negocio.", fatalities=1, lang="es")
    assert pair_features(en, es)["name_shared"] == 1.0
    assert "name_shared" not in pair_features(en, other)
    assert pair_score(en, es).score > pair_score(en, other).score


def test_a_place_name_is_no_shared_name():
    a = report(1, "Gunmen killed a man in Urique on Monday.", fatalities=1)
    b = report(2, "Hombres armados mataron a una mujer en Urique, Chihuahua.", fatalities=1, lang="es")
    assert "name_shared" not in pair_features(a, b)


def test_a_victim_named_with_and_without_a_second_surname_is_one_victim_and_two_names_are_two():
    a = report(1, "Journalist Armando Linares was shot dead at his home.", fatalities=1, targets=frozenset({"armando linares"}))
    b = report(2, "Asesinan al periodista Armando Linares López en su casa.", fatalities=1, lang="es", targets=frozenset({"armando linares lopez"}))
    c = report(3, "Asesinan al abogado Roberto Toledo en su despacho.", fatalities=1, lang="es", targets=frozenset({"roberto toledo"}))
    assert pair_score(a, b).veto is None
    assert pair_score(a, c).veto == "different named actors"


def test_an_abduction_told_in_two_languages_is_one_event_where_two_attacks_told_so_are_not():
    # Sharing a rare sub-type is strong evidence: two abductions in one town on one day seldom happen,
    # two attacks often do. No toll, no shared name, sentences worded apart, and the Spanish outlet dates
    # it a day later (it reported it the next morning): the sub-type decides.
    kind = {"event_type": "Violence against civilians", "sub_event_type": "Abduction/forced disappearance", "tactics": frozenset({"firearms"})}
    en = report(1, "Armed men took at least ten men from a restaurant in the hotel zone early on Monday.", **kind)
    es = report(2, "Un comando armado se llevó a un grupo de comensales de un restaurante, informó la fiscalía.", lang="es", day=DAY + 1, **kind)
    assert pair_features(en, es)["type_same_sub_rare"] == 1.0
    assert pair_score(en, es).match
    attack_en = report(3, "Armed men opened fire at a restaurant in the hotel zone early on Monday.", tactics=frozenset({"firearms"}))
    attack_es = report(4, "Un comando armado disparó contra un grupo de comensales de un restaurante, informó la fiscalía.", lang="es", day=DAY + 1, tactics=frozenset({"firearms"}))
    assert "type_same_sub_rare" not in pair_features(attack_en, attack_es)
    assert not pair_score(attack_en, attack_es).match


def test_the_victim_named_in_two_headlines_is_shared_a_byline_is_not():
    # the toll sentences say only "the candidate"; the headlines and leads name him. Two wire stories
    # by one reporter about two killings share the byline, which names no one in the story
    obregon = {"admin1": "sonora", "location": "ciudad obregon", "latitude": 27.486, "longitude": -109.940}
    murrieta_es = report(1, "El candidato fue atacado a balazos mientras repartía volantes.", fatalities=1, lang="es", **obregon,
                         opening="Asesinan a Abel Murrieta, candidato en Cajeme\n\nEl exfiscal Abel Murrieta fue asesinado a balazos este jueves en Ciudad Obregón, Sonora, mientras repartía propaganda en un crucero.\n")
    murrieta_en = report(2, "The candidate was shot while handing out flyers.", fatalities=1, **obregon,
                         opening="Mexican candidate Abel Murrieta shot dead while campaigning\n\nMark Stevenson, Associated Press\nFormer state prosecutor Abel Murrieta was shot dead on Thursday in Ciudad Obregon, Sonora, while handing out campaign leaflets at an intersection.\n")
    other = report(3, "The taxi driver was shot at a traffic light.", fatalities=1, **obregon,
                   opening="Taxi driver shot dead at a traffic light\n\nMark Stevenson, Associated Press\nA taxi driver was shot dead on Thursday in Ciudad Obregon, Sonora, while waiting at a traffic light near the city's main market.\n")
    assert pair_features(murrieta_es, murrieta_en)["name_shared"] == 1.0
    assert "name_shared" not in pair_features(murrieta_en, other)
