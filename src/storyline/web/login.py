"""Sign-in for browsers when the app needs a token: the token goes into an HttpOnly cookie.

The cookie only authorizes reads (GET/HEAD); writes always need the Bearer header, so a
cross-site form cannot post with it.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import Unauthorized
from .auth import COOKIE

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
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response
