"""The HTTP contract: versioned paths, and a schema in /openapi.json for every answer of every path,
the report bodies taken from the published JSON Schemas (docs/schemas/), and the answers valid
against what the document says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
jsonschema = pytest.importorskip("jsonschema")

from web_helpers import ON, cli_json, make_client, write_tokens  # noqa: E402

TOKEN = "xa-token-contract-0123456789abcdef"
# What makes a schema say something about a body: a reference, a type, fields, items, choices or a constant.
MEANINGFUL = ("$ref", "type", "properties", "items", "anyOf", "oneOf", "allOf", "enum", "const")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return tmp_path_factory.mktemp("web-contract") / "log.sqlite3"


@pytest.fixture(scope="module")
def client(db, tmp_path_factory):
    tokens = write_tokens(tmp_path_factory.mktemp("tokens") / "tokens.toml", {TOKEN: "xa-X"})
    client, _ = make_client(db, tokens)
    with client:
        yield client


@pytest.fixture(scope="module")
def spec(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    return r.json()


def validator(spec: dict, name: str):
    """A validator of the component ``name``, its $refs resolved within the document."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    cls = jsonschema.Draft202012Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


# ------------------------------------------------------------------------------ the document

def test_every_answer_of_every_path_has_a_schema(spec):
    bad, counted = [], 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            # every path declares its success and the errors every path may give
            if not any(status.startswith("2") or status == "303" for status in responses):
                bad.append(f"{method} {path}: no success declared")
            for status in ("422", "500"):
                if status not in responses:
                    bad.append(f"{method} {path}: {status} not declared")
            for status, response in responses.items():
                content = response.get("content")
                if not content:
                    if status.startswith("2") and status not in ("204", "205"):
                        bad.append(f"{method} {path} {status}: no content")
                    continue
                for media, value in content.items():
                    counted += 1
                    schema = value.get("schema")
                    if not (isinstance(schema, dict) and any(k in schema for k in MEANINGFUL)):
                        bad.append(f"{method} {path} {status} {media}: {schema}")
    assert not bad, bad
    # 13 operations (6 JSON, the feed, the picture, 3 pages, 2 forms), each 5 to 10 answers
    assert counted > 13 * 5


def test_the_json_api_is_versioned_and_the_old_paths_are_hidden(spec):
    api = sorted(p for p in spec["paths"] if p.startswith("/api/"))
    assert api == ["/api/v1/calendar/{year}", "/api/v1/units/{unit}/changes", "/api/v1/units/{unit}/changes/ack",
                   "/api/v1/units/{unit}/count", "/api/v1/units/{unit}/due",
                   "/api/v1/units/{unit}/events",
                   "/api/v1/units/{unit}/explain", "/api/v1/units/{unit}/extensions",
                   "/api/v1/units/{unit}/submissions"]
    # the pages, the feed and the picture keep their paths
    assert {"/", "/units/{unit}", "/units/{unit}/explain", "/units/{unit}/calendar.ics",
            "/units/{unit}/timeline.svg"} <= set(spec["paths"])


def test_media_types_are_what_each_path_sends(spec):
    paths = spec["paths"]

    def media(path, method, status):
        return set(paths[path][method]["responses"][status].get("content", {}))

    assert media("/api/v1/units/{unit}/due", "get", "200") == {"application/json"}
    assert media("/units/{unit}/calendar.ics", "get", "200") == {"text/calendar"}
    assert media("/units/{unit}/timeline.svg", "get", "200") == {"image/svg+xml"}
    # a page answers its errors as pages, but a value the framework refuses (lang=fr) as JSON
    assert media("/units/{unit}", "get", "200") == media("/units/{unit}", "get", "404") == {"text/html"}
    assert media("/units/{unit}", "get", "422") == {"application/json"}
    # a form that records answers 303 back to the page, without a body
    assert media("/units/{unit}/deliver", "post", "303") == set()
    assert "200" not in paths["/units/{unit}/deliver"]["post"]["responses"]


def test_the_report_bodies_are_the_published_schemas(spec):
    from obligations.base.paths import schemas_dir

    folder = schemas_dir()
    due = spec["components"]["schemas"]["Due"]
    published = json.loads((folder / "due.json").read_text(encoding="utf-8"))
    # the same document: its properties and what it requires, its $refs pointed into the components
    assert set(due["properties"]) == set(published["properties"])
    assert due.get("required") == published.get("required")
    assert not [r for r in _refs(spec) if not r.startswith("#/components/schemas/")]


def test_the_error_body_names_the_closed_set_of_codes(spec):
    from obligations.base.errors import CODES
    from obligations.web.errors import HTTP_STATUS

    error = spec["components"]["schemas"]["Error"]
    assert error["properties"]["code"]["enum"] == list(CODES)
    assert set(error["required"]) == {"error", "fix", "code"}
    # every status a code is answered with is declared on the paths that may answer it
    declared = set(spec["paths"]["/api/v1/units/{unit}/submissions"]["post"]["responses"])
    assert {str(status) for status in HTTP_STATUS.values()} - {"405"} <= declared     # 405: a path, no operation


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


# ------------------------------------------------------------------------------ the answers

def test_v1_due_is_the_cli_due(client, db):
    api = client.get("/api/v1/units/xa-X/due", params={"on": ON})
    assert api.status_code == 200 and api.headers["content-type"] == "application/json"
    cli = cli_json("due", "--unit", "xa-X", "--on", ON, "--format", "json", db=db)
    assert api.json() == cli
    assert [i["deadline"] for i in api.json()["items"]] == [i["deadline"] for i in cli["items"]]
    assert api.json()["items"]                # something is due around 23/11/2026 for xa-X


def test_the_old_path_is_a_deprecated_alias(client):
    new = client.get("/api/v1/units/xa-X/due", params={"on": ON})
    old = client.get("/api/units/xa-X/due", params={"on": ON})
    assert old.status_code == 200 and old.json() == new.json()
    assert old.headers["deprecation"] == "true"
    assert old.headers["link"] == '</api/v1/units/xa-X/due>; rel="successor-version"'
    assert "deprecation" not in new.headers
    # a refusal before the route is reached (a write without a token) says it too
    refused = client.post("/api/units/xa-X/submissions", json={"duty": "x", "period": "2026"})
    assert refused.status_code == 401 and refused.headers["deprecation"] == "true"
    assert refused.headers["link"] == '</api/v1/units/xa-X/submissions>; rel="successor-version"'


def test_the_due_answer_is_valid_and_nonsense_is_not(client, spec):
    body = client.get("/api/v1/units/xa-X/due", params={"on": ON}).json()
    check = validator(spec, "Due")
    assert not list(check.iter_errors(body))
    broken = dict(body, items=[dict(body["items"][0], deadline=12345)])
    assert list(check.iter_errors(broken))


def test_the_calendar_answer_is_valid(client, spec):
    body = client.get("/api/v1/calendar/2026", params={"lang": "en"}).json()
    check = validator(spec, "Calendar")
    assert not list(check.iter_errors(body))
    # 1/1/2026 is New Year's Day: not a working day, one event
    assert body["days"][0]["working"] is False and body["days"][0]["events"]
    assert list(check.iter_errors(dict(body, days=[{"date": "2026-01-01"}])))


def test_the_records_written_are_valid(client, spec):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    duty = "76-KH-DU/dang-uy-bao-cao-hang-nam"
    answers = {
        "Submission": client.post("/api/v1/units/xa-X/submissions", headers=auth,
                                     json={"duty": duty, "period": "2026", "on": ON, "ref": "12-BC/ĐU"}),
        "Extension": client.post("/api/v1/units/xa-X/extensions", headers=auth,
                                    json={"duty": duty, "period": "2027", "until": "2027-12-31", "ref": "5-CV/HU"}),
    }
    for name, r in answers.items():
        assert r.status_code == 201, r.text
        assert not list(validator(spec, name).iter_errors(r.json())), (name, r.json())
    assert answers["Submission"].json()["delivered_on"] == ON


def test_the_error_answers_are_valid(client, spec):
    answers = [client.get("/api/v1/units/khong-co/due"),                     # 404
               client.get("/api/v1/units/xa-X/due", params={"on": "2026-02-30"}),   # 400
               client.get("/api/v1/units/xa-X/due", params={"lang": "fr"}),         # 422
               client.post("/api/v1/units/xa-X/submissions", json={"duty": "x", "period": "2026"})]   # 401
    assert [r.status_code for r in answers] == [404, 400, 422, 401]
    check = validator(spec, "Error")
    for r in answers:
        body = r.json()
        assert body["error"] and body["fix"]
        assert not list(check.iter_errors(body)), body


# ------------------------------------------------------------------------------ the loader

def write(folder: Path, name: str, doc: dict) -> None:
    (folder / name).write_text(json.dumps(doc), encoding="utf-8")


def test_published_schemas_become_components_with_their_refs_rewritten(tmp_path):
    from obligations.web.contract import published

    write(tmp_path, "common.json", {"$schema": "https://json-schema.org/draft/2020-12/schema",
                                    "$id": "urn:example:common", "title": "shared",
                                    "$defs": {"date": {"type": "string", "format": "date"}}})
    write(tmp_path, "due.json", {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:example:due",
                                 "type": "object", "required": ["items"],
                                 "properties": {"on": {"$ref": "urn:example:common#/$defs/date"},
                                                "items": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
                                 "$defs": {"item": {"type": "object",
                                                    "properties": {"deadline": {"$ref": "common.json#/$defs/date"}}}}})
    write(tmp_path, "due-under.json", {"type": "object", "properties": {"due": {"$ref": "due.json"}}})
    got = published(tmp_path)
    # written by hand: each file its component, named in CamelCase (common.json holds only
    # definitions: none), each
    # entry of $defs "<File>.<entry>", every $ref pointed into #/components/schemas/
    assert got == {
        "Common.date": {"type": "string", "format": "date"},
        "Due": {"type": "object", "required": ["items"],
                "properties": {"on": {"$ref": "#/components/schemas/Common.date"},
                               "items": {"type": "array", "items": {"$ref": "#/components/schemas/Due.item"}}}},
        "Due.item": {"type": "object", "properties": {"deadline": {"$ref": "#/components/schemas/Common.date"}}},
        "DueUnder": {"type": "object", "properties": {"due": {"$ref": "#/components/schemas/Due"}}},
    }


@pytest.mark.parametrize("reference, said", [
    ("other.json#/$defs/x", "names no schema"),
    ("urn:example:nothing#/$defs/x", "names no schema"),
    ("#/$defs/missing", "reaches no entry of $defs"),
    ("#/properties/a", "reaches no entry of $defs"),
])
def test_a_ref_the_loader_cannot_follow_is_refused_naming_the_file(tmp_path, reference, said):
    from obligations.web.contract import published

    write(tmp_path, "due.json", {"type": "object", "properties": {"a": {"$ref": reference}}, "$defs": {"x": {}}})
    with pytest.raises(ValueError, match=re.escape(said)) as caught:
        published(tmp_path)
    assert "due.json" in str(caught.value)


def test_a_document_that_refers_to_a_missing_component_is_refused(tmp_path):
    from fastapi import FastAPI

    from obligations.web import contract

    app = FastAPI()

    @app.get("/x", responses=contract.answers(contract.json_of(200, "Nowhere", "nothing")))
    def x() -> None:
        return None

    contract.install(app, lambda: tmp_path)
    with pytest.raises(ValueError, match="Nowhere"):
        app.openapi()
