"""The REST API under /api/v1: thin routes that parse, call a service, present."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from .. import services
from ..render.json_v1 import article_json, item_json
from ..store.base import ItemFilter
from .auth import require_write
from .listing import (
    STORY_ITEM_KINDS,
    annotation_json,
    article_summary,
    story_items,
    story_summary_json,
)
from .params import ArticleQuery, PageQuery, Since, StoryQuery, Text, Until
from .uploads import INGEST_OPENAPI, read_upload

router = APIRouter()


def _store(request: Request):
    return request.app.state.store


def _listing(items, next_cursor: str | None) -> dict[str, Any]:
    return {"items": list(items), "next": next_cursor}


@router.get("/stories", summary="List stories, newest first")
def list_stories(request: Request, flt: StoryQuery, paging: PageQuery) -> dict:
    page = services.list_stories(_store(request), flt, paging.limit, paging.cursor)
    current = services.story_build(request.app.state.settings)
    return _listing((story_summary_json(s, services.is_stale(s.build, current))
                     for s in page.items), page.next)


@router.get("/stories/{story_id}", summary="One story as story JSON v1")
def get_story(request: Request, story_id: str) -> dict:
    return services.story_document(services.get_story(_store(request), story_id))


@router.get("/articles", summary="List articles (without their text)")
def list_articles(request: Request, flt: ArticleQuery, paging: PageQuery) -> dict:
    page = services.list_articles(_store(request), flt, paging.limit, paging.cursor)
    return _listing((article_summary(a) for a in page.items), page.next)


@router.get("/articles/{article_id}", summary="One article with its annotation")
def get_article(request: Request, article_id: str) -> dict:
    view = services.get_article_view(_store(request), article_id)
    return {"article": article_json(view.article), "annotation": annotation_json(view.annotation),
            "story_id": view.story_id}


def _clean(value: str | None) -> str | None:
    return (value.strip() or None) if value is not None else None


def item_filter(story_id: Text = None,
                actor: Annotated[str | None, Query(
                    description="an actor id, or an actor name or alias")] = None,
                outlet: Text = None, since: Since = None, until: Until = None) -> ItemFilter:
    return ItemFilter(story_id=_clean(story_id), actor=_clean(actor), outlet=_clean(outlet),
                      since=_clean(since), until=_clean(until))


ItemQuery = Annotated[ItemFilter, Depends(item_filter)]


def _story_listing(kind: str):
    def route(request: Request, flt: ItemQuery, paging: PageQuery) -> dict:
        page = story_items(_store(request), kind, flt, paging.limit, paging.cursor)
        return _listing((item_json(i) for i in page.items), page.next)
    route.__name__ = f"list_{kind}"
    return route


for _kind in STORY_ITEM_KINDS:
    router.add_api_route(f"/{_kind}", _story_listing(_kind), methods=["GET"],
                         summary=f"List {_kind} of one story (story_id) or of all stories: "
                                 "one story's in story order, else by date")


@router.get("/search", summary="Full-text search over article sentences")
def search(request: Request, q: Annotated[str, Query(min_length=1)], flt: ArticleQuery,
           paging: PageQuery, actor: str | None = None) -> dict:
    page = services.search(_store(request), q, flt, paging.limit, paging.cursor, actor=actor)
    items = [{**dataclasses.asdict(h), "href": f"/articles/{h.article_id}#s-{h.start}"}
             for h in page.items]
    return _listing(items, page.next)


@router.post("/ingest", summary="Upload articles (multipart files or JSON)",
             dependencies=[Depends(require_write)], openapi_extra=INGEST_OPENAPI)
async def ingest(request: Request, analyze: bool = False) -> dict:
    settings = request.app.state.settings
    store = _store(request)
    upload = await read_upload(request, settings.web.max_upload_bytes)
    report = await run_in_threadpool(services.ingest_uploads, store, upload.files, settings,
                                     metadata=upload.metadata)
    result = {"added": report.articles_added, "updated": report.articles_updated,
              "unchanged": report.unchanged, "article_ids": list(report.article_ids),
              "rejected": [{"source": r.source, "reason": getattr(r.reason, "value", r.reason),
                            "detail": r.detail} for r in report.rejected],
              "analyzed": False}
    if analyze:
        done = await run_in_threadpool(services.analyze, store, settings)
        result["analyzed"] = True
        result["story_ids"] = list(done.stories.story_ids)
    return result
