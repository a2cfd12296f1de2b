"""Pre-fill the country coding of CEGEOMEX dev's gold place spans (a draft for a reader).

    python bench/prefill_countries.py ../shared/data/places/cegeomex-dev.jsonl > draft.jsonl

One line per gold span: {id, start, end, text, country, coded}. `country` is the
ISO 3166-1 alpha-3 code of the country the text means (null: a place of no
single country, such as "Europa", "Caribe", "Océano Pacífico"). `coded` says how:
"prefill" when this script's rule settled it, "todo" when a person must read it.

The rule is deliberately narrow: a span is pre-filled as Mexico only when it
names a Mexican state (or its abbreviation) or is a Mexican sub-municipal or
administrative phrase ("colonia ...", "municipio de ...", "calle ..."), and its
article names nothing that a reader would have to check (every span of an
article with any unsettled span is left to the reader, so "calle Red River" in an
article about Austin is read, not guessed). Everything else is read by hand and
coded "read" in bench/data/cegeomex-dev-countries.jsonl. This is evaluation data:
nothing in sucesos/ reads it.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata

STATES = (
    "aguascalientes", "baja california", "baja california sur", "baja californias", "campeche", "chiapas",
    "chihuahua", "ciudad de mexico", "coahuila", "colima", "durango", "estado de mexico", "guanajuato",
    "guerrero", "hidalgo", "jalisco", "michoacan", "morelos", "nayarit", "nuevo leon", "oaxaca", "puebla",
    "queretaro", "quintana roo", "san luis potosi", "sinaloa", "sonora", "tabasco", "tamaulipas", "tlaxcala",
    "veracruz", "yucatan", "zacatecas", "distrito federal", "mexico", "republica mexicana", "df", "cdmx",
)
ABBREVIATIONS = ("son.", "mich.", "gro.", "jal.", "chis.", "sin.", "mex.", "tab.", "col.", "oax.", "mor.",
                 "qro.", "chih.", "tamps.", "dgo.", "ver.", "slp")
# Mexican administrative and street vocabulary at the head of a span.
HEADS = ("colonia", "calle", "calles", "callejon", "bulevar", "boulevard", "avenida", "fraccionamiento",
         "municipio", "comisaria", "ejido", "sindicatura", "comunidad", "poblado", "carretera", "tramo",
         "kilometro", "cabecera municipal", "tenencia", "localidad", "delegacion", "infonavit", "cereso")
FOREIGN_MARKERS = ("nuevo mexico",)  # "Nuevo México" is a US state, whatever "México" says


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def obviously_mexican(text: str) -> bool:
    folded = fold(text).strip(" .")
    if any(marker in folded for marker in FOREIGN_MARKERS):
        return False
    words = re.findall(r"[a-z]+\.?", folded)
    joined = " ".join(w.rstrip(".") for w in words)
    if any(re.search(rf"\b{re.escape(state)}\b", joined) for state in STATES):
        return True
    if any(w in ABBREVIATIONS for w in words) or folded.endswith(", slp"):
        return True
    return any(folded.startswith(head + " ") for head in HEADS)


def main(path: str) -> None:
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        spans = record["gold"]["places"]
        settled = all(obviously_mexican(span["text"]) for span in spans)
        for span in spans:
            prefilled = settled and obviously_mexican(span["text"])
            print(json.dumps({
                "id": record["id"], "start": span["start"], "end": span["end"], "text": span["text"],
                "country": "MEX" if prefilled else None, "coded": "prefill" if prefilled else "todo",
            }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
