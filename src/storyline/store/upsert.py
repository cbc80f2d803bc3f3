"""Race-free writes: INSERT ... ON CONFLICT on SQLite and PostgreSQL.

Two processes writing the same key at once (two ingests of one feed, an ingest beside an
annotate run) must not fail on a unique key: a new row is inserted unless another process
inserted it first, and an upsert replaces the row in one statement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Table, and_, delete, insert
from sqlalchemy.engine import Connection


def _dialect_insert(conn: Connection, table: Table):
    name = conn.dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)
    return None


def insert_new(conn: Connection, table: Table, row: Mapping) -> bool:
    """Insert ``row`` unless its primary key exists; True when this call inserted it."""
    statement = _dialect_insert(conn, table)
    if statement is None:
        return conn.execute(insert(table).values(**row)).rowcount == 1
    keys = [c.name for c in table.primary_key.columns]
    result = conn.execute(statement.values(**row).on_conflict_do_nothing(index_elements=keys)
                          .returning(*(table.c[k] for k in keys)))
    return result.first() is not None


def insert_new_rows(conn: Connection, table: Table, rows: Sequence[Mapping]) -> set[str] | None:
    """Insert the ``rows`` (single-column keys, distinct) whose key is not there yet, in one
    batched statement; the keys this call inserted (a row another process inserted first
    is skipped). None on databases without ON CONFLICT: insert those one by one."""
    statement = _dialect_insert(conn, table)
    if statement is None:
        return None
    if not rows:
        return set()
    key = next(iter(table.primary_key.columns))
    result = conn.execute(statement.on_conflict_do_nothing(index_elements=[key.name])
                          .returning(key), list(rows))
    return set(result.scalars())


def upsert(conn: Connection, table: Table, rows: Sequence[Mapping]) -> None:
    """Insert ``rows``, replacing any row with the same primary key (one statement each)."""
    if not rows:
        return
    keys = [c.name for c in table.primary_key.columns]
    statement = _dialect_insert(conn, table)
    if statement is None:
        for row in rows:
            conn.execute(delete(table).where(and_(*(table.c[k] == row[k] for k in keys))))
        conn.execute(insert(table), list(rows))
        return
    columns = [c for c in rows[0] if c not in keys]
    statement = statement.on_conflict_do_update(
        index_elements=keys, set_={c: statement.excluded[c] for c in columns})
    conn.execute(statement, list(rows))


def insert_missing(conn: Connection, table: Table, rows: Sequence[Mapping]) -> None:
    """Insert the ``rows`` whose primary key is not there yet (one statement)."""
    if not rows:
        return
    statement = _dialect_insert(conn, table)
    if statement is None:
        keys = [c.name for c in table.primary_key.columns]
        for row in rows:
            conn.execute(delete(table).where(and_(*(table.c[k] == row[k] for k in keys))))
        conn.execute(insert(table), list(rows))
        return
    conn.execute(statement.on_conflict_do_nothing(), list(rows))
