"""The SQLAlchemy Core store: a SQLite file by default (WAL, FTS5), PostgreSQL by URL."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from sqlalchemy import and_, create_engine, delete, event, func, make_url, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, DatabaseError, SQLAlchemyError

from ..errors import NotFound, StoreError, UsageError
from ..records import Article, DateSource, Rejected, RejectReason, RemovedLine
from .base import ArticleFilter, Page, UpsertCounts
from .data_version import DataVersion
from .dedupe_index import DedupeIndexMixin
from .migrations import migrate
from .paging import offset_of, page_of
from .schema import articles, rejections, story_articles
from .sql_annotations import AnnotationRows
from .sql_clusters import ClusterRows
from .sql_delete import DeleteRows
from .sql_fetch import FetchRows
from .sql_search import search_sentences
from .sql_stories import StoryRows
from .upsert import insert_new, insert_new_rows, upsert

log = logging.getLogger(__name__)

_ARTICLE_FIELDS = ("source", "title", "outlet", "authors", "url", "published",
                   "published_from", "published_confidence", "text", "removed",
                   "content_hash", "chars", "language")


def normalize_url(url: str) -> str:
    """A bare file path becomes a SQLite URL; URLs pass through."""
    if "://" in url:
        return url
    return "sqlite:///" + str(Path(url).expanduser())


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


# SQLite connections kept open per process: as many as a server's threads read at once, so
# no request pays for opening a connection (and its pragmas); beyond it, more are opened
# and closed again.
SQLITE_POOL_SIZE = 16
SQLITE_POOL_OVERFLOW = 48


def is_sqlite_file(url: str) -> bool:
    """True for a SQLite database in a file (not in memory)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return False  # create_engine says what is wrong with it
    memory = parsed.database in (None, "", ":memory:") or "memory" in str(parsed.query)
    return parsed.get_backend_name() == "sqlite" and not memory


def _pool_options(url: str) -> dict:
    """A larger pool for a SQLite file; other databases and in-memory SQLite keep theirs."""
    if not is_sqlite_file(url):
        return {}
    return {"pool_size": SQLITE_POOL_SIZE, "max_overflow": SQLITE_POOL_OVERFLOW}


def _make_engine(url: str) -> Engine:
    try:
        engine = create_engine(url, future=True, **_pool_options(url))
    except (ArgumentError, ImportError, ValueError) as exc:
        raise UsageError(f"cannot open database {url!r}: {exc}",
                         hint="use sqlite:///path.db, a file path, or postgresql+psycopg://...") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _article_row(article: Article) -> dict:
    return {
        "id": article.id, "source": article.source, "title": article.title,
        "outlet": article.outlet, "authors": json.dumps(list(article.authors)),
        "url": article.url, "published": article.published,
        "published_from": article.published_from.value,
        "published_confidence": article.published_confidence,
        "text": article.text,
        "removed": json.dumps([[r.line, r.reason] for r in article.removed]),
        "duplicate_of": article.duplicate_of, "content_hash": article.content_hash,
        "chars": len(article.text), "language": article.language,
    }


# how much a publication date is trusted, by where it came from
DATE_TRUST = {DateSource.METADATA.value: 4, DateSource.HTML.value: 3, DateSource.TEXT.value: 2,
              DateSource.INFERRED.value: 1, DateSource.UNKNOWN.value: 0}
KEPT_WHEN_MISSING = ("title", "outlet", "url", "language")
_DATE_FIELDS = ("published", "published_from", "published_confidence")


def _keep_known(old: Mapping, row: dict) -> dict:
    """What is known of an article stays unless the new input gives a value.

    A re-ingest without its metadata sidecar keeps the title, outlet, URL and authors it had;
    the stored date stays unless the new one comes from a source trusted as much or more
    (metadata > html > text > inferred), so a date found in the text does not replace the
    sidecar's, and an inferred date stays until the input gives one.
    """
    kept = {k: old[k] for k in KEPT_WHEN_MISSING if not row[k] and old[k]}
    if row["authors"] == "[]" and old["authors"] not in (None, "", "[]"):
        kept["authors"] = old["authors"]
    new_trust = DATE_TRUST.get(row["published_from"], 0) if row["published"] else -1
    old_trust = DATE_TRUST.get(old["published_from"], 0) if old["published"] else -1
    if old_trust > new_trust:
        kept.update({k: old[k] for k in _DATE_FIELDS})
    return {**row, **kept}


def _added(inserted: set[str] | None, article_id: str) -> bool:
    """True the first time ``article_id`` is met among the ids a batch inserted (a repeat
    of it in the batch then updates it)."""
    if inserted is None or article_id not in inserted:
        return False
    inserted.discard(article_id)
    return True


def _row_article(row) -> Article:
    m = row._mapping
    return Article(
        id=m["id"], source=m["source"], text=m["text"], title=m["title"], outlet=m["outlet"],
        authors=tuple(json.loads(m["authors"] or "[]")), url=m["url"],
        published=m["published"], published_from=DateSource(m["published_from"]),
        published_confidence=m["published_confidence"],
        removed=tuple(RemovedLine(line, reason) for line, reason in json.loads(m["removed"])),
        duplicate_of=m["duplicate_of"], content_hash=m["content_hash"],
        language=m.get("language"),
    )


class SqlStore(AnnotationRows, StoryRows, DeleteRows, ClusterRows, DedupeIndexMixin, FetchRows):
    """A Store over any SQLAlchemy URL. SQL lives in this package and nowhere else."""

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.engine = _make_engine(self.url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._data_version = DataVersion(self.engine, is_sqlite_file(self.url))

    # ------------------------------------------------------------ lifecycle

    def migrate(self) -> None:
        try:
            migrate(self.engine)
        except DatabaseError as exc:
            raise StoreError(f"cannot prepare database {self.url}: {exc.orig}",
                             hint="check the path exists and is writable") from exc

    def close(self) -> None:
        self._data_version.close()
        self.engine.dispose()

    def data_version(self) -> int | None:
        """A number that changes whenever the store changes (SQLite files; else None)."""
        return self._data_version.current()

    def _begin(self):
        return self.engine.begin()

    # ------------------------------------------------------------ articles

    def upsert_articles(self, items: Sequence[Article]) -> UpsertCounts:
        """Insert new articles in batched statements; an article already stored is
        compared and updated row by row (``_keep_known``), in one transaction."""
        rows = [_article_row(article) for article in items]
        added = updated = unchanged = 0
        with self._begin() as conn:
            inserted = self._insert_new_articles(conn, rows)
            for row in rows:
                if _added(inserted, row["id"]) or (inserted is None
                                                   and insert_new(conn, articles, row)):
                    added += 1
                    continue
                old = conn.execute(select(articles).where(articles.c.id == row["id"])).first()
                row = _keep_known(old._mapping, row)
                if any(old._mapping[k] != row[k] for k in _ARTICLE_FIELDS):
                    conn.execute(update(articles).where(articles.c.id == row["id"])
                                 .values(**{k: row[k] for k in _ARTICLE_FIELDS}))
                    updated += 1
                else:
                    unchanged += 1
        return UpsertCounts(added, updated, unchanged)

    @staticmethod
    def _insert_new_articles(conn, rows: Sequence[dict]) -> set[str] | None:
        """The ids of ``rows`` this call inserted (the first row of each id not stored
        yet), or None where rows are inserted one by one."""
        ids = list(dict.fromkeys(row["id"] for row in rows))
        stored: set[str] = set()
        for start in range(0, len(ids), 500):
            stored.update(conn.execute(select(articles.c.id).where(
                articles.c.id.in_(ids[start:start + 500]))).scalars())
        first: dict[str, dict] = {}
        for row in rows:
            if row["id"] not in stored:
                first.setdefault(row["id"], row)
        return insert_new_rows(conn, articles, list(first.values()))

    def set_duplicates(self, links: Mapping[str, str | None]) -> None:
        with self._begin() as conn:
            for article_id, original in links.items():
                conn.execute(update(articles).where(articles.c.id == article_id)
                             .values(duplicate_of=original))

    def set_published(self, article_id: str, published: str | None, source: str,
                      confidence: float | None) -> None:
        with self._begin() as conn:
            conn.execute(update(articles).where(articles.c.id == article_id).values(
                published=published, published_from=source, published_confidence=confidence))

    def get_article(self, article_id: str) -> Article:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        if row is None:
            raise NotFound(f"no article {article_id!r}", hint="list them with `storyline articles`")
        return _row_article(row)

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The articles of ``article_ids`` that exist, by id."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, Article] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                rows = conn.execute(select(articles).where(
                    articles.c.id.in_(ids[start:start + 500]))).fetchall()
                out.update((r.id, _row_article(r)) for r in rows)
        return out

    def resolve_article_id(self, prefix: str) -> str:
        return self._resolve(articles.c.id, prefix, "article", "storyline articles")

    def _resolve(self, column, prefix: str, what: str, command: str) -> str:
        prefix = prefix.strip()
        if not prefix:
            raise NotFound(f"no {what} id given", hint=f"list them with `{command}`")
        with self.engine.connect() as conn:
            # a whole id (every link) is found by the index; a prefix needs a LIKE scan
            if conn.execute(select(column).where(column == prefix)).first() is not None:
                return prefix
            found = conn.execute(select(column).where(column.startswith(prefix, autoescape=True))
                                 .limit(2)).scalars().all()
        if not found:
            raise NotFound(f"no {what} {prefix!r}", hint=f"list them with `{command}`")
        if len(found) > 1 and prefix not in found:
            raise UsageError(f"{what} id prefix {prefix!r} is ambiguous",
                             hint="give more characters of the id")
        return prefix if prefix in found else found[0]

    def _article_where(self, flt: ArticleFilter | None):
        clauses = []
        if flt is not None:
            if flt.outlet:
                clauses.append(func.lower(articles.c.outlet) == flt.outlet.lower())
            if flt.since:
                clauses.append(articles.c.published >= flt.since)
            if flt.until:
                clauses.append(articles.c.published <= flt.until + "\uffff")
            if flt.story_id:
                member = select(story_articles.c.article_id).where(
                    story_articles.c.story_id == flt.story_id)
                clauses.append(articles.c.id.in_(member))
        return and_(*clauses) if clauses else None

    def _article_query(self, flt: ArticleFilter | None):
        query = select(articles).order_by(articles.c.published.is_(None),
                                          articles.c.published, articles.c.id)
        where = self._article_where(flt)
        return query if where is None else query.where(where)

    def iter_articles(self, flt: ArticleFilter | None = None) -> Iterator[Article]:
        with self.engine.connect() as conn:
            rows = conn.execute(self._article_query(flt)).fetchall()
        for row in rows:
            yield _row_article(row)

    def list_articles(self, flt: ArticleFilter | None, limit: int,
                      cursor: str | None = None) -> Page:
        offset = offset_of(cursor)
        query = self._article_query(flt).limit(limit + 1).offset(offset)
        with self.engine.connect() as conn:
            rows = conn.execute(query).fetchall()
        return page_of([_row_article(r) for r in rows], limit, offset)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()

    # ------------------------------------------------------------ rejections

    def record_rejections(self, rejected: Iterable[Rejected]) -> None:
        with self._begin() as conn:
            rows = {item.source: {"source": item.source, "reason": item.reason.value,
                                  "detail": item.detail} for item in rejected}
            upsert(conn, rejections, list(rows.values()))

    def clear_rejection(self, sources: Iterable[str]) -> None:
        with self._begin() as conn:
            for source in sources:
                conn.execute(delete(rejections).where(rejections.c.source == source))

    def list_rejections(self) -> list[Rejected]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(rejections).order_by(rejections.c.source)).fetchall()
        return [Rejected(r.source, RejectReason(r.reason), r.detail) for r in rows]


    # ------------------------------------------------------------ search

    def search_sentences(self, q: str, flt: ArticleFilter | None, limit: int,
                         cursor: str | None = None, actor: str | None = None) -> Page:
        offset = offset_of(cursor)
        with self.engine.connect() as conn:
            hits = search_sentences(conn, self.is_sqlite, q, self._article_where(flt), actor,
                                    limit + 1, offset)
        return page_of(hits, limit, offset)


def open_sql_store(url: str) -> SqlStore:
    try:
        return SqlStore(url)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {url}: {exc}",
                         hint="check the --db URL") from exc
