"""Deleting articles and stories, and keeping the stories that remain consistent."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Settings
from ..store import SqlStore
from .ingest import link_duplicates
from .stories import story_build

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DeleteReport:
    """What a delete did (or, with ``dry_run``, would do)."""

    article_ids: tuple[str, ...] = ()  # the articles deleted
    stories_deleted: tuple[str, ...] = ()  # stories removed whole
    stories_rebuilt: tuple[str, ...] = ()  # stories rebuilt from their remaining articles
    dry_run: bool = False


def _plan(store: SqlStore, article_ids: set[str], story_ids: Sequence[str]):
    """Of the stories holding deleted articles, those left empty and those to rebuild."""
    emptied, rebuilt = [], []
    for story_id in story_ids:
        members = store.get_story(story_id).article_ids
        (rebuilt if any(a not in article_ids for a in members) else emptied).append(story_id)
    return emptied, rebuilt


def _rebuild(store: SqlStore, settings: Settings, story_ids: Sequence[str]) -> None:
    from ..story.build import build_story

    current = story_build(settings)
    for story_id in story_ids:
        members = store.get_story(story_id).article_ids
        found = store.get_articles(members)
        kept = [found[a] for a in members if a in found]
        annotations = store.get_annotations(a.id for a in kept)
        store.save_story(build_story(story_id, kept, annotations, settings), current)


def delete_articles(store: SqlStore, article_ids: Sequence[str], settings: Settings, *,
                    dry_run: bool = False) -> DeleteReport:
    """Delete articles (ids or unique prefixes) with their annotations, parses and search
    sentences; a story left without articles goes too, the others are rebuilt at once so
    that no item cites a deleted article. Duplicate links are recomputed."""
    ids = tuple(dict.fromkeys(store.resolve_article_id(a) for a in article_ids))
    memberships = store.story_memberships()
    held = sorted({memberships[a] for a in ids if a in memberships})
    emptied, rebuilt = _plan(store, set(ids), held)
    if not dry_run:
        store.delete_articles(ids)
        store.delete_stories(emptied)
        _rebuild(store, settings, rebuilt)
        link_duplicates(store, settings)
        log.info("deleted %d articles, %d stories; rebuilt %d", len(ids), len(emptied),
                 len(rebuilt))
    return DeleteReport(ids, tuple(emptied), tuple(rebuilt), dry_run)


def delete_stories(store: SqlStore, story_ids: Sequence[str], settings: Settings, *,
                   with_articles: bool = False, dry_run: bool = False) -> DeleteReport:
    """Delete stories (ids or unique prefixes) with their items. Their articles stay (the
    next analysis clusters them afresh) unless ``with_articles``."""
    ids = tuple(dict.fromkeys(store.resolve_story_id(s) for s in story_ids))
    articles: tuple[str, ...] = ()
    if with_articles:
        articles = tuple(a for s in ids for a in store.get_story(s).article_ids)
    if not dry_run:
        store.delete_stories(ids)
        if articles:
            store.delete_articles(articles)
            link_duplicates(store, settings)
    return DeleteReport(articles, ids, (), dry_run)
