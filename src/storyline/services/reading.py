"""Reading: stories, articles, listings and search for the edges."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..config import Settings
from ..errors import UsageError
from ..records import Annotation, Article, Story, StoryView
from ..store import ArticleFilter, Page, SqlStore, StoryFilter, normalize_url, open_store
from ..store.base import STORY_ITEM_KINDS, ItemFilter
from .stories import is_stale, story_build
from .story_cache import cache_of

ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def check_date(value: str, name: str = "date") -> str:
    """``value`` when it is a real ISO date (``2021``, ``2021-12``, ``2021-12-07``)."""
    match = ISO_DATE.fullmatch(value.strip())
    problem = "is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if match:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            date(year, month, day)
            return value.strip()
        except ValueError:
            problem = "is not a real date"
    raise UsageError(f"{name} {value!r} {problem}", hint="e.g. 2022, 2022-02 or 2022-02-21")


SQLITE_FILE = re.compile(r"sqlite(?:\+\w+)?:///(?P<path>[^?]+)")


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL or path; None for other databases and in-memory ones."""
    match = SQLITE_FILE.match(normalize_url(url))
    path = match.group("path") if match else ""
    return Path(path) if path and path != ":memory:" else None


def open_existing_store(settings: Settings) -> SqlStore:
    """The store of ``settings`` for reading: a SQLite file that does not exist is an error,
    never created (a mistyped --db must not leave an empty database behind)."""
    path = sqlite_file(settings.store.url)
    if path is not None and not path.is_file():
        raise UsageError(f"no database at {path}",
                       hint="check --db (or STORYLINE_DB); `storyline ingest` or "
                            "`storyline analyze` creates one")
    return open_store(settings.store.url)


MAX_CURSOR_DIGITS = 18  # a numeric cursor longer than this is past any page a store has


def check_cursor(cursor: str | None) -> str | None:
    """``cursor`` unless it is a number too large to be a page of any store."""
    if cursor and cursor.strip().isdigit() and len(cursor.strip()) > MAX_CURSOR_DIGITS:
        raise UsageError(f"cursor {cursor[:24]!r}... is out of range",
                         hint="pass the 'next' value of a page")
    return cursor


@dataclass(frozen=True, slots=True)
class ArticleView:
    article: Article
    annotation: Annotation | None
    story_id: str | None


def get_article_view(store: SqlStore, article_id: str) -> ArticleView:
    resolved = store.resolve_article_id(article_id)
    return ArticleView(store.get_article(resolved), store.get_annotation(resolved),
                       store.story_of(resolved))


def story_view(store: SqlStore, story: Story, current=None) -> StoryView:
    """``story`` with its member articles (text joined from the articles table)."""
    found = store.get_articles(story.article_ids)
    articles = tuple(found[a] for a in story.article_ids if a in found)
    stale = False
    if current is not None:
        stale = is_stale(store.story_builds_of([story.id]).get(story.id, current), current)
    return StoryView(story, articles, stale)


def get_story(store: SqlStore, story_id: str, settings: Settings | None = None) -> StoryView:
    """One story (an id or a unique prefix) and its articles.

    Decoded once per story build and kept (``story_cache``): a rebuilt story has a new
    build id; the articles are those of the story's build."""
    key = story_key(store, story_id)
    view = cache_of(store).get(key, lambda: story_view(store, store.get_story(key[0])))
    if settings is None:
        return view
    return story_view_stale(store, view, story_build(settings))


def story_key(store: SqlStore, story_id: str) -> tuple[str, str]:
    """(story id, build id) of a story id or unique prefix: what a view of it depends on."""
    resolved = store.resolve_story_id(story_id)
    return resolved, store.story_build_id(resolved)


def story_view_stale(store: SqlStore, view: StoryView, current) -> StoryView:
    stale = is_stale(store.story_builds_of([view.story.id]).get(view.story.id, current), current)
    return replace(view, stale=stale)


def story_document(view: StoryView) -> dict:
    """The story JSON v1 document of a story (the public contract)."""
    from ..render.json_v1 import story_json

    return story_json(view.story, view.articles)


def list_stories(store: SqlStore, flt: StoryFilter | None = None, limit: int = 50,
                 cursor: str | None = None) -> Page:
    return store.list_stories(flt, limit, check_cursor(cursor))


def list_articles(store: SqlStore, flt: ArticleFilter | None = None, limit: int = 50,
                  cursor: str | None = None) -> Page:
    return store.list_articles(flt, limit, check_cursor(cursor))


def all_stories(store: SqlStore) -> list[StoryView]:
    """Every story with its articles, newest first."""
    out, cursor = [], None
    while True:
        page = store.list_stories(None, 200, cursor)
        out.extend(story_view(store, store.get_story(s.id)) for s in page.items)
        if page.next is None:
            return out
        cursor = page.next


def search(store: SqlStore, q: str, flt: ArticleFilter | None = None, limit: int = 20,
           cursor: str | None = None, actor: str | None = None) -> Page:
    return store.search_sentences(q, flt, limit, check_cursor(cursor), actor=actor)


def list_story_items(store: SqlStore, kind: str, flt: ItemFilter | None = None,
                     limit: int = 50, cursor: str | None = None) -> Page:
    """One page of a story item listing (``kind``: actors, quotes, claims or events) as
    ``StoryItem`` records. A story id may be a prefix."""
    if kind not in STORY_ITEM_KINDS:
        raise UsageError(f"unknown story item kind {kind!r}",
                         hint="use one of " + ", ".join(STORY_ITEM_KINDS))
    if flt is not None and flt.story_id:
        flt = replace(flt, story_id=store.resolve_story_id(flt.story_id))
    return store.list_story_items(kind, flt, limit, check_cursor(cursor))

