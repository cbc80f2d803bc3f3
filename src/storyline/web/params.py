"""Query parameters shared by routes, parsed once into filter and paging records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request

from ..store.base import ArticleFilter, StoryFilter
from .listing import check_limit

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
DATE_HELP = "ISO date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive"
Since = Annotated[str | None, Query(pattern=DATE, description=DATE_HELP)]
Until = Annotated[str | None, Query(pattern=DATE, description=DATE_HELP)]
Text = Annotated[str | None, Query()]


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    cursor: str | None


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def story_filter(actor: Text = None, outlet: Text = None, since: Since = None,
                 until: Until = None, q: Annotated[str | None, Query(
                     description="words in the title")] = None) -> StoryFilter:
    return StoryFilter(actor=_blank(actor), outlet=_blank(outlet), since=_blank(since),
                       until=_blank(until), q=_blank(q))


def article_filter(outlet: Text = None, since: Since = None, until: Until = None,
                   story_id: Text = None) -> ArticleFilter:
    return ArticleFilter(outlet=_blank(outlet), since=_blank(since), until=_blank(until),
                         story_id=_blank(story_id))


def paging(request: Request,
           limit: Annotated[int | None, Query(ge=1, description="page size")] = None,
           cursor: Annotated[str | None, Query(description="'next' of the last page")] = None
           ) -> Paging:
    web = request.app.state.settings.web
    return Paging(check_limit(limit, web.default_page_size, web.max_page_size), cursor)


StoryQuery = Annotated[StoryFilter, Depends(story_filter)]
ArticleQuery = Annotated[ArticleFilter, Depends(article_filter)]
PageQuery = Annotated[Paging, Depends(paging)]
