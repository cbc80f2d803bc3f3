"""The near-duplicate index of the SQL store: signatures, LSH band keys and group look-ups.

Every query here reads only the rows of the articles asked about (primary keys and
indexes), never the whole ``articles`` table, except ``unsigned_articles`` (an anti-join,
run only when the index is found incomplete) and the counts (index-only). Long id lists go
in chunks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.engine import Connection, Engine

from .base import DuplicateMember, IndexInput, SignatureRow
from .schema import articles, dedupe_bands, dedupe_group_bands, dedupe_signatures
from .upsert import insert_missing, upsert

CHUNK = 500  # ids per IN (...) clause


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _insert_missing(conn: Connection, rows: list[dict]) -> None:
    """Insert the ``dedupe_group_bands`` rows whose key and group are not there yet."""
    if not rows:
        return
    if conn.dialect.name in ("sqlite", "postgresql"):
        insert_missing(conn, dedupe_group_bands, rows)
        return
    c = dedupe_group_bands.c
    for row in rows:
        present = conn.execute(select(c.member).where(
            c.band_key == row["band_key"], c.group_id == row["group_id"])).first()
        if present is None:
            conn.execute(dedupe_group_bands.insert().values(**row))


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

    def band_groups(self, band_keys: Sequence[str]) -> dict[str, dict[str, str]]:
        """For each band key, the duplicate groups holding it, each with one member holding
        it. Group ids are as recorded: an original that has since become a duplicate names
        its group through its ``duplicate_of``. One row per key and group, however many
        members the group has."""
        c = dedupe_group_bands.c
        found: dict[str, dict[str, str]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(band_keys))):
                rows = conn.execute(select(c.band_key, c.group_id, c.member)
                                    .where(c.band_key.in_(chunk)))
                for key, group_id, member in rows:
                    found.setdefault(key, {})[group_id] = member
        return found

    def group_members_with(self, group: str, band_keys: Sequence[str]) -> list[str]:
        """The members of ``group`` (an original id) holding one of ``band_keys``, sorted."""
        b, a = dedupe_bands.c, articles.c
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(band_keys))):
                found.update(conn.execute(
                    select(b.article_id).join(articles, a.id == b.article_id)
                    .where(b.band_key.in_(chunk), or_(a.duplicate_of == group, a.id == group))
                ).scalars())
        return sorted(found)

    def duplicate_info(self, ids: Iterable[str]) -> dict[str, DuplicateMember]:
        """Publication date and ``duplicate_of`` of each of ``ids``."""
        a = articles.c
        found: dict[str, DuplicateMember] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(ids))):
                rows = conn.execute(select(a.id, a.published, a.duplicate_of)
                                    .where(a.id.in_(chunk)))
                found.update({r.id: DuplicateMember(r.id, r.published, r.duplicate_of)
                              for r in rows})
        return found

    def unsigned_among(self, ids: Iterable[str], params: str) -> list[str]:
        """Those of ``ids`` without a signature made with ``params``, sorted."""
        sig = dedupe_signatures.c
        ids = sorted(set(ids))
        signed: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(ids):
                signed.update(conn.execute(select(sig.article_id).where(
                    sig.article_id.in_(chunk), sig.params == params)).scalars())
        return [i for i in ids if i not in signed]

    def count_signatures(self, params: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(dedupe_signatures).where(
                dedupe_signatures.c.params == params)).scalar_one()

    def index_inputs(self, ids: Sequence[str]) -> list[IndexInput]:
        """What linking needs of each article: text, content hash, publication date."""
        a = articles.c
        found: list[IndexInput] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(list(ids)):
                rows = conn.execute(select(a.id, a.text, a.content_hash, a.published)
                                    .where(a.id.in_(chunk)))
                found += [IndexInput(r.id, r.text, r.content_hash, r.published) for r in rows]
        order = {article_id: n for n, article_id in enumerate(ids)}
        return sorted(found, key=lambda item: order[item.id])

    def clear_duplicates(self, ids: Sequence[str]) -> None:
        """Unlink ``ids`` (before they are linked again)."""
        a = articles.c
        with self.engine.begin() as conn:
            for chunk in _chunks(list(ids)):
                conn.execute(update(articles).where(a.id.in_(chunk), a.duplicate_of.is_not(None))
                             .values(duplicate_of=None))

    def get_signatures(self, ids: Sequence[str], params: str) -> dict[str, bytes]:
        sig = dedupe_signatures.c
        found: dict[str, bytes] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(ids)):
                rows = conn.execute(select(sig.article_id, sig.signature).where(
                    sig.article_id.in_(chunk), sig.params == params))
                found.update({r[0]: bytes(r[1]) for r in rows})
        return found

    def same_hash_articles(self, content_hashes: Sequence[str], params: str
                           ) -> dict[str, list[str]]:
        """Indexed articles by content hash, for the hashes given."""
        sig = dedupe_signatures.c
        found: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(content_hashes))):
                rows = conn.execute(select(articles.c.content_hash, articles.c.id)
                                    .join(dedupe_signatures, sig.article_id == articles.c.id)
                                    .where(articles.c.content_hash.in_(chunk),
                                           sig.params == params).order_by(articles.c.id))
                for content_hash, article_id in rows:
                    found.setdefault(content_hash, []).append(article_id)
        return found

    def duplicate_groups(self, ids: Iterable[str]) -> list[DuplicateMember]:
        """Every member of the duplicate groups that ``ids`` belong to."""
        originals = {m.duplicate_of or m.id for m in self.duplicate_info(ids).values()}
        members: dict[str, DuplicateMember] = {}
        a = articles.c
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(originals)):
                rows = conn.execute(select(a.id, a.published, a.duplicate_of).where(
                    or_(a.id.in_(chunk), a.duplicate_of.in_(chunk))))
                members.update({r.id: DuplicateMember(r.id, r.published, r.duplicate_of)
                                for r in rows})
        return sorted(members.values(), key=lambda m: m.id)

    def save_dedupe(self, rows: Sequence[SignatureRow], links: Mapping[str, str | None],
                    repoint: Mapping[str, str] | None = None,
                    group_bands: Iterable[tuple[str, str, str]] = ()) -> None:
        """Store signatures and band keys, set ``duplicate_of`` for ``links``, move every
        member of each group in ``repoint`` (old original -> new original) and record the
        (band key, group, member) rows a group lacks, in one transaction."""
        ids = [row.article_id for row in rows]
        a = articles.c
        with self.engine.begin() as conn:
            for chunk in _chunks(ids):
                conn.execute(delete(dedupe_signatures).where(
                    dedupe_signatures.c.article_id.in_(chunk)))
                conn.execute(delete(dedupe_bands).where(dedupe_bands.c.article_id.in_(chunk)))
                conn.execute(delete(dedupe_group_bands).where(
                    dedupe_group_bands.c.member.in_(chunk)))
            _insert_missing(conn, [{"band_key": k, "group_id": g, "member": m}
                                   for k, g, m in group_bands])
            # another process indexing the same new articles at once writes the same rows
            upsert(conn, dedupe_signatures, [
                {"article_id": r.article_id, "params": r.params, "signature": r.signature}
                for r in rows])
            insert_missing(conn, dedupe_bands, [{"band_key": key, "article_id": r.article_id}
                                                for r in rows for key in sorted(set(r.band_keys))])
            for old, new in (repoint or {}).items():
                conn.execute(update(articles).where(or_(a.duplicate_of == old, a.id == old))
                             .values(duplicate_of=new))
            for article_id, original in links.items():
                conn.execute(update(articles).where(a.id == article_id)
                             .values(duplicate_of=original))

    def count_duplicates(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles).where(
                articles.c.duplicate_of.is_not(None))).scalar_one()
