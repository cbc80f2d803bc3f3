"""The REST API under /api/v1: thin routes that parse, call a service, present.

Every route declares its response model (web/schemas.py), so the OpenAPI document types every
answer and clients can be generated from it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from .. import services
from ..render.json_v1 import article_json
from ..store.base import ItemFilter
from . import schemas
from .auth import require_write
from .errors import UPLOAD_RESPONSES
from .listing import (
    STORY_ITEM_KINDS,
    annotation_json,
    article_summary,
    hit_json,
    rejected_json,
    story_item_json,
    story_summary_json,
)
from .page_cache import cached_read, cached_story_page
from .params import ArticleQuery, PageQuery, Since, StoryQuery, Text, Until
from .typed import typed
from .uploads import INGEST_OPENAPI, read_upload

router = APIRouter()
Json = dict[str, Any]


def _store(request: Request):
    return request.app.state.store


def _listing(model, items, next_cursor: str | None) -> Response:
    return typed(model, {"items": list(items), "next": next_cursor})


@router.get("/stories", summary="List stories, newest first", response_model=schemas.StoryList)
def list_stories(request: Request, flt: StoryQuery, paging: PageQuery) -> Response:
    def render() -> Response:
        page = services.list_stories(_store(request), flt, paging.limit, paging.cursor)
        current = request.app.state.story_build
        return _listing(schemas.StoryList,
                        (story_summary_json(s, services.is_stale(s.build, current))
                         for s in page.items), page.next)
    return cached_read(request, render)


@router.get("/stories/{story_id}", summary="One story as story JSON v1 (an id prefix works)",
            response_model=schemas.StoryDocument, response_model_exclude_unset=True)
def get_story(request: Request, story_id: str) -> Response:
    def render() -> Response:
        document = services.story_document(services.get_story(_store(request), story_id))
        return typed(schemas.StoryDocument, document, exclude_unset=True)
    return cached_story_page(request, story_id, render)


@router.get("/articles", summary="List articles (without their text)",
            response_model=schemas.ArticleList)
def list_articles(request: Request, flt: ArticleQuery, paging: PageQuery) -> Response:
    def render() -> Response:
        page = services.list_articles(_store(request), flt, paging.limit, paging.cursor)
        return _listing(schemas.ArticleList, (article_summary(a) for a in page.items),
                        page.next)
    return cached_read(request, render)


@router.get("/articles/{article_id}", summary="One article with its annotation",
            response_model=schemas.ArticleDetail)
def get_article(request: Request, article_id: str) -> Response:
    def render() -> Response:
        view = services.get_article_view(_store(request), article_id)
        return typed(schemas.ArticleDetail, {
            "article": article_json(view.article),
            "annotation": annotation_json(view.annotation), "story_id": view.story_id})
    return cached_read(request, render)


def _clean(value: str | None) -> str | None:
    return (value.strip() or None) if value is not None else None


async def item_filter(story_id: Text = None,
                actor: Annotated[str | None, Query(
                    description="an actor id, or an actor name or alias")] = None,
                outlet: Text = None, since: Since = None, until: Until = None) -> ItemFilter:
    return ItemFilter(story_id=_clean(story_id), actor=_clean(actor), outlet=_clean(outlet),
                      since=_clean(since), until=_clean(until))


ItemQuery = Annotated[ItemFilter, Depends(item_filter)]


def _story_listing(kind: str):
    model = schemas.ITEM_LISTS[kind]

    def route(request: Request, flt: ItemQuery, paging: PageQuery) -> Response:
        def render() -> Response:
            page = services.list_story_items(_store(request), kind, flt, paging.limit,
                                             paging.cursor)
            return _listing(model, (story_item_json(i) for i in page.items), page.next)
        return cached_read(request, render)
    route.__name__ = f"list_{kind}"
    return route


for _kind in STORY_ITEM_KINDS:
    router.add_api_route(f"/{_kind}", _story_listing(_kind), methods=["GET"],
                         response_model=schemas.ITEM_LISTS[_kind],
                         summary=f"List {_kind} of one story (story_id) or of all stories: "
                                 "one story's in story order, else by date")


@router.get("/search", summary="Full-text search over article sentences",
            response_model=schemas.SearchList)
def search(request: Request, q: Annotated[str, Query(min_length=1, description="words")],
           flt: ArticleQuery, paging: PageQuery,
           actor: Annotated[str | None, Query(
               description="only sentences naming this actor (name or alias)")] = None,
           ) -> Response:
    def render() -> Response:
        page = services.search(_store(request), q, flt, paging.limit, paging.cursor,
                               actor=actor)
        return _listing(schemas.SearchList, (hit_json(h) for h in page.items), page.next)
    return cached_read(request, render)


@router.post("/ingest", summary="Upload articles (multipart files or JSON)",
             dependencies=[Depends(require_write)], openapi_extra=INGEST_OPENAPI,
             response_model=schemas.IngestResult, response_model_exclude_unset=True,
             responses=UPLOAD_RESPONSES)
async def ingest(request: Request, analyze: bool = False) -> Json:
    settings = request.app.state.settings
    store = _store(request)
    upload = await read_upload(request, settings.web.max_upload_bytes)
    report = await run_in_threadpool(services.ingest_uploads, store, upload.files, settings,
                                     metadata=upload.metadata)
    result = {"added": report.articles_added, "updated": report.articles_updated,
              "unchanged": report.unchanged, "article_ids": list(report.article_ids),
              "rejected": [rejected_json(r) for r in report.rejected], "analyzed": False}
    if analyze:
        done = await run_in_threadpool(services.analyze, store, settings)
        result["analyzed"] = True
        result["story_ids"] = list(done.stories.story_ids)
    return result
