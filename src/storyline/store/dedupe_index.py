"""The near-duplicate index of the SQL store: signatures, LSH band keys and group look-ups.

Every query here reads only the rows of the articles asked about (primary keys and
indexes), never the whole ``articles`` table, except ``unsigned_articles`` (one anti-join
per ingest) and ``count_duplicates`` (an index count).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.engine import Engine

from .base import DuplicateMember, SignatureRow
from .schema import articles, dedupe_bands, dedupe_signatures

CHUNK = 500  # ids per IN (...) clause


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


class DedupeIndexMixin:
    """Store methods of the near-duplicate index (mixed into ``SqlStore``)."""

    engine: Engine

    def unsigned_articles(self, params: str) -> list[str]:
        """Ids of the articles without a signature made with ``params``, sorted."""
        sig = dedupe_signatures.c
        query = (select(articles.c.id)
                 .select_from(articles.outerjoin(dedupe_signatures, and_(
                     sig.article_id == articles.c.id, sig.params == params)))
                 .where(sig.article_id.is_(None)).order_by(articles.c.id))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def near_candidates(self, band_keys: Sequence[str]) -> dict[str, int]:
        """Indexed articles sharing a band key, with how many keys each shares."""
        c = dedupe_bands.c
        query = (select(c.article_id, func.count()).where(c.band_key.in_(list(band_keys)))
                 .group_by(c.article_id))
        with self.engine.connect() as conn:
            return {row[0]: row[1] for row in conn.execute(query)}

    def get_signatures(self, ids: Sequence[str], params: str) -> dict[str, bytes]:
        sig = dedupe_signatures.c
        found: dict[str, bytes] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(ids)):
                rows = conn.execute(select(sig.article_id, sig.signature).where(
                    sig.article_id.in_(chunk), sig.params == params))
                found.update({r[0]: bytes(r[1]) for r in rows})
        return found

    def same_hash_articles(self, content_hash: str, params: str) -> list[str]:
        """Indexed articles whose content hash is ``content_hash``."""
        sig = dedupe_signatures.c
        query = (select(articles.c.id)
                 .join(dedupe_signatures, sig.article_id == articles.c.id)
                 .where(articles.c.content_hash == content_hash, sig.params == params))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def duplicate_groups(self, ids: Iterable[str]) -> list[DuplicateMember]:
        """Every member of the duplicate groups that ``ids`` belong to."""
        ids = sorted(set(ids))
        originals: set[str] = set()
        members: dict[str, DuplicateMember] = {}
        a = articles.c
        with self.engine.connect() as conn:
            for chunk in _chunks(ids):
                rows = conn.execute(select(a.id, a.duplicate_of).where(a.id.in_(chunk)))
                originals.update(r.duplicate_of or r.id for r in rows)
            for chunk in _chunks(sorted(originals)):
                rows = conn.execute(select(a.id, a.published, a.duplicate_of).where(
                    or_(a.id.in_(chunk), a.duplicate_of.in_(chunk))))
                members.update({r.id: DuplicateMember(r.id, r.published, r.duplicate_of)
                                for r in rows})
        return sorted(members.values(), key=lambda m: m.id)

    def save_dedupe(self, row: SignatureRow, links: Mapping[str, str | None]) -> None:
        """Store one article's signature and band keys and apply ``duplicate_of`` changes,
        in one transaction."""
        with self.engine.begin() as conn:
            conn.execute(delete(dedupe_signatures).where(
                dedupe_signatures.c.article_id == row.article_id))
            conn.execute(delete(dedupe_bands).where(dedupe_bands.c.article_id == row.article_id))
            conn.execute(dedupe_signatures.insert().values(
                article_id=row.article_id, params=row.params, signature=row.signature))
            if row.band_keys:
                conn.execute(dedupe_bands.insert(), [
                    {"band_key": key, "article_id": row.article_id}
                    for key in sorted(set(row.band_keys))])
            for article_id, original in links.items():
                conn.execute(update(articles).where(articles.c.id == article_id)
                             .values(duplicate_of=original))

    def count_duplicates(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles).where(
                articles.c.duplicate_of.is_not(None))).scalar_one()
