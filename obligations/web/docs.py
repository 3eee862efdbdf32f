"""The API documentation pages (/docs, /redoc) with every asset served by this server.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, and an office with no internet
(or one that filters it) gets a blank page. The assets come from the package
``fastapi-offline`` (MIT; Swagger UI 5, which reads the OpenAPI 3.1 schema FastAPI writes,
and ReDoc), installed with ``obligations[web]``; only the four files named here are served,
never a directory.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

# imported with the app, so that `serve` without it says which install is missing (serve_cmd)
import fastapi_offline

if TYPE_CHECKING:
    from fastapi import FastAPI

ASSETS = "/docs-assets"
# file -> media type: what the two pages name, and nothing else
FILES = {"swagger-ui-bundle.js": "text/javascript; charset=utf-8", "swagger-ui.css": "text/css; charset=utf-8",
         "redoc.standalone.js": "text/javascript; charset=utf-8", "favicon.png": "image/png"}
# Swagger UI's default validator would put a badge from validator.swagger.io on the page
SWAGGER_PARAMETERS = {"validatorUrl": None}


def add_docs(app: FastAPI) -> None:
    """Routes /docs, its OAuth2 redirect page, /redoc and the assets they name, on an app made
    with ``docs_url=None, redoc_url=None``. Read only, open as the schema is."""
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
    from fastapi.responses import HTMLResponse, Response

    from obligations.web import limits

    static = resources.files(fastapi_offline) / "static"
    redirect = "/docs/oauth2-redirect"
    schema = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=schema, title=f"{app.title}: API",
                                   swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{ASSETS}/favicon.png", oauth2_redirect_url=redirect,
                                   swagger_ui_parameters=SWAGGER_PARAMETERS)

    @app.get(redirect, include_in_schema=False)
    def swagger_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=schema, title=f"{app.title}: API",
                              redoc_js_url=f"{ASSETS}/redoc.standalone.js",
                              redoc_favicon_url=f"{ASSETS}/favicon.png", with_google_fonts=False)

    @app.get(ASSETS + "/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if name not in FILES:
            return limits.error(404, f"no asset {limits.clip(name)!r}", "the documentation is at /docs and /redoc",
                                code="not-found")
        return Response((static / name).read_bytes(), media_type=FILES[name],
                        headers={"Cache-Control": "public, max-age=86400"})
