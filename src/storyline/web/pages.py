"""Server-rendered pages: story list, story, article, search. Thin: service, view, template."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from .. import services
from ..errors import NotFound, UsageError
from ..render.story_page import story_page as story_page_model
from ..store.base import ArticleFilter
from .highlight import annotation_marks, highlight, snippet_html
from .page_cache import cached_story_page
from .params import ArticleQuery, StoryQuery

router = APIRouter(default_response_class=HTMLResponse)

def article_href(article_id: str, start: int | None) -> str:
    """The page of an article, at the sentence holding ``start`` when given."""
    href = f"/articles/{quote(article_id, safe='')}"
    return href if start is None else f"{href}#s-{int(start)}"


def _page_size(request: Request) -> int:
    return request.app.state.settings.web.default_page_size


def _render(request: Request, name: str, context: dict) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context)


def _next_url(request: Request, next_cursor: str | None) -> str | None:
    if next_cursor is None:
        return None
    params = dict(request.query_params)
    params["cursor"] = next_cursor
    return f"{request.url.path}?{urlencode(params)}"


def _form(request: Request, *names: str) -> dict[str, str]:
    return {name: request.query_params.get(name, "") for name in names}


@router.get("/", summary="Story list")
def index(request: Request, flt: StoryQuery, cursor: str | None = None) -> HTMLResponse:
    page = services.list_stories(request.app.state.store, flt, _page_size(request), cursor)
    return _render(request, "index.html", {
        "stories": page.items, "next_url": _next_url(request, page.next),
        "form": _form(request, "q", "actor", "outlet", "since", "until")})


@router.get("/stories/{story_id}", summary="Story page")
def story_page(request: Request, story_id: str) -> Response:
    def render() -> HTMLResponse:
        view = services.get_story(request.app.state.store, story_id)
        return _render(request, "story_page.html", {"v": story_page_model(view, article_href)})
    return cached_story_page(request, story_id, render)


def _actor_names(store, story_id: str | None) -> dict[str, str]:
    if not story_id:
        return {}
    try:
        story = services.get_story(store, story_id)
    except NotFound:
        return {}
    return {a.id: a.name for a in story.story.actors}


@router.get("/articles/{article_id}", summary="Article page")
def article_page(request: Request, article_id: str) -> HTMLResponse:
    store = request.app.state.store
    view = services.get_article_view(store, article_id)
    names = _actor_names(store, view.story_id)
    if view.annotation is not None:
        names = {**{a.id: a.name for a in view.annotation.actors}, **names}
    body = highlight(view.article.text, annotation_marks(view.annotation, names))
    return _render(request, "article.html", {
        "article": view.article, "annotation": view.annotation, "story_id": view.story_id,
        "body": body})


def _hits(request: Request, q: str, flt: ArticleFilter, actor: str | None,
          cursor: str | None) -> tuple[list[dict], str | None]:
    page = services.search(request.app.state.store, q, flt, _page_size(request), cursor,
                           actor=actor or None)
    hits = [{"hit": h, "snippet": snippet_html(h.snippet),
             "href": article_href(h.article_id, h.start)} for h in page.items]
    return hits, _next_url(request, page.next)


@router.get("/search", summary="Search page")
def search_page(request: Request, flt: ArticleQuery, q: str = "", actor: str | None = None,
                cursor: str | None = None) -> HTMLResponse:
    hits, next_url, problem = [], None, None
    if q.strip():
        try:
            hits, next_url = _hits(request, q, flt, actor, cursor)
        except UsageError as exc:
            problem = exc
    form = _form(request, "q", "actor", "outlet", "since", "until")
    return _render(request, "search.html", {"form": form, "hits": hits, "next_url": next_url,
                                            "problem": problem})
