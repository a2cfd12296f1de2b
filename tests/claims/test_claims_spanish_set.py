"""A Spanish attribution set written for this project, scored like PolNeAR.

Sentences in the manner of Mexican crime reporting (fiscalía, vocero,
vecinos, medios locales, redes sociales, unnamed officials), each with what a
careful reader takes from it: (source, cue, content) as they appear in the
text. Sentences that report no claim ("exigieron seguridad", "nadie
reivindicó", events told by the writer) have none. Scored with the same
scorer as `sucesos eval claims`: exact match and 50% overlap.
"""

from __future__ import annotations

import pytest

from sucesos.eval.gold import AttributionAnswer, GoldItem
from sucesos.eval.score_claims import score_claims
from sucesos.model import Article, Claim

# (text, [(source, cue, content), ...]); None where the role is absent
SET = [
    ("La Fiscalía General del Estado informó que los cuerpos presentaban huellas de tortura.",
     [("La Fiscalía General del Estado", "informó", "que los cuerpos presentaban huellas de tortura")]),
    ("El vocero de Seguridad de Guerrero, Roberto Álvarez, dijo que el ataque fue dirigido contra policías estatales.",
     [("El vocero de Seguridad de Guerrero, Roberto Álvarez", "dijo", "que el ataque fue dirigido contra policías estatales")]),
    ("Vecinos de la colonia relataron que escucharon al menos veinte disparos.",
     [("Vecinos de la colonia", "relataron", "que escucharon al menos veinte disparos")]),
    ("Según medios locales, los agresores viajaban en dos camionetas blancas.",
     [("medios locales", "Según", "los agresores viajaban en dos camionetas blancas")]),
    ("De acuerdo con reportes en redes sociales, hubo bloqueos en tres carreteras.",
     [("reportes en redes sociales", "De acuerdo con", "hubo bloqueos en tres carreteras")]),
    ("Un funcionario que pidió el anonimato aseguró que la célula pertenece al Cártel del Noreste.",
     [("Un funcionario que pidió el anonimato", "aseguró", "que la célula pertenece al Cártel del Noreste")]),
    ("El fiscal Carlos Zamarripa afirmó que ya hay tres detenidos por el homicidio.",
     [("El fiscal Carlos Zamarripa", "afirmó", "que ya hay tres detenidos por el homicidio")]),
    ("La Secretaría de Seguridad Pública informó que los policías repelieron la agresión.",
     [("La Secretaría de Seguridad Pública", "informó", "que los policías repelieron la agresión")]),
    ("Los atacantes huyeron hacia la sierra, informó la Fiscalía.",
     [("la Fiscalía", "informó", "Los atacantes huyeron hacia la sierra")]),
    ("El alcalde declaró que el municipio no tiene policías suficientes.",
     [("El alcalde", "declaró", "que el municipio no tiene policías suficientes")]),
    ("Testigos señalaron que los hombres armados llevaban uniformes tácticos.",
     [("Testigos", "señalaron", "que los hombres armados llevaban uniformes tácticos")]),
    ("Según la Guardia Nacional, el convoy fue emboscado a la altura del kilómetro 40.",
     [("la Guardia Nacional", "Según", "el convoy fue emboscado a la altura del kilómetro 40")]),
    ("Fuentes de la Fiscalía indicaron que la víctima había denunciado amenazas.",
     [("Fuentes de la Fiscalía", "indicaron", "que la víctima había denunciado amenazas"),
      ("la víctima", "había denunciado", "amenazas")]),
    ("La madre del joven contó que su hijo salió a trabajar y no regresó.",
     [("La madre del joven", "contó", "que su hijo salió a trabajar y no regresó")]),
    ("El gobernador reconoció que la violencia aumentó en la región durante el último año.",
     [("El gobernador", "reconoció", "que la violencia aumentó en la región durante el último año")]),
    ("La Secretaría de Marina informó que aseguró dos toneladas de metanfetamina.",
     [("La Secretaría de Marina", "informó", "que aseguró dos toneladas de metanfetamina")]),
    ("El Ejército reportó que localizó un laboratorio clandestino en la sierra.",
     [("El Ejército", "reportó", "que localizó un laboratorio clandestino en la sierra")]),
    ("De acuerdo con la Fiscalía, el detenido confesó su participación en el secuestro.",
     [("la Fiscalía", "De acuerdo con", "el detenido confesó su participación en el secuestro")]),
    ("El director de la policía municipal explicó que los agentes fueron atacados durante un patrullaje.",
     [("El director de la policía municipal", "explicó", "que los agentes fueron atacados durante un patrullaje")]),
    ("«Nos quitaron todo», dijo una comerciante del mercado.",
     [("una comerciante del mercado", "dijo", "«Nos quitaron todo»")]),
    ("Habitantes de la comunidad denunciaron que un grupo armado quemó sus viviendas.",
     [("Habitantes de la comunidad", "denunciaron", "que un grupo armado quemó sus viviendas")]),
    ("Según el diario Reforma, el detenido operaba para el Cártel de Sinaloa.",
     [("el diario Reforma", "Según", "el detenido operaba para el Cártel de Sinaloa")]),
    ("La Comisión Estatal de Derechos Humanos advirtió que los desplazados carecen de alimentos.",
     [("La Comisión Estatal de Derechos Humanos", "advirtió", "que los desplazados carecen de alimentos")]),
    ("El secretario de Gobierno aseguró que la situación está bajo control.",
     [("El secretario de Gobierno", "aseguró", "que la situación está bajo control")]),
    ("Familiares de los desaparecidos afirmaron que las autoridades no los han buscado.",
     [("Familiares de los desaparecidos", "afirmaron", "que las autoridades no los han buscado")]),
    ("Según testigos, los agresores dispararon desde una motocicleta.",
     [("testigos", "Según", "los agresores dispararon desde una motocicleta")]),
    ("El vocero del Gabinete de Seguridad indicó que se desplegaron 300 elementos en la zona.",
     [("El vocero del Gabinete de Seguridad", "indicó", "que se desplegaron 300 elementos en la zona")]),
    ("Autoridades estatales confirmaron que tres de los muertos eran menores de edad.",
     [("Autoridades estatales", "confirmaron", "que tres de los muertos eran menores de edad")]),
    ("El párroco del pueblo dijo que las familias viven con miedo.",
     [("El párroco del pueblo", "dijo", "que las familias viven con miedo")]),
    ("Un agente ministerial, quien pidió no ser identificado, reveló que el penal está controlado por el grupo criminal.",
     [("Un agente ministerial, quien pidió no ser identificado", "reveló", "que el penal está controlado por el grupo criminal")]),
    ("La presidenta municipal denunció que recibió amenazas de muerte.",
     [("La presidenta municipal", "denunció", "que recibió amenazas de muerte")]),
    ("El comisionado de seguridad precisó que el enfrentamiento duró más de dos horas.",
     [("El comisionado de seguridad", "precisó", "que el enfrentamiento duró más de dos horas")]),
    ("Un sobreviviente narró que los sicarios preguntaban por el dueño del bar.",
     [("Un sobreviviente", "narró", "que los sicarios preguntaban por el dueño del bar")]),
    ("De acuerdo con el reporte policial, el vehículo tenía reporte de robo.",
     [("el reporte policial", "De acuerdo con", "el vehículo tenía reporte de robo")]),
    ("La Fiscalía señaló que no descarta ninguna línea de investigación.",
     [("La Fiscalía", "señaló", "que no descarta ninguna línea de investigación"),
      ("La Fiscalía", "descarta", "ninguna línea de investigación")]),
    # no claim of anyone: demands, denials of attribution, negated cues, events told by the writer
    ("Los manifestantes exigieron seguridad y justicia para las víctimas.", []),
    ("Decenas de vecinos bloquearon la carretera para exigir la liberación de los detenidos.", []),
    ("Los familiares pidieron seguridad durante el funeral.", []),
    ("La Fiscalía no informó sobre detenidos.", []),
    ("Un comando armado irrumpió en una vivienda y asesinó a cuatro personas.", []),
    ("Los cuerpos fueron hallados en una brecha cerca de la carretera federal.", []),
    ("Elementos de la Guardia Nacional patrullaron la zona durante la madrugada.", []),
    ("Hasta el momento las autoridades no han identificado a las víctimas.", []),
]

# a statement that no one claimed it: a claim with no source, or none at all
NOBODY = [
    "Ningún grupo se ha atribuido el ataque.",
    "Nadie reivindicó el atentado contra la comandancia.",
    "Hasta el momento ningún grupo criminal se ha adjudicado la agresión.",
]


def _offsets(text: str, phrase: str | None) -> tuple[int, int] | None:
    if phrase is None:
        return None
    start = text.index(phrase)
    return start, start + len(phrase)


def _as_dict(span) -> dict | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


@pytest.fixture(scope="module")
def report(claims_of):
    gold, predictions = [], {}
    for n, (text, answers) in enumerate(SET):
        key = f"es{n}"
        attributions = [AttributionAnswer(*(_offsets(text, phrase) for phrase in answer)) for answer in answers]
        gold.append(GoldItem(id=key, line=n + 1, article=Article(id=key, text=text, lang="es"), answer=attributions))
        claims: list[Claim] = claims_of(text, "es")
        predictions[key] = {"claims": [{role: _as_dict(getattr(c, role)) for role in ("source", "cue", "content")} for c in claims]}
    return score_claims(gold, predictions)


def test_the_set_is_large_enough():
    assert len(SET) + len(NOBODY) >= 40
    assert sum(bool(answers) for _text, answers in SET) >= 30


def test_spanish_set_exact_match(report):
    figures = report["figures"]
    # measured 2026-12 on this set: see the closing note of issue 16
    assert figures["source_exact_f1"] >= 0.85
    assert figures["cue_exact_f1"] >= 0.90
    assert figures["content_exact_f1"] >= 0.75


def test_spanish_set_half_overlap(report):
    figures = report["figures"]
    assert figures["source_overlap50_f1"] >= 0.90
    assert figures["content_overlap50_f1"] >= 0.85


def test_sentences_without_claims_yield_none(claims_of):
    for text, answers in SET:
        if not answers:
            assert claims_of(text, "es") == [], text


@pytest.mark.parametrize("text", NOBODY)
def test_no_one_claimed_it_has_no_source(claims_of, text):
    claims = claims_of(text, "es")
    assert all(c.source is None and c.source_type == "unattributed" and not c.hedged for c in claims)
    assert not any(c.source is not None and c.source.text.lower().startswith(("ningún", "nadie")) for c in claims)
