"""Storage: one small Store protocol (base.py); SQL lives in this package only."""

from __future__ import annotations

from .base import ArticleFilter, Page, SearchHit, Store, StoryFilter, StorySummary, UpsertCounts
from .sql import SqlStore, normalize_url, open_sql_store


def open_store(url: str, *, migrate: bool = True) -> SqlStore:
    """Open (and by default migrate) the store at ``url`` (a SQLAlchemy URL or a file path)."""
    store = open_sql_store(url)
    if migrate:
        store.migrate()
    return store


__all__ = [
    "ArticleFilter",
    "Page",
    "SearchHit",
    "SqlStore",
    "Store",
    "StoryFilter",
    "StorySummary",
    "UpsertCounts",
    "normalize_url",
    "open_store",
]
