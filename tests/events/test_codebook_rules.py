"""ACLED codebook distinctions between close sub-event types (CASE 2021 confusions), on reports written for these tests."""

from __future__ import annotations

import pytest

from .reports import assert_first_event

REPORTS = [
    # serious injuries from force against a peaceful protest: excessive force, not an intervention
    ("Dozens of people were injured as riot police fired rubber bullets and tear gas to disperse a protest outside parliament.",
     "Excessive force against protesters", {}),
    ("Police fired tear gas to disperse a protest outside parliament; several protesters were detained.", "Protest with intervention", {}),
    # ground taken after the other side withdrew, no fighting told: a non-violent transfer
    ("Militants took control of the border town on Monday. They entered it following the withdrawal of army units.",
     "Non-violent transfer of territory", {}),
    # a bomb found and defused is disrupted weapons use, not an explosion
    ("An improvised explosive device was found near the bus station and defused by the bomb squad.", "Disrupted weapons use", {}),
    # a mine that went off is a remote explosive
    ("A mine exploded under a military truck near the border, killing two soldiers.", "Remote explosive/landmine/IED", {"fatalities": 2}),
    # the weapon told in the next sentence types the attack
    ("Gunmen attacked three police posts overnight in the province. The attacks were carried out with hand grenades, officials said.", "Grenade", {}),
    # an event the target is accused of is background to the strike that is the news
    ("The air force launched airstrikes on rebel positions it accused of carrying out a chlorine attack.", "Air/drone strike", {}),
    # what a clause says came before ("had previously involved air strikes") is background to the news
    ("Government troops took control of two villages in the north on Monday, widening an offensive that had previously relied on air strikes and shelling.",
     "Government regains territory", {}),
    # protests feared or expected are no protest: the deployment is the news
    ("The government deployed troops to the capital in anticipation of more protests after Friday prayers.", "Change to group/activity", {}),
]


@pytest.mark.parametrize("text,sub_type,fields", REPORTS, ids=[r[1] + ":" + r[0][:30] for r in REPORTS])
def test_codebook_distinctions(pipeline, text, sub_type, fields):
    from sucesos.model import Article

    assert_first_event(pipeline.extract(Article(id="t", text=text, lang="en")), sub_type, fields)


MEXICAN_REPORTS = [
    # a sign of violence told in the lead is the sign of the body the headline reports
    ("es", "Localizan cuerpo sin vida en un camino de Cortazar\nLa mañana de este lunes fue hallado un hombre sin vida en el camino a una comunidad.\n"
     "Sus familiares lo buscaban desde el domingo y lo localizaron con visibles huellas de violencia.", "Attack", {"inter2": "Civilians"}),
    ("es", "Hallan cuerpo sin vida de un hombre en un terreno de Cortazar\nEl hombre fue localizado por vecinos; no presentaba huellas de violencia, según la Fiscalía.", None, {}),
    ("en", "Police found three bullet-riddled bodies in an abandoned car in Culiacán, Sinaloa.", "Attack", {"fatalities": 3, "inter1": "Political militia"}),
    # a headline's wounded, when the lead then tells a traffic accident, are the accident's (blank lines between paragraphs)
    ("es", "Aventón deja herido a motociclista en Metepec\n\nGolpes y fracturas sufrió un motociclista luego de que fue atropellado por una camioneta.\n\n"
     "El accidente ocurrió sobre la avenida principal; paramédicos atendieron sus lesiones.", None, {}),
    # narco-blockades: an armed group's arson of vehicles, whatever else the headline names
    ("es", "Narcobloqueos y enfrentamientos en Guanajuato\nSujetos armados incendiaron vehículos y quemaron dos comercios en tres puntos de Celaya.", "Looting/property destruction", {}),
    # "liberar el paso" reopens a road, it takes no territory
    ("es", "Manifestantes liberaron el paso en la autopista México-Toluca, en el municipio de Lerma, tras cinco horas de protesta.", "Peaceful protest", {"inter1": "Protesters"}),
    # what a peaceful protest blocks or takes is no civilian victim
    ("es", "Maestros de la CNTE tomaron autobuses y bloquearon la carretera a Puerto Escondido para exigir plazas en Oaxaca.", "Peaceful protest", {"inter1": "Protesters", "actor2": None}),
    # a march the police stopped is a protest with intervention, even when the lead only says people marched
    ("en", "Hundreds of teachers marched in Oaxaca city on Monday to demand higher pay.\nRiot police blocked the march before it reached the main square.",
     "Protest with intervention", {"inter1": "Protesters", "inter2": "State forces"}),
    # police who carry out an eviction ("aplicaron un protocolo de desalojo") intervene in the protest
    ("es", "Manifestantes bloquean la carretera en Tlaxcala\nLa Policía Estatal aplicó un protocolo de desalojo contra los manifestantes que bloqueaban la caseta.",
     "Protest with intervention", {"inter1": "Protesters", "inter2": "State forces"}),
    # a hearing in the case of an old killing is no new event of that killing
    ("es", "Vinculan a proceso a un hombre por un homicidio en Tijuana\nEl 3 de marzo, el imputado disparó contra un comerciante en la colonia Centro, según la Fiscalía.", None, {}),
    # a count of many incidents up to a date is a statistic, not an event
    ("es", "Según cifras oficiales, hubo 120 enfrentamientos hasta el 31 de agosto, con 40 agresores muertos.", None, {}),
    ("en", "Officials counted 85 attacks on police since 2020 in the state.", None, {}),
    # "demo" is a demonstration: clashes at one are a violent demonstration, not an armed clash
    ("en", "Clashes erupt at a demo in Guadalajara over missing students", "Violent demonstration", {}),
]


@pytest.mark.parametrize("lang,text,sub_type,fields", MEXICAN_REPORTS, ids=[f"{r[2]}:{r[1][:30]}" for r in MEXICAN_REPORTS])
def test_mexican_reports(pipeline, lang, text, sub_type, fields):
    from sucesos.model import Article

    assert_first_event(pipeline.extract(Article(id="t", text=text, lang=lang)), sub_type, fields)
