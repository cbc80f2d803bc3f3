"""Story profiles, clustering results, merges and redirects in SQL (a part of ``SqlStore``).

A profile row holds what clustering knows of one article (opaque JSON here) with its
story (None until clustered) and its publication day, so that clustering new articles
reads only the members near them in time. A merged story's id redirects to the story it
now lives on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, exists, insert, or_, select, update

from .schema import (
    articles,
    stories,
    story_articles,
    story_items,
    story_profiles,
    story_redirects,
)

_CHUNK = 500
# one statement run for many rows (executemany)
_SET_PROFILE_STORY = (update(story_profiles)
                      .where(story_profiles.c.article_id == bindparam("article"))
                      .values(story_id=bindparam("story")))


@dataclass(frozen=True, slots=True)
class ProfileRow:
    """One stored profile: its article, story (None: not clustered), date and data."""

    article_id: str
    story_id: str | None
    published: str | None
    data: dict


def _profile_row(row) -> ProfileRow:
    return ProfileRow(row.article_id, row.story_id, row.published, json.loads(row.data))


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start:start + _CHUNK])


class ClusterRows:
    """The clustering part of ``SqlStore`` (``self.engine``, ``self._begin``)."""

    def unprofiled_ids(self, limit: int) -> list[str]:
        """Ids of original articles (not duplicates) that have no profile yet."""
        query = (select(articles.c.id)
                 .where(articles.c.duplicate_of.is_(None),
                        ~exists().where(story_profiles.c.article_id == articles.c.id))
                 .order_by(articles.c.id).limit(limit))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def save_profiles(self, rows: Sequence[tuple[str, int | None, str | None, dict]]) -> None:
        """Store (article id, day, published, profile data) rows; an article already in a
        story (stored before profiles were) keeps its story."""
        if not rows:
            return
        ids = [r[0] for r in rows]
        with self._begin() as conn:
            member = dict(conn.execute(select(story_articles.c.article_id,
                                              story_articles.c.story_id)
                                       .where(story_articles.c.article_id.in_(ids))).all())
            conn.execute(delete(story_profiles).where(story_profiles.c.article_id.in_(ids)))
            conn.execute(insert(story_profiles), [
                {"article_id": a, "story_id": member.get(a), "day": day, "published": pub,
                 "data": json.dumps(data, ensure_ascii=False, separators=(",", ":"))}
                for a, day, pub, data in rows])

    def unclustered_profiles(self, limit: int) -> list[ProfileRow]:
        """Profiles not in a story yet, earliest first (undated last)."""
        c = story_profiles.c
        query = (select(c.article_id, c.story_id, c.published, c.data)
                 .where(c.story_id.is_(None))
                 .order_by(c.day.is_(None), c.day, c.article_id).limit(limit))
        with self.engine.connect() as conn:
            return [_profile_row(r) for r in conn.execute(query)]

    def profiles_near(self, first_day: int | None, last_day: int | None,
                      undated: bool = True) -> list[ProfileRow]:
        """The clustered profiles dated within [first_day, last_day] (none when both are
        None), and the undated ones when ``undated``."""
        c = story_profiles.c
        when = []
        if first_day is not None and last_day is not None:
            when.append(c.day.between(first_day, last_day))
        if undated:
            when.append(c.day.is_(None))
        if not when:
            return []
        query = (select(c.article_id, c.story_id, c.published, c.data)
                 .where(c.story_id.is_not(None), or_(*when)).order_by(c.article_id))
        with self.engine.connect() as conn:
            return [_profile_row(r) for r in conn.execute(query)]

    def last_profile_day(self) -> int | None:
        from sqlalchemy import func

        with self.engine.connect() as conn:
            return conn.execute(select(func.max(story_profiles.c.day))).scalar()

    def apply_clustering(self, assignments: Mapping[str, str],
                         merges: Mapping[str, str]) -> None:
        """Record new memberships and merges in one transaction: a merged story's members,
        redirects and rows move to the story it lives on, and its id redirects there; the
        stored stories that gain members are marked stale (see ``mark_stale``)."""
        with self._begin() as conn:
            for old, new in merges.items():
                _merge(conn, old, new)
            for ids in _chunks(list(assignments)):
                conn.execute(delete(story_articles).where(story_articles.c.article_id.in_(ids)))
                conn.execute(insert(story_articles),
                             [{"article_id": a, "story_id": assignments[a]} for a in ids])
            if assignments:
                conn.execute(_SET_PROFILE_STORY, [{"article": a, "story": s}
                                                  for a, s in assignments.items()])
            mark_stale(conn, [*assignments.values(), *merges.values()])

    def redirect_of(self, story_id: str) -> str | None:
        """The story a merged story's id now leads to (None when it was never merged)."""
        with self.engine.connect() as conn:
            return conn.execute(select(story_redirects.c.story_id)
                                .where(story_redirects.c.old_id == story_id)).scalar()

    def redirects(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return dict(conn.execute(select(story_redirects.c.old_id,
                                            story_redirects.c.story_id)).all())

    def stories_of(self, article_ids: Iterable[str]) -> set[str]:
        """The stories holding ``article_ids`` (or their originals, for duplicates)."""
        ids = list(dict.fromkeys(article_ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(ids):
                originals = select(articles.c.duplicate_of).where(
                    articles.c.id.in_(chunk), articles.c.duplicate_of.is_not(None))
                found.update(conn.execute(select(story_articles.c.story_id).distinct().where(
                    or_(story_articles.c.article_id.in_(chunk),
                        story_articles.c.article_id.in_(originals)))).scalars())
        return found

    def unbuilt_story_ids(self) -> set[str]:
        """Stories that have members but no stored record (clustered, never saved)."""
        c = story_articles.c
        query = select(c.story_id).distinct().where(
            ~exists().where(stories.c.id == c.story_id))
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def member_story_ids(self) -> set[str]:
        """Every story that has members (built or not yet built)."""
        with self.engine.connect() as conn:
            return set(conn.execute(select(story_articles.c.story_id).distinct()).scalars())

    def story_member_ids(self, story_id: str) -> list[str]:
        """The story's members and the duplicates of its members (both through indexes)."""
        with self.engine.connect() as conn:
            members = list(conn.execute(select(story_articles.c.article_id).where(
                story_articles.c.story_id == story_id)).scalars())
            copies: list[str] = []
            for chunk in _chunks(members):
                copies += conn.execute(select(articles.c.id).where(
                    articles.c.duplicate_of.in_(chunk))).scalars()
        return list(dict.fromkeys(members + copies))


def mark_stale(conn, story_ids: Iterable[str]) -> None:
    """Mark stored stories stale (their settings digest is cleared, so that no current
    build matches) in the transaction that changed what they are built from: a story
    whose members or member annotations changed stays marked until it is saved again,
    even when the process that changed it dies before rebuilding it."""
    ids = sorted(set(story_ids))
    for chunk in _chunks(ids):
        conn.execute(update(stories).where(stories.c.id.in_(chunk), stories.c.settings_digest != "")
                     .values(settings_digest=""))


def mark_stale_of_articles(conn, article_ids: Sequence[str]) -> None:
    """Mark stale the stored stories holding ``article_ids`` (or their originals)."""
    found: set[str] = set()
    for chunk in _chunks(list(article_ids)):
        originals = select(articles.c.duplicate_of).where(
            articles.c.id.in_(chunk), articles.c.duplicate_of.is_not(None))
        found.update(conn.execute(select(story_articles.c.story_id).distinct().where(
            or_(story_articles.c.article_id.in_(chunk),
                story_articles.c.article_id.in_(originals)))).scalars())
    mark_stale(conn, found)


def _merge(conn, old: str, new: str) -> None:
    conn.execute(update(story_profiles).where(story_profiles.c.story_id == old)
                 .values(story_id=new))
    conn.execute(update(story_articles).where(story_articles.c.story_id == old)
                 .values(story_id=new))
    conn.execute(update(story_redirects).where(story_redirects.c.story_id == old)
                 .values(story_id=new))
    conn.execute(delete(story_redirects).where(story_redirects.c.old_id == old))
    conn.execute(insert(story_redirects).values(old_id=old, story_id=new))
    conn.execute(delete(stories).where(stories.c.id == old))
    conn.execute(delete(story_items).where(story_items.c.story_id == old))
