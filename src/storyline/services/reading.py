"""Reading: stories, articles, listings and search for the edges."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..config import Settings
from ..errors import UsageError
from ..records import Annotation, Article, Story, StoryView
from ..store import ArticleFilter, Page, SqlStore, StoryFilter
from ..store.base import STORY_ITEM_KINDS, ItemFilter
from .stories import is_stale, story_build
from .story_cache import cache_of


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
    return store.list_stories(flt, limit, cursor)


def list_articles(store: SqlStore, flt: ArticleFilter | None = None, limit: int = 50,
                  cursor: str | None = None) -> Page:
    return store.list_articles(flt, limit, cursor)


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
    return store.search_sentences(q, flt, limit, cursor, actor=actor)


def list_story_items(store: SqlStore, kind: str, flt: ItemFilter | None = None,
                     limit: int = 50, cursor: str | None = None) -> Page:
    """One page of a story item listing (``kind``: actors, quotes, claims or events) as
    ``StoryItem`` records. A story id may be a prefix."""
    if kind not in STORY_ITEM_KINDS:
        raise UsageError(f"unknown story item kind {kind!r}",
                         hint="use one of " + ", ".join(STORY_ITEM_KINDS))
    if flt is not None and flt.story_id:
        flt = replace(flt, story_id=store.resolve_story_id(flt.story_id))
    return store.list_story_items(kind, flt, limit, cursor)

