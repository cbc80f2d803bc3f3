"""Full-text search over sentences in SQL: FTS5 on SQLite, the GIN-indexed tsvector on
PostgreSQL (English stemming, the latest matches ranked by ts_rank), word matching on other
databases."""

from __future__ import annotations

from sqlalchemy import column, func, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from ..errors import UsageError
from .base import SearchHit
from .schema import articles, sentences, story_articles


def fts_query(q: str) -> str:
    """User words as an FTS5 query: every word must match (prefix match on the last)."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in q).split() if w]
    if not words:
        raise UsageError("the search query has no words", hint="search for a word, e.g. ?q=troops")
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


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


def _words(q: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in q).split() if w]


def ts_query(q: str) -> str:
    """User words as a PostgreSQL tsquery: every word must match (prefix on the last)."""
    fts_query(q)  # validates that the query has words
    words = _words(q)
    return " & ".join(words[:-1] + [words[-1] + ":*"])


#: PostgreSQL ranks (``ts_rank``) at most this many matches of a query: the ones stored
#: last, found through the full-text index and picked by the sentences' key, so a word
#: that matches thousands of sentences costs no more than this; matches past them follow,
#: stored last first. ``ts_headline`` runs on the rows of the page only.
RANKED_MATCHES = 200


def _pg_matches(vector, query_ts, where, actor):
    """The ids (``rowid``) of the sentences matching the query and the filters."""
    query = select(sentences.c.rowid).where(vector.op("@@")(query_ts))
    if where is not None:
        query = query.select_from(sentences.join(
            articles, articles.c.id == sentences.c.article_id)).where(where)
    if actor:
        query = query.where(sentences.c.actors.contains(f"|{actor.strip().lower()}|",
                                                        autoescape=True))
    return query


def _pg_hits(conn: Connection, page, order, query_ts):
    """The hit rows (with their highlighted sentence) of the sentence ids in ``page``."""
    from .schema import PG_FTS_CONFIG

    snippet = func.ts_headline(PG_FTS_CONFIG, sentences.c.text, query_ts, _HEADLINE)
    query = (select(*_HIT_COLUMNS, snippet)
             .select_from(page.join(sentences, sentences.c.rowid == page.c.rowid)
                          .join(articles, articles.c.id == sentences.c.article_id)
                          .outerjoin(story_articles,
                                     story_articles.c.article_id == sentences.c.article_id))
             .order_by(*order))
    return conn.execute(query).fetchall()


def _search_postgres(conn: Connection, q: str, where, actor, limit: int, offset: int):
    from .schema import PG_FTS_CONFIG

    vector = func.to_tsvector(PG_FTS_CONFIG, sentences.c.text)
    query_ts = func.to_tsquery(PG_FTS_CONFIG, ts_query(q))
    # all the matches, found on the full-text index: never a walk down the key's index
    # testing every sentence, which the planner may choose for a LIMIT
    matches = _pg_matches(vector, query_ts, where, actor).cte("matches").prefix_with(
        "MATERIALIZED")
    rows = []
    if offset < RANKED_MATCHES:
        latest = (select(matches.c.rowid).order_by(matches.c.rowid.desc())
                  .limit(RANKED_MATCHES).subquery())
        rank = func.ts_rank(vector, query_ts)
        page = (select(sentences.c.rowid, rank.label("rank"))
                .join(latest, latest.c.rowid == sentences.c.rowid)
                .order_by(rank.desc(), sentences.c.article_id, sentences.c.idx)
                .limit(min(limit, RANKED_MATCHES - offset)).offset(offset).subquery())
        rows += _pg_hits(conn, page, (page.c.rank.desc(), sentences.c.article_id,
                                      sentences.c.idx), query_ts)
    if offset + limit > RANKED_MATCHES:
        start = max(offset, RANKED_MATCHES)
        page = (select(matches.c.rowid).order_by(matches.c.rowid.desc())
                .limit(offset + limit - start).offset(start).subquery())
        rows += _pg_hits(conn, page, (page.c.rowid.desc(),), query_ts)
    return rows


#: ts_headline options: the whole sentence, matches between \x02 and \x03 markers.
_HEADLINE = 'StartSel="\x02", StopSel="\x03", HighlightAll=true'


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


def search_sentences(conn: Connection, is_sqlite: bool, q: str, where, actor: str | None,
                     limit: int, offset: int) -> list[SearchHit]:
    """Sentences matching ``q`` (every word), best first (by date on databases without a
    full-text index)."""
    if is_sqlite:
        search = _search_sqlite
    elif conn.dialect.name == "postgresql":
        search = _search_postgres
    else:
        search = _search_generic
    return [_hit(r) for r in search(conn, q, where, actor, limit, offset)]
