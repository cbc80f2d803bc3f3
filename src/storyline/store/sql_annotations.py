"""Annotations and stored parses in SQL (a part of ``SqlStore``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import delete, func, select

from ..records import Annotation
from . import codec
from .base import PlanRow, StoredParse
from .schema import annotations, articles, parses, sentence_rows, sentences
from .upsert import upsert


def _write_annotation(conn, annotation: Annotation) -> None:
    article_id = annotation.article_id
    upsert(conn, annotations, [{"article_id": article_id, "data": codec.dumps(annotation),
                                "versions": json.dumps(dict(annotation.versions),
                                                       sort_keys=True)}])
    rows = sentence_rows(annotation)
    if _sentence_rows_of(conn, article_id) == _comparable(rows):
        return  # a re-run that changed no sentence: the search index stays
    conn.execute(delete(sentences).where(sentences.c.article_id == article_id))
    if rows:
        conn.execute(sentences.insert(), rows)


class AnnotationRows:
    """The annotation and parse part of ``SqlStore`` (``self.engine``, ``self._begin``)."""

    def save_annotation(self, annotation: Annotation) -> None:
        self.save_annotated([(annotation, None)])

    def save_annotated(self, items: Sequence[tuple[Annotation, StoredParse | None]]) -> None:
        """Store annotations (and the parse each was made from, when given) in one
        transaction."""
        with self._begin() as conn:
            for annotation, parse in items:
                _write_annotation(conn, annotation)
                if parse is not None:
                    upsert(conn, parses, [{"article_id": parse.article_id,
                                           "model": parse.model, "data": parse.data}])

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
                        articles.c.chars, annotations.c.versions, parses.c.model)
                 .select_from(articles.outerjoin(
                     annotations, annotations.c.article_id == articles.c.id)
                     .outerjoin(parses, parses.c.article_id == articles.c.id))
                 .where(articles.c.id > after).order_by(articles.c.id).limit(limit))
        with self.engine.connect() as conn:
            rows = conn.execute(query).fetchall()
        return [PlanRow(r.id, r.content_hash, r.published, r.chars or 0,
                        json.loads(r.versions) if r.versions else None, r.model)
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


def _sentence_rows_of(conn, article_id: str) -> list[tuple]:
    query = (select(*(sentences.c[k] for k in _SENTENCE_KEYS))
             .where(sentences.c.article_id == article_id).order_by(sentences.c.idx))
    return [tuple(row) for row in conn.execute(query)]
