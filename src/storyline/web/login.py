"""Sign-in for browsers when the app needs a token.

A right token starts a new signed session (the cookie holds a random id, never the token).
The session lets the browser read, and write from this server's pages with their CSRF token.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import Unauthorized
from .session import start_session

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, "login.html", {})


@router.post("/login")
def login(request: Request, token: Annotated[str, Form()]) -> Response:
    wanted = request.app.state.settings.web.api_token
    if not wanted or not secrets.compare_digest(token.encode(), wanted.encode()):
        raise Unauthorized("that token is not the server's API token",
                           hint="use the value of STORYLINE_API_TOKEN on the server")
    start_session(request, signed_in=True)
    return RedirectResponse("/", status_code=303)
