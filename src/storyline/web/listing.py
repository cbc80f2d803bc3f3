"""Listing helpers: story items (actors, quotes, claims, events), article summaries, paging.

Uses only services and the Store protocol; no SQL.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .. import services
from ..errors import UsageError
from ..records import Annotation, Article
from ..render.json_v1 import article_json
from ..store.base import STORY_ITEM_KINDS, ItemFilter, Page, Store, StorySummary

__all__ = ["STORY_ITEM_KINDS", "annotation_json", "article_summary", "check_limit",
           "page_of", "parse_offset", "story_items"]


def parse_offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.isdigit():
        raise UsageError(f"bad cursor {cursor!r}", hint="pass the 'next' value of a page")
    return int(cursor)


def page_of(items: list, limit: int, cursor: str | None) -> Page:
    offset = parse_offset(cursor)
    chunk = items[offset: offset + limit]
    more = offset + limit < len(items)
    return Page(items=tuple(chunk), next=str(offset + limit) if more else None)


def story_items(store: Store, kind: str, flt: ItemFilter | None, limit: int,
                cursor: str | None = None) -> Page:
    """One page of ``kind`` items across stories (or of one story), each with ``story_id``.

    Read from the store's item table: no story JSON is loaded per request.
    """
    return services.list_story_items(store, kind, flt, limit, cursor)


def story_summary_json(summary: StorySummary, stale: bool) -> dict[str, Any]:
    """A story of the list (``stale``: built by other stage versions or settings)."""
    return {"id": summary.id, "title": summary.title,
            "first_published": summary.first_published,
            "last_published": summary.last_published,
            "article_count": summary.article_count, "outlets": list(summary.outlets),
            "stale": stale}


def article_summary(article: Article) -> dict[str, Any]:
    """An article without its text (listing form)."""
    data = article_json(article)
    data.pop("text")
    data["text_chars"] = len(article.text)
    return data


def annotation_json(annotation: Annotation | None) -> dict[str, Any] | None:
    if annotation is None:
        return None
    data = dataclasses.asdict(annotation)
    data["versions"] = dict(annotation.versions)
    return data


def check_limit(limit: int | None, default: int, maximum: int) -> int:
    if limit is None:
        return default
    if limit > maximum:
        raise UsageError(f"limit {limit} is over the maximum page size of {maximum}",
                         hint=f"pass limit={maximum} or less and follow 'next'")
    return limit
