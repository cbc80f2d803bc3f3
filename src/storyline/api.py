"""The Python API: ``storyline.open(path_or_url)`` gives a ``Storyline`` over one store.

Every method calls the same services as the CLI and the web app and returns the typed
records of ``storyline.records`` (listings as ``Records``, which also export as pandas
DataFrames and Parquet files). See docs/python.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Self

from . import services
from .config import Settings, load_settings
from .records import Article, StoryItem, StoryView
from .store import ArticleFilter, Page, SqlStore, StoryFilter
from .store.base import ItemFilter, SearchHit, StorySummary
from .tables import Records, Row, plain

PAGE = 500
Fetch = Callable[[int, str | None], Page]


def _collect(fetch: Fetch, limit: int | None) -> list:
    """Every item of a paged listing, or the first ``limit``."""
    items: list = []
    cursor = None
    while limit is None or len(items) < limit:
        size = PAGE if limit is None else min(PAGE, limit - len(items))
        page = fetch(size, cursor)
        items.extend(page.items)
        cursor = page.next
        if cursor is None:
            break
    return items


def _date(value: str | None, name: str) -> str | None:
    return services.check_date(value, name) if value else None


class Storyline:
    """One storyline store: analyze articles, then read stories, articles and their items.

    Use it as a context manager, or call ``close()`` when done.
    """

    def __init__(self, store: SqlStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    # ------------------------------------------------------------ writing

    def ingest(self, paths: Sequence[str | os.PathLike], *, metadata: str | None = None
               ) -> services.IngestReport:
        """Read, clean, deduplicate and store the articles under ``paths``."""
        return services.ingest_paths(self.store, [str(p) for p in paths], self.settings,
                                     metadata=str(metadata) if metadata else None)

    def analyze(self, paths: Sequence[str | os.PathLike] = (), *,
                metadata: str | os.PathLike | None = None,
                rebuild: bool = False) -> services.AnalyzeReport:
        """Ingest ``paths`` (if any), annotate what is pending and build the stories."""
        return services.analyze(self.store, self.settings, paths=[str(p) for p in paths],
                                metadata=str(metadata) if metadata else None, rebuild=rebuild)

    def delete_articles(self, article_ids: Sequence[str]) -> services.DeleteReport:
        """Delete articles with what belongs to them; stories holding them are rebuilt."""
        return services.delete_articles(self.store, list(article_ids), self.settings)

    def delete_stories(self, story_ids: Sequence[str], *, with_articles: bool = False
                       ) -> services.DeleteReport:
        """Delete stories (and, ``with_articles``, their articles)."""
        return services.delete_stories(self.store, list(story_ids), self.settings,
                                       with_articles=with_articles)

    # ------------------------------------------------------------ reading

    def stories(self, *, actor: str | None = None, outlet: str | None = None,
                since: str | None = None, until: str | None = None, q: str | None = None,
                limit: int | None = None) -> Records[StorySummary]:
        """Stories, newest first; ``to_pandas()`` adds whether each is ``stale``."""
        flt = StoryFilter(actor=actor, outlet=outlet, since=_date(since, "since"),
                          until=_date(until, "until"), q=q)
        found = _collect(lambda n, c: services.list_stories(self.store, flt, n, c), limit)
        return Records(found, self._story_row())

    def story(self, story_id: str) -> StoryView:
        """One story (an id or a unique prefix): ``.story`` (the ``Story`` record with its
        actors, quotes, claims, events, timeline and brief) and ``.articles``."""
        return services.get_story(self.store, story_id, self.settings)

    def story_json(self, story_id: str) -> dict[str, Any]:
        """One story as a story JSON v1 document (the export and API format)."""
        return services.story_document(self.story(story_id))

    def articles(self, *, outlet: str | None = None, since: str | None = None,
                 until: str | None = None, story_id: str | None = None,
                 limit: int | None = None) -> Records[Article]:
        """Articles by publication date (undated last), with their cleaned text."""
        if story_id:
            story_id = self.store.resolve_story_id(story_id)
        flt = ArticleFilter(outlet=outlet, since=_date(since, "since"),
                            until=_date(until, "until"), story_id=story_id)
        return Records(_collect(lambda n, c: services.list_articles(self.store, flt, n, c),
                                limit))

    def article(self, article_id: str) -> services.ArticleView:
        """One article (an id or a unique prefix) with its annotation and story id."""
        return services.get_article_view(self.store, article_id)

    def search(self, query: str, *, outlet: str | None = None, since: str | None = None,
               until: str | None = None, story_id: str | None = None,
               actor: str | None = None, limit: int = 20) -> Records[SearchHit]:
        """The sentences holding every word of ``query``, best matches first."""
        if story_id:
            story_id = self.store.resolve_story_id(story_id)
        flt = ArticleFilter(outlet=outlet, since=_date(since, "since"),
                            until=_date(until, "until"), story_id=story_id)
        return Records(_collect(lambda n, c: services.search(self.store, query, flt, n, c,
                                                             actor=actor), limit))

    def items(self, kind: str, *, story_id: str | None = None, actor: str | None = None,
              outlet: str | None = None, since: str | None = None, until: str | None = None,
              limit: int | None = None) -> Records[StoryItem]:
        """``kind`` (actors, quotes, claims or events) of one story or of all stories, as
        ``StoryItem`` records (``.item`` is the Actor, Quote, Claim or Event)."""
        flt = ItemFilter(story_id=story_id, actor=actor, outlet=outlet,
                         since=_date(since, "since"), until=_date(until, "until"))
        return Records(_collect(lambda n, c: services.list_story_items(self.store, kind, flt,
                                                                       n, c), limit))

    def actors(self, story_id: str | None = None, **filters) -> Records[StoryItem]:
        return self.items("actors", story_id=story_id, **filters)

    def quotes(self, story_id: str | None = None, **filters) -> Records[StoryItem]:
        return self.items("quotes", story_id=story_id, **filters)

    def claims(self, story_id: str | None = None, **filters) -> Records[StoryItem]:
        return self.items("claims", story_id=story_id, **filters)

    def events(self, story_id: str | None = None, **filters) -> Records[StoryItem]:
        return self.items("events", story_id=story_id, **filters)

    # ------------------------------------------------------------ lifecycle

    def _story_row(self) -> Callable[[StorySummary], Row]:
        current = services.story_build(self.settings)

        def row(summary: StorySummary) -> Row:
            data = plain(summary)
            data.pop("build")
            return {**data, "stale": services.is_stale(summary.build, current)}

        return row

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Storyline {self.store.url}>"


def open_storyline(path_or_url: str | os.PathLike = "storyline.db", *,
                   config: str | os.PathLike | None = None, create: bool = True,
                   settings: Settings | None = None) -> Storyline:
    """Open the store at ``path_or_url`` (a SQLite file path or a database URL).

    ``config`` is a TOML settings file (as ``--config``); ``create=False`` refuses a SQLite
    file that does not exist instead of creating it.
    """
    base = settings or load_settings(str(config) if config else None)
    url = str(Path(path_or_url)) if isinstance(path_or_url, os.PathLike) else path_or_url
    chosen = replace(base, store=replace(base.store, url=url))
    store = services.open_store(chosen) if create else services.open_existing_store(chosen)
    return Storyline(store, chosen)
