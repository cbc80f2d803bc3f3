"""Offset cursors for listings: a page holds ``limit`` items and the cursor of the next."""

from __future__ import annotations

from ..errors import UsageError
from .base import Page


def offset_of(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        value = int(cursor)
    except ValueError as exc:
        raise UsageError(f"bad cursor {cursor!r}", hint="pass the 'next' value of a page") from exc
    if value < 0:
        raise UsageError(f"bad cursor {cursor!r}", hint="pass the 'next' value of a page")
    return value


def page_of(items: list, limit: int, offset: int) -> Page:
    more = len(items) > limit
    return Page(items=tuple(items[:limit]), next=str(offset + limit) if more else None)
