"""The web app: pages and the REST API (/api/v1) on one FastAPI app."""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import PackageLoader

from ..config import Settings
from ..render.html import make_environment
from ..store.base import Store
from . import api, downloads, login, openapi, pages
from .auth import is_loopback, require_read
from .errors import ERROR_RESPONSES, install_error_handlers
from .page_cache import PageCache
from .security import SecurityMiddleware
from .session import csrf_token, make_sessions

PACKAGE = "storyline"

API_PREFIX = openapi.API_PREFIX
DESCRIPTION = (
    "Stories, articles, actors, quotes, claims and events extracted from news articles. "
    "Errors are `{\"error\": {\"code\", \"message\", \"hint\"}}`. Listings return "
    "`{\"items\": [...], \"next\": cursor}`: pass `next` as `cursor` for the following page.")


def _templates() -> Jinja2Templates:
    env = make_environment(PackageLoader(PACKAGE, "web/templates"))
    env.globals["csrf_token"] = csrf_token  # forms that post: csrf_token(request)
    return Jinja2Templates(env=env)


class StorylineApp(FastAPI):
    """FastAPI with the security middleware outside everything, error responses included."""

    def build_middleware_stack(self):
        return SecurityMiddleware(super().build_middleware_stack(), self.state.settings.web)


def create_app(settings: Settings, store: Store) -> FastAPI:
    """The FastAPI app over ``store``. Needs the token everywhere when the host is not loopback."""
    app = StorylineApp(
        title="storyline API", version="1",
        # served by openapi.router behind the guard; FastAPI's doc pages use a CDN
        openapi_url=None, docs_url=None, redoc_url=None,
        description=DESCRIPTION,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.require_all = not is_loopback(settings.web.host)
    app.state.sessions = make_sessions(settings.web)
    app.state.page_cache = PageCache(settings.store.story_cache)
    app.state.templates = _templates()
    install_error_handlers(app)
    guard = [Depends(require_read)]
    app.include_router(api.router, prefix=API_PREFIX, dependencies=guard, tags=["api"],
                       responses=ERROR_RESPONSES)
    app.include_router(openapi.router, dependencies=guard)
    app.include_router(pages.router, dependencies=guard, include_in_schema=False)
    app.include_router(downloads.router, dependencies=guard)
    app.include_router(login.router)
    app.mount(openapi.ASSETS_URL, openapi.docs_assets(), name="api-docs-assets")
    app.mount("/static", StaticFiles(packages=[(PACKAGE, "web/static")]), name="static")
    app.openapi = openapi.openapi_builder(app, settings, app.state.require_all)
    return app
