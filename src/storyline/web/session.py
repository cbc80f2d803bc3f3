"""Signed browser sessions and the CSRF tokens bound to them.

The session cookie holds ``<id>.<issued>.<flag>.<signature>``: a random id, when it was
issued, whether its holder signed in with the API token, and an HMAC over all three. It never
holds the API token. The signing key is derived from ``web.session_secret`` and the API token,
so changing the token ends every session. A CSRF token is an HMAC of the session id: a page
of this server can embed it, a page of another site can neither read nor forge it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from fastapi import Request

from ..config import WebSettings

COOKIE = "storyline_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
STATE_KEY = "storyline_set_cookie"  # request.state: a cookie the security middleware sets
PERSONAL_KEY = "storyline_personal"  # request.state: the response shows this visitor's session
SIGNED_IN, ANONYMOUS = "a", "-"


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    issued: int
    signed_in: bool


class Sessions:
    """Issues and checks session cookies and CSRF tokens with one server key."""

    def __init__(self, secret: str, api_token: str, max_age: int) -> None:
        base = secret.encode() if secret else secrets.token_bytes(32)
        self._key = hmac.new(base, b"storyline-session\0" + api_token.encode(),
                             hashlib.sha256).digest()
        self.max_age = max_age

    def _sign(self, text: str) -> str:
        return hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()

    def issue(self, signed_in: bool, now: float | None = None) -> tuple[Session, str]:
        """A new session and its cookie value."""
        session = Session(secrets.token_urlsafe(24), int(now or time.time()), signed_in)
        body = f"{session.id}.{session.issued}.{SIGNED_IN if signed_in else ANONYMOUS}"
        return session, f"{body}.{self._sign(body)}"

    def read(self, value: str, now: float | None = None) -> Session | None:
        """The session of a cookie value; None when it is forged, malformed or expired."""
        body, _, signature = value.rpartition(".")
        parts = body.split(".")
        if len(parts) != 3 or not _same(signature, self._sign(body)):
            return None
        sid, issued, flag = parts
        if not issued.isascii() or not issued.isdigit():
            return None
        if int(now or time.time()) - int(issued) > self.max_age:
            return None
        return Session(sid, int(issued), flag == SIGNED_IN)

    def csrf_token(self, session: Session) -> str:
        return self._sign(f"csrf\0{session.id}")

    def csrf_ok(self, session: Session | None, token: str) -> bool:
        return bool(session and token) and _same(token, self.csrf_token(session))


def _same(given: str, expected: str) -> bool:
    """Constant-time comparison that takes any text a client sends."""
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode())


def make_sessions(web: WebSettings) -> Sessions:
    return Sessions(web.session_secret, web.api_token, web.session_max_age)


def cookie_header(request: Request, value: str, max_age: int) -> str:
    """A Set-Cookie value: HttpOnly, SameSite=Strict, Secure when served over https."""
    secure = "; Secure" if request.url.scheme == "https" else ""
    return (f"{COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict"
            f"{secure}")


def _sessions(request: Request) -> Sessions:
    return request.app.state.sessions


def current_session(request: Request) -> Session | None:
    """The request's valid session (or the one issued during this request), else None."""
    fresh = getattr(request.state, "storyline_session", None)
    if fresh is not None:
        return fresh
    value = request.cookies.get(COOKIE, "")
    return _sessions(request).read(value) if value else None


def start_session(request: Request, signed_in: bool) -> Session:
    """Issue a new session; the security middleware sends its cookie with the response."""
    sessions = _sessions(request)
    session, value = sessions.issue(signed_in)
    request.state.storyline_session = session
    setattr(request.state, STATE_KEY, cookie_header(request, value, sessions.max_age))
    return session


def csrf_token(request: Request) -> str:
    """The CSRF token for forms on this page (starts an anonymous session when needed)."""
    session = current_session(request) or start_session(request, signed_in=False)
    setattr(request.state, PERSONAL_KEY, True)
    return _sessions(request).csrf_token(session)


def csrf_ok(request: Request, token: str) -> bool:
    return _sessions(request).csrf_ok(current_session(request), token)


def signed_in(request: Request) -> bool:
    session = current_session(request)
    return session is not None and session.signed_in
