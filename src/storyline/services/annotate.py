"""Annotate: parse new articles, re-run stale stages from stored parses."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..config import Settings
from ..ingest.language import in_pipeline_language
from ..records import Annotation, Article
from ..store import SqlStore
from .common import Progress, tick


@dataclass(frozen=True, slots=True)
class AnnotateReport:
    annotated: int = 0
    skipped: int = 0
    article_ids: tuple[str, ...] = ()
    parsed: int = 0  # articles parsed afresh (the others re-ran rules on a stored parse)
    stages: tuple[str, ...] = ()  # the stages that ran, in table order


@dataclass(frozen=True, slots=True)
class _Todo:
    article: Article
    stages: tuple[str, ...]  # the annotate stages to run
    reparse: bool  # no usable stored parse (or none stored)


_WORKER_NLP = None


def _worker_init(model: str) -> None:
    global _WORKER_NLP
    from ..annotate.models import load_nlp

    _WORKER_NLP = load_nlp(model)


def _parse_and_annotate(nlp, articles: Sequence[Article], model_version: str,
                        keep_parses: bool, batch_size: int):
    """(annotation, parse bytes or None) for each article, parsed afresh."""
    from ..annotate import annotate_article
    from ..annotate.parse import to_bytes

    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs):
        yield (annotate_article(article, doc, model_version),
               to_bytes(doc) if keep_parses else None)


def _annotate_chunk(articles: list[Article], model_version: str, keep_parses: bool):
    return list(_parse_and_annotate(_WORKER_NLP, articles, model_version, keep_parses, 16))


def _parse_key(article: Article, model_version: str) -> str:
    from ..annotate import input_keys

    return input_keys(article, model_version)["doc"]


def _save(store: SqlStore, model_version: str):
    def save(article: Article, annotation: Annotation, parse: bytes | None) -> None:
        if parse is not None:
            store.save_parse(article.id, _parse_key(article, model_version), parse)
        store.save_annotation(annotation)
    return save


def _parse_serial(todo, nlp, settings, model_version, save, progress):
    keep = settings.annotate.store_parses
    articles = [t.article for t in todo]
    results = _parse_and_annotate(nlp, articles, model_version, keep,
                                  settings.annotate.batch_size)
    for done, (article, (annotation, parse)) in enumerate(zip(articles, results), 1):
        save(article, annotation, parse)
        tick(progress, done, len(articles))


def _parse_parallel(todo, settings, model_version, save, progress):
    articles = [t.article for t in todo]
    workers = settings.annotate.workers
    size = max(1, min(settings.annotate.batch_size, len(articles) // workers))
    chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
    done = 0
    with ProcessPoolExecutor(workers, initializer=_worker_init,
                             initargs=(settings.annotate.model,)) as pool:
        results = pool.map(_annotate_chunk, chunks, [model_version] * len(chunks),
                           [settings.annotate.store_parses] * len(chunks))
        for chunk, result in zip(chunks, results):
            for article, (annotation, parse) in zip(chunk, result):
                save(article, annotation, parse)
            done += len(result)
            tick(progress, done, len(articles))


def _rerun_from_parses(store, todo, nlp, model_version, save, progress):
    """Re-run only the listed stages over each article's stored parse (no parsing)."""
    from ..annotate import annotate_article
    from ..annotate.parse import from_bytes

    by_id = {t.article.id: t for t in todo}
    stored = store.get_annotations(by_id)
    for done, parse in enumerate(store.iter_parses(by_id), 1):
        item = by_id[parse.article_id]
        doc = from_bytes(parse.data, nlp.vocab)
        annotation = annotate_article(item.article, doc, model_version,
                                      stored=stored.get(item.article.id), only=item.stages)
        save(item.article, annotation, None)
        tick(progress, done, len(todo))


def _plan(store: SqlStore, model_version: str, rerun: Sequence[str]) -> list[_Todo]:
    """What each article needs: the stale stages (or ``rerun`` and its dependents)."""
    from ..annotate import STAGES, keys_for
    from ..pipeline import dependents, stale_stages

    forced = dependents(STAGES, rerun) if rerun else []
    done = store.annotation_versions()
    parse_keys = store.parse_keys()
    todo = []
    for article in filter(in_pipeline_language, store.iter_articles()):
        stored = done.get(article.id)
        keys = keys_for(article, model_version)
        stages = stale_stages(STAGES, stored or {}, keys)
        if stored is not None and forced:
            stages = [s for s in STAGES.names if s in set(stages) | set(forced)]
        if stages:
            usable = stored is not None and parse_keys.get(article.id) == \
                _parse_key(article, model_version)
            todo.append(_Todo(article, tuple(stages), not usable))
    return todo


def annotate_pending(store: SqlStore, settings: Settings, *, rerun: Sequence[str] = (),
                     progress: Progress | None = None) -> AnnotateReport:
    """Annotate every article whose annotation is missing or stale.

    A stale stage (a new version, a new reference date) re-runs from the stored parse when
    there is one; only articles without a usable parse are parsed again. ``rerun`` names
    stages to run again (with what depends on them) over every annotated article."""
    from ..annotate.models import load_nlp
    from ..annotate.models import model_version as version_of

    nlp = load_nlp(settings.annotate.model)
    model_version = version_of(nlp)
    todo = _plan(store, model_version, rerun)
    total = store.count_articles()
    if not todo:
        return AnnotateReport(0, total, ())
    save = _save(store, model_version)
    fresh = [t for t in todo if t.reparse]
    reuse = [t for t in todo if not t.reparse]
    if reuse:
        _rerun_from_parses(store, reuse, nlp, model_version, save, progress)
    if fresh and settings.annotate.workers > 1 and len(fresh) > settings.annotate.workers:
        _parse_parallel(fresh, settings, model_version, save, progress)
    elif fresh:
        _parse_serial(fresh, nlp, settings, model_version, save, progress)
    ran = {s for t in todo for s in t.stages}
    from ..annotate import STAGES
    return AnnotateReport(len(todo), total - len(todo), tuple(t.article.id for t in todo),
                          len(fresh), tuple(s for s in STAGES.names if s in ran))


