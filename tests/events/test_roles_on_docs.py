"""Who did what to whom, on hand-built parses: the rules are tested on the
syntax they read (words, heads, deps, tags), so a new spaCy model cannot
silently change what these tests check."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sucesos.events.roles import agent_and_patient

VOCAB = {"en": spacy.blank("en").vocab, "es": spacy.blank("es").vocab}


def parse(lang: str, rows: list[tuple]) -> Doc:
    """rows: (word, head index, dep, pos[, morph]); the root heads itself."""
    words = [r[0] for r in rows]
    return Doc(
        VOCAB[lang], words=words, heads=[r[1] for r in rows], deps=[r[2] for r in rows], pos=[r[3] for r in rows],
        morphs=[r[4] if len(r) > 4 else "" for r in rows],
    )


def test_active_clause_subject_is_agent_object_is_patient():
    doc = parse("en", [("Gunmen", 1, "nsubj", "NOUN"), ("killed", 1, "ROOT", "VERB"), ("three", 3, "nummod", "NUM"), ("officers", 1, "dobj", "NOUN")])
    agent, patient = agent_and_patient(doc[1], "en")
    assert (agent.text, patient.text) == ("Gunmen", "officers")


def test_passive_clause_the_by_phrase_is_agent_and_the_subject_the_victim():
    doc = parse("en", [
        ("Officers", 2, "nsubjpass", "NOUN"), ("were", 2, "auxpass", "AUX"), ("ambushed", 2, "ROOT", "VERB"),
        ("by", 2, "agent", "ADP"), ("gunmen", 3, "pobj", "NOUN"),
    ])  # fmt: skip
    agent, patient = agent_and_patient(doc[2], "en")
    assert (agent.text, patient.text) == ("gunmen", "Officers")


def test_a_participle_clause_borrows_the_main_clause_subject():
    # "Gunmen attacked a patrol, killing two officers": the killers are the attackers.
    doc = parse("en", [
        ("Gunmen", 1, "nsubj", "NOUN"), ("attacked", 1, "ROOT", "VERB"), ("a", 3, "det", "DET"), ("patrol", 1, "dobj", "NOUN"),
        (",", 1, "punct", "PUNCT"), ("killing", 1, "advcl", "VERB"), ("two", 7, "nummod", "NUM"), ("officers", 5, "dobj", "NOUN"),
    ])  # fmt: skip
    agent, patient = agent_and_patient(doc[5], "en")
    assert (agent.text, patient.text) == ("Gunmen", "officers")


def test_spanish_personal_a_object_is_the_victim_and_por_names_the_agent_of_a_passive():
    active = parse("es", [
        ("Sicarios", 1, "nsubj", "NOUN"), ("asesinaron", 1, "ROOT", "VERB"), ("a", 4, "case", "ADP"), ("dos", 4, "nummod", "NUM"), ("policías", 1, "obj", "NOUN"),
    ])  # fmt: skip
    agent, patient = agent_and_patient(active[1], "es")
    assert (agent.text, patient.text) == ("Sicarios", "policías")
    passive = parse("es", [
        ("Dos", 1, "nummod", "NUM"), ("policías", 3, "nsubj", "NOUN"), ("fueron", 3, "aux", "AUX"),
        ("emboscados", 3, "ROOT", "VERB", "VerbForm=Part"), ("por", 5, "case", "ADP"), ("sicarios", 3, "obl", "NOUN"),
    ])  # fmt: skip
    passive[2].lemma_ = "ser"
    agent, patient = agent_and_patient(passive[3], "es")
    assert (agent.text, patient.text) == ("sicarios", "policías")


def test_a_date_after_on_is_no_target():
    # "Gunmen opened fire on Monday": Monday is when, not whom.
    doc = parse("en", [
        ("Gunmen", 1, "nsubj", "NOUN"), ("opened", 1, "ROOT", "VERB"), ("fire", 1, "dobj", "NOUN"), ("on", 1, "prep", "ADP"), ("Monday", 3, "pobj", "PROPN"),
    ])  # fmt: skip
    doc.ents = [doc.char_span(doc[4].idx, doc[4].idx + 6, label="DATE")]
    agent, patient = agent_and_patient(doc[1], "en", trigger_tokens=frozenset({2}))
    assert agent.text == "Gunmen" and patient is None
