"""``storyline serve``: run the web app with uvicorn, in one process or several workers."""

from __future__ import annotations

import json
import logging
import os
import secrets
from dataclasses import replace

from ..config import Settings, WebSettings, as_dict, load_settings
from ..errors import UsageError
from .auth import is_loopback

log = logging.getLogger(__name__)

# How a worker process gets the settings its parent resolved (file, environment and flags).
WORKER_SETTINGS_ENV = "_STORYLINE_WORKER_SETTINGS"
WILDCARD_HOSTS = ("0.0.0.0", "::")


def serve_settings(settings: Settings, store_url: str | None, host: str, port: int,
                   workers: int | None = None) -> Settings:
    """Settings for serving on ``host:port``; refuses a public host without an API token.

    Every worker must sign sessions with the same key: without ``web.session_secret`` one is
    drawn here, once, for this server run."""
    if not is_loopback(host) and not settings.web.api_token:
        raise UsageError(f"refusing to listen on {host}: it is not a loopback address and no "
                         "API token is set",
                         hint="set STORYLINE_API_TOKEN (or web.api_token) or use --host 127.0.0.1")
    count = settings.web.workers if workers is None else workers
    if count < 1:
        raise UsageError(f"--workers must be 1 or more, not {count}", hint="pass --workers 2")
    web = replace(settings.web, host=host, port=port, workers=count,
                  session_secret=settings.web.session_secret or secrets.token_hex(32))
    store = replace(settings.store, url=store_url) if store_url else settings.store
    return replace(settings, web=web, store=store)


def _warn_wildcard(web: WebSettings) -> None:
    if web.host.strip("[]") in WILDCARD_HOSTS and not web.allowed_hosts:
        log.warning("serving on %s: only loopback names are allowed as Host; list the names "
                    "clients use in web.allowed_hosts", web.host)


def worker_app():
    """The app of one worker process (uvicorn calls this factory in each worker)."""
    from .. import services
    from .app import create_app

    sections = json.loads(os.environ[WORKER_SETTINGS_ENV])
    settings = load_settings(env={}, overrides=sections)
    store = services.open_store(settings)
    app = create_app(settings, store)
    app.router.on_shutdown.append(store.close)
    return app


def serve(settings: Settings, store_url: str | None, host: str, port: int,
          workers: int | None = None) -> None:
    """Serve pages and /api/v1 on ``host:port`` until interrupted."""
    import uvicorn

    settings = serve_settings(settings, store_url, host, port, workers)
    _warn_wildcard(settings.web)
    count = settings.web.workers
    if count > 1:
        from .. import services

        services.open_store(settings).close()  # migrate once, before the workers race to
        os.environ[WORKER_SETTINGS_ENV] = json.dumps(as_dict(settings))
        log.info("serving %s on http://%s:%d with %d workers", settings.store.url, host, port,
                 count)
        uvicorn.run(f"{__name__}:worker_app", factory=True, host=host, port=port,
                    workers=count, log_level="info")
        return
    from .. import services
    from .app import create_app

    store = services.open_store(settings)
    try:
        log.info("serving %s on http://%s:%d", store.url, host, port)
        uvicorn.run(create_app(settings, store), host=host, port=port, log_level="info")
    finally:
        store.close()
