"""Pipeline components `places` and `locate_events`."""

from __future__ import annotations

import re
from dataclasses import replace

from sucesos.frame import component
from sucesos.places.detect import dateline_toponyms, detect_toponyms, drop_common_words, drop_descriptor_modifiers, drop_products, drop_teams
from sucesos.places.focus import Focus, article_focus
from sucesos.places.groups import NONE as NO_GROUPS
from sucesos.places.groups import armed_groups
from sucesos.places.local import feature_names
from sucesos.places.locate import locate
from sucesos.places.resolve import facility_reading, resolve_toponyms, spans_to_toponyms
from sucesos.places.tagger import LANGS as TAGGER_LANGS
from sucesos.places.tagger import shipped_tagger, tag_toponyms


def geoparse_with_focus(article, text: str, doc, gazetteer, lang: str | None) -> tuple[list, Focus | None]:
    """(places, focus) of one article: the given `spans` resolved (one Place
    each, same offsets), or toponyms detected in `doc` and resolved in
    context; both against the article's focus (where it is about)."""
    url = getattr(article, "url", None) if article is not None else None
    if article is not None and article.spans is not None:
        toponyms = spans_to_toponyms(article.spans, text, gazetteer)
        focus = article_focus(toponyms, text, gazetteer, url=url, lang=lang)
        return resolve_toponyms(toponyms, text, gazetteer, focus=focus), focus
    # "the Gulf coast state of Veracruz": "Gulf" describes Veracruz, it is no place of the story
    detected = drop_descriptor_modifiers(detect_toponyms(doc, gazetteer, lang), text)
    detected = drop_products(detected, text)  # "una Dodge Durango", "Barrett rifles": a model, a brand
    groups = armed_groups(text) if lang == "es" else NO_GROUPS
    # "el grupo delictivo La Unión": a gang's name is no place, wherever the article repeats it
    detected = [t for t in detected if not groups.names_group(t.lookup)]
    if lang == "es":
        detected = drop_teams(detected, text, gazetteer)  # "venció al Monterrey": the club, no evidence of the focus
    local = _local_names(text, gazetteer)
    # A bare name the article itself calls a colonia or barrio elsewhere
    # ("Matan a madre e hija en Valle Hermoso" over "la colonia Valle Hermoso")
    # is that neighbourhood: it says nothing of the state the article is about;
    # nor does a place word in a group's name ("Cártel de Sinaloa").
    evidence = [t for t in detected if not _is_bare_local(t.start, t.end, text, local) and not groups.inside(t.start, t.end)]
    focus = article_focus(evidence, text, gazetteer, url=url, lang=lang)
    toponyms = drop_common_words(detected, text, gazetteer, lang, focus)
    tagger = shipped_tagger() if lang in TAGGER_LANGS else None
    if tagger is not None:
        # the learned tagger has the last word on Spanish spans (cross-validated
        # on CEGEOMEX: sucesos/places/tagger.json), the rules' readings inside them
        toponyms = tag_toponyms(doc, detected, toponyms, gazetteer, lang, tagger)
        toponyms = [t for t in toponyms if not groups.names_group(t.lookup)]
        # The focus stays the rules' reading: recomputing it with the names only
        # the tagger found left CEGEOMEX's share in Mexico unchanged (0.786 vs
        # 0.785) and cost El Gráfico's event places (admin1 0.862 -> 0.846,
        # admin2 0.823 -> 0.806), so `focus_toponyms` is not used here.
    toponyms = drop_products(drop_descriptor_modifiers(toponyms, text), text)  # the tagger may bring the modifier or model back
    if lang == "es":
        toponyms = drop_teams(toponyms, text, gazetteer)  # the tagger may bring a club back
    toponyms = [_as_facility(t, gazetteer) for t in toponyms]
    # "NAVOJOA.-": the dateline names the story's town (the tagger reads sentences, not datelines).
    # It is not added to the focus evidence: measured, that cost CEGEOMEX detection (F1 0.8501 -> 0.8498)
    datelines = dateline_toponyms(text, gazetteer) if lang == "es" else []
    extra = [t for t in datelines if not any(t.start < o.end and o.start < t.end for o in toponyms)]
    toponyms = sorted([*toponyms, *extra], key=lambda t: t.start) if extra else toponyms
    places = resolve_toponyms(toponyms, text, gazetteer, guard_unsupported=True, focus=focus)
    return _as_the_neighbourhood(places, text, local), focus


def _local_names(text: str, gazetteer) -> dict[str, tuple[int, int]]:
    """Names the text introduces with a sub-municipal feature word (colonia, barrio,
    calle ...), folded, with the span of their first such phrase; a name that
    ends with its town ("colonia Real de Sevilla de Ciudad Obregón") also
    without it ("Real de Sevilla")."""
    names: dict[str, tuple[int, int]] = {}
    for start, end, kind, name, _name_start in feature_names(text):
        if kind == "local":
            names.setdefault(name.casefold(), (start, end))
            town = _OF_TOWN.match(name)
            if town and gazetteer.knows(town.group(2)):
                names.setdefault(town.group(1).casefold(), (start, end))
    return names


_OF_TOWN = re.compile(r"^(.+\S)\s+(?:de|del)\s+([A-ZÁÉÍÓÚÑ][^,;()]*)$")


def _is_bare_local(start: int, end: int, text: str, local: dict) -> bool:
    span = local.get(text[start:end].casefold())
    return span is not None and not (span[0] <= start and end <= span[1])


def _as_the_neighbourhood(places: list, text: str, local: dict) -> list:
    """A bare mention of a name the article calls a colonia elsewhere resolves
    as that colonia does (to its municipality), never to a same-named town."""
    if not local:
        return places
    out = []
    for place in places:
        if _is_bare_local(place.start, place.end, text, local):
            phrase = local[text[place.start : place.end].casefold()]
            # the place read from the colonia's phrase (it covers the phrase, or lies inside it)
            named = next((p for p in places if p is not place and ((p.start <= phrase[0] and phrase[1] <= p.end) or (phrase[0] <= p.start and p.end <= phrase[1]))), None)
            if named is not None:
                place = replace(named, start=place.start, end=place.end, text=place.text)
        out.append(place)
    return out


def geoparse(article, text: str, doc, gazetteer, lang: str | None) -> list:
    """Places of one article (see `geoparse_with_focus`)."""
    return geoparse_with_focus(article, text, doc, gazetteer, lang)[0]


@component("places", requires=("doc",), assigns=("places", "focus"))
def find_places(analysis, resources) -> dict:
    """Toponyms resolved against the offline GeoNames gazetteer, in context."""
    places, focus = geoparse_with_focus(analysis.article, analysis.text, analysis.doc, resources.gazetteer, analysis.get("lang"))
    return {"places": places, "focus": None if focus is None else focus.to_dict()}


@component("locate_events", requires=("doc", "events", "places", "dates", "mentions"), assigns=("events",))
def locate_events(analysis, resources) -> dict:
    """Each event gets the place and date its sentence ties it to (new Event objects)."""
    events = locate(
        analysis["events"],
        analysis["places"],
        analysis["dates"],
        analysis.text,
        resources.gazetteer,
        published=analysis.article.published,
        mentions=analysis.get("mentions") or (),
        doc=analysis.get("doc"),
    )
    return {"events": events}


def _as_facility(toponym, gazetteer):
    """A building or ground named by what it is ("Teatro Dr. Oscar Russo Vogel",
    "Unidad Deportiva") is read as a place inside the story's town."""
    if toponym.kind is not None or not toponym.lookup:
        return toponym
    lookup, kind = facility_reading(toponym.lookup, gazetteer)
    return toponym if kind is None and lookup == toponym.lookup else replace(toponym, lookup=lookup, kind=kind)

