"""Municipalities listed together, and colonias of an article that names no town (issue #14)."""

from __future__ import annotations


def test_municipalities_listed_together_are_peers_not_qualifiers(extract):
    # ", Etchojoa" after "Huatabampo" is the next item of a list, not the municipality Huatabampo lies in
    text = "Brigadas de Navojoa, Huatabampo, Obregón y Guaymas limpiaron las calles tras las lluvias en el sur de Sonora."
    places = {p.text: p for p in extract(text, lang="es").places}
    for name in ("Navojoa", "Huatabampo"):
        assert places[name].admin1 == "Sonora" and places[name].latitude is not None


def test_a_town_qualified_by_its_state_keeps_its_qualifier(extract):
    text = "Hombres armados atacaron un bar en Navojoa, Sonora, la noche del sábado."
    places = {p.text: p for p in extract(text, lang="es").places}
    navojoa = next(p for t, p in places.items() if t.startswith("Navojoa"))
    assert navojoa.admin1 == "Sonora" and navojoa.admin2 == "Navojoa"


def test_colonias_of_an_article_without_a_town_share_their_municipality(extract):
    # SEPOMEX: a colonia "Cajeme" exists in Cajeme and in San José Iturbide; "Sochiloa" only in
    # Cajeme; the article names no town, so its colonias and its street are Cajeme's
    text = (
        "Roban una tienda en la colonia Cajeme\n"
        "Los asaltantes huyeron por la calle Náinari. Fueron detenidos en la colonia Sochiloa por agentes municipales."
    )
    places = extract(text, lang="es").places
    colonia = next(p for p in places if p.text == "colonia Cajeme")
    assert (colonia.admin1, colonia.admin2) == ("Sonora", "Cajeme")
    street = next(p for p in places if p.text.startswith("calle Náinari"))
    assert street.admin2 == "Cajeme"


def test_one_colonia_of_many_municipalities_stays_unresolved(extract):
    # "colonia Doctores" alone: Toluca's, Uruapan's, Pachuca's ... nothing says which
    text = "Detienen a un hombre en la colonia Doctores tras un asalto a un taxista."
    colonia = next(p for p in extract(text, lang="es").places if "Doctores" in p.text)
    assert colonia.latitude is None
