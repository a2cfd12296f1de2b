"""A Spanish test set: short reports covering every sub-event type sucesos supports,
casualties in words and digits, negation and hypotheticals. Written for these tests."""

from __future__ import annotations

import pytest

from .reports import assert_first_event

# (text, sub_event_type or None for no event, expected fields)
REPORTS = [
    # Battles
    ("Militares y sicarios se enfrentaron durante dos horas en Coalcomán; murieron seis presuntos delincuentes.", "Armed clash", {"fatalities": 6}),
    ("Hombres armados atacaron a policías municipales en Tepalcatepec; tres agentes murieron.", "Armed clash", {"fatalities": 3, "inter1": "Political militia", "inter2": "State forces"}),
    ("Los soldados fueron emboscados por sicarios en Aguililla; una decena de militares resultaron heridos.", "Armed clash", {"injuries": 10, "inter2": "State forces"}),
    ("Un enfrentamiento entre la Guardia Nacional y un grupo armado dejó cuatro muertos en Zitácuaro.", "Armed clash", {"fatalities": 4}),
    ("El Ejército recuperó el control de la cabecera municipal de Aguililla tras varios días de combates.", "Government regains territory", {"inter1": "State forces"}),
    ("Sicarios del CJNG tomaron el control de tres comunidades de la sierra de Coalcomán.", "Non-state actor overtakes territory", {"inter1": "Political militia"}),
    # Explosions/Remote violence
    ("Un dron arrojó explosivos sobre una comunidad de Aguililla y dejó dos heridos.", "Air/drone strike", {"injuries": 2}),
    ("El CJNG atacó con drones explosivos a la población de Tepalcatepec.", "Air/drone strike", {"inter1": "Political militia"}),
    ("Una mina terrestre explotó al paso de un vehículo militar y hirió a cuatro soldados.", "Remote explosive/landmine/IED", {"injuries": 4}),
    ("Un coche bomba estalló frente a la comandancia de policía de Celaya.", "Remote explosive/landmine/IED", {}),
    ("Desconocidos lanzaron una granada contra las instalaciones de la policía en Uruapan.", "Grenade", {}),
    ("Un atacante arrojó dos granadas contra un bar y mató a tres personas.", "Grenade", {"fatalities": 3}),
    ("Grupos armados dispararon cohetes y morteros contra la base militar.", "Shelling/artillery/missile attack", {}),
    ("Un terrorista suicida se inmoló en un mercado y mató a doce personas.", "Suicide bomb", {"fatalities": 12}),
    ("Fuerzas del gobierno lanzaron un ataque químico con gas cloro contra la población civil.", "Chemical weapon", {}),
    # Violence against civilians
    ("Sicarios asesinaron a cinco personas en un bar de Celaya.", "Attack", {"fatalities": 5, "inter2": "Civilians"}),
    ("Hombres armados irrumpieron en una fiesta y mataron a una decena de jóvenes.", "Attack", {"fatalities": 10}),
    ("Un comando armado disparó contra una familia en Salvatierra; murió un niño.", "Attack", {"fatalities": 1}),
    ("Un grupo armado secuestró a dos comerciantes en Zitácuaro.", "Abduction/forced disappearance", {}),
    ("Hombres armados privaron de la libertad a un periodista en Guerrero.", "Abduction/forced disappearance", {}),
    ("Militares fueron acusados de la violación de dos mujeres indígenas en Chiapas.", "Sexual violence", {}),
    # Protests
    ("Decenas de manifestantes marcharon en Morelia para exigir la aparición de los normalistas.", "Peaceful protest", {"fatalities": None, "inter1": "Protesters"}),
    ("Cientos de maestros realizaron un plantón frente al Congreso del estado.", "Peaceful protest", {}),
    ("La policía dispersó con gas lacrimógeno a los manifestantes frente al palacio municipal.", "Protest with intervention", {}),
    ("Policías antimotines desalojaron a los inconformes que protestaban en la plaza y detuvieron a diez.", "Protest with intervention", {}),
    ("La Guardia Nacional abrió fuego contra manifestantes y mató a dos de ellos.", "Excessive force against protesters", {"fatalities": 2}),
    # Riots
    ("Manifestantes encapuchados lanzaron bombas molotov contra la fachada del palacio de gobierno.", "Violent demonstration", {}),
    ("Durante la protesta, un grupo de manifestantes saqueó comercios y quemó patrullas.", "Violent demonstration", {}),
    ("Pobladores enfurecidos lincharon a un presunto ladrón en Puebla.", "Mob violence", {}),
    ("Una turba golpeó y quemó vivo a un hombre acusado de robo de niños.", "Mob violence", {}),
    # Strategic developments
    ("Militares desactivaron cinco minas terrestres en un camino de Aguililla.", "Disrupted weapons use", {"fatalities": None}),
    ("Elementos de la Guardia Nacional aseguraron 20 armas largas y dos granadas en Apatzingán.", "Disrupted weapons use", {}),
    ("La policía detuvo al alcalde de Tepalcatepec por sus presuntos vínculos con el CJNG.", "Arrests", {}),
    ("La Fiscalía informó la detención de un líder de los Viagras en Apatzingán.", "Arrests", {}),
    ("Las autodefensas y el gobierno firmaron un acuerdo para establecer una tregua en la región.", "Agreement", {}),
    ("El Ejército instaló una base de operaciones en la tenencia de El Aguaje.", "Headquarters or base established", {}),
    ("La Sedena desplegó a 500 elementos más en Michoacán como refuerzo.", "Change to group/activity", {}),
    ("La Guardia Nacional se retiró del poblado y lo entregó a la policía comunitaria sin resistencia.", "Non-violent transfer of territory", {}),
    ("Un grupo armado incendió cinco viviendas y varios vehículos en la comunidad.", "Looting/property destruction", {}),
    ("Un hombre fue asesinado a balazos por sujetos armados en la colonia Centro de Uruapan.", "Attack", {"fatalities": 1, "inter1": "Political militia", "inter2": "Civilians"}),
    ("Elementos de la Secretaría de Marina fueron atacados a balazos en Culiacán; un marino murió.", "Armed clash", {"fatalities": 1, "inter1": "Political militia", "inter2": "State forces"}),
    ("Tres policías resultaron lesionados tras ser emboscados por un comando armado.", "Armed clash", {"injuries": 3, "fatalities": 0, "inter2": "State forces"}),
    ("Civiles armados quemaron vehículos en Apatzingán tras la detención de un líder criminal.", "Looting/property destruction", {"inter1": "Political militia"}),
    # no event
    ("El Ejército aseguró 500 kilos de cocaína en un rancho de Sinaloa.", None, {}),
    ("Un sismo de magnitud 7 sacudió Michoacán y dejó dos muertos.", None, {}),
    ("El canciller se reunió con el embajador de Estados Unidos en una visita oficial.", None, {}),
    ("En lo que va del año se han registrado más de 1,200 homicidios en Guanajuato.", None, {}),
    # casualties, negation, hypotheticals
    ("Sicarios dispararon contra una patrulla de la policía estatal en Zamora; no hubo heridos.", "Armed clash", {"injuries": 0}),
    ("Al menos tres personas murieron y decenas resultaron heridas tras el ataque armado contra un bar.", "Attack", {"fatalities": 3, "injuries": 10}),
    ("El CJNG podría atacar la cabecera municipal en los próximos días.", "Attack", {"modality": "hypothetical"}),
    ("Los pobladores no fueron atacados por el grupo armado, aclaró la fiscalía.", "Attack", {"modality": "negated"}),
]


@pytest.mark.parametrize("text,sub_type,fields", REPORTS, ids=[f"{i:02d}:{r[1]}" for i, r in enumerate(REPORTS)])
def test_spanish_report(extract, text, sub_type, fields):
    extraction = extract(text)
    assert extraction.lang == "es", extraction.error
    assert_first_event(extraction, sub_type, fields)


def test_set_covers_every_supported_sub_type():
    from sucesos.events.lexicon import load_event_lexicon

    covered = {r[1] for r in REPORTS if r[1]}
    supported = {name for name, sub in load_event_lexicon().sub_types.items() if sub.patterns or sub.role_rule}
    assert supported - {"Other"} <= covered
    assert len(REPORTS) >= 40


@pytest.mark.parametrize(
    "text",
    [
        "El presidente atacó a la oposición durante su conferencia matutina.",
        "Morena y el PAN alcanzaron un acuerdo para aprobar el presupuesto.",
        "Murió el cantante a los 80 años en su casa de Guadalajara.",
        "Miles de aficionados se concentraron en el Ángel de la Independencia para celebrar el triunfo.",
        "El Congreso aprobó la reforma que crea la Guardia Nacional.",
    ],
)
def test_spanish_everyday_news_is_no_event(extract, text):
    assert extract(text).events == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Cientos de vecinos marcharon pacíficamente este miércoles por el centro de Apatzingán, Michoacán, para exigir seguridad tras los enfrentamientos de la semana pasada.", "es"),
        ("Residents marched in Apatzingán on Wednesday to demand security after last week's clashes.", "en"),
    ],
)
def test_regression_a_march_after_last_weeks_clashes_is_a_peaceful_protest(extract, text, lang):
    """The clash is recalled ('de la semana pasada'): it does not make the march violent."""
    extraction = extract(text, lang=lang)
    assert [e.sub_event_type for e in extraction.events][:1] == ["Peaceful protest"]
    assert extraction.events[0].inter1 == "Protesters"


def test_regression_deaths_after_an_undated_blast_keep_the_blast(extract):
    """Undated, 'after two IEDs exploded' is the cause of the deaths, not an earlier event."""
    extraction = extract("A soldier died and five others were injured after two IEDs exploded near the border on Tuesday.", lang="en")
    assert extraction.events and extraction.events[0].sub_event_type == "Remote explosive/landmine/IED"
