"""What every request meets before the application reads it, and how errors are shown.

In this order, for a request to an endpoint that takes a body:

1. a JSON write (the endpoints tagged ``write``) is authenticated from its headers: no
   token or a refused one is answered 401/403 before a byte of the body is read;
2. a declared ``Content-Length`` above the limit is answered 413 at once;
3. a body of another type than the endpoint takes is answered 415;
4. the body is read chunk by chunk and refused (413) as soon as it passes the limit,
   whether its length was declared or it comes chunked: at most the limit plus one chunk
   is ever held; the server drops the rest unread;
5. a JSON body that is not UTF-8, not JSON or nested deeper than ``MAX_DEPTH`` is answered
   400; the application then parses the (small, valid) body itself.

Every error is ``{"error", "fix"}``, and no error echoes more than ``ECHO`` characters of
what was sent (``clip``). The form of the office page answers its errors as a page, as
its other errors are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from obligations.base.errors import ErrorCode

from starlette.datastructures import Headers

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Match

MAX_BODY = 64 * 1024          # the documented default: a submission is a few hundred bytes
MAX_BODY_RANGE = (1024, 64 * 1024 * 1024)
MAX_DEPTH = 32                # the bodies are flat objects; a deeper one is an attack, not data
ECHO = 200                    # longest piece of a request repeated in an error
_TOTAL = 4 * ECHO             # longest error text

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Authorize = Callable[[Request, str | None], Response | None]
Page = Callable[[int, str, str], Response]

JSON_TYPE = "application/json"
FORM_TYPE = "application/x-www-form-urlencoded"
_LONG = re.compile(r"\S{%d,}" % (ECHO + 1))


def clip(text: str) -> str:
    """``text`` with every run of more than ``ECHO`` non-blank characters cut, and at most
    ``_TOTAL`` characters in all: a 5,000-character id is never repeated whole."""
    text = _LONG.sub(lambda m: f"{m.group(0)[:ECHO]}… ({len(m.group(0)) - ECHO} more characters)", text)
    return text if len(text) <= _TOTAL else f"{text[:_TOTAL]}… ({len(text) - _TOTAL} more characters)"


def error(status: int, message: str, fix: str, headers: dict[str, str] | None = None, *,
          code: ErrorCode) -> JSONResponse:
    """The documented error body {"error", "fix", "code"} (web/errors.py: a library error's, with file and place)."""
    return JSONResponse({"error": clip(message), "fix": clip(fix), "code": code}, status, headers=headers)


def media_type(headers: Headers) -> str:
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def is_json(media: str) -> bool:
    return media == JSON_TYPE or (media.startswith("application/") and media.endswith("+json"))


def json_problem(body: bytes) -> str | None:
    """Why ``body`` is not a JSON document the endpoints can take, or None."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"the body is not UTF-8 (byte {exc.start})"
    try:
        value = json.loads(text)
    except RecursionError:
        return f"the body is nested more than {MAX_DEPTH} levels deep"
    except json.JSONDecodeError as exc:
        return f"the body is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    except ValueError:                     # Python refuses integers of more than 4,300 digits
        return "the body holds a number of more than 4,300 digits"
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > MAX_DEPTH:
            return f"the body is nested more than {MAX_DEPTH} levels deep"
        if isinstance(item, dict):
            pending.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            pending.extend((v, depth + 1) for v in item)
    return None


class TooLarge(Exception):
    pass


class RequestLimits:
    """The ASGI middleware that applies the steps of the module's docstring."""

    def __init__(self, app: ASGIApp, *, routes: list[BaseRoute], max_body: int, authorize: Authorize,
                 page: Page) -> None:
        self.app = app
        self.routes = routes
        self.max_body = max_body
        self.authorize = authorize
        self.page = page

    def _route(self, scope: Scope) -> tuple[BaseRoute | None, dict[str, Any]]:
        for route in self.routes:
            match, child = route.matches(scope)
            if match == Match.FULL:
                return route, child.get("path_params", {})
        return None, {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route, params = self._route(scope)
        takes_json = getattr(route, "body_field", None) is not None
        is_form = route is not None and not takes_json and "POST" in (getattr(route, "methods", None) or ())
        headers = Headers(scope=scope)
        refusal = await self._refusal(scope, route, params, headers, takes_json, is_form)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if not (takes_json or is_form):
            # nothing here reads a body: whatever comes is counted, never held beyond the limit
            await self.app(scope, self._counted(receive), send)
            return
        try:
            body = await self._read(receive)
        except TooLarge:
            await self._too_large(is_form)(scope, receive, send)
            return
        if takes_json and body:
            problem = json_problem(body)
            if problem is not None:
                await error(400, problem, 'send one JSON object, e.g. {"duty": "…", "period": "2026"}', code="bad-input")(
                    scope, receive, send)
                return
        await self.app(scope, _replay(body, receive), send)

    async def _refusal(self, scope: Scope, route: BaseRoute | None, params: dict[str, Any], headers: Headers,
                       takes_json: bool, is_form: bool) -> Response | None:
        if route is not None and "write" in (getattr(route, "tags", None) or ()):
            refused = self.authorize(Request(scope), params.get("unit"))
            if refused is not None:
                return refused
        length = headers.get("content-length")
        if length is not None and length.strip().isdigit() and int(length) > self.max_body:
            return self._too_large(is_form)
        media = media_type(headers)
        if takes_json and not is_json(media):
            return error(415, f"the body is sent as {media or 'no type'!r}, not as JSON",
                         f"send it with the header Content-Type: {JSON_TYPE}", code="unsupported-media")
        if is_form and media != FORM_TYPE:
            return self.page(415, f"the form is sent as {clip(media or 'no type')!r}, not as {FORM_TYPE}",
                             "vi")
        return None

    def _too_large(self, is_form: bool) -> Response:
        message = f"the body is larger than {self.max_body:,} bytes, the limit of this service"
        if is_form:
            return self.page(413, message, "vi")
        return error(413, message, "send a smaller body: notes and references are short texts "
                                   "(the limit is `serve --max-body BYTES`)", code="too-large")

    async def _read(self, receive: Receive) -> bytes:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":        # the client went away
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _counted(self, receive: Receive) -> Receive:
        size = 0

        async def counted() -> Message:
            nonlocal size
            message = await receive()
            size += len(message.get("body", b""))
            if size > self.max_body:
                return {"type": "http.disconnect"}
            return message

        return counted


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, then whatever the server says next (a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def validation_message(errors: Any) -> str:
    """FastAPI's list of validation errors as one sentence, without the values sent."""
    parts = []
    for item in list(errors)[:3]:
        loc = [str(p) for p in item.get("loc", ())]
        where = loc[0] if loc else ""
        name = ".".join(loc[1:]) if where in ("body", "query", "path", "header") else ".".join(loc)
        name = name or ("the body" if where == "body" else where)
        label = name if where in ("body", "") else f"{name} ({where})"
        parts.append(f"{label}: {item.get('msg', 'invalid')}")
    more = len(list(errors)) - 3
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


# the code of a refusal the framework itself answers, by its status
_FRAMEWORK: dict[int, ErrorCode] = {401: "unauthorized", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
                                    413: "too-large", 415: "unsupported-media", 422: "invalid-request", 500: "internal"}


def install(app: Any, *, max_body: int, authorize: Authorize, page: Page) -> None:
    """The middleware above, and every error of the framework in the documented shape."""
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error(422, validation_message(exc.errors()),
                     "send the fields and values /openapi.json documents for this path", code="invalid-request")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        path = request.url.path
        if exc.status_code == 404:
            return error(404, f"no such path {path}", "see /openapi.json for the paths of this service", code="not-found")
        if exc.status_code == 405:
            allow = (exc.headers or {}).get("Allow", "")
            return error(405, f"{request.method} is not allowed on {path}", f"use {allow or 'another method'}",
                         headers=dict(exc.headers or {}), code="method-not-allowed")
        return error(exc.status_code, str(exc.detail), "see /openapi.json for what this path takes",
                     headers=dict(exc.headers or {}), code=_FRAMEWORK.get(exc.status_code, "bad-input"))

    async def internal(request: Request, exc: Exception) -> Response:
        return error(500, "internal error", "the server's log has the details; report them", code="internal")

    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal)
    app.add_middleware(RequestLimits, routes=app.router.routes, max_body=max_body, authorize=authorize, page=page)
