"""Spanish attributions: según, de acuerdo con, fuentes, conditional hedges (≥ 30 cases)."""

from __future__ import annotations

import pytest

# (sentence, source text, cue text, source_type, hedged, a phrase the content holds)
# An unnamed source is not a hedge by itself ("testigos relataron"); one relayed by another
# outlet ("fuentes ... citadas por El Universal") is, and so are hedge words and the conditional.
CASES = [
    ("Según fuentes de la Fiscalía, el CJNG habría atacado a los policías.", "fuentes de la Fiscalía", "Según", "anonymous", True, "habría atacado"),
    ("El secretario de Seguridad, Juan Pérez, dijo que los agresores huyeron hacia Jalisco.", "El secretario de Seguridad, Juan Pérez", "dijo", "named_person", False, "los agresores huyeron"),
    ("Los agresores huyeron, informó la policía.", "la policía", "informó", "named_org", False, "Los agresores huyeron"),
    ("De acuerdo con el diario Reforma, el grupo está en guerra con el CJNG.", "el diario Reforma", "De acuerdo con", "outlet", False, "en guerra con el CJNG"),
    ("«No vamos a parar», dijo el vocero.", "el vocero", "dijo", "named_person", False, "No vamos a parar"),
    ("Los hombres armados huyeron, según informó la Fiscalía.", "la Fiscalía", "informó", "named_org", False, "hombres armados huyeron"),
    ("El alcalde aseguró a Milenio que la situación está controlada.", "El alcalde", "aseguró", "named_person", False, "la situación está controlada"),
    ("Fuentes de seguridad citadas por El Universal afirmaron que el ataque fue planeado.", "Fuentes de seguridad", "afirmaron", "anonymous", True, "el ataque fue planeado"),
    ("El gobernador señaló que no habrá impunidad.", "El gobernador", "señaló", "named_person", False, "no habrá impunidad"),
    ("Testigos relataron que escucharon disparos durante la madrugada.", "Testigos", "relataron", "anonymous", False, "escucharon disparos"),
    ("La Secretaría de Marina informó que detuvo a tres personas.", "La Secretaría de Marina", "informó", "named_org", False, "detuvo a tres personas"),
    ("A decir de los vecinos, el enfrentamiento duró dos horas.", "los vecinos", "A decir de", "anonymous", False, "duró dos horas"),
    ("De acuerdo con autoridades estatales, los cuerpos presentaban impactos de bala.", "autoridades estatales", "De acuerdo con", "anonymous", False, "impactos de bala"),
    ("Según el reporte de la agencia EFE, los enfrentamientos continuaron hasta la noche.", "el reporte de la agencia EFE", "Según", "outlet", False, "continuaron hasta la noche"),
    ("La Guardia Nacional afirmó que sus elementos repelieron la agresión.", "La Guardia Nacional", "afirmó", "named_org", False, "repelieron la agresión"),
    ("Funcionarios federales dijeron que los detenidos presuntamente pertenecen al Cártel del Golfo.", "Funcionarios federales", "dijeron", "anonymous", True, "pertenecen al Cártel del Golfo"),
    ("El fiscal estatal declaró que la víctima habría sido secuestrada días antes.", "El fiscal estatal", "declaró", "named_person", True, "habría sido secuestrada"),
    ("Según la Secretaría de la Defensa Nacional, los militares fueron emboscados.", "la Secretaría de la Defensa Nacional", "Según", "named_org", False, "fueron emboscados"),
    ("La presidenta municipal denunció que recibió amenazas del crimen organizado.", "La presidenta municipal", "denunció", "named_person", False, "recibió amenazas"),
    ("Pobladores explicaron que los desplazados se refugiaron en la cabecera municipal.", "Pobladores", "explicaron", "anonymous", False, "se refugiaron"),
    ("El vocero de Seguridad indicó que el grupo criminal supuestamente usaba drones.", "El vocero de Seguridad", "indicó", "named_person", True, "usaba drones"),
    ("De acuerdo con fuentes militares, los explosivos estaban enterrados en el camino.", "fuentes militares", "De acuerdo con", "anonymous", False, "estaban enterrados"),
    ("La Fiscalía General de la República informó que abrió una carpeta de investigación.", "La Fiscalía General de la República", "informó", "named_org", False, "abrió una carpeta"),
    ("Un testigo contó que los atacantes llegaron en tres camionetas.", "Un testigo", "contó", "anonymous", False, "llegaron en tres camionetas"),
    ("Según Proceso, la célula delictiva podría estar vinculada con Los Viagras.", "Proceso", "Según", "outlet", True, "vinculada con Los Viagras"),
    ("El Ejército Mexicano reportó que aseguró armas y cartuchos.", "El Ejército Mexicano", "reportó", "named_org", False, "aseguró armas"),
    ("Familiares de las víctimas aseguraron que los jóvenes no tenían antecedentes.", "Familiares de las víctimas", "aseguraron", "anonymous", False, "no tenían antecedentes"),
    ("El gobernador Alfredo Ramírez reconoció que la violencia aumentó en la región.", "El gobernador Alfredo Ramírez", "reconoció", "named_person", False, "la violencia aumentó"),
    ("Investigadores sostienen que el ataque habría sido ordenado desde Jalisco.", "Investigadores", "sostienen", "anonymous", True, "habría sido ordenado"),
    ("«Estamos trabajando para recuperar la paz», afirmó el secretario.", "el secretario", "afirmó", "named_person", False, "recuperar la paz"),
    ("Según medios locales, al menos cinco personas resultaron heridas.", "medios locales", "Según", "outlet", False, "cinco personas resultaron heridas"),
    ("La policía municipal señaló que los agresores presuntamente eran integrantes de una célula criminal.", "La policía municipal", "señaló", "named_org", True, "eran integrantes"),
    ("La agrupación criminal habría cobrado cuotas a comerciantes, reveló una investigación de Animal Político.", "una investigación de Animal Político", "reveló", "outlet", True, "cobrado cuotas"),
    ("El Ejército informó en un comunicado que aseguró un arsenal en una casa de seguridad.", "El Ejército", "informó", "named_org", False, "aseguró un arsenal"),
    ("«No hay condiciones para regresar», lamentó una mujer desplazada.", "una mujer desplazada", "lamentó", "anonymous", False, "No hay condiciones"),
    ("Fuentes castrenses consultadas por Proceso indicaron que el convoy fue emboscado con explosivos.", "Fuentes castrenses", "indicaron", "anonymous", True, "el convoy fue emboscado"),
    ("—No vamos a permitir más violencia —dijo el gobernador—. Habrá justicia.", "el gobernador", "dijo", "named_person", False, "No vamos a permitir"),
    ("“Llegaron disparando”, contó una vecina a este diario.", "una vecina", "contó", "anonymous", False, "Llegaron disparando"),
]


@pytest.mark.parametrize("sentence,source,cue,source_type,hedged,content", CASES)
def test_spanish_attribution(claims_of, sentence, source, cue, source_type, hedged, content):
    claims = [c for c in claims_of(sentence, "es") if c.cue is not None and c.cue.text == cue]
    assert claims, f"no claim with cue {cue!r} in {sentence!r}: {claims_of(sentence, 'es')}"
    claim = claims[0]
    assert claim.source is not None and claim.source.text == source
    assert claim.source_type == source_type
    assert claim.hedged is hedged
    assert claim.content is not None and content in claim.content.text
    assert claim.opinion is False


def test_spanish_conditional_without_source_is_hedged_unattributed(claims_of):
    claims = claims_of("El Cártel del Golfo habría reclutado a jóvenes en Reynosa.", "es")
    assert len(claims) == 1
    assert claims[0].source is None and claims[0].source_type == "unattributed"
    assert claims[0].hedged and not claims[0].opinion
    assert claims[0].cue.text == "habría"


def test_dropped_subject_takes_the_speaker_named_before(claims_of):
    claims = claims_of("El gobernador Alfredo Ramírez habló con la prensa. Afirmó que no habrá impunidad.", "es")
    claim = next(c for c in claims if c.cue and c.cue.text == "Afirmó")
    assert claim.source.text == "El gobernador Alfredo Ramírez"
    assert claim.source_type == "named_person"


def test_relayed_source_keeps_its_outlet_in_via(claims_of):
    claims = claims_of("Fuentes de seguridad citadas por El Universal afirmaron que el ataque fue planeado.", "es")
    claim = next(c for c in claims if c.cue and c.cue.text == "afirmaron")
    assert claim.via == [{"name": "El Universal", "type": "outlet", "start": 33, "end": 45, "text": "El Universal"}]


def test_writer_speculation_is_opinion(claims_of):
    claims = claims_of("La violencia podría escalar hasta convertirse en una pesadilla para la región.", "es")
    assert len(claims) == 1 and claims[0].opinion and claims[0].hedged
