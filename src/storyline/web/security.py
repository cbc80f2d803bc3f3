"""Request guard of the web app (pure ASGI middleware, before any route).

It refuses a ``Host`` outside the allow-list (DNS rebinding), a write whose ``Origin`` or
``Sec-Fetch-Site`` names another site, an overlong query string and a body over
``web.max_upload_bytes`` (by ``Content-Length`` at once, chunked bodies as soon as they pass
it), and it adds the security headers to every response. Refusals use the error body of
``errors.py``.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import WebSettings
from ..errors import Forbidden, StorylineError, TooLarge
from .auth import is_loopback
from .errors import error_response
from .session import STATE_KEY


@dataclass(frozen=True, slots=True)
class Header:
    """A response header every response carries, and why."""

    name: str
    value: str
    why: str


CSP_DIRECTIVES = (
    "default-src 'none'", "script-src 'self'", "style-src 'self'",
    "style-src-attr 'unsafe-inline'", "img-src 'self' data:", "font-src 'self'",
    "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'",
)
CONTENT_SECURITY_POLICY = "; ".join(CSP_DIRECTIVES)

SECURITY_HEADERS = (
    Header("Content-Security-Policy", CONTENT_SECURITY_POLICY,
           "scripts only from /static (no inline script or handler can run, whatever an "
           "article holds); style attributes allowed for chart positions; no framing"),
    Header("X-Content-Type-Options", "nosniff",
           "a JSON or text response is never run as script or rendered as HTML"),
    Header("Referrer-Policy", "no-referrer",
           "links out of a story do not tell other sites what was read"),
    Header("X-Frame-Options", "DENY", "frame-ancestors for browsers that predate CSP"),
    Header("Cross-Origin-Opener-Policy", "same-origin",
           "a page opened from another site gets no handle on ours"),
    Header("Cross-Origin-Resource-Policy", "same-origin",
           "other sites cannot embed our responses as images or scripts"),
)

_RAW_HEADERS = [(h.name.lower().encode(), h.value.encode()) for h in SECURITY_HEADERS]
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class HostRule:
    """The Host names served: loopback names and addresses, ``web.host``, ``allowed_hosts``."""

    def __init__(self, web: WebSettings) -> None:
        extra = [h.strip().lower() for h in web.allowed_hosts.split(",") if h.strip()]
        self.any = "*" in extra
        self.suffixes = tuple(h for h in extra if h.startswith("."))
        self.names = frozenset([*LOOPBACK_NAMES, web.host.strip().strip("[]").lower(),
                                *(h.strip("[]") for h in extra if not h.startswith("."))])

    def allows(self, name: str) -> bool:
        name = name.lower().rstrip(".")
        if self.any or name in self.names:
            return True
        if any(name.endswith(s) or name == s[1:] for s in self.suffixes):
            return True
        return _is_ip(name) and is_loopback(name)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def split_host(value: str, scheme: str = "http") -> tuple[str, int | None]:
    """(name, port) of a Host header value or URL netloc; ('', None) when malformed."""
    try:
        parts = urlsplit(f"//{value}")
        return (parts.hostname or ""), (parts.port or _DEFAULT_PORTS.get(scheme))
    except ValueError:
        return "", None


def same_origin(origin: str, host: str, scheme: str) -> bool:
    """True when ``origin`` (a browser's Origin header) names this server's host and port."""
    parts = urlsplit(origin)
    if parts.scheme not in _DEFAULT_PORTS or not parts.netloc:
        return False
    return split_host(parts.netloc, parts.scheme) == split_host(host, scheme)


def refusal(scope: Scope, web: WebSettings, hosts: HostRule) -> StorylineError | None:
    """Why this request is refused before any route runs, or None."""
    headers = Headers(scope=scope)
    host = headers.get("host", "")
    name, _ = split_host(host)
    if not name or not hosts.allows(name):
        return Forbidden(f"host {host[:100]!r} is not served here",
                         hint="use http://127.0.0.1 or add the name to web.allowed_hosts")
    if len(scope.get("query_string", b"")) > web.max_query_chars:
        return UriTooLong(f"the query string is over {web.max_query_chars} characters",
                          hint="send shorter parameters")
    if scope["method"] in WRITE_METHODS:
        return _cross_site(headers, host, scope.get("scheme", "http"))
    return None


def _cross_site(headers: Headers, host: str, scheme: str) -> StorylineError | None:
    origin = headers.get("origin")
    fetch_site = headers.get("sec-fetch-site", "").lower()
    foreign = origin not in (None, "null") and not same_origin(origin, host, scheme)
    if foreign or fetch_site in ("cross-site", "same-site"):
        return Forbidden(f"a write from another site ({(origin or fetch_site)[:100]}) is refused",
                         hint="post from this server's own pages, or send the API token "
                              "from a program")
    return None


class UriTooLong(StorylineError):
    code = "uri_too_long"
    http_status = 414
    exit_code = 2


def _too_large(size: int, limit: int) -> TooLarge:
    return TooLarge(f"request body of {size} bytes or more is over the limit of {limit} bytes",
                    hint="send fewer or smaller files, or raise web.max_upload_bytes")


def _declared_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length", "")
    return int(value) if value.isascii() and value.isdigit() else None


def bounded(receive: Receive, limit: int) -> Receive:
    """``receive`` that raises TooLarge once the body read so far passes ``limit`` bytes."""
    seen = 0

    async def read() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _too_large(seen, limit)
        return message
    return read


class SecurityMiddleware:
    """Host allow-list, Origin check on writes, body and query bounds, security headers."""

    def __init__(self, app: ASGIApp, web: WebSettings) -> None:
        self.app = app
        self.web = web
        self.hosts = HostRule(web)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        send = _with_headers(send, state)
        problem = refusal(scope, self.web, self.hosts)
        length = _declared_length(scope)
        if problem is None and length is not None and length > self.web.max_upload_bytes:
            problem = _too_large(length, self.web.max_upload_bytes)
        if problem is not None:
            response = error_response(Request(scope), problem.http_status, problem.to_dict())
            await response(scope, receive, send)
            return
        await self.app(scope, bounded(receive, self.web.max_upload_bytes), send)


def _with_headers(send: Send, state: dict) -> Send:
    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", [])
                       if k.lower() not in _HEADER_NAMES]
            headers.extend(_RAW_HEADERS)
            cookie = state.get(STATE_KEY)
            if cookie:
                headers.append((b"set-cookie", cookie.encode("latin-1")))
            message = {**message, "headers": headers}
        await send(message)
    return send_with_headers


_HEADER_NAMES = frozenset(name for name, _ in _RAW_HEADERS)
