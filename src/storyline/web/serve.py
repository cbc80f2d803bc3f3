"""``storyline serve``: run the web app with uvicorn."""

from __future__ import annotations

import logging
from dataclasses import replace

from ..config import Settings
from ..errors import UsageError
from .auth import is_loopback

log = logging.getLogger(__name__)


def serve_settings(settings: Settings, store_url: str | None, host: str, port: int) -> Settings:
    """Settings for serving on ``host:port``; refuses a public host without an API token."""
    if not is_loopback(host) and not settings.web.api_token:
        raise UsageError(f"refusing to listen on {host}: it is not a loopback address and no "
                         "API token is set",
                         hint="set STORYLINE_API_TOKEN (or web.api_token) or use --host 127.0.0.1")
    web = replace(settings.web, host=host, port=port)
    store = replace(settings.store, url=store_url) if store_url else settings.store
    return replace(settings, web=web, store=store)


def serve(settings: Settings, store_url: str | None, host: str, port: int) -> None:
    """Serve pages and /api/v1 on ``host:port`` until interrupted."""
    import uvicorn

    from .. import services
    from .app import create_app

    settings = serve_settings(settings, store_url, host, port)
    store = services.open_store(settings)
    try:
        log.info("serving %s on http://%s:%d", store.url, host, port)
        uvicorn.run(create_app(settings, store), host=host, port=port, log_level="info")
    finally:
        store.close()
