"""Bearer-token checks: write endpoints when a token is set, everything off loopback."""

from __future__ import annotations

import ipaddress
import secrets

from fastapi import Request

from ..errors import Unauthorized

COOKIE = "storyline_token"


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _presented(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if request.method in ("GET", "HEAD"):  # the sign-in cookie only reads
        return request.cookies.get(COOKIE, "")
    return ""


def check_token(request: Request) -> None:
    """Raise Unauthorized unless the request carries the configured token."""
    token = request.app.state.settings.web.api_token
    given = _presented(request)
    if not token:
        return
    if not given or not secrets.compare_digest(given.encode(), token.encode()):
        raise Unauthorized("a valid API token is required",
                           hint="send the header 'Authorization: Bearer <token>'")


def require_write(request: Request) -> None:
    """Dependency of API write endpoints: needs the token whenever one is set."""
    check_token(request)


def require_read(request: Request) -> None:
    """Dependency of every route: needs the token when the app listens off loopback."""
    if request.app.state.require_all:
        check_token(request)
