"""Actor canonicalisation: aliases, acronyms, misspellings, and groups never merged."""

from __future__ import annotations

import pytest

from sucesos.actors.fuzzy import FuzzyMatcher
from sucesos.actors.lexicon import load_lexicon
from sucesos.errors import ConfigError


@pytest.fixture(scope="module")
def matcher():
    return FuzzyMatcher(load_lexicon())


@pytest.fixture(scope="module")
def mentions_of(resources):
    from sucesos.actors.component import find_mentions
    from sucesos.pipeline import Analysis

    def run(text: str, lang: str):
        doc = resources.nlp(lang)(text)
        return find_mentions(Analysis({"doc": doc, "text": text, "lang": lang}), resources)["mentions"]

    return run


@pytest.mark.parametrize(
    "written,actor_id",
    [
        ("CNJG", "cjng"),  # letters swapped
        ("Cartel Jalisco Nueva Generacón", "cjng"),
        ("Cartel del Goflo", "gulf_cartel"),
        ("Familia Michoacna", "la_familia_michoacana"),
        ("La Nueva Familia Michoacna", "la_nueva_familia_michoacana"),
        ("Nemesio Oseguera Cervantez", "el_mencho"),
        ("Cárteles Unidas", "carteles_unidos"),
    ],
)
def test_misspellings_find_their_actor(matcher, written, actor_id):
    assert matcher.match(written).actor.id == actor_id


@pytest.mark.parametrize(
    "written,not_this",
    [
        ("Cártel del Golfo", "cdn"),
        ("Cártel del Noreste", "gulf_cartel"),
        ("Nueva Familia Michoacana", "la_familia_michoacana"),
        ("Familia Michoacana", "la_nueva_familia_michoacana"),
    ],
)
def test_similar_groups_are_never_merged(matcher, written, not_this):
    found = matcher.match(written)
    assert found is not None and found.actor.id != not_this


@pytest.mark.parametrize("written", ["CNN", "CDH", "Los Setas", "Los Rusos", "Jalisco", "Cartel del Sur"])
def test_unknown_or_ambiguous_names_get_no_actor(matcher, written):
    assert matcher.match(written) is None


def test_spanish_mentions_are_canonical(mentions_of):
    text = (
        "El Cartel Jalisco Nueva Generacón y la Nueva Familia Michoacana se enfrentaron. "
        "La Línea y Gente Nueva operan en Chihuahua; el gobernador dijo que la línea de investigación sigue abierta. "
        "Juan Pérez fue detenido por la Policía Ministerial y la Guardia Nacional."
    )
    found = {m.text: m for m in mentions_of(text, "es")}
    assert found["Cartel Jalisco Nueva Generacón"].actor_id == "cjng"
    assert found["Cartel Jalisco Nueva Generacón"].source == "fuzzy"
    assert found["la Nueva Familia Michoacana"].actor_id == "la_nueva_familia_michoacana"
    assert found["La Línea"].actor_id == "juarez_cartel"
    assert "la línea" not in found  # the ordinary phrase is not the cartel
    assert found["Gente Nueva"].label == "ARMED_GROUP"
    assert found["Juan Pérez"].label == "PERSON"  # the Spanish model's PER, in the shared vocabulary
    assert found["Policía Ministerial"].label == "STATE_FORCE"
    for mention in found.values():
        assert text[mention.start : mention.end] == mention.text


def test_people_with_aliases(mentions_of):
    found = {m.text: m for m in mentions_of("Joaquín “El Chapo” Guzmán and El Mencho were named; the CNJG denied it.", "en")}
    assert found["Joaquín “El Chapo” Guzmán"].actor_id == "el_chapo"
    assert found["El Mencho"].canonical == "Nemesio Rubén Oseguera Cervantes"
    assert found["CNJG"].actor_id == "cjng"


def test_user_lexicon_adds_and_replaces(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- id: los_nuevos\n  name: Los Nuevos del Valle\n  type: armed_group\n  inter: Political militia\n"
        "  aliases: [Los Nuevos del Valle]\n  misspellings: [Los Nuebos del Valle]\n"
        "- id: cjng\n  name: CJNG (my name)\n  type: armed_group\n  acronyms: [CJNG]\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon((extra,))
    assert lexicon.get("los_nuevos").name == "Los Nuevos del Valle"
    assert lexicon.get("cjng").name == "CJNG (my name)"
    assert FuzzyMatcher(lexicon).match("Los Nuebos del Vallle").actor.id == "los_nuevos"


def test_bad_user_lexicon_says_what_to_fix(tmp_path):
    extra = tmp_path / "bad.yaml"
    extra.write_text("- id: x\n  name: X\n  type: gang\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown type 'gang'"):
        load_lexicon((extra,))
