"""FastAPI app: server-rendered pages, each with a JSON twin, and the review API.

Article text is untrusted: templates autoescape everything, no page has an
inline script or style, and a Content-Security-Policy forbids anything not
served by us (plus, only when configured, the tile server of an online base
map). Without sign-in the server is read-only; every write needs a signed-in
user (session cookie + CSRF token, or an API token).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import json
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as FastAPIPath
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sucesos import __version__
from sucesos.errors import ConfigError
from sucesos.model import link_url
from sucesos import queries, read_model
from sucesos.filters import RESOLVED_COLUMNS, load_aliases, resolve_filters
from sucesos.web import timeline_periods
from sucesos.web.auth import authenticate, end_session, start_session
from sucesos.web.cache import CandidateIds, ResponseCache, StoreVersion
from sucesos.store import open_store
from sucesos.store.store import open_reader
from sucesos.web.context import PRELOGIN_COOKIE, SESSION_COOKIE, ReaderPool, Settings, Viewer, close_request_store, payload, require_writer, store_for, viewer
from sucesos.web.event_claims import claims_for_event

WEB_DIR = Path(str(resources.files("sucesos.web")))
# Integer parameters are bounded where they are read: past these a database
# integer overflows (a 500) instead of simply matching nothing.
MAX_OFFSET = 10**9
MAX_ID = 2**63 - 1
EventId = Annotated[int, FastAPIPath(ge=1, le=MAX_ID, description="An event id")]
# Sign-ins checked at once; the rest queue (each scrypt check costs ~50 ms).
PASSWORD_HASHING_THREADS = 2
# Worker threads for the handlers (database reads, page building): more only
# add GIL and lock contention on a small machine, and each request holds one
# connection (anyio's default is 40).
READ_THREADS = 8
# The JSON answers kept while the store is unchanged (see sucesos/web/cache.py).
CACHED_PATHS = re.compile(r"^/(events\.json|events\.geojson|timeline\.json|states\.json|claims\.json|actors\.json|events/\d+\.json|actors/[^/]+\.json)$")
EXPORTS = {"csv": ("acled-csv", "text/csv"), "geojson": ("geojson", "application/geo+json"), "jsonl": ("jsonl", "application/x-ndjson")}


def filter_parameters(*, event_level: bool = True) -> dict:
    """The event filters as OpenAPI query parameters (the handlers read them from
    the query string, so FastAPI cannot see them by itself)."""
    names = [*read_model.FILTER_PARAMS, *(read_model.EVENT_LEVEL_PARAMS if event_level else ())]
    parameters = []
    for name in names:
        kind, description, example = read_model.FILTER_DOCS[name]
        parameters.append({"name": name, "in": "query", "required": False, "description": description, "schema": {"type": kind}, "example": int(example) if kind == "integer" else example})
    return {"parameters": parameters}


class EventGone(Exception):
    """No event under this id: merged into `target` (redirected there), or never there (404)."""

    def __init__(self, event_id: int, target: int | None):
        super().__init__(event_id)
        self.event_id = event_id
        self.target = target


def security_headers(settings: Settings) -> dict:
    img = "'self' data:"
    if settings.tiles_url:
        parts = urlsplit(settings.tiles_url.replace("{s}", "a"))
        img += f" {parts.scheme}://{parts.netloc.replace('a.', '*.', 1) if '{s}' in settings.tiles_url else parts.netloc}"
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {img}; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cache-Control": "no-store",
    }


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
        segments.append({"text": text[start:end], "fields": fields, "start": start})
    return segments


def _jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(value)


class FastJSON(JSONResponse):
    """JSON straight from json.dumps: FastAPI's own path walks every value of
    a returned dict in Python first (jsonable_encoder), a third of the CPU of
    an event list."""

    def render(self, content) -> bytes:
        return encode_json(content)


def encode_json(content) -> bytes:
    return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_jsonable).encode("utf-8")


def _int_or_none(value: str | None) -> int | None:
    if not value or not (value.isascii() and value.isdigit()):  # "²" is a digit to isdigit, not to int()
        return None
    # Compare before converting: int() refuses strings of over 4,300 digits (a 500).
    if len(value.lstrip("0")) > len(str(MAX_OFFSET)) or int(value) > MAX_OFFSET:
        raise HTTPException(status_code=400, detail=f"{value[:30]} is too large: at most {MAX_OFFSET}")
    return int(value)


def _id_list(raw, what: str) -> list[int]:
    """Ids from a JSON list or a form's "1, 2 3": each a whole number from 1 to MAX_ID, else a 400."""
    ids = []
    for item in raw if isinstance(raw, list) else str(raw).replace(",", " ").split():
        text = str(item).strip()
        if not text:
            continue
        if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)) or not 1 <= int(text) <= MAX_ID:
            raise HTTPException(status_code=400, detail=f"{what}: ids are whole numbers from 1 to {MAX_ID} (got {text[:30]!r})")
        ids.append(int(text))
    return ids


def create_app(db: str, *, secure_cookies: bool = False, session_hours: float = 12.0, tiles_url: str | None = None) -> FastAPI:
    settings = Settings(db=db, secure_cookies=secure_cookies, session_hours=session_hours, tiles_url=tiles_url)
    settings.readers = ReaderPool(db, size=READ_THREADS + PASSWORD_HASHING_THREADS)
    open_store(db).close()  # migrations run here, once; requests then open plain read connections
    load_aliases()  # the filters' bundled tables, read before the first filtered request, not during it
    responses = ResponseCache()

    def store_marker() -> tuple:
        with open_reader(db) as marker_store:
            return read_model.change_marker(marker_store)

    store_version = StoreVersion(db, marker=store_marker)
    candidate_ids = CandidateIds(store_version)  # a filtered list's ids, read once per store version (signed-in users too)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = READ_THREADS
        yield
        store_version.close()
        settings.readers.close()

    app = FastAPI(
        lifespan=lifespan,
        title="sucesos",
        version=__version__,
        description="De-duplicated events extracted from news reports, with their evidence, sources and reviews.",
        # The stock /docs page loads Swagger UI from a CDN; nothing may load
        # from outside at run time, so the OpenAPI JSON is served and /api
        # lists the endpoints as a plain page.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    environment = Environment(loader=FileSystemLoader(str(WEB_DIR / "templates")), autoescape=select_autoescape(default=True, default_for_string=True))
    environment.filters["link_url"] = link_url
    password_hashing = ThreadPoolExecutor(max_workers=PASSWORD_HASHING_THREADS, thread_name_prefix="sucesos-login")
    templates = Jinja2Templates(env=environment)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    headers = security_headers(settings)
    timeline_cache: dict[tuple, tuple] = {}
    app.state.response_cache = responses

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        # A bad parameter is the client's mistake (400), said in words, with the allowed range.
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
            problems.append(f"{where}: {error.get('msg', 'invalid')}")
        return error_page(request, 400, "; ".join(problems))

    def cacheable(request: Request) -> bool:
        # Anonymous reads only: a signed-in analyst always sees a fresh answer.
        return (
            request.method == "GET" and CACHED_PATHS.match(request.url.path) is not None
            and "authorization" not in request.headers and SESSION_COOKIE not in request.cookies
        )  # fmt: skip

    building: dict[tuple[str, object], asyncio.Future] = {}

    raw_headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]

    def with_headers(message: dict) -> dict:
        # setdefault, per header: a handler's own value (none today) wins
        present = {name.lower() for name, _value in message.get("headers", ())}
        message["headers"] = [*message.get("headers", ()), *(item for item in raw_headers if item[0] not in present)]
        return message

    class Answers:
        """Security headers on every answer, kept answers for anonymous JSON reads, and the request's
        connection given back at its end.

        A plain ASGI middleware, not `@app.middleware("http")`: Starlette's
        BaseHTTPMiddleware runs each request in a task group of its own and
        pipes the body through a memory stream, a tenth of the CPU of a cheap
        request, and a kept answer pays it for nothing."""

        def __init__(self, inner):
            self.inner = inner

        async def __call__(self, scope, receive, send):
            if scope["type"] != "http":
                await self.inner(scope, receive, send)
                return

            async def send_with_headers(message):
                await send(with_headers(message) if message["type"] == "http.response.start" else message)

            request = Request(scope, receive)
            key = version = None
            try:
                if any("\x00" in value for value in request.query_params.values()):
                    # No text column takes a NUL (PostgreSQL refuses one outright): the client's mistake, said so.
                    await error_page(request, 400, "query parameters may not contain NUL characters")(scope, receive, send_with_headers)
                    return
                if cacheable(request):
                    version = store_version.current() if store_version.cheap else await asyncio.to_thread(store_version.current)
                    key = f"{request.url.path}?{request.url.query}"
                    kept = responses.get(key, version)
                    if kept is None and (key, version) in building:
                        # The same answer is being built for another client: wait for it rather than build it twice.
                        kept = await asyncio.shield(building[key, version])
                    if kept is not None:
                        key = None  # nothing built here
                        start = {"type": "http.response.start", "status": 200, "headers": [(b"content-length", str(len(kept.body)).encode()), (b"content-type", kept.media_type.encode("latin-1"))]}
                        await send_with_headers(start)
                        await send({"type": "http.response.body", "body": kept.body})
                        return
                    building[key, version] = asyncio.get_running_loop().create_future()
                    await self.inner(scope, receive, keeping(key, version, send_with_headers))
                else:
                    await self.inner(scope, receive, send_with_headers)
            finally:
                close_request_store(request)  # the request's one connection (see store_for)
                if request.method not in ("GET", "HEAD", "OPTIONS"):
                    store_version.changed_here()
                if key is not None:
                    waiting = building.pop((key, version), None)
                    if waiting is not None and not waiting.done():
                        # Those waiting get the kept answer, or None (an error, too big to keep): then they build their own.
                        waiting.set_result(responses.get(key, version))

    def keeping(key: str, version, send):
        """`send` that keeps a 200's body in the response cache as it goes out (sent whole, once complete)."""
        held: dict = {}

        async def send_and_keep(message):
            if message["type"] == "http.response.start":
                if message["status"] != 200:
                    held["passing"] = True
                    await send(message)
                    return
                held["start"], held["body"] = message, []
                return
            if held.get("passing") or message["type"] != "http.response.body":
                await send(message)
                return
            held["body"].append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(held["body"])
            content_type = next((value.decode("latin-1") for name, value in held["start"].get("headers", ()) if name.lower() == b"content-type"), "application/json")
            responses.put(key, version, body, content_type)
            start = dict(held["start"])
            start["headers"] = [(name, value) for name, value in start.get("headers", ()) if name.lower() != b"content-length"] + [(b"content-length", str(len(body)).encode())]
            await send(start)
            await send({"type": "http.response.body", "body": body})

        return send_and_keep

    app.add_middleware(Answers)

    @app.exception_handler(EventGone)
    async def event_gone(request: Request, exc: EventGone):
        as_json = request.url.path.endswith(".json")
        if exc.target is not None:
            location = f"/events/{exc.target}{'.json' if as_json else ''}"
            body = {"detail": f"event {exc.event_id} was merged into event {exc.target}", "merged_into": exc.target, "location": location}
            # 307: a later split may give the number back, so no client should remember the move for good.
            return JSONResponse(body, status_code=307, headers={"Location": location})
        detail = f"no event {exc.event_id}"
        if as_json or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": detail}, status_code=404)
        response = render(request, "missing.html", {"detail": detail, "event_id": exc.event_id})
        response.status_code = 404
        return response

    # A person in a browser gets a page that says what went wrong and a way
    # back; a program (JSON twins, API clients) gets the JSON it parses.
    ERROR_TITLES = {400: "That request cannot be answered", 401: "Sign in first", 403: "Not allowed", 404: "Not found", 405: "Not possible here", 429: "Too many tries"}

    def wants_html(request: Request) -> bool:
        path = request.url.path
        return "text/html" in request.headers.get("accept", "") and not path.endswith((".json", ".geojson", ".csv", ".jsonl")) and not path.startswith("/export/")

    def error_page(request: Request, status: int, detail: str, headers: dict | None = None):
        if not wants_html(request):
            return JSONResponse({"detail": detail}, status_code=status, headers=headers)
        referer = urlsplit(request.headers.get("referer", ""))
        # Only a page of this site is offered as the way back (never another site's address).
        back = referer.path + (f"?{referer.query}" if referer.query else "") if referer.netloc == request.url.netloc and referer.path.startswith("/") else None
        title = ERROR_TITLES.get(status, "Something went wrong")
        response = render(request, "error.html", {"title": title, "detail": detail, "status": status, "back": back})
        response.status_code = status
        for key, value in (headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "the request cannot be answered"
        return error_page(request, exc.status_code, detail, getattr(exc, "headers", None))

    @app.exception_handler(ConfigError)
    async def config_error(request: Request, exc: ConfigError):
        return error_page(request, 400, str(exc))

    def render(request: Request, template: str, data: dict) -> HTMLResponse:
        who = viewer(request)
        context = {**data, "version": __version__, "viewer": who, "tiles_url": settings.tiles_url}
        return templates.TemplateResponse(request, template, context)

    def filters_from(request: Request) -> dict:
        return {key: request.query_params.get(key) or None for key in read_model.FILTER_PARAMS}

    def form_filters(request: Request) -> dict:
        """What the filter form shows: every filter, the event-level ones too."""
        return {**filters_from(request), **{key: request.query_params.get(key) or None for key in read_model.EVENT_LEVEL_PARAMS}}

    choices_cache: dict[str, tuple] = {}

    def filter_choices(store) -> dict:
        # The values a store holds change only with new reports: kept until they do (at most a minute).
        state = read_model.change_marker(store)
        cached = choices_cache.get("choices")
        if cached and cached[0] == state and cached[1] > time.monotonic():
            return cached[2]
        choices = read_model.filter_choices(store)
        choices_cache["choices"] = (state, time.monotonic() + 60, choices)
        return choices

    def resolved_names(store, request: Request) -> dict:
        """Filters typed under another name ("michoacan", "CJNG") -> the stored name they were read as, for the form to say so."""
        typed = filters_from(request)
        resolved = resolve_filters(store, typed)
        return {key: resolved[key] for key in RESOLVED_COLUMNS if typed.get(key) and resolved.get(key) != typed[key]}

    def events_payload(request: Request, limit: int, offset: int, find=read_model.find_events) -> dict:
        with store_for(request) as store:
            events, next_offset = find(
                store, limit=limit, offset=offset, min_sources=_int_or_none(request.query_params.get("min_sources")),
                reviewed=request.query_params.get("reviewed") or None, candidates=candidate_ids, **filters_from(request),
            )  # fmt: skip
        return {"events": events, "limit": limit, "offset": offset, "next_offset": next_offset, "filters": form_filters(request)}

    # -- read-only pages and their JSON twins ------------------------------
    @app.get("/", response_class=HTMLResponse, summary="Map, timeline and filters (JSON twins: /events.geojson, /timeline.json)", openapi_extra=filter_parameters(event_level=False))
    def index(request: Request):
        filters = filters_from(request)
        with store_for(request) as store:
            counts = store.counts()
            counts["deduplicated_events"] = read_model.count_events(store)
            # The summary follows the filters (those a report's fields answer; sources and reviews are per event).
            counts["matching"] = read_model.count_matching(store, **filters) if any(filters.values()) else None
            articles = store.articles(limit=20, latest_first=True)
            choices = filter_choices(store)
            resolved = resolved_names(store, request)
        query = request.url.query
        return render(request, "index.html", {"counts": counts, "articles": articles, "filters": form_filters(request), "query": query, "choices": choices, "resolved": resolved})

    @app.get("/api", response_class=HTMLResponse, summary="The API's endpoints, from the OpenAPI document (JSON twin: /openapi.json)")
    def api_page(request: Request):
        endpoints = []
        for path, methods in app.openapi()["paths"].items():
            for method, spec in methods.items():
                endpoints.append({"method": method.upper(), "path": path, "summary": spec.get("summary", ""), "params": [p["name"] for p in spec.get("parameters", [])]})
        return render(request, "api.html", {"endpoints": endpoints})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    @app.get("/events", response_class=HTMLResponse, summary="Events, filtered (JSON twin: /events.json)", openapi_extra=filter_parameters())
    def events_page(request: Request, limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        from urllib.parse import urlencode

        data = events_payload(request, limit, offset)
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "offset"])
        with store_for(request) as store:
            choices = filter_choices(store)
            resolved = resolved_names(store, request)
        return render(request, "events.html", {**data, "query": query, "choices": choices, "resolved": resolved})

    @app.get("/events.json", summary="De-duplicated events, filtered and paginated", openapi_extra=filter_parameters())
    def events_json(request: Request, limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        # The events arrive as the JSON they are served as (their stored summaries):
        # spliced in as they are, not decoded and encoded again; the same bytes as encode_json gives.
        data = events_payload(request, limit, offset, find=read_model.find_event_records)
        events = ",".join(data.pop("events")).encode("utf-8")
        return Response(b'{"events":[' + events + b"]," + encode_json(data)[1:], media_type="application/json")

    @app.get("/events.geojson", summary="Events with coordinates as GeoJSON; bbox=min_lon,min_lat,max_lon,max_lat and filters", openapi_extra=filter_parameters())
    def events_geojson(request: Request, limit: int = Query(5000, ge=1, le=50000)):
        with store_for(request) as store:
            if request.query_params.get("min_sources") or request.query_params.get("reviewed"):
                # Event-level filters need the full records (sources, reviews).
                events, _ = read_model.find_events(
                    store, limit=limit, min_sources=_int_or_none(request.query_params.get("min_sources")),
                    reviewed=request.query_params.get("reviewed") or None, candidates=candidate_ids, **filters_from(request),
                )  # fmt: skip
                points = [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None]
            else:
                points = read_model.map_points(store, limit=limit, **filters_from(request))
        features = [
            {
                "type": "Feature",
                "id": p["id"],
                "geometry": {"type": "Point", "coordinates": [p["longitude"], p["latitude"]]},
                "properties": {"id": p["id"], **{k: p.get(k) for k in read_model.MAP_FIELDS}},
            }
            for p in points
        ]
        return FastJSON({"type": "FeatureCollection", "features": features}, media_type="application/geo+json")

    @app.get("/timeline.json", summary="Events per month, by time precision (months) and by event type (types), and per day, week or month as the range asks (granularity, periods, bins), filtered", openapi_extra=filter_parameters(event_level=False))
    def timeline_json(request: Request):
        filters = filters_from(request)
        with store_for(request) as store:
            # Aggregating every matching event costs ~0.1 s on a million
            # reports; the answer changes only when reports, events or
            # analyst decisions do, so it is kept until one of them changes
            # (and at most a minute).
            state = read_model.change_marker(store)
            key = tuple(sorted((k, v) for k, v in filters.items() if v))
            cached = timeline_cache.get(key)
            if cached and cached[0] == state and cached[1] > time.monotonic():
                return Response(cached[2], media_type="application/json")
            counts = read_model.timeline_counts(store, **filters)
        # Drawn in days, weeks or months as the range asks (sucesos/web/timeline_periods.py); the per-day rows stay inside.
        counts.update(timeline_periods.periods(counts.pop("days"), filters.get("since"), filters.get("until")))
        if len(timeline_cache) > 256:
            timeline_cache.clear()
        # Encoded once (FastAPI's own encoder walks the thousands of bins in Python: 60 ms for a state's eight years).
        body = encode_json(counts)
        timeline_cache[key] = (state, time.monotonic() + 60, body)
        return Response(body, media_type="application/json")

    @app.get("/states.json", summary="Events per country and admin1 (state), filtered: the map's choropleth", openapi_extra=filter_parameters(event_level=False))
    def states_json(request: Request):
        with store_for(request) as store:
            return FastJSON({"states": read_model.admin1_counts(store, **filters_from(request))})

    def event_detail(request: Request, event_id: int) -> dict:
        with store_for(request) as store:
            event = read_model.get_event(store, event_id)
            if event is None:
                raise EventGone(event_id, read_model.merged_into(store, event_id))
            articles = {}
            for source in event["sources"]:
                row = store.article(source["article_id"])
                if row is not None:
                    articles[source["article_id"]] = {k: row[k] for k in ("id", "title", "url", "outlet", "published", "lang", "text")}
            event_claims = claims_for_event(store, event)
        return {"event": event, "articles": articles, "claims": event_claims}

    @app.get("/events/{event_id}.json", summary="One event: fields, evidence, reports, sources, claims")
    def event_json(request: Request, event_id: EventId):
        return FastJSON(event_detail(request, event_id))

    @app.get("/events/{event_id}", response_class=HTMLResponse, summary="One event, its evidence highlighted (JSON twin: /events/{id}.json)")
    def event_page(request: Request, event_id: EventId):
        detail = event_detail(request, event_id)
        event = detail["event"]
        texts = []
        # Each evidence item names its source article and jumps to its span:
        # anchors are numbered by the article's place on the page (an article
        # id is untrusted text and never becomes part of an id attribute).
        position = {article_id: index for index, article_id in enumerate(detail["articles"], start=1)}
        for ev in event.get("evidence", []):
            article = detail["articles"].get(ev.get("article_id"))
            ev["anchor"] = f"t{position[ev['article_id']]}-{ev['start']}" if article else None
            ev["source"] = " · ".join(x for x in ((article or {}).get("outlet"), (article or {}).get("title")) if x) or ev.get("article_id")
        for article_id, article in detail["articles"].items():
            evidence = [dict(ev) for report in event["reports"] if report["article_id"] == article_id for ev in report.get("evidence", [])]
            for report in event["reports"]:
                if report["article_id"] == article_id and report.get("sentence"):
                    evidence.append({"field": "sentence", **{k: report["sentence"][k] for k in ("start", "end")}})
            texts.append({"article": article, "position": position[article_id], "segments": highlight_segments(article["text"], evidence)})
        from sucesos.review import EDITABLE
        from sucesos.taxonomy import EVENT_TYPES, INTER_LABELS, MODALITIES, SUB_EVENT_TYPES

        choices = {"event_type": sorted(EVENT_TYPES), "sub_event_type": sorted(SUB_EVENT_TYPES), "inter1": INTER_LABELS, "inter2": INTER_LABELS, "modality": MODALITIES}
        history = []
        if viewer(request).signed_in:
            from sucesos.store.audit import audit_entries

            with store_for(request) as store:
                history = audit_entries(store, target=f"event:{event_id}", limit=50)
        titles = {a: " · ".join(x for x in (art.get("outlet"), art.get("title")) if x) for a, art in detail["articles"].items()}
        report_names = {r["report_id"]: titles.get(r["article_id"]) or r["article_id"] for r in event["reports"]}
        return render(request, "event.html", {**detail, "texts": texts, "editable": EDITABLE, "choices": choices, "history": history, "report_names": report_names})

    @app.get("/actors", response_class=HTMLResponse, summary="Actors (JSON twin: /actors.json)")
    def actors_page(request: Request):
        with store_for(request) as store:
            return render(request, "actors.html", {"actors": queries.actors(store)})

    @app.get("/actors.json", summary="Actors with mention counts")
    def actors_json(request: Request):
        with store_for(request) as store:
            return FastJSON({"actors": queries.actors(store)})

    def actor_or_404(request: Request, actor_id: str) -> dict:
        with store_for(request) as store:
            actor = queries.actor_detail(store, actor_id)
        if actor is None:
            raise HTTPException(status_code=404, detail=f"no actor {actor_id}")
        return {**actor, "summary": queries.relation_summary(actor)}

    @app.get("/actors/{actor_id}.json", summary="One actor: aliases, relations with evidence, events over time")
    def actor_json(request: Request, actor_id: str):
        return FastJSON(actor_or_404(request, actor_id))

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, summary="One actor (JSON twin: /actors/{id}.json)")
    def actor_page(request: Request, actor_id: str):
        return render(request, "actor.html", {"actor": actor_or_404(request, actor_id)})

    def claims_payload(request: Request, limit: int, offset: int) -> dict:
        hedged = request.query_params.get("hedged")
        with store_for(request) as store:
            found = queries.claims(
                store, limit=limit, offset=offset, source_type=request.query_params.get("source_type") or None,
                hedged=None if hedged in (None, "") else hedged in ("1", "true", "yes"),
            )  # fmt: skip
        return {"claims": found, "limit": limit, "offset": offset}

    @app.get("/claims", response_class=HTMLResponse, summary="Claims with their source chains and hedges (JSON twin: /claims.json)")
    def claims_page(request: Request, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        return render(request, "claims.html", claims_payload(request, limit, offset))

    @app.get("/claims.json", summary="Claims, filtered by source_type and hedged")
    def claims_json(request: Request, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        return FastJSON(claims_payload(request, limit, offset))

    @app.get("/articles.json", summary="Stored articles, paginated")
    def articles_json(request: Request, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        with store_for(request) as store:
            return FastJSON({"articles": store.articles(limit=limit, offset=offset), "limit": limit, "offset": offset})

    @app.get("/export/events.{extension}", summary="Export de-duplicated events: csv (ACLED layout), geojson or jsonl", openapi_extra=filter_parameters(event_level=False))
    def export_events(request: Request, extension: str):
        if extension not in EXPORTS:
            raise HTTPException(status_code=404, detail=f"export formats: {', '.join(EXPORTS)}")
        import io

        from sucesos.export.writers import WRITERS

        fmt, media_type = EXPORTS[extension]
        buffer = io.StringIO()
        with store_for(request) as store:
            WRITERS[fmt](read_model.iter_events(store, **filters_from(request)), buffer)
        return StreamingResponse(iter([buffer.getvalue()]), media_type=media_type, headers={"Content-Disposition": f'attachment; filename="sucesos-events.{extension}"'})

    # -- signing in ----------------------------------------------------------
    @app.get("/login", response_class=HTMLResponse, summary="Sign-in form")
    def login_form(request: Request):
        token = secrets.token_urlsafe(24)
        response = render(request, "login.html", {"prelogin": token, "error": None})
        response.set_cookie(PRELOGIN_COOKIE, token, httponly=True, samesite="strict", secure=settings.secure_cookies, max_age=1800)
        return response

    @app.post("/login", summary="Sign in (form: username, password, csrf_token)")
    async def login(request: Request):
        form = await request.form()
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        sent, expected = str(form.get("csrf_token", "")), request.cookies.get(PRELOGIN_COOKIE, "")
        if not expected or not secrets.compare_digest(sent, expected):
            raise HTTPException(status_code=403, detail="missing or wrong CSRF token: reload the sign-in page")
        # The socket's address: uvicorn rewrites it from X-Forwarded-For only
        # for proxies named by `serve --forwarded-allow-ips`.
        key = (request.client.host if request.client else "?", username)
        blocked = object()

        def check_and_start():
            with store_for(request) as store:
                if settings.limiter.blocked(store, key):
                    return blocked
                user = authenticate(store, username, password)
                if user is None:
                    settings.limiter.failed(store, key)
                    return None
                settings.limiter.succeeded(store, key)
                return start_session(store, user, hours=settings.session_hours)[0]

        # scrypt costs ~50 ms of CPU, and the counts are read and written in
        # the store: a worker thread, a few at a time, so failed sign-ins
        # cannot stall every other request.
        token = await asyncio.wrap_future(password_hashing.submit(check_and_start))
        if token is blocked:
            raise HTTPException(status_code=429, detail="too many failed sign-ins; wait a few minutes")
        if token is None:
            response = render(request, "login.html", {"prelogin": expected, "error": "Wrong user name or password."})
            response.status_code = 401
            return response
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", secure=settings.secure_cookies, max_age=int(settings.session_hours * 3600))
        response.delete_cookie(PRELOGIN_COOKIE)
        return response

    @app.post("/logout", summary="Sign out")
    async def logout(request: Request, who: Viewer = Depends(require_writer)):
        with store_for(request) as store:
            end_session(store, request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    # -- review: every write needs a signed-in user ------------------------------
    def done(request: Request, location: str, body: dict):
        if request.headers.get("content-type", "").startswith("application/json") or "application/json" in request.headers.get("accept", ""):
            return JSONResponse(body)
        return RedirectResponse(location, status_code=303)

    def load_event(store, event_id: int) -> dict:
        event = read_model.get_event(store, event_id)
        if event is None:
            target = read_model.merged_into(store, event_id)
            detail = f"event {event_id} was merged into event {target}: act on /events/{target}" if target else f"no event {event_id}"
            raise HTTPException(status_code=404, detail=detail)
        return event

    @app.post("/events/{event_id}/review", summary="Confirm or reject an event (fields: verdict, note)")
    async def review_event(request: Request, event_id: EventId, who: Viewer = Depends(require_writer)):
        from sucesos.review import set_verdict

        data = await payload(request)
        with store_for(request) as store:
            event = load_event(store, event_id)
            set_verdict(store, event, str(data.get("verdict", "")), who.user.username, note=(data.get("note") or None))
        return done(request, f"/events/{event_id}", {"event": event_id, "verdict": data.get("verdict")})

    @app.post("/events/{event_id}/edit", summary="Set an analyst value for a field (fields: field, value)")
    async def edit_event(request: Request, event_id: EventId, who: Viewer = Depends(require_writer)):
        from sucesos.review import edit_field

        data = await payload(request)
        with store_for(request) as store:
            event = load_event(store, event_id)
            value = edit_field(store, event, str(data.get("field", "")), data.get("value"), who.user.username)
        return done(request, f"/events/{event_id}", {"event": event_id, "field": data.get("field"), "value": value})

    @app.post(
        "/events/merge",
        summary="Merge events the matcher kept apart (fields: event_ids, into = the event kept, with its coding; coding=recompute lets the reports decide; note)",
    )
    async def merge(request: Request, who: Viewer = Depends(require_writer)):
        from sucesos.link.decisions import merge_events

        data = await payload(request)
        ids = _id_list(data.get("event_ids") or [], "event_ids")
        into = str(data.get("into") or "").strip()
        if into and (not (into.isascii() and into.isdigit()) or len(into) > len(str(MAX_ID)) or int(into) > MAX_ID):
            raise HTTPException(status_code=400, detail="into: the id of the event to keep")
        target = int(into) if into else None
        if len(set(ids) | ({target} if target else set())) < 2:
            raise HTTPException(status_code=400, detail="name at least two event ids to merge")
        with store_for(request) as store:
            for event_id in sorted(set(ids) | ({target} if target else set())):
                load_event(store, event_id)
            kept = merge_events(
                store, ids, into=target, note=data.get("note") or None, username=who.user.username, recompute_coding=data.get("coding") == "recompute"
            )  # fmt: skip
        return done(request, f"/events/{kept}", {"event": kept, "merged": sorted(set(ids) | {kept})})

    @app.post("/events/{event_id}/split", summary="Split reports out of an event into a new one (fields: report_ids, note)")
    async def split(request: Request, event_id: EventId, who: Viewer = Depends(require_writer)):
        from sucesos.link.decisions import split_reports

        data = await payload(request)
        ids = _id_list(data.get("report_ids") or [], "report_ids")
        with store_for(request) as store:
            event = load_event(store, event_id)
            members = {r["report_id"] for r in event["reports"]}
            if not ids or not set(ids) <= members or set(ids) == members:
                raise HTTPException(status_code=400, detail="name some (not all) of this event's report ids to split off")
            new_event = split_reports(store, ids, note=data.get("note") or None, username=who.user.username)
        return done(request, f"/events/{new_event}", {"event": event_id, "new_event": new_event, "reports": ids})

    @app.post("/actors/{actor_id}/alias", summary="Add an alias to an actor (field: alias)")
    async def add_alias(request: Request, actor_id: str, who: Viewer = Depends(require_writer)):
        from sucesos.review import add_actor_alias

        data = await payload(request)
        alias = str(data.get("alias") or "").strip()
        if not alias or len(alias) > 200:
            raise HTTPException(status_code=400, detail="an alias is 1 to 200 characters")
        with store_for(request) as store:
            if not add_actor_alias(store, actor_id, alias, who.user.username):
                raise HTTPException(status_code=404, detail=f"no actor {actor_id}")
        return done(request, f"/actors/{actor_id}", {"actor": actor_id, "alias": alias})

    @app.get("/audit", response_class=HTMLResponse, summary="The audit log, newest first (signed-in users only; JSON twin: /audit.json)")
    def audit_page(request: Request, target: str | None = None, limit: int = Query(100, ge=1, le=1000)):
        if not viewer(request).signed_in:
            raise HTTPException(status_code=401, detail="sign in to read the audit log")
        from sucesos.store.audit import audit_entries

        with store_for(request) as store:
            entries = audit_entries(store, target=target, limit=limit)
        return render(request, "audit.html", {"entries": entries, "target": target})

    @app.get("/audit.json", summary="The audit log (signed-in users only)")
    def audit_json(request: Request, target: str | None = None, limit: int = Query(100, ge=1, le=1000)):
        if not viewer(request).signed_in:
            raise HTTPException(status_code=401, detail="sign in to read the audit log")
        from sucesos.store.audit import audit_entries

        with store_for(request) as store:
            return {"entries": audit_entries(store, target=target, limit=limit)}

    return app
