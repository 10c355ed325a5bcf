"""The explorer's ASGI app: HTML pages and a JSON API over one store, opened read-only.

Pages are rendered on the server with Jinja2 (autoescaping on), so every filter and chart state
lives in the URL; charts, the map and the network are drawn in the browser from the same data
the page embeds (``<script type="application/json">``), with libraries served from
``static/vendor/`` (see :mod:`newsevents.web.vendor`). Each page has a JSON twin under ``/api``,
documented at ``/openapi.json`` and browsable at ``/docs`` (Swagger UI served locally).

Errors have one shape, rendered by one handler: JSON ``{"error": {"status", "message"[,
"details"]}}`` under ``/api`` and an HTML page elsewhere.
"""

from __future__ import annotations

import logging
import threading
import urllib.parse
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsevents import __version__
from newsevents.errors import ConfigError, NewsEventsError
from newsevents.io.explain import event_path
from newsevents.store import EventFilter, open_db
from newsevents.store.explorer import DEFAULT_PAGE, INTERVALS, MAX_EDGES, MAX_OFFSET, MAX_PAGE, Explorer
from newsevents.store.schema import QUAD_CLASS_NAMES
from newsevents.web import vendor as vendor_files
from newsevents.web.highlight import article_spans, highlight

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
MAX_QUERY_CHARS = 2_000
MAX_PAGE_NUMBER = MAX_OFFSET // 10

# [0-9], not \d: \d also matches other scripts' digits, which no date parser takes
_DAY = r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_ISO = r"^([0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?$"
_HEX16 = r"^[0-9a-f]{16}$"
_HEX40 = r"^[0-9a-f]{40}$"


class ErrorDetail(BaseModel):
    where: str
    problem: str


class ErrorInfo(BaseModel):
    status: int
    message: str
    details: list[ErrorDetail] | None = None


class ErrorBody(BaseModel):
    """The API's one error shape: ``{"error": {"status", "message"[, "details"]}}``."""
    error: ErrorInfo


#: The error answers every API route may give, documented in /openapi.json with the one shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A value the schema admits but the store cannot use "
                                             "(a date like 2017-02-30, a cursor this explorer did not make)."},
    404: {"model": ErrorBody, "description": "No such event or article."},
    414: {"model": ErrorBody, "description": f"Query string longer than {MAX_QUERY_CHARS} characters."},
    422: {"model": ErrorBody, "description": "A parameter that does not fit its schema (`details` says which)."},
}

QUAD_COLORS = {1: "#3b7dd8", 2: "#2a9d5c", 3: "#e39b1b", 4: "#d1432f"}


def filter_from_request(
    actor: Annotated[str | None, Query(max_length=100, description="Substring of either side's name, code or text.")] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$", description="ISO-3 country on either side.")] = None,
    dyad: Annotated[str | None, Query(max_length=41, pattern=r"^([A-Za-z0-9]{1,20},[A-Za-z0-9]{0,20}|,[A-Za-z0-9]{1,20})?$",
                                      description="SOURCE,TARGET (country or actor-code prefix), e.g. RUS,UKR.")] = None,
    both: Annotated[bool, Query(description="Dyad in both directions.")] = False,
    cameo: Annotated[str | None, Query(pattern=r"^([0-9]{1,4})?$", description="CAMEO code prefix, e.g. 04 or 042.")] = None,
    plover: Annotated[str | None, Query(pattern=r"^([A-Za-z_]{2,40})?$", description="PLOVER event type, e.g. PROTEST.")] = None,
    quad: Annotated[str | None, Query(pattern=r"^[1-4]?$", description="QuadClass 1-4.")] = None,
    since: Annotated[str | None, Query(pattern=_ISO, description="Earliest date: YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    until: Annotated[str | None, Query(pattern=_ISO, description="Latest date: YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    place: Annotated[str | None, Query(max_length=100, description="Substring of the place name, or its ISO-3 country.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Substring of the evidence sentence.")] = None,
    article: Annotated[str | None, Query(pattern=r"^([0-9a-f]{40})?$", description="One article's id.")] = None,
    main: Annotated[bool, Query(description="Only main events (an article's news), not background ones.")] = False,
) -> EventFilter:
    return EventFilter(actor=actor, country=country, dyad=dyad, both=both, cameo=cameo, plover=plover,
                       quad=int(quad) if quad else None, since=since, until=until, place=place, q=q, article=article,
                       main=main)


Filter = Annotated[EventFilter, Depends(filter_from_request)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Rows per page (at most {MAX_PAGE}).")]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE_NUMBER, description="Page number (offset paging, bounded).")]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE_NUMBER, alias="page")]
Cursor = Annotated[str | None, Query(pattern=rf"^(({_DAY})?~[0-9a-f]{{16}})?$",
                                     description="next_cursor of the previous page (keyset paging).")]
Order = Annotated[str, Query(pattern=r"^(asc|desc)$", description="desc: newest first; asc: oldest first.")]
Interval = Annotated[str | None, Query(pattern=r"^(day|week|month|year)?$", description="Time bucket.")]
EventId = Annotated[str, PathParam(pattern=_HEX16, description="16 hex digits.")]
ArticleId = Annotated[str, PathParam(pattern=_HEX40, description="The article's content hash (40 hex digits).")]


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(QUAD_NAMES=QUAD_CLASS_NAMES, QUAD_COLORS=QUAD_COLORS, INTERVALS=INTERVALS,
                       version=__version__, MAX_PAGE=MAX_PAGE)
    env.filters["urlq"] = lambda params: urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
    env.filters["event_path"] = event_path  # which path coded an event: lexicon rule or classifier
    return env


LOCAL_HOSTS = ("127.0.0.1", "localhost")


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without the port (``[::1]:8000`` -> ``::1``)."""
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def warm(explorer: Explorer) -> None:
    try:
        explorer.warm()
    except Exception as exc:  # a request that needs them reads them again, and reports the error
        log.warning("explorer warm-up: %s", exc)


def create_app(db: str | Path, *, vendor_dir: str | Path | None = None,
               allowed_hosts: tuple[str, ...] | list[str] | None = LOCAL_HOSTS) -> FastAPI:
    """The explorer over the store at ``db``, opened read-only. Raises ``StoreError`` when the
    file is not a store this newsevents can read, or is truncated or damaged. ``vendor_dir``
    serves the browser libraries from another folder than ``static/vendor/`` (pages say what is
    missing there).

    ``allowed_hosts`` are the names the app answers to (the ``Host`` header): by default only
    loopback names, so a web page elsewhere cannot read the store through DNS rebinding;
    ``None`` answers to any."""
    vendor = Path(vendor_dir) if vendor_dir is not None else vendor_files.VENDOR
    store = open_db(db, read_only=True)
    explorer = Explorer(store.con, str(db))
    try:
        explorer.check()  # a truncated or damaged file: refuse now, not answer 500 to every request
    except NewsEventsError:
        store.close()
        raise
    # the dyad filters' country pairs and the date range, read while the first page loads
    threading.Thread(target=warm, args=(explorer,), name="explorer-warm", daemon=True).start()
    templates = Jinja2Templates(env=environment())

    app = FastAPI(
        title="newsevents explorer",
        version=__version__,
        description="Read-only JSON API over a newsevents event store (CAMEO / PLOVER events coded from news). "
                    f"Pages hold at most {MAX_PAGE} rows; counts stop at 10,000; no endpoint runs SQL you send.",
        docs_url=None,
        redoc_url=None,
        responses=ERROR_RESPONSES,
    )
    app.state.explorer = explorer
    app.state.store = store
    if vendor_dir is not None:
        app.mount("/static/vendor", StaticFiles(directory=vendor, check_dir=False), name="vendor")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def page(request: Request, name: str, page_id: str, context: dict[str, Any], status: int = 200) -> Response:
        ctx = {"page": page_id, "vendor_missing": vendor_files.missing(page_id, vendor=vendor), "db_name": Path(str(db)).name,
               "query": request.url.query, **context}
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    # -- errors: one handler, one shape ------------------------------------------------------------

    def error_response(request: Request, status: int, message: str, details: Any = None,
                       headers: dict[str, str] | None = None) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            body: dict[str, Any] = {"status": status, "message": message}
            if details is not None:
                body["details"] = details
            response: Response = JSONResponse({"error": body}, status_code=status)
        else:
            response = page(request, "error.html", "error", {"status": status, "message": message,
                                                             "details": details or []}, status=status)
        response.headers.update(headers or {})  # e.g. a 405's Allow: the methods the path takes
        return response

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, message, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                   for e in exc.errors()]
        message = "invalid request: " + "; ".join(f"{d['where']}: {d['problem']}" for d in details)
        return error_response(request, 422, message, details)

    @app.exception_handler(NewsEventsError)
    async def _ours(request: Request, exc: NewsEventsError) -> Response:
        status = 400 if isinstance(exc, ConfigError) else 500
        if status == 500:
            log.error("%s", exc)
        return error_response(request, status, str(exc))

    @app.middleware("http")
    async def _limits_and_headers(request: Request, call_next):
        if allowed_hosts is not None:
            name = host_name(request.headers.get("host", ""))
            if name not in allowed_hosts:
                return error_response(request, 400, f"this explorer does not answer to host {name!r}: "
                                                     f"open it as http://127.0.0.1 (see `newsevents serve --host`)")
        if len(request.url.query) > MAX_QUERY_CHARS:
            return error_response(request, 414, f"query string longer than {MAX_QUERY_CHARS} characters")
        try:
            response = await call_next(request)
        except Exception:  # noqa: BLE001 -- the one place unexpected errors become a 500
            log.exception("unexpected error on %s", request.url.path)
            response = error_response(request, 500, "internal error: see the server log")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    # -- JSON API ----------------------------------------------------------------------------------

    @app.get("/api/overview", tags=["api"], summary="Counts, events by QuadClass over time, top actors and dyads")
    def api_overview(flt: Filter, interval: Interval = None) -> dict[str, Any]:
        return explorer.overview(flt, interval=interval or None)

    @app.get("/api/events", tags=["api"], summary="Events (one row per dyad), filtered and paged")
    def api_events(flt: Filter, limit: Limit = DEFAULT_PAGE, page: Page = 1, cursor: Cursor = None,
                   order: Order = "desc") -> dict[str, Any]:
        """Newest first. Page with `cursor` (each response's `next_cursor`) for any depth, or with
        `page` while `page * limit` stays within 10,000 rows. `total` stops at 10,000
        (`total_capped` says when)."""
        return explorer.events(flt, limit=limit, offset=(page - 1) * limit if not cursor else 0,
                               cursor=cursor or None, order=order)

    @app.get("/api/events/{event_id}", tags=["api"], summary="One event, every column")
    def api_event(event_id: EventId) -> dict[str, Any]:
        row = explorer.event(event_id)
        if row is None:
            raise StarletteHTTPException(404, f"no event {event_id}")
        return row

    @app.get("/api/dyad", tags=["api"], summary="Goldstein-weighted cooperation and conflict of a dyad over time")
    def api_dyad(flt: Filter, interval: Interval = None) -> dict[str, Any]:
        return explorer.dyad_series(flt, interval=interval or "month")

    @app.get("/api/map", tags=["api"], summary="Event locations, grouped by place")
    def api_map(flt: Filter) -> dict[str, Any]:
        return explorer.map_points(flt)

    @app.get("/api/network", tags=["api"], summary="Actor network: dyads weighted by event count")
    def api_network(flt: Filter, limit: Annotated[int, Query(ge=1, le=MAX_EDGES)] = 150,
                    min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> dict[str, Any]:
        return explorer.network(flt, limit=limit, min_events=min_events)

    @app.get("/api/articles/{article_id}", tags=["api"], summary="One article with its records")
    def api_article(article_id: ArticleId) -> dict[str, Any]:
        art = explorer.article(article_id)
        if art is None:
            raise StarletteHTTPException(404, f"no article {article_id}")
        return art

    # -- pages -------------------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def overview_page(request: Request, flt: Filter, interval: Interval = None) -> Response:
        data = explorer.overview(flt, interval=interval or None)
        return page(request, "overview.html", "overview", {"data": data, "flt": flt})

    @app.get("/events", include_in_schema=False)
    def events_page(request: Request, flt: Filter, limit: Limit = DEFAULT_PAGE, page_no: PageNo = 1,
                    cursor: Cursor = None, order: Order = "desc") -> Response:
        data = explorer.events(flt, limit=limit, offset=(page_no - 1) * limit if not cursor else 0,
                               cursor=cursor or None, order=order)
        base = {**flt.params(), "limit": limit if limit != DEFAULT_PAGE else None,
                "order": order if order != "desc" else None}
        nav: dict[str, Any] = {}
        if not cursor and page_no > 1:
            nav["prev"] = {**base, "page": page_no - 1 if page_no > 2 else None}
        if data["next_cursor"]:
            if not cursor and page_no * limit + limit <= MAX_OFFSET:
                nav["next"] = {**base, "page": page_no + 1}
            else:
                nav["next"] = {**base, "cursor": data["next_cursor"]}
        if cursor:
            nav["first"] = base
        return page(request, "events.html", "events",
                    {"data": data, "flt": flt, "nav": nav, "page_no": None if cursor else page_no,
                     "limit": limit, "order": order})

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(event_id: EventId) -> Response:
        row = explorer.event(event_id)
        if row is None:
            raise StarletteHTTPException(404, f"no event {event_id}")
        return RedirectResponse(f"/articles/{row['article_id']}#ev-{event_id}", status_code=303)

    @app.get("/dyad", include_in_schema=False)
    def dyad_page(request: Request, flt: Filter, interval: Interval = None) -> Response:
        ivl = interval or "month"
        data = explorer.dyad_series(flt, interval=ivl) if flt.dyad else None
        top = explorer.top_dyads(EventFilter(), limit=20)
        return page(request, "dyad.html", "dyad", {"data": data, "flt": flt, "interval": ivl, "top": top})

    @app.get("/map", include_in_schema=False)
    def map_page(request: Request, flt: Filter) -> Response:
        return page(request, "map.html", "map", {"data": explorer.map_points(flt), "flt": flt})

    @app.get("/network", include_in_schema=False)
    def network_page(request: Request, flt: Filter, limit: Annotated[int, Query(ge=1, le=MAX_EDGES)] = 150,
                     min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Response:
        data = explorer.network(flt, limit=limit, min_events=min_events)
        return page(request, "network.html", "network",
                    {"data": data, "flt": flt, "limit": limit, "min_events": min_events})

    @app.get("/articles/{article_id}", include_in_schema=False)
    def article_page(request: Request, article_id: ArticleId) -> Response:
        art = explorer.article(article_id)
        if art is None:
            raise StarletteHTTPException(404, f"no article {article_id}")
        body = highlight(art["text"] or "", article_spans(art))
        title = highlight(art["title"] or "", article_spans(art, where="title"))
        first_row: dict[int, str] = {}
        for ev in art["events"]:
            first_row.setdefault(ev["event_index"], ev["event_id"])
        return page(request, "article.html", "article",
                    {"art": art, "body": body, "title_html": title, "first_row": first_row})

    @app.get("/docs", include_in_schema=False)
    def docs_page(request: Request) -> Response:
        return page(request, "docs.html", "docs", {})

    return app
