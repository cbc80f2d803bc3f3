"""The numbered migrations of the store's schema (``schema.py`` declares the tables).

``migrate`` runs the steps a database has not seen, each in its own transaction, recorded in
``schema_migrations``; processes that start at once on one PostgreSQL database take turns
(an advisory lock). Steps only add (new tables, new nullable columns), never rename.

1. The first tables.
2. ``story_items``: every actor, quote, claim and event of every story, one row each, so
   listings across stories need not read each story.
3. ``parses``: the stored spaCy parse of each article, so rule stages re-run without
   parsing again.
4. Each story kept as its record (the record codec, not the public JSON), with the stage
   keys and the settings digest that built it; ``story_items`` rows hold item records too.
5. The near-duplicate index: each article's MinHash signature and LSH band keys
   (``dedupe_signatures``, ``dedupe_bands``), the band keys of each duplicate group
   (``dedupe_group_bands``) and an index on ``articles.duplicate_of``, so linking a new
   article never reads the whole store.
6. ``story_profiles`` (each clustered article's profile, story and day, so clustering reads
   only the neighbours in time of new articles), ``story_redirects`` (a merged story's id
   leads to the one it lives on), the indexes that let listings page in index order, and on
   PostgreSQL the full-text index of the sentences.
7. ``fetched_pages`` (each document fetched over HTTP, kept raw and compressed with its
   validators, the extractor version that read it and the article it became) and
   ``articles.language``.
8. ``stories.build_id``: a digest of the stored record and what built it, new on every
   change, so readers can keep a decoded story and know when it went out of date.
9. ``ix_articles_originals``: the original articles in id order on an index, so finding
   the articles without a story profile reads no article row.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from sqlalchemy import Table, delete, insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.schema import CreateIndex

from ..records import Story
from . import codec
from .schema import (
    _FTS_POSTGRES,
    _FTS_SQLITE,
    _LISTING_INDEXES,
    _V1_TABLES,
    _members,
    articles,
    build_digest,
    dedupe_bands,
    dedupe_group_bands,
    dedupe_signatures,
    fetched_pages,
    ix_articles_duplicate_of,
    ix_articles_originals,
    metadata,
    parses,
    schema_migrations,
    stories,
    story_from_v1,
    story_item_rows,
    story_items,
    story_profiles,
    story_redirects,
    story_row,
)

log = logging.getLogger(__name__)


def _create_tables(conn: Connection) -> None:
    metadata.create_all(conn, tables=_V1_TABLES)
    if conn.dialect.name == "sqlite":
        for statement in _FTS_SQLITE:
            conn.execute(text(statement))


def _add_story_items(conn: Connection) -> None:
    """Create ``story_items``; step 4 fills it from the stored stories."""
    story_items.create(conn, checkfirst=True)


def _add_parses(conn: Connection) -> None:
    parses.create(conn, checkfirst=True)


def _add_column(conn: Connection, table: Table, name: str) -> None:
    """Add ``table.c[name]`` unless the table already has it (tables created fresh do)."""
    present = {c["name"] for c in inspect(conn).get_columns(table.name)}
    if name in present:
        return
    column = table.c[name]
    kind = column.type.compile(dialect=conn.dialect)
    default = " NOT NULL DEFAULT ''" if not column.nullable else ""
    conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{name}" {kind}{default}'))


def _stories_as_records(conn: Connection) -> None:
    """Keep every story as its record; old ones are marked stale (no stage keys)."""
    for name in ("versions", "settings_digest"):
        _add_column(conn, stories, name)
    _add_column(conn, story_items, "group_id")
    conn.execute(delete(story_items))
    rows = conn.execute(select(stories.c.id, stories.c.data)).fetchall()
    for row in rows:
        data = json.loads(row.data)
        story = story_from_v1(data) if "schema" in data else codec.from_plain(Story, data)
        members = _members(conn, story.article_ids)
        values = story_row(story, members, {}, "")
        conn.execute(stories.update().where(stories.c.id == row.id).values(**values))
        items = story_item_rows(story, members)
        if items:
            conn.execute(story_items.insert(), items)
    log.info("%d stored stories kept as records", len(rows))


def _add_dedupe_index(conn: Connection) -> None:
    """Create the signature and band tables (filled by the next ingest) and index
    ``duplicate_of``."""
    dedupe_signatures.create(conn, checkfirst=True)
    dedupe_bands.create(conn, checkfirst=True)
    dedupe_group_bands.create(conn, checkfirst=True)
    conn.execute(CreateIndex(ix_articles_duplicate_of, if_not_exists=True))


def _add_fetched_pages(conn: Connection) -> None:
    """Create ``fetched_pages`` and add ``articles.language`` (filled by the next ingest)."""
    fetched_pages.create(conn, checkfirst=True)
    _add_column(conn, articles, "language")


def _add_build_ids(conn: Connection) -> None:
    """Give every stored story its ``build_id``."""
    _add_column(conn, stories, "build_id")
    c = stories.c
    for row in conn.execute(select(c.id, c.data, c.versions, c.settings_digest)).fetchall():
        build_id = build_digest(row.data, row.versions or "", row.settings_digest or "")
        conn.execute(stories.update().where(c.id == row.id).values(build_id=build_id))


def _add_profiles_and_redirects(conn: Connection) -> None:
    """Step 6: story profiles and redirects, listing indexes, PostgreSQL full-text index."""
    story_profiles.create(conn, checkfirst=True)
    story_redirects.create(conn, checkfirst=True)
    for index in _LISTING_INDEXES:
        conn.execute(CreateIndex(index, if_not_exists=True))
    if conn.dialect.name == "postgresql":
        for statement in _FTS_POSTGRES:
            conn.execute(text(statement))


def _add_originals_index(conn: Connection) -> None:
    conn.execute(CreateIndex(ix_articles_originals, if_not_exists=True))


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "create tables", _create_tables),
    (2, "story items", _add_story_items),
    (3, "stored parses", _add_parses),
    (4, "stories as records with stage keys", _stories_as_records),
    (5, "near-duplicate index", _add_dedupe_index),
    (6, "story profiles, redirects, listing and full-text indexes",
     _add_profiles_and_redirects),
    (7, "fetched pages and article languages", _add_fetched_pages),
    (8, "story build ids", _add_build_ids),
    (9, "original articles index", _add_originals_index),
]


#: The PostgreSQL advisory lock that lets one process at a time migrate a database.
_MIGRATION_LOCK = 0x5709_1173


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})


def migrate(engine: Engine) -> list[int]:
    """Apply every migration the database lacks; returns the versions applied. Processes
    starting at once on one PostgreSQL database take turns (an advisory lock)."""
    with engine.begin() as conn:
        _lock(conn)
        schema_migrations.create(conn, checkfirst=True)
        done = set(conn.execute(select(schema_migrations.c.version)).scalars())
    applied = []
    for version, name, step in MIGRATIONS:
        if version in done:
            continue
        with engine.begin() as conn:
            _lock(conn)
            if conn.execute(select(schema_migrations.c.version)
                            .where(schema_migrations.c.version == version)).first():
                continue
            step(conn)
            conn.execute(insert(schema_migrations).values(version=version, name=name))
        log.info("applied migration %s (%s)", version, name)
        applied.append(version)
    return applied
