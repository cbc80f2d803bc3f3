"""The SQLAlchemy Core store: a SQLite file by default (WAL, FTS5), PostgreSQL by URL."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from sqlalchemy import (
    and_,
    column,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
    table,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError, SQLAlchemyError

from ..errors import NotFound, StoreError, UsageError
from ..records import Annotation, Article, DateSource, Rejected, RejectReason, RemovedLine
from . import codec
from .base import (
    ArticleFilter,
    ItemFilter,
    Page,
    SearchHit,
    StoryFilter,
    StorySummary,
    UpsertCounts,
)
from .dedupe_index import DedupeIndexMixin
from .schema import (
    annotations,
    articles,
    migrate,
    rejections,
    sentence_rows,
    sentences,
    stories,
    story_articles,
    story_item_rows,
    story_items,
    story_items_query,
    story_row,
)

log = logging.getLogger(__name__)

_ARTICLE_FIELDS = ("source", "title", "outlet", "authors", "url", "published",
                   "published_from", "published_confidence", "text", "removed",
                   "content_hash", "chars")


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


def _make_engine(url: str) -> Engine:
    try:
        engine = create_engine(url, future=True)
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
        "chars": len(article.text),
    }


def _keep_derived(old: Mapping, row: dict) -> dict:
    """Keep what later stages derived (an inferred date) when the input still lacks it."""
    if old["published_from"] == DateSource.INFERRED.value and row["published"] is None:
        return {**row, "published": old["published"], "published_from": old["published_from"],
                "published_confidence": old["published_confidence"]}
    return row


def _row_article(row) -> Article:
    m = row._mapping
    return Article(
        id=m["id"], source=m["source"], text=m["text"], title=m["title"], outlet=m["outlet"],
        authors=tuple(json.loads(m["authors"] or "[]")), url=m["url"],
        published=m["published"], published_from=DateSource(m["published_from"]),
        published_confidence=m["published_confidence"],
        removed=tuple(RemovedLine(line, reason) for line, reason in json.loads(m["removed"])),
        duplicate_of=m["duplicate_of"], content_hash=m["content_hash"],
    )


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        value = int(cursor)
    except ValueError as exc:
        raise UsageError(f"bad cursor {cursor!r}", hint="pass the 'next' value of a page") from exc
    if value < 0:
        raise UsageError(f"bad cursor {cursor!r}", hint="pass the 'next' value of a page")
    return value


def _page(items: list, limit: int, offset: int) -> Page:
    more = len(items) > limit
    return Page(items=tuple(items[:limit]), next=str(offset + limit) if more else None)


def fts_query(q: str) -> str:
    """User words as an FTS5 query: every word must match (prefix match on the last)."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in q).split() if w]
    if not words:
        raise UsageError("the search query has no words", hint="search for a word, e.g. ?q=troops")
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


class SqlStore(DedupeIndexMixin):
    """A Store over any SQLAlchemy URL. SQL lives here and nowhere else."""

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.engine = _make_engine(self.url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"

    # ------------------------------------------------------------ lifecycle

    def migrate(self) -> None:
        try:
            migrate(self.engine)
        except DatabaseError as exc:
            raise StoreError(f"cannot prepare database {self.url}: {exc.orig}",
                             hint="check the path exists and is writable") from exc

    def close(self) -> None:
        self.engine.dispose()

    def _begin(self):
        return self.engine.begin()

    # ------------------------------------------------------------ articles

    def upsert_articles(self, items: Sequence[Article]) -> UpsertCounts:
        added = updated = unchanged = 0
        with self._begin() as conn:
            for article in items:
                row = _article_row(article)
                old = conn.execute(select(articles).where(articles.c.id == article.id)).first()
                if old is None:
                    conn.execute(articles.insert().values(**row))
                    added += 1
                    continue
                row = _keep_derived(old._mapping, row)
                if any(old._mapping[k] != row[k] for k in _ARTICLE_FIELDS):
                    conn.execute(update(articles).where(articles.c.id == article.id)
                                 .values(**{k: row[k] for k in _ARTICLE_FIELDS}))
                    updated += 1
                else:
                    unchanged += 1
        return UpsertCounts(added, updated, unchanged)

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

    def resolve_article_id(self, prefix: str) -> str:
        return self._resolve(articles.c.id, prefix, "article", "storyline articles")

    def _resolve(self, column, prefix: str, what: str, command: str) -> str:
        prefix = prefix.strip()
        if not prefix:
            raise NotFound(f"no {what} id given", hint=f"list them with `{command}`")
        with self.engine.connect() as conn:
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
        offset = _offset(cursor)
        query = self._article_query(flt).limit(limit + 1).offset(offset)
        with self.engine.connect() as conn:
            rows = conn.execute(query).fetchall()
        return _page([_row_article(r) for r in rows], limit, offset)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()

    # ------------------------------------------------------------ rejections

    def record_rejections(self, rejected: Iterable[Rejected]) -> None:
        with self._begin() as conn:
            for item in rejected:
                conn.execute(delete(rejections).where(rejections.c.source == item.source))
                conn.execute(rejections.insert().values(
                    source=item.source, reason=item.reason.value, detail=item.detail))

    def clear_rejection(self, sources: Iterable[str]) -> None:
        with self._begin() as conn:
            for source in sources:
                conn.execute(delete(rejections).where(rejections.c.source == source))

    def list_rejections(self) -> list[Rejected]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(rejections).order_by(rejections.c.source)).fetchall()
        return [Rejected(r.source, RejectReason(r.reason), r.detail) for r in rows]

    # ------------------------------------------------------------ annotations

    def save_annotation(self, annotation: Annotation) -> None:
        versions = json.dumps(dict(annotation.versions), sort_keys=True)
        data = codec.dumps(annotation)
        rows = sentence_rows(annotation)
        with self._begin() as conn:
            conn.execute(delete(annotations).where(
                annotations.c.article_id == annotation.article_id))
            conn.execute(annotations.insert().values(
                article_id=annotation.article_id, versions=versions, data=data))
            conn.execute(delete(sentences).where(sentences.c.article_id == annotation.article_id))
            if rows:
                conn.execute(sentences.insert(), rows)

    def get_annotation(self, article_id: str) -> Annotation | None:
        with self.engine.connect() as conn:
            data = conn.execute(select(annotations.c.data).where(
                annotations.c.article_id == article_id)).scalar()
        return codec.loads(Annotation, data)

    def annotation_versions(self) -> dict[str, dict[str, str]]:
        """Each annotated article's stage versions."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(annotations.c.article_id, annotations.c.versions))
            return {r.article_id: json.loads(r.versions) for r in rows}

    def pending_annotation(self, versions: Mapping[str, str]) -> list[str]:
        wanted = json.dumps(dict(versions), sort_keys=True)
        query = (select(articles.c.id)
                 .select_from(articles.outerjoin(
                     annotations, annotations.c.article_id == articles.c.id))
                 .where(or_(annotations.c.versions.is_(None), annotations.c.versions != wanted))
                 .order_by(articles.c.id))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    # ------------------------------------------------------------ stories

    def save_story(self, story_json: Mapping) -> None:
        row, items = story_row(story_json), story_item_rows(story_json)
        story_id, member_ids = row["id"], [a["id"] for a in story_json.get("articles", [])]
        with self._begin() as conn:
            conn.execute(delete(stories).where(stories.c.id == story_id))
            conn.execute(stories.insert().values(**row))
            conn.execute(delete(story_articles).where(story_articles.c.story_id == story_id))
            if member_ids:
                conn.execute(delete(story_articles).where(
                    story_articles.c.article_id.in_(member_ids)))
                conn.execute(story_articles.insert(),
                             [{"article_id": a, "story_id": story_id} for a in member_ids])
            conn.execute(delete(story_items).where(story_items.c.story_id == story_id))
            if items:
                conn.execute(story_items.insert(), items)

    def delete_story(self, story_id: str) -> None:
        with self._begin() as conn:
            conn.execute(delete(stories).where(stories.c.id == story_id))
            conn.execute(delete(story_articles).where(story_articles.c.story_id == story_id))
            conn.execute(delete(story_items).where(story_items.c.story_id == story_id))

    def get_story(self, story_id: str) -> dict:
        with self.engine.connect() as conn:
            data = conn.execute(select(stories.c.data).where(stories.c.id == story_id)).scalar()
        if data is None:
            raise NotFound(f"no story {story_id!r}", hint="list them with `storyline stories`")
        return json.loads(data)

    def resolve_story_id(self, prefix: str) -> str:
        return self._resolve(stories.c.id, prefix, "story", "storyline stories")

    def list_stories(self, flt: StoryFilter | None, limit: int,
                     cursor: str | None = None) -> Page:
        offset = _offset(cursor)
        query = (select(stories.c.id, stories.c.title, stories.c.first_published,
                        stories.c.last_published, stories.c.article_count, stories.c.outlets)
                 .order_by(stories.c.last_published.desc(), stories.c.id))
        for clause in _story_clauses(flt):
            query = query.where(clause)
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit + 1).offset(offset)).fetchall()
        items = [StorySummary(r.id, r.title, r.first_published, r.last_published,
                              r.article_count, tuple(o for o in r.outlets.split("|") if o))
                 for r in rows]
        return _page(items, limit, offset)

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
        offset = _offset(cursor)
        query = story_items_query(kind, flt).limit(limit + 1).offset(offset)
        with self.engine.connect() as conn:
            rows = conn.execute(query).fetchall()
        items = [{**json.loads(r.data), "story_id": r.story_id} for r in rows]
        return _page(items, limit, offset)

    # ------------------------------------------------------------ search

    def search_sentences(self, q: str, flt: ArticleFilter | None, limit: int,
                         cursor: str | None = None, actor: str | None = None) -> Page:
        offset = _offset(cursor)
        with self.engine.connect() as conn:
            rows = (_search_sqlite if self.is_sqlite else _search_generic)(
                conn, q, self._article_where(flt), actor, limit + 1, offset)
        return _page([_hit(r) for r in rows], limit, offset)


def _story_clauses(flt: StoryFilter | None) -> list:
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


_FTS = table("sentences_fts", column("rowid"), column("text"))

_HIT_COLUMNS = (sentences.c.article_id, sentences.c.idx, sentences.c.start, sentences.c.end,
                sentences.c.text, articles.c.title, articles.c.outlet, articles.c.published,
                story_articles.c.story_id)


def _hit_base(where, actor: str | None):
    query = (select(*_HIT_COLUMNS)
             .select_from(sentences.join(articles, articles.c.id == sentences.c.article_id)
                          .outerjoin(story_articles,
                                     story_articles.c.article_id == sentences.c.article_id)))
    if where is not None:
        query = query.where(where)
    if actor:
        query = query.where(sentences.c.actors.contains(f"|{actor.strip().lower()}|",
                                                        autoescape=True))
    return query


def _search_sqlite(conn: Connection, q: str, where, actor, limit: int, offset: int):
    match = fts_query(q)
    snippet = text("highlight(sentences_fts, 0, char(2), char(3)) AS snippet")
    query = (_hit_base(where, actor).add_columns(snippet)
             .join_from(sentences, _FTS, _FTS.c.rowid == sentences.c.rowid)
             .where(text("sentences_fts MATCH :match")).order_by(text("rank"))
             .limit(limit).offset(offset))
    try:
        return conn.execute(query, {"match": match}).fetchall()
    except OperationalError as exc:
        raise UsageError(f"cannot search for {q!r}: {exc.orig}",
                         hint="use plain words") from exc


def _search_generic(conn: Connection, q: str, where, actor, limit: int, offset: int):
    fts_query(q)  # validates that the query has words
    query = _hit_base(where, actor)
    for word in q.split():
        query = query.where(func.lower(sentences.c.text).contains(word.lower(), autoescape=True))
    query = query.order_by(articles.c.published, sentences.c.article_id, sentences.c.idx)
    rows = conn.execute(query.limit(limit).offset(offset)).fetchall()
    return [_mark_generic(r, q) for r in rows]


def _mark_generic(row, q: str):
    snippet = row.text
    for word in sorted(set(q.split()), key=len, reverse=True):
        index = snippet.lower().find(word.lower())
        if index >= 0:
            snippet = (snippet[:index] + "\x02" + snippet[index:index + len(word)] + "\x03"
                       + snippet[index + len(word):])
    return (*row, snippet)


def _hit(row) -> SearchHit:
    (article_id, idx, start, end, sentence, title, outlet, published, story_id,
     snippet) = tuple(row)
    return SearchHit(article_id, idx, start, end, sentence, snippet, title, outlet,
                     published, story_id)


def open_sql_store(url: str) -> SqlStore:
    try:
        return SqlStore(url)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {url}: {exc}",
                         hint="check the --db URL") from exc
