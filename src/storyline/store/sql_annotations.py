"""Annotations and stored parses in SQL (a part of ``SqlStore``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence

from sqlalchemy import delete, func, select

from ..records import Annotation
from . import codec
from .base import PlanRow, StoredParse
from .schema import annotations, articles, parses, sentence_rows, sentences
from .sql_clusters import mark_stale_of_articles
from .upsert import upsert

_CHUNK = 500


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def _stored_rows(conn, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """(data, versions) of the stored annotations of ``ids``."""
    out: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(ids):
        query = (select(annotations.c.article_id, annotations.c.data, annotations.c.versions)
                 .where(annotations.c.article_id.in_(chunk)))
        out.update((r.article_id, (r.data, r.versions)) for r in conn.execute(query))
    return out


def _write_annotations(conn, items: Sequence[Annotation]) -> list[str]:
    """Write ``items`` in a few statements: a row whose data and stage keys are unchanged is
    not written again, and an article's sentence rows (the search index) are rewritten
    only when they differ from the stored ones. Returns the ids whose data changed."""
    rows = {a.article_id: {"article_id": a.article_id, "data": codec.dumps(a),
                           "versions": json.dumps(dict(a.versions), sort_keys=True)}
            for a in items}
    stored = _stored_rows(conn, list(rows))
    changed = [r for key, r in rows.items() if stored.get(key) != (r["data"], r["versions"])]
    upsert(conn, annotations, changed)
    fresh = {a.article_id: a for a in items
             if a.article_id not in stored or stored[a.article_id][0] != rows[a.article_id]["data"]}
    _write_sentences(conn, fresh)
    return list(fresh)


def _write_sentences(conn, items: Mapping[str, Annotation]) -> None:
    new = {key: sentence_rows(annotation) for key, annotation in items.items()}
    old = _sentence_rows_of(conn, list(new))
    stale = [key for key, rows in new.items() if old.get(key, []) != _comparable(rows)]
    for chunk in _chunks(stale):
        conn.execute(delete(sentences).where(sentences.c.article_id.in_(chunk)))
    inserted = [row for key in stale for row in new[key]]
    if inserted:
        conn.execute(sentences.insert(), inserted)


class AnnotationRows:
    """The annotation and parse part of ``SqlStore`` (``self.engine``, ``self._begin``)."""

    def save_annotation(self, annotation: Annotation) -> None:
        self.save_annotated([(annotation, None)])

    def save_annotated(self, items: Sequence[tuple[Annotation, StoredParse | None]]) -> None:
        """Store annotations (and the parse each was made from, when given) in one
        transaction, which also marks stale the stored stories of the articles whose
        annotation changed."""
        if not items:
            return
        latest = {annotation.article_id: (annotation, parse) for annotation, parse in items}
        with self._begin() as conn:
            changed = _write_annotations(conn, [annotation for annotation, _ in latest.values()])
            upsert(conn, parses, [{"article_id": p.article_id, "model": p.model, "data": p.data}
                                  for _, p in latest.values() if p is not None])
            mark_stale_of_articles(conn, changed)

    def get_annotation(self, article_id: str) -> Annotation | None:
        with self.engine.connect() as conn:
            data = conn.execute(select(annotations.c.data).where(
                annotations.c.article_id == article_id)).scalar()
        return codec.loads(Annotation, data)

    def get_annotations(self, article_ids: Iterable[str]) -> dict[str, Annotation]:
        """The stored annotations of ``article_ids`` (missing ones are left out)."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, Annotation] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                rows = conn.execute(select(annotations.c.article_id, annotations.c.data)
                                    .where(annotations.c.article_id.in_(chunk)))
                out.update((r.article_id, codec.loads(Annotation, r.data)) for r in rows)
        return out

    def annotation_versions(self) -> dict[str, dict[str, str]]:
        """Each annotated article's stage keys."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(annotations.c.article_id, annotations.c.versions))
            return {r.article_id: json.loads(r.versions) for r in rows}

    def plan_rows(self, after: str = "", limit: int = 500) -> list[PlanRow]:
        """One page (by article id, after ``after``) of what annotation planning needs:
        no article text is read, so planning a large store stays small."""
        query = (select(articles.c.id, articles.c.content_hash, articles.c.published,
                        articles.c.chars, annotations.c.versions, parses.c.model,
                        articles.c.language)
                 .select_from(articles.outerjoin(
                     annotations, annotations.c.article_id == articles.c.id)
                     .outerjoin(parses, parses.c.article_id == articles.c.id))
                 .where(articles.c.id > after).order_by(articles.c.id).limit(limit))
        with self.engine.connect() as conn:
            rows = conn.execute(query).fetchall()
        return [PlanRow(r.id, r.content_hash, r.published, r.chars or 0,
                        json.loads(r.versions) if r.versions else None, r.model,
                        r.language)
                for r in rows]

    # ------------------------------------------------------------ parses

    def save_parse(self, article_id: str, model: str, data: bytes) -> None:
        with self._begin() as conn:
            conn.execute(delete(parses).where(parses.c.article_id == article_id))
            conn.execute(parses.insert().values(article_id=article_id, model=model, data=data))

    def get_parse(self, article_id: str) -> StoredParse | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(parses.c.model, parses.c.data)
                               .where(parses.c.article_id == article_id)).first()
        return None if row is None else StoredParse(article_id, row.model, bytes(row.data))

    def iter_parses(self, article_ids: Iterable[str]) -> Iterator[StoredParse]:
        """The stored parses of ``article_ids`` (those that have one), in chunks."""
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), 200):
            chunk = ids[start:start + 200]
            with self.engine.connect() as conn:
                rows = conn.execute(select(parses.c.article_id, parses.c.model, parses.c.data)
                                    .where(parses.c.article_id.in_(chunk))).fetchall()
            for row in rows:
                yield StoredParse(row.article_id, row.model, bytes(row.data))

    def parse_keys(self) -> dict[str, str]:
        """Each stored parse's model key (model version and text hash), by article id."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(parses.c.article_id, parses.c.model))
            return {r.article_id: r.model for r in rows}

    def delete_parses(self) -> int:
        with self._begin() as conn:
            return conn.execute(delete(parses)).rowcount or 0

    def parse_bytes(self) -> int:
        """The total size of the stored parses."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.coalesce(func.sum(func.length(parses.c.data)),
                                                         0))).scalar_one())

_SENTENCE_KEYS = ("idx", "start", "end", "text", "actors")


def _comparable(rows: list[dict]) -> list[tuple]:
    return [tuple(row[k] for k in _SENTENCE_KEYS) for row in rows]


def _sentence_rows_of(conn, article_ids: Sequence[str]) -> dict[str, list[tuple]]:
    """The stored sentence rows of ``article_ids``, in sentence order, by article."""
    out: dict[str, list[tuple]] = {}
    for chunk in _chunks(article_ids):
        query = (select(sentences.c.article_id, *(sentences.c[k] for k in _SENTENCE_KEYS))
                 .where(sentences.c.article_id.in_(chunk))
                 .order_by(sentences.c.article_id, sentences.c.idx))
        for row in conn.execute(query):
            out.setdefault(row[0], []).append(tuple(row[1:]))
    return out
