"""Offset cursors for listings: a page holds ``limit`` items and the cursor of the next."""

from __future__ import annotations

import re

from ..errors import UsageError
from .base import Page

# An offset is a count of rows: up to 18 ASCII digits, so offset plus a page size stays inside
# SQLite's and PostgreSQL's 64-bit integers (a longer cursor overflowed them: a server error).
_CURSOR = re.compile(r"[0-9]{1,18}")


def offset_of(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not _CURSOR.fullmatch(cursor):
        raise UsageError(f"bad cursor {cursor[:40]!r}", hint="pass the 'next' value of a page")
    return int(cursor)


def page_of(items: list, limit: int, offset: int) -> Page:
    more = len(items) > limit
    return Page(items=tuple(items[:limit]), next=str(offset + limit) if more else None)
