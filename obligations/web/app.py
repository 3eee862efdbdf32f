"""The ASGI application: JSON API, calendar feed, office page and timeline picture.

FastAPI, because integrators in Java or .NET generate their clients from the OpenAPI
schema it derives from the typed parameters and bodies below (``/openapi.json``).
Endpoints are plain functions: the framework runs them in its thread pool, and
``data.Service`` serialises the calls into the library.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import quote

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from obligations.base.errors import InputError, ObligationsError, said
from obligations.base.vocabulary import HORIZON_MAX, TIMELINE_MONTHS_MAX, WORKING_DAYS_MAX
from obligations.render import page
from obligations.base import paths
from obligations.web import auth, contract, feed, limits
from obligations.web.auth import Refused
from obligations.web.docs import add_docs
from obligations.web.data import DATE_FORMS, Service, parse_date
from obligations.web.errors import HTTP_STATUS, error_body
from obligations.web.pages import add_pages
from obligations.web.timeline import timeline_svg

log = logging.getLogger("obligations.web")
Lang = Literal["vi", "en"]
DATE = DATE_FORMS
ON = f"the day asked about, {DATE} (default: today in Vietnam)"
KNOWN = f"answer with the documents issued by this day only, {DATE} (default: the same as on)"
KNOWN_TODAY = f"answer with the documents issued by this day only, {DATE} (default: today in Vietnam)"


REPLACE = ("true to replace the record of this occurrence already in the log (a correction); "
           "without it a second, different record is refused with 409. The old record is kept as history")
REASON = "why the record is replaced (needed with replace)"
NOTE = "at most 1,000 characters"
REF = "at most 200 characters"


class SubmissionIn(BaseModel):
    duty: str = Field(description="duty id, e.g. 76-KH-DU/dang-uy-bao-cao-hang-nam")
    period: str = Field(description="e.g. 2026 or 2026-05")
    on: str | None = Field(None, description=f"delivery date {DATE} (default: today in Vietnam)")
    ref: str | None = Field(None, description="số văn bản of the delivered document, " + REF)
    note: str | None = Field(None, description=NOTE)
    replace: bool = Field(False, description=REPLACE)
    reason: str | None = Field(None, description=REASON)


class AckIn(BaseModel):
    from_known: str = Field(description=f"the earlier day of knowledge {DATE}")
    to_known: str | None = Field(None, description=f"the later day of knowledge {DATE} (default: today in Vietnam)")
    by: str = Field(description="who acknowledges the changes (a person or an office), at most 200 characters")


class ExtensionIn(BaseModel):
    duty: str
    period: str
    until: str = Field(description=f"the new deadline {DATE}")
    ref: str = Field(description="số văn bản of the document that grants the extension, " + REF)
    note: str | None = Field(None, description=NOTE)
    replace: bool = Field(False, description=REPLACE)
    reason: str | None = Field(None, description=REASON)


class EventIn(BaseModel):
    event: str = Field(description="event id, e.g. nhan-ke-hoach")
    on: str | None = Field(None, description=f"the day it happened, or is set to happen, {DATE} "
                                                 "(default: today in Vietnam)")
    ref: str | None = Field(None, description=REF)
    note: str | None = Field(None, description=NOTE)
    replace: bool = Field(False, description=REPLACE)
    reason: str | None = Field(None, description=REASON)


# The JSON API's paths: versioned, so that a change that breaks clients comes as /api/v2 beside
# it. The first, unversioned paths stay as deprecated aliases (hidden from /openapi.json, answered
# with a Deprecation header and a Link to their successor) for the clients written against them.
V1 = "/api/v1"
LEGACY = "/api"


def create_app(service: Service, tokens: auth.Tokens, *, open_reads: bool,
               max_body: int = limits.MAX_BODY) -> FastAPI:
    """``open_reads``: the server binds a loopback address, so a loopback client reads freely.
    ``max_body``: the largest request body accepted, in bytes (web/limits.py)."""
    app = FastAPI(title="obligations", version="1",
                  description="Dated duties of Vietnamese directives: what is due, by when, why.",
                  docs_url=None, redoc_url=None)      # served with local assets: web/docs.py
    add_docs(app)
    contract.install(app, paths.schemas_dir)

    def api(method: str, path: str, **declared: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """The endpoint at /api/v1 + ``path``, and at its deprecated alias /api + ``path``."""
        def register(endpoint: Callable[..., Any]) -> Callable[..., Any]:
            app.add_api_route(V1 + path, endpoint, methods=[method], **declared)
            app.add_api_route(LEGACY + path, endpoint, methods=[method], include_in_schema=False, **declared)
            return endpoint
        return register

    def read(path: str, schema: str, what: str, summary: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """A GET answering the JSON of component ``schema`` (``what`` describes it), or a read error."""
        return api("GET", path, tags=["read"], summary=summary, responses=contract.answers(
            contract.json_of(200, schema, what), contract.errors(*contract.READ)))

    def write(path: str, schema: str, what: str, summary: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """A POST recording a fact in the log: 201 with the JSON of component ``schema``, or a write error."""
        return api("POST", path, status_code=201, tags=["write"], summary=summary, responses=contract.answers(
            contract.json_of(201, schema, what), contract.errors(*contract.WRITE)))

    def token_of(request: Request, query: str | None = None) -> str | None:
        return auth.bearer(request.headers.get("authorization")) or query

    def guard(request: Request, unit: str | None, *, write: bool, token: str | None = None) -> str | None:
        local = open_reads and request.client is not None and is_loopback(request.client.host)
        decision = auth.decide(tokens, token or token_of(request), unit, open_read=local and not write,
                               may_act_for=lambda acting, u: service.may_act_for(acting, u, service.today()))
        if not decision.allowed:
            # never the token, nor the query string that may carry it
            log.warning("refused %s %s: %d %s (client %s)", request.method, request.url.path, decision.status,
                        decision.reason, request.client.host if request.client else "?")
            raise Refused(decision)
        return decision.acting

    @app.middleware("http")
    async def access_log(request: Request, call_next: Any) -> Response:
        start = time.perf_counter()
        response: Response = await call_next(request)
        log.info("%s %s %s %d %.1f ms", request.client.host if request.client else "?", request.method,
                 request.url.path, response.status_code, (time.perf_counter() - start) * 1000)
        return response

    @app.exception_handler(Refused)
    def refused(request: Request, exc: Refused) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if exc.decision.status == 401 else {}
        return limits.error(exc.decision.status, exc.decision.reason, REFUSAL_FIX[exc.decision.status], headers,
                            code="unauthorized" if exc.decision.status == 401 else "forbidden")

    @app.exception_handler(ObligationsError)
    def bad_input(request: Request, exc: ObligationsError) -> Response:
        # the status from the code (web/errors.py), the body with the API's words for the fix
        return JSONResponse(error_body(exc), HTTP_STATUS[exc.code])

    def refuse_early(request: Request, unit: str | None) -> Response | None:
        """A JSON write refused from its headers alone, before its body is read."""
        try:
            guard(request, unit, write=True)
        except Refused as exc:
            return refused(request, exc)
        return None

    def page_error(status: int, text: str, lang: str) -> Response:
        return HTMLResponse(page.render_error(status, limits.clip(text), lang), status)

    limits.install(app, max_body=max_body, authorize=refuse_early, page=page_error)
    app.add_middleware(Deprecated)     # added last, so outermost: the limits' early refusals get it too

    # -- JSON API --------------------------------------------------------------------

    @read("/units/{unit}/due", "Due", "The JSON of `due --format json` (docs/schemas/due.json)",
          "What a unit must do around a date (the JSON of `due --format json`)")
    def due(request: Request, unit: str, on: str | None = Query(None, description=ON),
            horizon: int = Query(30, ge=0, le=HORIZON_MAX), lookback: int = Query(30, ge=0, le=HORIZON_MAX),
            lang: Lang = "vi", as_known_on: str | None = Query(None, description=KNOWN)) -> Any:
        guard(request, unit, write=False)
        day = parse_date(on, "on") if on else service.today()
        return JSONResponse(service.due(unit, day, horizon, lookback, lang, known(as_known_on, day)))

    @read("/units/{unit}/explain", "Explain", "The JSON of `explain --format json` (docs/schemas/explain.json)",
          "The whole derivation of one occurrence (the JSON of `explain --format json`)")
    def explain(request: Request, unit: str, duty: str, period: str | None = None,
                on: str | None = Query(None, description=ON),
                lang: Lang = "vi", as_known_on: str | None = Query(None, description=KNOWN)) -> Any:
        guard(request, unit, write=False)
        day = parse_date(on, "on") if on else service.today()
        return JSONResponse(service.explain(unit, duty, period, day, lang, known(as_known_on, day)))

    @read("/units/{unit}/count", "Count", "The JSON of `status --under --format json` (docs/schemas/count.json)",
          "The four-way count (on time, late, within the deadline, overdue) of a unit and every "
          "unit below it (the JSON of `status --under --format json`)")
    def count(request: Request, unit: str,
              start: str | None = Query(None, alias="from", description=f"deadlines from this day, {DATE} "
                                                                         "(default: 1 January of on's year)"),
              to: str | None = Query(None, description=f"deadlines up to this day, {DATE} "
                                                       "(default: 31 December of on's year)"),
              on: str | None = Query(None, description=ON),
              by: Literal["unit", "directive", "duty"] = "unit", lang: Lang = "vi") -> Any:
        guard(request, unit, write=False)
        day = parse_date(on, "on") if on else service.today()
        first = parse_date(start, "from") if start else dt.date(day.year, 1, 1)
        last = parse_date(to, "to") if to else dt.date(day.year, 12, 31)
        return JSONResponse(service.count(unit, first, last, day, by, lang))

    @read("/units/{unit}/changes", "Changes", "The JSON of `changes --format json` (docs/schemas/changes.json)",
          "What became known between two days: each occurrence of a unit and every unit below it "
          "added, moved or removed, with its cause (the JSON of `changes --format json`)")
    def changes(request: Request, unit: str,
                from_known: str = Query(description=f"the earlier day of knowledge, {DATE}"),
                to_known: str | None = Query(None, description=f"the later day of knowledge, {DATE} (default: today)"),
                start: str | None = Query(None, alias="from", description=f"deadlines from this day, {DATE} "
                                                                           "(default: from_known)"),
                to: str | None = Query(None, description=f"deadlines up to this day, {DATE} (default: 31 "
                                                         "December two years after to_known)"),
                lang: Lang = "vi") -> Any:
        guard(request, unit, write=False)
        days = [parse_date(x, n) if x else None for x, n in ((from_known, "from_known"), (to_known, "to_known"),
                                                              (start, "from"), (to, "to"))]
        return JSONResponse(service.changes(unit, days[0] or service.today(), days[1] or service.today(), days[2],
                                            days[3], lang))

    @write("/units/{unit}/changes/ack", "ChangeAck", "The acknowledgements recorded (docs/schemas/change-ack.json)",
           "Acknowledge the changes of a unit between two days of knowledge (as `changes --ack`)")
    def acknowledge(request: Request, unit: str, body: AckIn) -> Any:
        guard(request, unit, write=True)
        later = parse_date(body.to_known, "to_known") if body.to_known else service.today()
        return recorded(lambda: service.acknowledge(unit, parse_date(body.from_known, "from_known"), later,
                                                    body.by))

    @read("/calendar/{year}", "Calendar", "The JSON of `calendar --format json` (docs/schemas/calendar.json)",
          "Days off, make-up days and commemorations (the JSON of `calendar --format json`)")
    def calendar(request: Request, year: int, lang: Lang = "vi", unit: str | None = None) -> Any:
        guard(request, unit, write=False)
        return JSONResponse(service.calendar(year, lang, unit))

    @write("/units/{unit}/submissions", "Submission", "The delivery recorded (docs/schemas/submission.json)",
           "Record that an occurrence was delivered (as `submit`)")
    def submit(request: Request, unit: str, body: SubmissionIn) -> Any:
        guard(request, unit, write=True)
        day = parse_date(body.on, "on") if body.on else service.today()
        return recorded(lambda: service.submit(unit, body.duty, body.period, day, body.ref, body.note,
                                               replace=body.replace, reason=body.reason))

    @write("/units/{unit}/extensions", "Extension", "The extension recorded (docs/schemas/extension.json)",
           "Record an extension (gia hạn) granted by the level above (as `extend`)")
    def extend(request: Request, unit: str, body: ExtensionIn) -> Any:
        guard(request, unit, write=True)
        until = parse_date(body.until, "until")
        return recorded(lambda: service.extend(unit, body.duty, body.period, until, body.ref, body.note,
                                               replace=body.replace, reason=body.reason))

    @write("/units/{unit}/events", "Event", "The event recorded (docs/schemas/event.json)",
           "Record a dated event of the unit (as `event`)")
    def event(request: Request, unit: str, body: EventIn) -> Any:
        guard(request, unit, write=True)
        day = parse_date(body.on, "on") if body.on else service.today()
        return recorded(lambda: service.record_event(unit, body.event, day, body.ref, body.note,
                                                     replace=body.replace, reason=body.reason))

    # -- feed, picture, page ----------------------------------------------------------------

    @app.get("/units/{unit}/calendar.ics", tags=["feed"], response_class=Response, responses=contract.answers(
        contract.text_of(200, "text/calendar", "The iCalendar subscription (RFC 5545), UTF-8"),
        {304: {"description": "Not modified: the body has the ETag sent in If-None-Match"}},
        contract.errors(*contract.READ)),
             summary="The unit's deadlines as an iCalendar subscription (webcal)")
    def calendar_feed(request: Request, unit: str, lang: Lang = "vi",
                      remind: int = Query(3, ge=0, le=WORKING_DAYS_MAX), token: str | None = None,
                      as_known_on: str | None = Query(None, description=KNOWN_TODAY)) -> Response:
        guard(request, unit, write=False, token=token)
        day = service.today()
        body = service.feed(unit, day, lang, remind, known(as_known_on, day))
        tag = feed.etag(body)
        headers = {"ETag": tag, "Cache-Control": "no-cache"}
        if feed.not_modified(request.headers.get("if-none-match"), tag):
            return Response(status_code=304, headers=headers)
        headers["Content-Disposition"] = f'inline; filename="{unit}.ics"'
        return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)

    @app.get("/units/{unit}/timeline.svg", tags=["picture"], response_class=Response, responses=contract.answers(
        contract.text_of(200, "image/svg+xml", "The picture, SVG, UTF-8"), contract.errors(*contract.READ)),
             summary="The unit's report chains as an SVG picture: the months around today, or a whole year")
    def timeline(request: Request, unit: str,
                 year: int | None = Query(None, description="draw this whole year (not with before/after)"),
                 on: str | None = Query(None, description="the day marked as today, the picture's centre, "
                                                          f"{DATE} (default: today)"),
                 before: int | None = Query(None, ge=0, le=TIMELINE_MONTHS_MAX,
                                            description="months drawn before the month of `on` (default 2)"),
                 after: int | None = Query(None, ge=0, le=TIMELINE_MONTHS_MAX,
                                           description="months drawn after the month of `on` (default 4)"),
                 lang: Lang = "vi", token: str | None = None,
                 as_known_on: str | None = Query(None, description=KNOWN_TODAY)) -> Response:
        guard(request, unit, write=False, token=token)
        if year is not None and (before is not None or after is not None):
            raise InputError(said("web:year-whole", "year draws the whole year: it cannot be combined with before or "
                                  "after"), fix=said("web:year-whole-fix", "give either year or before/after around on"),
                             code="bad-range", param="year")
        day = parse_date(on, "on") if on else service.today()
        svg = timeline_svg(service, unit, year, lang, known(as_known_on, day), today=day, before=before, after=after,
                           calendar=as_known_on is not None)
        return Response(svg, media_type="image/svg+xml; charset=utf-8")

    add_pages(app, service, guard)

    return app


class Deprecated:
    """Every answer of an unversioned alias /api/… says so (RFC 9745 Deprecation) and names its
    successor /api/v1/… (RFC 8288 Link), whatever answered it: the route, a handler of errors or
    the limits' middleware."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path.startswith(LEGACY + "/") and not path.startswith(V1 + "/")):
            await self.app(scope, receive, send)
            return
        # the path as sent on the wire: a header holds ASCII only, and a unit id may not be
        link = f'<{quote(V1 + path.removeprefix(LEGACY), safe="/")}>; rel="successor-version"'.encode("ascii")

        async def marked(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = dict(message, headers=[*message.get("headers", []), (b"deprecation", b"true"),
                                                 (b"link", link)])
            await send(message)

        await self.app(scope, receive, marked)


def recorded(write: Callable[[], dict[str, Any]]) -> JSONResponse:
    """201 with the record written; 409 Conflict with {"error", "fix"} when the occurrence (or
    the unit's event) already has a different record and the body does not replace it."""
    from obligations.log.store import AlreadyRecorded

    try:
        return JSONResponse(write(), 201)
    except AlreadyRecorded as exc:
        return JSONResponse(error_body(exc), HTTP_STATUS[exc.code])


REFUSAL_FIX = {401: "send the header Authorization: Bearer <token>, a token the tokens file lists "
                   "(python -m obligations token --unit UNIT)",
               403: "use a token of this unit or of a unit above it"}


def known(text: str | None, on: dt.date) -> dt.date:
    """``as_known_on``, else the day asked about (as the CLI's --as-known-on)."""
    return parse_date(text, "as_known_on") if text else on


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and ::ffff:127.x (a dual-stack socket), or the name localhost."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool(address.is_loopback or (mapped is not None and mapped.is_loopback))
