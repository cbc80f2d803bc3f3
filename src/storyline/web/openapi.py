"""The OpenAPI document of /api/v1 and its local docs page.

The document declares the bearer-token scheme (and which operations need it on this server)
and the page-size limits from the settings. The docs page is Swagger UI from the
``fastapi-offline`` package, served by this app: no CDN, so it works offline.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from ..config import Settings

API_PREFIX = "/api/v1"
OPENAPI_URL = f"{API_PREFIX}/openapi.json"
DOCS_URL = f"{API_PREFIX}/docs"
ASSETS_URL = f"{DOCS_URL}/assets"
SCHEME = "bearerToken"
SCHEME_HELP = ("The server's API token (STORYLINE_API_TOKEN) as 'Authorization: Bearer "
               "<token>'. Writes need it whenever the server has a token; every request needs "
               "it when the server listens on a non-loopback address.")
READS = {"get", "head"}

router = APIRouter(include_in_schema=False)


def _security(spec: dict, settings: Settings, require_all: bool) -> None:
    spec.setdefault("components", {}).setdefault("securitySchemes", {})[SCHEME] = {
        "type": "http", "scheme": "bearer", "description": SCHEME_HELP}
    token_set = bool(settings.web.api_token)
    for operations in spec.get("paths", {}).values():
        for method, operation in operations.items():
            needed = require_all or (token_set and method not in READS)
            operation["security"] = [{SCHEME: []}] if needed else [{}, {SCHEME: []}]


def _integer_schemas(schema: dict) -> list[dict]:
    options = schema.get("anyOf", [schema])
    return [s for s in options if s.get("type") == "integer"]


def _limits(spec: dict, settings: Settings) -> None:
    web = settings.web
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("name") != "limit" or parameter.get("in") != "query":
                    continue
                parameter["schema"]["default"] = web.default_page_size
                for schema in _integer_schemas(parameter["schema"]):
                    schema["maximum"] = web.max_page_size


def openapi_builder(app: FastAPI, settings: Settings, require_all: bool
                    ) -> Callable[[], dict[str, Any]]:
    """``app.openapi``: the generated document with security and limits declared."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version,
                               description=app.description, routes=app.routes)
            _security(spec, settings, require_all)
            _limits(spec, settings)
            app.openapi_schema = spec
        return app.openapi_schema

    return build


@router.get(OPENAPI_URL)
def openapi_document(request: Request) -> JSONResponse:
    """The OpenAPI document, behind the same guard as every other route."""
    return JSONResponse(request.app.openapi())


@router.get(DOCS_URL, response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI over the OpenAPI document, every asset served locally."""
    return request.app.state.templates.TemplateResponse(request, "api_docs.html", {
        "openapi_url": OPENAPI_URL, "assets_url": ASSETS_URL,
        "init_url": "/static/api-docs.js"})


def docs_assets() -> StaticFiles:
    """Swagger UI's script, stylesheet and icon, from the fastapi-offline package."""
    return StaticFiles(directory=str(files("fastapi_offline") / "static"))
