"""Every error as ``{"error": {"code", "message", "hint"}}`` (API) or an error page (HTML)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import StorylineError

log = logging.getLogger(__name__)

HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 413: "too_large", 414: "uri_too_long",
              415: "unsupported_media_type", 422: "validation"}


class ErrorDetail(BaseModel):
    code: str
    message: str
    hint: str


class ErrorBody(BaseModel):
    """Every API error: ``{"error": {"code", "message", "hint"}}``."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in [(400, "bad request or usage error"), (401, "API token missing or wrong"),
                         (403, "foreign Host or Origin, or no CSRF token"), (404, "not found"),
                         (414, "query string too long"), (422, "invalid parameters"),
                         (500, "internal error")]
}
UPLOAD_RESPONSES: dict[int | str, dict] = {
    413: {"model": ErrorBody, "description": "upload over web.max_upload_bytes"}}
DOCS_HINT = "see /api/v1/docs for the endpoints"


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, error: dict[str, str],
                   headers: dict[str, str] | None = None) -> Response:
    """The API error body, or the HTML error page for page routes."""
    if is_api(request) or not hasattr(request.app.state, "templates"):
        return JSONResponse({"error": error}, status_code=status, headers=headers)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "error": error}, status_code=status,
        headers=headers)


def _auth_headers(status: int) -> dict[str, str] | None:
    return {"WWW-Authenticate": "Bearer"} if status == 401 else None


async def on_storyline_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StorylineError)
    if exc.http_status >= 500:
        log.error("%s: %s", exc.code, exc.message)
    return error_response(request, exc.http_status, exc.to_dict(), _auth_headers(exc.http_status))


def _field(loc: tuple) -> str:
    return ".".join(str(part) for part in loc)


def _message(problem: dict) -> str:
    return str(problem.get("msg", "invalid")).removeprefix("Value error, ")


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [f"{_field(e.get('loc', ()))}: {_message(e)}" for e in exc.errors()]
    error = {"code": "validation", "message": "; ".join(problems) or "invalid request",
             "hint": "check the parameters against /api/v1/docs"}
    return error_response(request, 422, error)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    error = {"code": HTTP_CODES.get(status, "http_error"), "message": str(exc.detail),
             "hint": DOCS_HINT if status in (404, 405) else ""}
    return error_response(request, status, error, _auth_headers(status) or exc.headers)


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    error = {"code": "internal", "message": "an unexpected error occurred",
             "hint": "see the server log; report it if it persists"}
    return error_response(request, 500, error)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StorylineError, on_storyline_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
