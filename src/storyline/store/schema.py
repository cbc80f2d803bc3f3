"""The SQLAlchemy Core schema and its migrations.

Migrations are numbered steps recorded in ``schema_migrations``; ``migrate`` runs the ones a
database has not seen, each in its own transaction. Step 1 creates the tables below; later
steps must only add (new tables, new nullable columns), never rename.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("outlet", String(300)),
    Column("authors", Text, nullable=False, default="[]"),
    Column("url", Text),
    Column("published", String(32), index=True),
    Column("published_from", String(16), nullable=False, default="unknown"),
    Column("published_confidence", Float),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False, default="[]"),
    Column("duplicate_of", String(64)),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("chars", Integer, nullable=False, default=0),
)

rejections = Table(
    "rejections", metadata,
    Column("source", Text, primary_key=True),
    Column("reason", String(32), nullable=False),
    Column("detail", Text, nullable=False, default=""),
)

annotations = Table(
    "annotations", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("versions", Text, nullable=False),
    Column("data", Text, nullable=False),
)

sentences = Table(
    "sentences", metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("actors", Text, nullable=False, default=""),
)

stories = Table(
    "stories", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_published", String(32)),
    Column("last_published", String(32)),
    Column("article_count", Integer, nullable=False),
    Column("outlets", Text, nullable=False, default=""),
    Column("actors", Text, nullable=False, default=""),
    Column("data", Text, nullable=False),
)

story_articles = Table(
    "story_articles", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("story_id", String(64), nullable=False, index=True),
)

_FTS_SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5("
    "text, content='sentences', content_rowid='rowid', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS sentences_ai AFTER INSERT ON sentences BEGIN "
    "INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS sentences_ad AFTER DELETE ON sentences BEGIN "
    "INSERT INTO sentences_fts(sentences_fts, rowid, text) "
    "VALUES ('delete', old.rowid, old.text); END",
]


def _create_tables(conn: Connection) -> None:
    metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        for statement in _FTS_SQLITE:
            conn.execute(text(statement))


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "create tables", _create_tables),
]


def migrate(engine: Engine) -> list[int]:
    """Apply every migration the database lacks; returns the versions applied."""
    with engine.begin() as conn:
        schema_migrations.create(conn, checkfirst=True)
        done = set(conn.execute(select(schema_migrations.c.version)).scalars())
    applied = []
    for version, name, step in MIGRATIONS:
        if version in done:
            continue
        with engine.begin() as conn:
            step(conn)
            conn.execute(insert(schema_migrations).values(version=version, name=name))
        log.info("applied migration %s (%s)", version, name)
        applied.append(version)
    return applied
