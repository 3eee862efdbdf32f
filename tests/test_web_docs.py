"""/docs and /redoc work with no internet (issue 23): every asset they name is served by this
server, none comes from another host."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

from web_helpers import make_client  # noqa: E402


@pytest.fixture
def client(tmp_path):
    return make_client(tmp_path / "log.sqlite3")[0]


def named(page: str) -> list[str]:
    """Every address the page names: src=, href=, and url: '…' in its script."""
    found = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", page, re.I)
    found += re.findall(r"""\burl\s*:\s*["']([^"']+)["']""", page, re.I)
    found += re.findall(r"""spec-url\s*=\s*["']([^"']+)["']""", page, re.I)
    return found


@pytest.mark.parametrize("path, expected", [
    ("/docs", {"/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css", "/docs-assets/favicon.png",
               "/openapi.json"}),
    ("/redoc", {"/docs-assets/redoc.standalone.js", "/docs-assets/favicon.png", "/openapi.json"}),
])
def test_docs_pages_name_only_local_assets_and_each_is_served(client, path, expected):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    refs = set(named(r.text))
    assert expected <= refs                                      # the pieces a docs page needs
    assert not re.search(r"(?i)\b(https?:)?//", " ".join(refs))  # no other host, no protocol-relative
    assert "cdn.jsdelivr" not in r.text and "fonts.googleapis" not in r.text
    assert "validator.swagger.io" not in r.text
    if path == "/docs":
        assert '"validatorUrl": null' in r.text       # no badge from validator.swagger.io
    for ref in refs:
        asset = client.get(ref)
        assert asset.status_code == 200 and len(asset.content) > 100, ref
    js = client.get("/docs-assets/swagger-ui-bundle.js")
    assert js.headers["content-type"].startswith("text/javascript") and b"SwaggerUIBundle" in js.content


def test_swagger_ui_reads_openapi_3_1():
    # FastAPI writes an OpenAPI 3.1 schema; Swagger UI 4 cannot render one (a blank page with an
    # error): the bundle served must be Swagger UI 5
    from importlib import resources

    bundle = (resources.files("fastapi_offline") / "static" / "swagger-ui-bundle.js").read_text(encoding="utf-8")
    assert "OAS31" in bundle         # Swagger UI 5's OpenAPI 3.1 plugin (Swagger UI 4 has none)


def test_only_the_named_assets_are_served(client):
    for path in ("/docs-assets/core.py", "/docs-assets/..%2F__init__.py", "/docs-assets/"):
        r = client.get(path)
        assert r.status_code == 404
    r = client.get("/docs-assets/secret.txt")
    assert r.json()["fix"] and "secret.txt" in r.json()["error"]
    assert client.get("/docs/oauth2-redirect").status_code == 200
    assert "/docs-assets" not in client.get("/openapi.json").text     # not part of the API


def test_every_date_field_names_both_forms_the_service_accepts(client):
    # base/dates.parse_iso_date takes YYYY-MM-DD and DD/MM/YYYY (issue 23); the schema said only
    # the first. Walk every parameter and every request body's field of every operation, whatever
    # its path (the answers' dates are ISO only: docs/schemas/ says so with format: date).
    schema = client.get("/openapi.json").json()
    described: dict[str, str] = {}
    bodies: set[str] = set()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            for p in op.get("parameters", []):
                described[f"{method} {path} {p['name']}"] = p.get("description", "")
            for media in op.get("requestBody", {}).get("content", {}).values():
                bodies.add(media["schema"]["$ref"].rsplit("/", 1)[-1])
    assert bodies == {"SubmissionIn", "ExtensionIn", "EventIn", "AckIn"}
    for model in bodies:
        for name, prop in schema["components"]["schemas"][model].get("properties", {}).items():
            described[f"{model}.{name}"] = prop.get("description", "")
    dates = {k: v for k, v in described.items() if k.split(".")[-1].split()[-1] in ("on", "until", "as_known_on",
                                                                                        "from_known", "to_known")}
    assert len(dates) >= 8, sorted(dates)
    assert {k: v for k, v in dates.items() if not ("YYYY-MM-DD" in v and "DD/MM/YYYY" in v)} == {}
