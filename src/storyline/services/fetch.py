"""News from the web: pages by URL, the entries of feeds, the pages of sitemaps.

Each document is fetched politely and safely (``ingest/fetch.py``), kept raw in the store
with its validators (the next fetch is conditional; a 304 reuses the stored copy), read by
the HTML reader within the ingest bounds and cleaned under the watchdog like a file. Every
failure is a rejection with its reason, and the batch goes on. ``reextract`` reads the
stored pages again with the current extractor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..config import Settings
from ..ingest.fetch import Fetcher
from ..ingest.guard import Reject
from ..ingest.links import Link
from ..records import Article, FetchedPage, RawDocument, Rejected
from ..store import SqlStore

log = logging.getLogger(__name__)

Item = Article | Rejected


def is_url(text: str) -> bool:
    """An input that names a URL rather than a file (any scheme: only http and https are
    fetched, the others are rejected as bad_url)."""
    return "://" in text


@dataclass(frozen=True, slots=True)
class WebSources:
    """What to read from the web: pages, feeds (each entry's page) and sitemaps."""

    urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.urls or self.feeds or self.sitemaps)


class StorePageCache:
    """The store as the fetcher's page cache."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def stored(self, url: str) -> FetchedPage | None:
        found = self.store.get_fetched_page(url)
        return found.page if found is not None else None

    def keep(self, page: FetchedPage, kind: str) -> None:
        self.store.save_fetched_page(page, kind)

    def checked(self, url: str, when: str) -> None:
        self.store.mark_page_checked(url, when)


@dataclass
class WebRun:
    """One run over web sources: its fetcher, the pages fetched and what each became.

    ``skip`` says which page URLs to pass over (``watch``: those fetched before)."""

    store: SqlStore
    settings: Settings
    fetcher: Fetcher
    skip: Callable[[str], bool] = lambda url: False
    fetched: set[str] = field(default_factory=set)
    not_modified: int = 0
    made: dict[str, str | None] = field(default_factory=dict)

    def _get(self, url: str, kind: str) -> FetchedPage:
        page = self.fetcher.fetch(url, kind)
        self.not_modified += page.not_modified
        return page

    def page(self, link: Link) -> list[RawDocument | Rejected]:
        from ..ingest.pages import page_document

        try:
            page = self._get(link.url, "page")
        except Reject as exc:
            return [Rejected(link.url, exc.reason, exc.detail)]
        self.fetched.add(page.url)
        self.made.setdefault(page.url, None)
        return page_document(page, self.settings.ingest, link.fields)

    def feed(self, url: str) -> list[Link] | Rejected:
        from ..ingest.links import feed_links

        try:
            page = self._get(url, "feed")
            return feed_links(page.body, self.settings.ingest, base=page.final_url)
        except Reject as exc:
            return Rejected(url, exc.reason, exc.detail)

    def sitemap(self, url: str) -> tuple[list[Link], list[Rejected]]:
        """The pages of a sitemap, or of a sitemap index and its children (breadth first,
        at most ``fetch.max_sitemaps`` sitemaps and ``fetch.max_sitemap_urls`` pages)."""
        from ..ingest.sitemap import parse_sitemap

        limits = self.settings.fetch
        queue, seen, pages, rejected = [url], set(), {}, []
        while queue and len(seen) < limits.max_sitemaps and len(pages) < limits.max_sitemap_urls:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.add(current)
            try:
                page = self._get(current, "sitemap")
                found = parse_sitemap(page.body, self.settings.ingest, base=page.final_url)
            except Reject as exc:
                rejected.append(Rejected(current, exc.reason, exc.detail))
                continue
            queue.extend(found.children)
            for link in found.pages[:limits.max_sitemap_urls - len(pages)]:
                pages.setdefault(link.url, link)
        return list(pages.values()), rejected

    def documents(self, sources: WebSources) -> Iterator[RawDocument | Rejected]:
        """The documents of every source, in order; failures as rejections."""
        for url in sources.urls:
            yield from self.page(Link(url))
        for url in sources.feeds:
            links = self.feed(url)
            if isinstance(links, Rejected):
                yield links
                continue
            yield from self._pages(links)
        for url in sources.sitemaps:
            links, rejected = self.sitemap(url)
            yield from rejected
            yield from self._pages(links)

    def _pages(self, links: Iterable[Link]) -> Iterator[RawDocument | Rejected]:
        for link in links:
            if not self.skip(link.url):
                yield from self.page(link)

    def record(self, items: Iterable[Item]) -> Iterator[Item]:
        """``items`` unchanged, noting the article each fetched page became."""
        for item in items:
            if isinstance(item, Article) and item.source in self.made:
                self.made[item.source] = item.id
            yield item

    def finish(self) -> None:
        from ..ingest.pages import EXTRACTOR

        self.store.set_page_articles({url: (article_id, EXTRACTOR)
                                      for url, article_id in self.made.items()})
        self.fetcher.close()


def open_run(store: SqlStore, settings: Settings, *,
             skip: Callable[[str], bool] | None = None) -> WebRun:
    fetcher = Fetcher(settings.fetch, StorePageCache(store))
    return WebRun(store, settings, fetcher, skip or (lambda url: False))


def web_items(run: WebRun, sources: WebSources, sidecar=None) -> Iterator[Item]:
    """The articles and rejections of ``sources`` (cleaned one at a time)."""
    from ..ingest.batch import clean_documents

    return run.record(clean_documents(run.documents(sources), run.settings.ingest, sidecar))


@dataclass(frozen=True, slots=True)
class ReextractReport:
    pages: int = 0
    article_ids: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()  # articles an older extraction made, now deleted
    rejected: tuple[Rejected, ...] = ()


def reextract(store: SqlStore, settings: Settings, *, every: bool = False) -> ReextractReport:
    """Read the stored pages again with the current extractor (those an older one read, or
    ``every`` page), store the new articles and delete the ones they replace."""
    from ..ingest.batch import clean_documents
    from ..ingest.pages import EXTRACTOR, page_document
    from .delete import delete_articles
    from .ingest import link_duplicates

    stored = list(store.iter_fetched_pages("page", not_by=None if every else EXTRACTOR))
    docs = (d for s in stored for d in page_document(s.page, settings.ingest))
    items = list(clean_documents(docs, settings.ingest))
    articles = [i for i in items if isinstance(i, Article)]
    store.upsert_articles(articles)
    new_ids = {a.source: a.id for a in articles}
    old = [s.article_id for s in stored
           if s.article_id and new_ids.get(s.page.url) not in (None, s.article_id)]
    store.set_page_articles({s.page.url: (new_ids.get(s.page.url), EXTRACTOR) for s in stored})
    if old:
        delete_articles(store, old, settings)
    link_duplicates(store, settings, list(new_ids.values()))
    return ReextractReport(len(stored), tuple(new_ids.values()), tuple(old),
                           tuple(i for i in items if isinstance(i, Rejected)))


def split_inputs(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """(file paths, URLs) of the inputs, in order."""
    return [i for i in inputs if not is_url(i)], [i for i in inputs if is_url(i)]
