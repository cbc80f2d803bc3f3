"""A local HTTP server the fetch tests start (threaded http.server on 127.0.0.1), whose
routes a test sets, and the settings that let storyline fetch from loopback.

Nothing here reaches beyond 127.0.0.1: a test that redirects to another address checks
that storyline refuses it before connecting.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.config import load_settings

LOOPBACK_ENV = {
    "STORYLINE_FETCH_ALLOWED_NETWORKS": "127.0.0.0/8",
    "STORYLINE_FETCH_HOST_DELAY_SECONDS": "0",
    "STORYLINE_FETCH_BACKOFF_SECONDS": "0.01",
    "STORYLINE_FETCH_TIMEOUT_SECONDS": "2",
    "STORYLINE_FETCH_RETRIES": "1",
}


@dataclass
class Route:
    """What the server answers at one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answer 304 to a matching If-None-Match
    delay: float = 0.0  # seconds before answering
    length: bool = True  # send Content-Length (else the body ends when the connection does)
    first: list[int] = field(default_factory=list)  # statuses answered before ``status``


@dataclass
class Site:
    """The server's routes and what it was asked (path, headers) in order."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, html: str, **options) -> str:
        self.routes[path] = Route(html.encode("utf-8"), **options)
        return self.url(path)

    def asked(self, path: str) -> list[dict[str, str]]:
        return [headers for asked, headers in self.requests if asked == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(self.path)
            if route is None:
                self._answer(Route(b"not here", 404, "text/plain"))
                return
            if route.delay:
                time.sleep(route.delay)
            if route.first:
                self._answer(Route(b"try later", route.first.pop(0), "text/plain",
                                   {"Retry-After": "0"}))
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self._answer(route)

        def _answer(self, route: Route) -> None:
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.length:
                self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture
def site():
    """A running local site; routes are set by the test."""
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def loopback_env() -> dict[str, str]:
    return dict(LOOPBACK_ENV)


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "fetch.db")


@pytest.fixture
def settings_for(loopback_env, db) -> Callable[..., object]:
    """Settings that may fetch from 127.0.0.1 (store: ``db``), with ``fetch`` overrides."""

    def make(**fetch):
        return load_settings(env=loopback_env, overrides={"store": {"url": db}, "fetch": fetch})

    return make
