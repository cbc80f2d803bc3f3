"""Who may read and write: the API token, signed-in sessions and CSRF tokens.

Reads need nothing on loopback; off loopback they need the token (Bearer header) or a
session signed in with it. Writes need the token when one is set, or a browser session with
its CSRF token (header ``X-CSRF-Token`` or form field ``csrf_token``). Without a token (a
loopback server) a program that shows no browser marks may write; a browser always needs the
CSRF token, so another site's page cannot post into the store. Foreign ``Host`` and
``Origin`` headers are refused before this, in ``security.py``.
"""

from __future__ import annotations

import ipaddress
import secrets

from fastapi import Request

from ..errors import Forbidden, Unauthorized
from .body import content_type, read_form
from .session import COOKIE, CSRF_FIELD, CSRF_HEADER, csrf_ok, signed_in

BROWSER_HEADERS = ("origin", "referer", "sec-fetch-site", "sec-fetch-mode")
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bearer(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def has_token(request: Request) -> bool:
    """True when a token is set and the request's Bearer header carries it."""
    token = request.app.state.settings.web.api_token
    given = _bearer(request)
    return bool(token and given) and secrets.compare_digest(given.encode(), token.encode())


def _unauthorized() -> Unauthorized:
    return Unauthorized("a valid API token is required",
                        hint="send the header 'Authorization: Bearer <token>', or sign in "
                             "at /login and post from this server's pages")


def from_browser(request: Request) -> bool:
    """True when the request shows what browsers send (Origin, Referer, Sec-Fetch, our cookie)."""
    headers = request.headers
    return any(name in headers for name in BROWSER_HEADERS) or COOKIE in request.cookies


async def presented_csrf(request: Request) -> str:
    """The CSRF token of the request: its header, else its form field."""
    token = request.headers.get(CSRF_HEADER, "")
    if token or content_type(request) not in FORM_TYPES:
        return token
    form = await read_form(request, request.app.state.settings.web.max_upload_bytes)
    value = form.get(CSRF_FIELD)
    return value if isinstance(value, str) else ""


async def require_write(request: Request) -> None:
    """Dependency of write endpoints: the token, or a browser session with its CSRF token."""
    if has_token(request):
        return
    token_set = bool(request.app.state.settings.web.api_token)
    if not token_set and not from_browser(request):
        return
    if csrf_ok(request, await presented_csrf(request)) and (not token_set or signed_in(request)):
        return
    if token_set:
        raise _unauthorized()
    raise Forbidden("a write from a browser needs this server's CSRF token",
                    hint="post from this server's own pages (their forms carry the token), "
                         "or from a program without browser headers")


def require_read(request: Request) -> None:
    """Dependency of every route: needs the token (or a signed-in session) off loopback."""
    if not request.app.state.require_all or not request.app.state.settings.web.api_token:
        return
    if not (has_token(request) or signed_in(request)):
        raise _unauthorized()
