"""Pipeline components `places` and `locate_events`."""

from __future__ import annotations

from sucesos.frame import component
from sucesos.places.detect import detect_toponyms, drop_common_words
from sucesos.places.focus import Focus, article_focus
from sucesos.places.locate import locate
from sucesos.places.resolve import resolve_toponyms, spans_to_toponyms
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
    detected = detect_toponyms(doc, gazetteer, lang)
    focus = article_focus(detected, text, gazetteer, url=url, lang=lang)
    toponyms = drop_common_words(detected, text, gazetteer, lang, focus)
    tagger = shipped_tagger() if lang in TAGGER_LANGS else None
    if tagger is not None:
        # the learned tagger has the last word on Spanish spans (cross-validated
        # on CEGEOMEX: sucesos/places/tagger.json), the rules' readings inside them
        toponyms = tag_toponyms(doc, detected, toponyms, gazetteer, lang, tagger)
        # The focus stays the rules' reading: recomputing it with the names only
        # the tagger found left CEGEOMEX's share in Mexico unchanged (0.786 vs
        # 0.785) and cost El Gráfico's event places (admin1 0.862 -> 0.846,
        # admin2 0.823 -> 0.806), so `focus_toponyms` is not used here.
    return resolve_toponyms(toponyms, text, gazetteer, guard_unsupported=True, focus=focus), focus


def geoparse(article, text: str, doc, gazetteer, lang: str | None) -> list:
    """Places of one article (see `geoparse_with_focus`)."""
    return geoparse_with_focus(article, text, doc, gazetteer, lang)[0]


@component("places", requires=("doc",), assigns=("places", "focus"))
def find_places(analysis, resources) -> dict:
    """Toponyms resolved against the offline GeoNames gazetteer, in context."""
    places, focus = geoparse_with_focus(analysis.article, analysis.text, analysis.doc, resources.gazetteer, analysis.get("lang"))
    return {"places": places, "focus": None if focus is None else focus.to_dict()}


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
