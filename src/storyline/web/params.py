"""Query parameters shared by routes, parsed and validated once into filter and paging records.

Every invalid parameter is a 422 in the error shape: dates must be real ISO dates, ``limit``
lies between 1 and ``web.max_page_size`` (declared in the OpenAPI document by ``openapi.py``),
and a cursor is a short opaque token.

The dependencies are ``async``: they do no I/O, and FastAPI would run a plain function in
the thread pool, one thread switch per parameter group and request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator

from ..errors import UsageError
from ..services.reading import MAX_CURSOR_DIGITS, check_date
from ..store.base import ArticleFilter, StoryFilter

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
DATE_HELP = "ISO date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive"
CURSOR = r"^[A-Za-z0-9_.~=-]{1,200}$"
CURSOR_HELP = "the 'next' value of the previous page (an opaque token)"


def _real_date(value: str | None) -> str | None:
    if value is None or not value.strip():
        return value
    try:
        return check_date(value)
    except UsageError as exc:
        raise ValueError(f"{exc.message}; {exc.hint}") from exc


Since = Annotated[str | None, Query(pattern=DATE, description=DATE_HELP),
                  AfterValidator(_real_date)]
Until = Annotated[str | None, Query(pattern=DATE, description=DATE_HELP),
                  AfterValidator(_real_date)]
Text = Annotated[str | None, Query()]
Cursor = Annotated[str | None, Query(pattern=CURSOR, description=CURSOR_HELP)]
Limit = Annotated[int | None, Query(ge=1, description="page size (at most web.max_page_size)")]


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    cursor: str | None


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


async def story_filter(actor: Text = None, outlet: Text = None, since: Since = None,
                 until: Until = None, q: Annotated[str | None, Query(
                     description="words in the title")] = None) -> StoryFilter:
    return StoryFilter(actor=_blank(actor), outlet=_blank(outlet), since=_blank(since),
                       until=_blank(until), q=_blank(q))


async def article_filter(outlet: Text = None, since: Since = None, until: Until = None,
                   story_id: Text = None) -> ArticleFilter:
    return ArticleFilter(outlet=_blank(outlet), since=_blank(since), until=_blank(until),
                         story_id=_blank(story_id))


def invalid(name: str, message: str, value: object) -> RequestValidationError:
    """A 422 for query parameter ``name``, in the error shape like every other."""
    return RequestValidationError([{"type": "value_error", "loc": ("query", name),
                                    "msg": message, "input": value}])


def check_cursor(cursor: str | None) -> str | None:
    if cursor and cursor.isdigit() and len(cursor) > MAX_CURSOR_DIGITS:
        raise invalid("cursor", "cursor out of range: pass the 'next' value of a page", cursor)
    return cursor or None


def check_limit(limit: int | None, default: int, maximum: int) -> int:
    if limit is None:
        return default
    if limit > maximum:
        raise invalid("limit", f"limit {limit} is over the maximum page size of {maximum}; "
                               "follow 'next' for more", limit)
    return limit


async def paging(request: Request, limit: Limit = None, cursor: Cursor = None) -> Paging:
    web = request.app.state.settings.web
    return Paging(check_limit(limit, web.default_page_size, web.max_page_size),
                  check_cursor(cursor))


StoryQuery = Annotated[StoryFilter, Depends(story_filter)]
ArticleQuery = Annotated[ArticleFilter, Depends(article_filter)]
PageQuery = Annotated[Paging, Depends(paging)]
