"""Stories, memberships and story items in SQL (a part of ``SqlStore``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, delete, func, select

from ..errors import NotFound
from ..records import Actor, Claim, Event, Quote, Story, StoryItem
from . import codec
from .base import ItemFilter, Page, StoryBuild, StoryFilter, StorySummary
from .paging import offset_of, page_of
from .schema import (
    _members,
    stories,
    story_articles,
    story_item_rows,
    story_items,
    story_items_query,
    story_redirects,
    story_row,
)

#: stories written per transaction by ``save_stories``
_PAGE = 50
_ITEM_RECORD = {"actors": Actor, "quotes": Quote, "claims": Claim, "events": Event}
# built once: a reader asks this on every story request
_BUILD_OF = select(stories.c.id, stories.c.build_id).where(stories.c.id == bindparam("id"))


class StoryRows:
    """The story part of ``SqlStore`` (``self.engine``, ``self._begin``, ``self._resolve``)."""

    def save_story(self, story: Story, build: StoryBuild) -> None:
        """Store ``story`` (its record, membership and items) and what built it."""
        self.save_stories([(story, build)])

    def save_stories(self, built: Sequence[tuple[Story, StoryBuild]]) -> None:
        """Store many stories as ``save_story`` one by one would: a transaction and a few
        batched statements per page of stories."""
        for start in range(0, len(built), _PAGE):
            with self._begin() as conn:
                _write_stories(conn, list(built[start:start + _PAGE]))

    def delete_story(self, story_id: str) -> None:
        with self._begin() as conn:
            conn.execute(delete(stories).where(stories.c.id == story_id))
            conn.execute(delete(story_articles).where(story_articles.c.story_id == story_id))
            conn.execute(delete(story_items).where(story_items.c.story_id == story_id))

    def get_story(self, story_id: str) -> Story:
        """The story ``story_id``, or the one a merged story's id redirects to."""
        with self.engine.connect() as conn:
            data = conn.execute(select(stories.c.data).where(stories.c.id == story_id)).scalar()
            if data is None:
                target = conn.execute(select(story_redirects.c.story_id).where(
                    story_redirects.c.old_id == story_id)).scalar()
                if target is not None:
                    data = conn.execute(select(stories.c.data)
                                        .where(stories.c.id == target)).scalar()
        if data is None:
            raise NotFound(f"no story {story_id!r}", hint="list them with `storyline stories`")
        return codec.loads(Story, data)

    def story_build_id(self, story_id: str) -> str:
        """The ``build_id`` of a stored story (changes whenever the story does)."""
        with self.engine.connect() as conn:
            value = conn.execute(select(stories.c.build_id)
                                 .where(stories.c.id == story_id)).scalar()
        if value is None:
            raise NotFound(f"no story {story_id!r}", hint="list them with `storyline stories`")
        return value

    def story_key(self, story_id: str) -> tuple[str, str]:
        """(story id, build id) of a story id or unique prefix: one query for a whole id."""
        with self.engine.connect() as conn:
            row = conn.execute(_BUILD_OF, {"id": story_id.strip()}).first()
        if row is not None:
            return row.id, row.build_id
        resolved = self.resolve_story_id(story_id)
        return resolved, self.story_build_id(resolved)

    def story_builds(self) -> dict[str, StoryBuild]:
        """What built each stored story: its stage keys and settings digest."""
        return self.story_builds_of(None)

    def stale_story_ids(self, current: StoryBuild) -> set[str]:
        """The stored stories that another stage version or other settings built: compared
        in the database (the stage keys are stored as canonical JSON), so that finding them
        decodes no row and its cost stays small as the archive grows."""
        versions = json.dumps(dict(current.versions), sort_keys=True)
        c = stories.c
        query = select(c.id).where(c.versions.is_(None) | c.settings_digest.is_(None)
                                   | (c.versions != versions)
                                   | (c.settings_digest != current.settings_digest))
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def story_builds_of(self, story_ids: Iterable[str] | None) -> dict[str, StoryBuild]:
        """What built the stories of ``story_ids`` (all stories with None)."""
        query = select(stories.c.id, stories.c.versions, stories.c.settings_digest)
        with self.engine.connect() as conn:
            if story_ids is None:
                rows = conn.execute(query).fetchall()
            else:
                ids, rows = list(story_ids), []
                for start in range(0, len(ids), _PAGE * 10):
                    rows += conn.execute(query.where(
                        stories.c.id.in_(ids[start:start + _PAGE * 10]))).fetchall()
        return {r.id: _build(r.versions, r.settings_digest) for r in rows}

    def resolve_story_id(self, prefix: str) -> str:
        """A story id from an id or unique prefix; a merged story's id gives the story it
        was merged into."""
        try:
            return self._resolve(stories.c.id, prefix, "story", "storyline stories")
        except NotFound:
            old = self._resolve(story_redirects.c.old_id, prefix, "story", "storyline stories")
        with self.engine.connect() as conn:
            return conn.execute(select(story_redirects.c.story_id)
                                .where(story_redirects.c.old_id == old)).scalar_one()

    def list_stories(self, flt: StoryFilter | None, limit: int,
                     cursor: str | None = None) -> Page:
        offset = offset_of(cursor)
        c = stories.c
        query = (select(c.id, c.title, c.first_published, c.last_published, c.article_count,
                        c.outlets, c.versions, c.settings_digest)
                 .order_by(c.last_published.desc(), c.id))
        for clause in story_clauses(flt):
            query = query.where(clause)
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit + 1).offset(offset)).fetchall()
        items = [StorySummary(r.id, r.title, r.first_published, r.last_published,
                              r.article_count, tuple(o for o in r.outlets.split("|") if o),
                              _build(r.versions, r.settings_digest))
                 for r in rows]
        return page_of(items, limit, offset)

    def story_of(self, article_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(story_articles.c.story_id).where(
                story_articles.c.article_id == article_id)).scalar()

    def story_memberships(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(story_articles)).fetchall()
        return {r.article_id: r.story_id for r in rows}

    def list_story_items(self, kind: str, flt: ItemFilter | None, limit: int,
                         cursor: str | None = None) -> Page:
        offset = offset_of(cursor)
        query = story_items_query(kind, flt).limit(limit + 1).offset(offset)
        with self.engine.connect() as conn:
            rows = conn.execute(query).fetchall()
        record = _ITEM_RECORD[kind]
        items = [StoryItem(r.story_id, kind, codec.loads(record, r.data), r.group_id)
                 for r in rows]
        return page_of(items, limit, offset)


def _write_stories(conn, built: list[tuple[Story, StoryBuild]]) -> None:
    latest: dict[str, tuple[Story, StoryBuild]] = {}
    for story, build in built:  # in the order of each story's last record, as one by one
        latest.pop(story.id, None)
        latest[story.id] = (story, build)
    ids = list(latest)
    article_ids = list(dict.fromkeys(a for story, _ in latest.values() for a in story.article_ids))
    members = {}
    for start in range(0, len(article_ids), _PAGE * 10):
        members.update(_members(conn, article_ids[start:start + _PAGE * 10]))
    conn.execute(delete(stories).where(stories.c.id.in_(ids)))
    conn.execute(delete(story_articles).where(story_articles.c.story_id.in_(ids)))
    conn.execute(delete(story_items).where(story_items.c.story_id.in_(ids)))
    for start in range(0, len(article_ids), _PAGE * 10):
        conn.execute(delete(story_articles).where(
            story_articles.c.article_id.in_(article_ids[start:start + _PAGE * 10])))
    conn.execute(stories.insert(), [story_row(story, members, dict(build.versions),
                                              build.settings_digest)
                                    for story, build in latest.values()])
    links = {a: story.id for story, _ in latest.values() for a in story.article_ids}
    if links:
        conn.execute(story_articles.insert(), [{"article_id": a, "story_id": s}
                                               for a, s in links.items()])
    items = [row for story, _ in latest.values() for row in story_item_rows(story, members)]
    if items:
        conn.execute(story_items.insert(), items)


def _build(versions: str | None, digest: str | None) -> StoryBuild:
    keys = json.loads(versions) if versions else {}
    return StoryBuild(tuple(sorted(keys.items())), digest or "")


def story_clauses(flt: StoryFilter | None) -> list:
    if flt is None:
        return []
    clauses = []
    if flt.actor:
        clauses.append(stories.c.actors.contains(f"|{flt.actor.strip().lower()}|", autoescape=True))
    if flt.outlet:
        clauses.append(func.lower(stories.c.outlets).contains(
            f"|{flt.outlet.strip().lower()}|", autoescape=True))
    if flt.since:
        clauses.append(stories.c.last_published >= flt.since)
    if flt.until:
        clauses.append(stories.c.first_published <= flt.until + "\uffff")
    if flt.q:
        for word in flt.q.split():
            clauses.append(func.lower(stories.c.title).contains(word.lower(), autoescape=True))
    return clauses

