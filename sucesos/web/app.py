"""FastAPI app: server-rendered pages, each with a JSON twin.

Article text is untrusted: templates autoescape everything, no page has an
inline script, and a Content-Security-Policy forbids any script that is not
served by us. Read-only: there is no write endpoint yet.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sucesos import __version__
from sucesos.export.writers import event_record
from sucesos.store import open_store

WEB_DIR = Path(str(resources.files("sucesos.web")))

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

FILTER_PARAMS = ("event_type", "sub_event_type", "admin1", "admin2", "country", "actor", "tactic", "modality", "since", "until")


def highlight_segments(text: str, evidence: list[dict]) -> list[dict]:
    """Split `text` into segments, marking those covered by evidence spans.

    Returns [{"text": ..., "fields": [...]}, ...]; the template escapes each
    segment, so untrusted text can never become markup.
    """
    bounds = {0, len(text)}
    for item in evidence:
        if 0 <= item["start"] <= item["end"] <= len(text):
            bounds.update((item["start"], item["end"]))
    points = sorted(bounds)
    segments = []
    for start, end in zip(points, points[1:]):
        fields = sorted({item["field"] for item in evidence if item["start"] <= start and end <= item["end"] and item["start"] < item["end"]})
        segments.append({"text": text[start:end], "fields": fields})
    return segments


def create_app(db: str) -> FastAPI:
    app = FastAPI(title="sucesos", version=__version__, description="Events extracted from news reports, with their evidence.",
        # The stock /docs page loads Swagger UI from a CDN; nothing may load
        # from outside at run time, so only the OpenAPI JSON is served.
        docs_url=None,
        redoc_url=None,
    )
    environment = Environment(loader=FileSystemLoader(str(WEB_DIR / "templates")), autoescape=select_autoescape(default=True, default_for_string=True))
    templates = Jinja2Templates(env=environment)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        return response

    def store():
        return open_store(db)

    def filters_from(request: Request) -> dict:
        return {key: request.query_params.get(key) or None for key in FILTER_PARAMS}

    def events_payload(request: Request, limit: int, offset: int) -> dict:
        with store() as st:
            events = st.events(limit=limit, offset=offset, **filters_from(request))
        return {"events": [event_record(e) for e in events], "limit": limit, "offset": offset, "next_offset": offset + limit if len(events) == limit else None}

    @app.get("/", response_class=HTMLResponse, summary="Map of events (JSON twin: /events.geojson)")
    def index(request: Request):
        with store() as st:
            counts = st.counts()
            articles = st.articles(limit=50)
        return templates.TemplateResponse(request, "index.html", {"counts": counts, "articles": articles, "version": __version__})

    @app.get("/events", response_class=HTMLResponse, summary="Events, filtered (JSON twin: /events.json)")
    def events_page(request: Request, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)):
        payload = events_payload(request, limit, offset)
        return templates.TemplateResponse(request, "events.html", {**payload, "version": __version__})

    @app.get("/events.json", summary="Events, filtered and paginated")
    def events_json(request: Request, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)):
        return events_payload(request, limit, offset)

    @app.get("/events.geojson", summary="Events with coordinates as GeoJSON, filtered")
    def events_geojson(request: Request, limit: int = Query(5000, ge=1, le=100000)):
        with store() as st:
            events = st.events(limit=limit, **filters_from(request))
        features = [
            {
                "type": "Feature",
                "id": e["id"],
                "geometry": {"type": "Point", "coordinates": [e["longitude"], e["latitude"]]},
                "properties": event_record(e),
            }
            for e in events
            if e.get("latitude") is not None and e.get("longitude") is not None
        ]
        return JSONResponse({"type": "FeatureCollection", "features": features}, media_type="application/geo+json")

    def event_detail(event_id: int) -> dict:
        with store() as st:
            found = st.conn.execute("SELECT article_id FROM events WHERE id = ?", (event_id,)).fetchone()
            if found is None:
                raise HTTPException(status_code=404, detail=f"no event {event_id}")
            event = next(e for e in st.events(limit=None, article_id=found["article_id"]) if e["id"] == event_id)
            article = dict(st.article(found["article_id"]))
        return {"event": event_record(event), "article": {k: article[k] for k in ("id", "title", "url", "outlet", "published", "lang", "text")}}

    @app.get("/events/{event_id}.json", summary="One event with its evidence and source article")
    def event_json(event_id: int):
        return event_detail(event_id)

    @app.get("/events/{event_id}", response_class=HTMLResponse, summary="One event, its evidence highlighted (JSON twin: /events/{id}.json)")
    def event_page(request: Request, event_id: int):
        detail = event_detail(event_id)
        segments = highlight_segments(detail["article"]["text"], detail["event"]["evidence"])
        return templates.TemplateResponse(request, "event.html", {**detail, "segments": segments, "version": __version__})

    @app.get("/articles.json", summary="Stored articles, paginated")
    def articles_json(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)):
        with store() as st:
            return {"articles": st.articles(limit=limit, offset=offset), "limit": limit, "offset": offset}

    return app
