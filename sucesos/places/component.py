"""Pipeline components `places` and `locate_events`."""

from __future__ import annotations

from sucesos.pipeline import component
from sucesos.places.detect import detect_toponyms
from sucesos.places.locate import locate
from sucesos.places.resolve import resolve_spans, resolve_toponyms


def geoparse(article, text: str, doc, gazetteer, lang: str | None) -> list:
    """Places of one article: the given `spans` resolved (one Place each, same
    offsets), or toponyms detected in `doc` and resolved in context."""
    if article is not None and article.spans is not None:
        return resolve_spans(article.spans, text, gazetteer)
    toponyms = detect_toponyms(doc, gazetteer, lang)
    return resolve_toponyms(toponyms, text, gazetteer, guard_unsupported=True)


@component("places", requires=("doc",), assigns=("places",))
def find_places(analysis, resources) -> dict:
    """Toponyms resolved against the offline GeoNames gazetteer, in context."""
    places = geoparse(analysis.article, analysis.text, analysis.doc, resources.gazetteer, analysis.get("lang"))
    return {"places": places}


@component("locate_events", requires=("events", "places", "dates", "mentions"), assigns=("events",))
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
    )
    return {"events": events}
