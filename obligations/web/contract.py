"""What every path of the service answers, as /openapi.json declares it: a schema for each
status and media type, so that clients can be generated from it (tests/test_typescript_client.py).

Every JSON body (``due``, ``explain``, ``calendar``, the records a write answers, the errors) has
its shape published as a JSON Schema file (docs/schemas/, ``base.paths.schemas_dir()``) that the
tests validate every output against. ``published`` copies those files into the document's
``components/schemas``, rewriting their ``$ref`` between files, so the HTTP contract and the
published schemas cannot drift apart: they are the same definitions. (The request bodies stay
the pydantic models of web/app.py: FastAPI validates requests with them.)

The routes name their answers with ``responses=`` built here (``json_of``, ``errors``...), all by
``$ref``; ``install`` puts the published files into the document and refuses (ValueError) a document
with a ``$ref`` that reaches nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

COMPONENTS = "#/components/schemas/"
Responses = dict[int | str, dict[str, Any]]
# Keys of a schema file's root that say nothing about the document itself.
_ABOUT = {"$schema", "$id", "$defs", "$comment", "title", "description", "examples"}


# -- what the routes declare ----------------------------------------------------------------

def ref(name: str) -> dict[str, str]:
    return {"$ref": COMPONENTS + name}


def json_of(status: int, name: str, description: str) -> Responses:
    """``status`` answers the JSON body of component ``name``."""
    return {status: {"description": description, "content": {"application/json": {"schema": ref(name)}}}}


def text_of(status: int, media: str, description: str) -> Responses:
    """``status`` answers a text body of type ``media`` (a page, a feed, a picture)."""
    return {status: {"description": description, "content": {media: {"schema": {"type": "string"}}}}}


ERRORS = {400: "Bad input: an impossible date, an unknown duty or period, a year the calendar data "
               "does not cover, a body that is not JSON or is nested too deep",
          401: "No token, or a token the tokens file does not list (a write: before the body is read; "
               "a read: when the client is not on the server's own machine)",
          403: "The token acts for another unit",
          404: "Unknown unit",
          409: "The occurrence (or the unit's event) already has a different record: send it with "
               "replace and a reason",
          413: "The body is larger than the limit (64 KiB unless `serve --max-body`)",
          415: "The body is not sent as the type the path takes",
          422: "A field missing or of the wrong type, or a number out of its bounds",
          500: "An internal error (the server's log has the details)"}
READ = (400, 401, 403, 404)
WRITE = (400, 401, 403, 404, 409, 413, 415)
# Every path may answer these as JSON: the framework's validation and the last-resort handler.
ALWAYS = (422, 500)


def errors(*statuses: int, media: str = "application/json") -> Responses:
    """Error answers of the statuses: the JSON ``Error`` (docs/schemas/error.json), or an error page
    (``text/html``)."""
    out: Responses = {}
    for status in statuses:
        out |= json_of(status, "Error", ERRORS[status]) if media == "application/json" \
            else text_of(status, media, ERRORS[status] + " (a page in the page's language, with the fix)")
    return out


def answers(*parts: Responses) -> Responses:
    """The parts together, with the JSON errors every path may give."""
    out: Responses = {}
    for part in (*parts, errors(*ALWAYS)):
        out |= part
    return out


# -- the components ----------------------------------------------------------------------

def published(folder: Path) -> dict[str, Any]:
    """The JSON Schema files of ``folder`` as OpenAPI components.

    A file ``due.json`` becomes the component "Due" (``due-under.json``: "DueUnder"), each entry
    ``x`` of its ``$defs`` the component "Due.x". Every ``$ref`` is
    rewritten to the component it reaches: "#/$defs/x" within the file, and "other.json#/$defs/x"
    or "<$id of other>#/$defs/x" across files. ``$schema`` and ``$id`` are dropped (the document
    is the base now). A ``$ref`` to anything else (another pointer, a file not in ``folder``) or a
    ``$defs`` below a root raises ValueError naming the file: a silently broken contract is
    worse than none."""
    docs: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict):
            raise ValueError(f"{path}: a JSON Schema file holds one object")
        docs[path.name] = doc
    ids = {doc["$id"]: file for file, doc in docs.items() if isinstance(doc.get("$id"), str)}

    def root_name(file: str) -> str:
        return "".join(part.capitalize() for part in file.removesuffix(".json").split("-"))

    def target(reference: str, file: str) -> str:
        base, _, fragment = reference.partition("#")
        if base:
            other = ids.get(base) or Path(urlsplit(base).path).name
            if other not in docs:
                raise ValueError(f"{folder / file}: $ref {reference!r} names no schema of {folder}")
        else:
            other = file
        if fragment in ("", "/"):
            return COMPONENTS + root_name(other)
        head, _, name = fragment.partition("/$defs/")
        if head or not name or "/" in name or name not in docs[other].get("$defs", {}):
            raise ValueError(f"{folder / file}: $ref {reference!r} reaches no entry of $defs of {other}")
        return COMPONENTS + f"{root_name(other)}.{name}"

    def rewrite(node: Any, file: str) -> Any:
        if isinstance(node, list):
            return [rewrite(item, file) for item in node]
        if not isinstance(node, dict):
            return node
        if "$defs" in node or "$id" in node:
            raise ValueError(f"{folder / file}: $defs and $id only at the root of a schema file")
        return {key: (target(value, file) if key == "$ref" and isinstance(value, str) else rewrite(value, file))
                for key, value in node.items()}

    out: dict[str, Any] = {}
    for file, doc in docs.items():
        defs = doc.get("$defs", {})
        for name, schema in defs.items():
            out[f"{root_name(file)}.{name}"] = rewrite(schema, file)
        body = {k: v for k, v in doc.items() if k not in ("$schema", "$id", "$defs")}
        if set(doc) - _ABOUT or not defs:     # a file of shared definitions only is no document
            out[root_name(file)] = rewrite(body, file)
    return out


def refs(node: Any) -> Iterable[str]:
    """Every ``$ref`` string in ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def install(app: Any, folder: Callable[[], Path]) -> None:
    """``app.openapi()`` builds the framework's document once, adds the files of ``folder()`` as
    components and checks that every ``$ref`` reaches one."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, openapi_version=app.openapi_version,
                              description=app.description, routes=app.routes)
            components = doc.setdefault("components", {}).setdefault("schemas", {})
            for name, schema in published(folder()).items():
                if name in components and components[name] != schema:
                    raise ValueError(f"two schemas named {name} in /openapi.json")
                components[name] = schema
            missing = sorted({r for r in refs(doc) if r.removeprefix(COMPONENTS) not in components})
            if missing:
                raise ValueError(f"/openapi.json refers to schemas it does not hold: {', '.join(missing)}")
            app.openapi_schema = doc
        built: dict[str, Any] = app.openapi_schema
        return built

    app.openapi = openapi
