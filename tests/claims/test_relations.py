"""The actor network: relations with their sentence, and the claims they rest on."""

from __future__ import annotations

import pytest


def _triples(relations):
    return {(r.subject, r.predicate, r.object) for r in relations}


CJNG = "Cártel de Jalisco Nueva Generación"
CU = "Cárteles Unidos"


def test_founding_article_relations(analyse, seed_text):
    claims, relations, _mentions = analyse(seed_text, "en")
    triples = _triples(relations)
    assert (CJNG, "at_war_with", CU) in triples
    assert ("Los Viagras", "member_of", CU) in triples
    assert ("Cártel de Tepalcatepec", "member_of", CU) in triples
    assert ("Nemesio Rubén Oseguera Cervantes", "leads", CJNG) in triples
    employs = next(r for r in relations if r.predicate == "employs")
    assert employs.subject == CJNG and "technical advisors" in employs.object
    # it rests on the anonymous, relayed claim: it says so
    assert employs.hedged and employs.claim is not None
    assert claims[employs.claim].source_type == "anonymous"
    for relation in relations:
        assert seed_text[relation.evidence.start : relation.evidence.end] == relation.evidence.text
    # the established relations are not hedged; no relation comes from the writer's opinions
    war = next(r for r in relations if r.predicate == "at_war_with")
    assert not war.hedged and war.claim is None
    assert not [r for r in relations if "United States" in r.object]


@pytest.mark.parametrize(
    "text,lang,triple,hedged",
    [
        ("Los Viagras, aliados del Cártel de Tepalcatepec, se enfrentaron al CJNG.", "es", ("Los Viagras", "at_war_with", CJNG), False),
        ("Los Viagras, aliados del Cártel de Tepalcatepec, se enfrentaron al CJNG.", "es", ("Los Viagras", "allied_with", "Cártel de Tepalcatepec"), False),
        ("Cárteles Unidos, integrada por Los Viagras y el Cártel de Tepalcatepec, disputa el territorio con el CJNG.", "es", ("Cártel de Tepalcatepec", "member_of", CU), False),
        ("Nicolás Sierra Santana es líder de Los Viagras.", "es", ("Nicolás Sierra Santana", "leads", "Los Viagras"), False),
        ("El Cártel del Noreste es una escisión de Los Zetas.", "es", ("Cártel del Noreste", "splinter_of", "Los Zetas"), False),
        ("La Tropa del Infierno es el brazo armado del Cártel del Noreste.", "es", ("Tropa del Infierno", "member_of", "Cártel del Noreste"), False),
        ("Según fuentes federales, el CJNG mantiene una guerra contra el Cártel de Sinaloa.", "es", (CJNG, "at_war_with", "Cártel de Sinaloa"), True),
        ("El Cártel del Golfo presuntamente está aliado con Los Zetas.", "es", ("Cártel del Golfo", "allied_with", "Los Zetas"), True),
        ("Los Chapitos, led by Iván Archivaldo Guzmán, have been fighting La Mayiza, officials said.", "en", ("Iván Archivaldo Guzmán Salazar", "leads", "Los Chapitos"), True),
        ("The Gulf Cartel is backed by corrupt officers of the Municipal Police.", "en", ("Police Forces of Mexico - Municipal Police", "supports", "Cártel del Golfo"), False),
    ],
)
def test_relation_sentences(analyse, text, lang, triple, hedged):
    _claims, relations, _mentions = analyse(text, lang)
    match = [r for r in relations if (r.subject, r.predicate, r.object) == triple]
    assert match, f"{triple} not in {_triples(relations)}"
    assert match[0].hedged is hedged


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Los Chapitos no son aliados de La Mayiza.", "es"),
        ("The Gulf Cartel is not allied with Los Zetas.", "en"),
        ("Gunmen clashed with soldiers in Culiacán.", "en"),  # generic actors are not nodes
        ("This could potentially escalate into a nightmarish war between the CJNG and the Sinaloa Cartel.", "en"),
        ("Los Zetas were founded by deserters from the Mexican Army.", "en"),  # the deserters, not the army
        ("John Podesta, a chief of staff to President Bill Clinton, led the transition team of Barack Obama.", "en"),
        ("Al Shabaab recaptured the town with the support of Kenyan soldiers.", "en"),  # "soldiers" is not Mexico's army here
    ],
)
def test_no_relation(analyse, text, lang):
    assert analyse(text, lang)[1] == []
