"""Deleting articles and stories with everything that belongs to them (a part of ``SqlStore``)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select, update

from .base import Deletion
from .schema import (
    annotations,
    articles,
    parses,
    sentences,
    stories,
    story_articles,
    story_items,
)

CHUNK = 500


def _chunks(ids: list[str]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


class DeleteRows:
    """The delete part of ``SqlStore`` (``self._begin``)."""

    def delete_articles(self, article_ids: Iterable[str]) -> Deletion:
        """Delete articles with their annotation, sentences, parse and story membership.

        Articles that duplicated a deleted one lose the link; the stories that held a deleted
        article are returned (``story_ids``), since their items may cite it.
        """
        ids = list(dict.fromkeys(article_ids))
        held: set[str] = set()
        removed = 0
        with self._begin() as conn:
            for chunk in _chunks(ids):
                held.update(conn.execute(select(story_articles.c.story_id).where(
                    story_articles.c.article_id.in_(chunk))).scalars())
                for table in (sentences, annotations, parses, story_articles):
                    conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
                conn.execute(update(articles).where(articles.c.duplicate_of.in_(chunk))
                             .values(duplicate_of=None))
                removed += conn.execute(delete(articles).where(articles.c.id.in_(chunk))
                                        ).rowcount or 0
        return Deletion(articles=removed, story_ids=tuple(sorted(held)))

    def delete_stories(self, story_ids: Iterable[str]) -> Deletion:
        """Delete stories with their items and memberships; their articles stay."""
        ids = list(dict.fromkeys(story_ids))
        removed = 0
        with self._begin() as conn:
            for chunk in _chunks(ids):
                conn.execute(delete(story_items).where(story_items.c.story_id.in_(chunk)))
                conn.execute(delete(story_articles).where(story_articles.c.story_id.in_(chunk)))
                removed += conn.execute(delete(stories).where(stories.c.id.in_(chunk))
                                        ).rowcount or 0
        return Deletion(stories=removed, story_ids=tuple(ids))
