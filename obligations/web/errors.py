"""The web service's HTTP status for each error code (the one table; docs/errors.md shows it)
and the JSON error body: {"error", "fix", "code"}, with "file" and "place" when the error has them.

400: the request cannot be answered as sent; 404: no such unit (or path); 409: the occurrence
already has a different record; 500: the service's own data, log or engine failed (nothing
the request can change); the framework's refusals keep their statuses (401 … 422).
"""

from __future__ import annotations

from typing import Any

from obligations.base.errors import CODES, ErrorCode, ObligationsError

HTTP_STATUS: dict[ErrorCode, int] = {code: 400 for code in CODES} | {
    "unknown-unit": 404, "already-recorded": 409,
    "log-file": 500, "data-file": 500, "several-problems": 500, "engine": 500, "not-installed": 500,
    "unauthorized": 401, "forbidden": 403, "not-found": 404, "method-not-allowed": 405, "too-large": 413,
    "unsupported-media": 415, "invalid-request": 422, "internal": 500,
}


def error_body(exc: ObligationsError) -> dict[str, Any]:
    """The JSON of a library error: its message (with file and place, as the command line says
    it), the fix in the API's words (its fields, render/error_words.py), the code, file, place."""
    from obligations.render.error_words import api_fix
    from obligations.web.limits import clip

    fix = api_fix(exc) or "see docs/errors.md"
    body: dict[str, Any] = {"error": clip(exc.render_with(fix)), "fix": clip(fix), "code": exc.code}
    if exc.file:
        body["file"] = clip(exc.file)
    if exc.place:
        body["place"] = clip(exc.place)
    return body
