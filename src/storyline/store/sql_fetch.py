"""Fetched pages and article languages in SQL (a part of ``SqlStore``).

A fetched document (page, feed or sitemap) is kept raw, zlib-compressed, with its HTTP
validators (ETag, Last-Modified) for the next conditional request, the version of the
extractor that read it and the article it became, so that ``storyline reextract`` can read
it again with a newer extractor without fetching it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from ..records import FetchedPage
from .schema import articles, fetched_pages

CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A fetched page as kept: the page, its kind, what read it and what it became."""

    page: FetchedPage
    kind: str
    extractor: str
    article_id: str | None


def _page(row) -> FetchedPage:
    return FetchedPage(url=row.url, final_url=row.final_url, status=row.status,
                       content_type=row.content_type, body=zlib.decompress(row.body),
                       etag=row.etag, last_modified=row.last_modified,
                       fetched_at=row.fetched_at)


class FetchRows:
    """The fetched-page part of ``SqlStore`` (``self.engine``, ``self._begin``)."""

    def save_fetched_page(self, page: FetchedPage, kind: str) -> None:
        """Keep ``page`` (a 200 answer) as the stored copy of ``page.url``."""
        values = {"kind": kind, "final_url": page.final_url, "status": page.status,
                  "content_type": page.content_type[:200], "etag": page.etag,
                  "last_modified": page.last_modified, "fetched_at": page.fetched_at,
                  "checked_at": page.fetched_at, "body": zlib.compress(page.body, 6)}
        with self._begin() as conn:
            conn.execute(delete(fetched_pages).where(fetched_pages.c.url == page.url))
            conn.execute(fetched_pages.insert().values(url=page.url, **values))

    def mark_page_checked(self, url: str, checked_at: str) -> None:
        """Record a 304 answer: the stored copy is still current."""
        with self._begin() as conn:
            conn.execute(update(fetched_pages).where(fetched_pages.c.url == url)
                         .values(checked_at=checked_at))

    def get_fetched_page(self, url: str) -> StoredPage | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(fetched_pages).where(fetched_pages.c.url == url)).first()
        if row is None:
            return None
        return StoredPage(_page(row), row.kind, row.extractor, row.article_id)

    def _present(self, column, values: Iterable[str]) -> set[str]:
        """Those of ``values`` found in ``column`` (read in chunks)."""
        wanted = list(dict.fromkeys(values))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), CHUNK):
                chunk = wanted[start:start + CHUNK]
                found.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
        return found

    def fetched_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` that have a stored copy."""
        return self._present(fetched_pages.c.url, urls)

    def set_page_articles(self, made: Mapping[str, tuple[str | None, str]]) -> None:
        """For each url: the article its page became (None: none) and the extractor."""
        with self._begin() as conn:
            for url, (article_id, extractor) in made.items():
                conn.execute(update(fetched_pages).where(fetched_pages.c.url == url)
                             .values(article_id=article_id, extractor=extractor))

    def iter_fetched_pages(self, kind: str = "page", *, not_by: str | None = None
                           ) -> Iterator[StoredPage]:
        """The stored pages of ``kind`` (``not_by``: only those another extractor read)."""
        query = select(fetched_pages.c.url).where(fetched_pages.c.kind == kind)
        if not_by is not None:
            query = query.where(fetched_pages.c.extractor != not_by)
        with self.engine.connect() as conn:
            urls = list(conn.execute(query.order_by(fetched_pages.c.url)).scalars())
        for url in urls:
            stored = self.get_fetched_page(url)
            if stored is not None:
                yield stored

    def existing_article_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Those of ``article_ids`` that are stored."""
        return self._present(articles.c.id, article_ids)

    # ------------------------------------------------------------ languages

    def language_counts(self, article_ids: Iterable[str] | None = None) -> dict[str | None, int]:
        """How many articles (of ``article_ids``, else all) there are per language."""
        query = select(articles.c.language, func.count()).group_by(articles.c.language)
        counts: dict[str | None, int] = {}
        with self.engine.connect() as conn:
            if article_ids is None:
                return {lang: n for lang, n in conn.execute(query)}
            ids = list(dict.fromkeys(article_ids))
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start:start + CHUNK]
                for lang, n in conn.execute(query.where(articles.c.id.in_(chunk))):
                    counts[lang] = counts.get(lang, 0) + n
        return counts

    def articles_without_language(self, limit: int) -> list[tuple[str, str]]:
        """(id, text) of up to ``limit`` articles whose language was never detected."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(articles.c.id, articles.c.text)
                                .where(articles.c.language.is_(None)).limit(limit))
            return [(r.id, r.text) for r in rows]

    def set_languages(self, languages: Mapping[str, str]) -> None:
        with self._begin() as conn:
            for article_id, language in languages.items():
                conn.execute(update(articles).where(articles.c.id == article_id)
                             .values(language=language))
