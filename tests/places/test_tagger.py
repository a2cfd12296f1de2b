"""The learned Spanish toponym tagger: labels, decoding, readings, the shipped model."""

from __future__ import annotations

from sucesos.places.resolve import Toponym
from sucesos.places.tagger import decode, focus_toponyms, gold_labels, merge, shipped_tagger


def test_gold_spans_become_bio_labels_and_back():
    offsets = [(0, 2), (3, 6), (7, 14), (15, 17), (18, 24)]  # "en la colonia El Llano" style tokens
    spans = [(7, 24), (0, 2)]
    labels = gold_labels(offsets, spans)
    assert labels == ["B", "O", "B", "I", "I"]
    assert decode(offsets, labels) == [(0, 2), (7, 24)]
    # two marked places side by side stay two
    assert decode(offsets, ["B", "B", "O", "B", "B"]) == [(0, 2), (3, 6), (15, 17), (18, 24)]


def test_a_tagged_span_keeps_the_reading_of_the_rule_toponym_inside_it(fake_gazetteer):
    text = "Lo llevaron al Hospital General de Morelia y luego a Tepalcatepec."
    hospital = (text.index("Hospital"), text.index(" y luego"))
    town = (text.index("Tepalcatepec"), text.index("Tepalcatepec") + len("Tepalcatepec"))
    rule = [
        Toponym(start=text.index("Morelia"), end=hospital[1], lookup="Morelia", source="ner"),
        Toponym(start=town[0], end=town[1], lookup="Tepalcatepec", source="gazetteer", qualifier="Mich."),
    ]
    merged = merge([hospital, town], rule, [], text, fake_gazetteer)
    assert [(t.start, t.end) for t in merged] == [hospital, town]
    assert merged[0].lookup == "Morelia"  # where the hospital is
    assert merged[1].qualifier == "Mich." and merged[1].source == "gazetteer"


def test_a_tagged_address_is_cut_where_a_place_lies_in_another(fake_gazetteer):
    text = "en la colonia Centro de Morelia, Michoacán, ayer"
    colonia = Toponym(start=6, end=20, lookup="Centro", source="feature", kind="local")
    town = Toponym(start=24, end=42, lookup="Morelia", source="ner", qualifier="Michoacán")
    # "colonia Centro | de Morelia, Michoacán": each resolved on its own (the colonia inside Morelia)
    assert merge([(6, 42)], [colonia, town], [], text, fake_gazetteer) == [colonia, town]
    # streets that cross are one address, read as its first street
    text = "en la calle Morelia entre Tabasco y Juárez"
    street = Toponym(start=6, end=19, lookup="Morelia", source="feature", kind="local")
    state = Toponym(start=26, end=33, lookup="Tabasco", source="ner")
    merged = merge([(6, 42)], [street, state], [], text, fake_gazetteer)
    assert len(merged) == 1 and (merged[0].start, merged[0].end) == (6, 42) and merged[0].kind == "local"
    # split: every place inside, each with its own offsets
    assert merge([(6, 42)], [street, state], [], text, fake_gazetteer, split=True) == [street, state]


def test_an_everyday_word_the_rules_dropped_stays_dropped(fake_gazetteer):
    text = "el Valle y la Plaza no tienen luz en Morelia"
    plaza = Toponym(start=14, end=19, lookup="Plaza", source="gazetteer")
    morelia = Toponym(start=37, end=44, lookup="Morelia", source="ner")
    merged = merge([(14, 19), (37, 44)], [morelia], [plaza], text, fake_gazetteer)
    assert [t.lookup for t in merged] == ["Morelia"]


def test_a_new_institution_span_is_looked_up_by_the_place_it_names(fake_gazetteer):
    text = "Ingresó al Centro de Salud de Apatzingán (CSA) por la tarde."
    span = (text.index("Centro"), text.index(" por"))
    merged = merge([span], [], [], text, fake_gazetteer)
    assert merged[0].lookup == "Apatzingán" and merged[0].source == "tagger"
    # a name the gazetteer knows nothing of stays as written (resolved to nothing later)
    unknown = merge([(0, 7)], [], [], "Xoquiaq dijo.", fake_gazetteer)
    assert unknown[0].lookup == "Xoquiaq"


def test_new_tagger_names_join_the_focus_evidence_without_doubling():
    detected = [Toponym(start=0, end=6, lookup="Sonora", source="ner")]
    tagged = [Toponym(start=0, end=6, lookup="Sonora", source="ner"), Toponym(start=20, end=40, lookup="Cajeme", source="tagger")]
    evidence = focus_toponyms(detected, tagged)
    assert [t.lookup for t in evidence] == ["Sonora", "Cajeme"]
    assert focus_toponyms(detected, detected) is detected


def test_the_tagger_ships_with_the_package():
    tagger = shipped_tagger()
    assert tagger is not None
    labels = tagger.tag([["bias", "low=en", "shape=x"], ["bias", "low=hermosillo", "shape=Xx", "rule=B", "gz"]])
    assert len(labels) == 2 and set(labels) <= {"B", "I", "O"}


def test_spanish_datelines_and_institutions(extract):
    text = (
        "NAVOJOA.- Estudiantes de la Universidad de Sonora marcharon ayer por la colonia Centro "
        "de Navojoa hasta el Hospital General de Ciudad Obregón."
    )
    extraction = extract(text, lang="es")
    assert extraction.error is None
    by_text = {p.text: p for p in extraction.places}
    assert "NAVOJOA" in by_text and by_text["NAVOJOA"].admin1 == "Sonora"
    assert "colonia Centro" in by_text and by_text["colonia Centro"].name == "Navojoa"
