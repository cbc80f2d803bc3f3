"""Annotate: parse new articles, re-run stale stages from stored parses.

The work streams: planning reads only the stage keys of each article (no text), and the
articles are then fetched, parsed, annotated and saved a page at a time, with at most a
few chunks in flight per worker process, so memory does not grow with the store. A long
article is parsed in pieces (``annotate.piece_chars``); one over the hard cap
(``ingest.max_article_chars``, which ingest already enforces) is rejected.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from ..config import AnnotateSettings, IngestSettings, Settings
from ..ingest.language import has_pipeline
from ..records import Annotation, Article, Rejected, RejectReason
from ..store import SqlStore
from ..store.base import PlanRow, StoredParse
from .common import (
    Progress,
    collect_less_for_life,
    fewer_collections,
    give_back_memory,
    lean_before_fork,
    tick,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AnnotateReport:
    annotated: int = 0
    skipped: int = 0
    article_ids: tuple[str, ...] = ()
    parsed: int = 0  # articles parsed afresh (the others re-ran rules on a stored parse)
    stages: tuple[str, ...] = ()  # the stages that ran, in table order
    rejected: tuple[Rejected, ...] = ()  # articles over the size cap


@dataclass(frozen=True, slots=True)
class _Todo:
    article_id: str
    stages: tuple[str, ...]  # the annotate stages to run
    reparse: bool  # no usable stored parse (or none stored)


Result = tuple[Annotation, bytes | None]


def too_large(article: Article, settings: IngestSettings) -> Rejected | None:
    """The rejection of an article too long to annotate (stored before the cap was lowered),
    or None when it fits."""
    cap = settings.max_article_chars
    if cap <= 0 or len(article.text) <= cap:
        return None
    return Rejected(article.source, RejectReason.ARTICLE_TOO_LONG,
                    f"article of {len(article.text):,} characters is over the limit of "
                    f"{cap:,} (ingest.max_article_chars)")


# ---------------------------------------------------------------- parsing


def annotate_batch(nlp, articles: Sequence[Article], model_version: str,
                   settings: AnnotateSettings, keep_parses: bool | None = None
                   ) -> Iterator[Result]:
    """(annotation, parse bytes or None) for each article, parsed afresh (long ones in
    pieces): the annotate stage as one pure batch function, shared by every runner."""
    from ..annotate import annotate_article
    from ..annotate.parse import parse_texts, release, to_bytes

    keep = settings.store_parses if keep_parses is None else keep_parses
    docs = parse_texts(nlp, (a.text for a in articles), settings.piece_chars,
                       settings.batch_size, settings.batch_chars)
    for article, doc in zip(articles, docs):
        annotation = annotate_article(article, doc, model_version)
        release(doc)
        yield annotation, to_bytes(doc) if keep else None


_WORKER_NLP = None


def _worker_init(model: str) -> None:
    global _WORKER_NLP
    from ..annotate.models import load_nlp

    _WORKER_NLP = load_nlp(model)
    collect_less_for_life()  # a worker process only annotates


ProfileRow = tuple[str, int | None, str | None, dict]


def profile_rows(articles: Sequence[Article], results: Sequence[Result]) -> list[ProfileRow]:
    """The clustering profile of each freshly annotated original article (the story
    layer's ``profile`` stage, run here so that it runs in the worker processes)."""
    from ..story.profiles import profile_article, profile_day, profile_to_plain

    rows = []
    for article, (annotation, _) in zip(articles, results):
        if not article.duplicate_of:
            profile = profile_article(article, annotation)
            rows.append((article.id, profile_day(article.published), article.published,
                         profile_to_plain(profile)))
    return rows


def _annotate_chunk(articles: list[Article], model_version: str,
                    settings: AnnotateSettings) -> tuple[list[Result], list[ProfileRow]]:
    results = list(annotate_batch(_WORKER_NLP, articles, model_version, settings))
    rows = profile_rows(articles, results)
    give_back_memory()
    return results, rows


def parse_key(article: Article | PlanRow, model_version: str) -> str:
    """The key a parse of ``article`` by ``model_version`` is stored under."""
    return f"{model_version}:{article.content_hash}"


class _Saver:
    """Saves results as they come and counts them for the progress callback."""

    def __init__(self, store: SqlStore, model_version: str, total: int,
                 progress: Progress | None) -> None:
        self.store, self.model_version = store, model_version
        self.total, self.done, self.progress = total, 0, progress

    def __call__(self, articles: Sequence[Article], results: Iterable[Result],
                 profiles: Sequence[ProfileRow] = ()) -> None:
        items = [(annotation, None if data is None else StoredParse(
                     article.id, parse_key(article, self.model_version), data))
                 for article, (annotation, data) in zip(articles, results)]
        self.store.save_annotated(items)
        if profiles:
            self.store.save_profiles(profiles)
        self.done += len(items)
        tick(self.progress, self.done, self.total)


class _Parser:
    """Parses pages of articles: in this process, or on a pool of worker processes with
    at most two chunks (of four ``nlp.pipe`` batches each) in flight per worker; results
    are saved as they arrive."""

    def __init__(self, settings: AnnotateSettings, model_version: str, save: _Saver) -> None:
        self.settings, self.model_version, self.save = settings, model_version, save
        self.pool: ProcessPoolExecutor | None = None
        self.pending: deque[tuple[list[Article], Future]] = deque()

    def parse(self, articles: list[Article]) -> None:
        if not articles:
            return
        workers = self.settings.workers
        if workers > 1 and (self.pool is not None or len(articles) > workers):
            self._submit(articles)
            return
        from ..annotate.models import load_nlp

        nlp = load_nlp(self.settings.model)
        size = max(1, self.settings.batch_size)
        for start in range(0, len(articles), size):
            chunk = articles[start:start + size]
            results = list(annotate_batch(nlp, chunk, self.model_version, self.settings))
            self.save(chunk, results, profile_rows(chunk, results))

    def _submit(self, articles: list[Article]) -> None:
        workers = self.settings.workers
        if self.pool is None:
            lean_before_fork()
            self.pool = ProcessPoolExecutor(workers, initializer=_worker_init,
                                            initargs=(self.settings.model,))
        size = max(1, min(4 * self.settings.batch_size, -(-len(articles) // workers)))
        for start in range(0, len(articles), size):
            chunk = articles[start:start + size]
            self.pending.append((chunk, self.pool.submit(
                _annotate_chunk, chunk, self.model_version, self.settings)))
            while len(self.pending) > 2 * workers:
                self._collect()

    def _collect(self) -> None:
        chunk, future = self.pending.popleft()
        self.save(chunk, *future.result())

    def close(self) -> None:
        try:
            while self.pending:
                self._collect()
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)


def _rerun_from_parses(store: SqlStore, todo: Sequence[_Todo], articles: dict[str, Article],
                       settings: AnnotateSettings, save: _Saver) -> None:
    """Re-run only the listed stages over each article's stored parse (no parsing), and
    save the page in one transaction. The stored annotation is read only where some of
    its slots are kept (a re-run of every stage needs none of it)."""
    from ..annotate import STAGES, annotate_article
    from ..annotate.models import load_nlp
    from ..annotate.parse import from_bytes, release

    vocab = load_nlp(settings.model).vocab
    by_id = {t.article_id: t for t in todo}
    stored = store.get_annotations(t.article_id for t in todo if t.stages != STAGES.names)
    done: list[Article] = []
    results: list[Result] = []
    for parse in store.iter_parses(by_id):
        item, article = by_id[parse.article_id], articles[parse.article_id]
        doc = from_bytes(parse.data, vocab, text=article.text)
        results.append((annotate_article(article, doc, save.model_version,
                                         stored=stored.get(article.id), only=item.stages),
                        None))
        release(doc)
        done.append(article)
    save(done, results)


# ---------------------------------------------------------------- planning


def _keys_article(row: PlanRow) -> Article:
    """An article carrying only what the stage keys read (for planning without text)."""
    return Article(id=row.article_id, source="", text="", published=row.published,
                   content_hash=row.content_hash)


def _plan_row(row: PlanRow, model_version: str, forced: Sequence[str]) -> _Todo | None:
    from ..annotate import STAGES, keys_for
    from ..pipeline import stale_stages

    keys = keys_for(_keys_article(row), model_version)
    stages = stale_stages(STAGES, row.versions or {}, keys)
    if row.versions is not None and forced:
        stages = [s for s in STAGES.names if s in set(stages) | set(forced)]
    if not stages:
        return None
    usable = row.versions is not None and row.parse_key == parse_key(row, model_version)
    return _Todo(row.article_id, tuple(stages), not usable)


def _plan(store: SqlStore, model_version: str, rerun: Sequence[str],
          settings: IngestSettings) -> tuple[list[_Todo], list[str]]:
    """What each article needs (the stale stages, or ``rerun`` and its dependents), read a
    page of keys at a time; and the ids of the articles over the size cap."""
    from ..annotate import STAGES
    from ..pipeline import dependents

    forced = dependents(STAGES, rerun) if rerun else []
    todo, over, after = [], [], ""
    while True:
        rows = store.plan_rows(after, 1000)
        if not rows:
            return todo, over
        for row in rows:
            if not has_pipeline(row.language):
                continue
            if 0 < settings.max_article_chars < row.chars:
                over.append(row.article_id)
                continue
            item = _plan_row(row, model_version, forced)
            if item is not None:
                todo.append(item)
        after = rows[-1].article_id


def _reject_over_cap(store: SqlStore, ids: Sequence[str],
                     settings: IngestSettings) -> tuple[Rejected, ...]:
    found = store.get_articles(ids)
    rejected = tuple(r for r in (too_large(a, settings) for a in found.values()) if r)
    if rejected:
        store.record_rejections(rejected)
        for item in rejected:
            log.warning("not annotated: %s: %s", item.source, item.detail)
    return rejected


def _pages(todo: Sequence[_Todo], size: int) -> Iterator[list[_Todo]]:
    for start in range(0, len(todo), size):
        yield list(todo[start:start + size])


def annotate_pending(store: SqlStore, settings: Settings, *, rerun: Sequence[str] = (),
                     progress: Progress | None = None) -> AnnotateReport:
    """Annotate every article whose annotation is missing or stale.

    A stale stage (a new version, a new reference date) re-runs from the stored parse when
    there is one; only articles without a usable parse are parsed again. ``rerun`` names
    stages to run again (with what depends on them) over every annotated article. An
    article over ``ingest.max_article_chars`` is not annotated and is reported as rejected."""
    from ..annotate import STAGES
    from ..annotate.models import version_of

    part = settings.annotate
    model_version = version_of(part.model)
    todo, over = _plan(store, model_version, rerun, settings.ingest)
    rejected = _reject_over_cap(store, over, settings.ingest) if over else ()
    total = store.count_articles()
    if not todo:
        return AnnotateReport(0, total - len(over), (), rejected=rejected)
    save = _Saver(store, model_version, len(todo), progress)
    parser = _Parser(part, model_version, save)
    with fewer_collections():
        try:
            for page in _pages(todo, max(64, 4 * part.batch_size * max(1, part.workers))):
                articles = store.get_articles(t.article_id for t in page)
                reuse = [t for t in page if not t.reparse and t.article_id in articles]
                if reuse:
                    _rerun_from_parses(store, reuse, articles, part, save)
                parser.parse([articles[t.article_id] for t in page
                              if t.reparse and t.article_id in articles])
        finally:
            parser.close()
    ran = {s for t in todo for s in t.stages}
    return AnnotateReport(len(todo), total - len(todo) - len(over),
                          tuple(t.article_id for t in todo),
                          sum(1 for t in todo if t.reparse),
                          tuple(s for s in STAGES.names if s in ran), rejected)
