"""Use cases shared by every edge (CLI, web): ingest, annotate, build stories, read, search.

Loops, batching and parallelism live here; the stages they call are pure.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .config import Settings, as_dict
from .errors import TooLarge, UsageError
from .records import Annotation, Article, DateSource, Rejected, Story, StoryView, stable_id
from .store import ArticleFilter, Page, SqlStore, StoryFilter
from .store import open_store as _open
from .store.base import STORY_ITEM_KINDS, ItemFilter

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
BATCH = 25


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def open_store(settings: Settings) -> SqlStore:
    return _open(settings.store.url)


# ------------------------------------------------------------------ ingest


@dataclass(frozen=True, slots=True)
class IngestReport:
    articles_added: int = 0
    articles_updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: tuple[Rejected, ...] = ()
    article_ids: tuple[str, ...] = ()


def _clean_all(docs, sidecar, settings: Settings, rename):
    from .ingest.clean import clean_document

    for doc in docs:
        if isinstance(doc, Rejected):
            yield rename(doc)
            continue
        yield rename(clean_document(doc, sidecar, settings.ingest))


def _store_batches(store: SqlStore, items: Iterable, progress: Progress | None, total: int):
    added = updated = unchanged = 0
    rejected: list[Rejected] = []
    ids: list[str] = []
    batch: list[Article] = []

    def flush() -> None:
        nonlocal added, updated, unchanged
        counts = store.upsert_articles(batch)
        store.clear_rejection([a.source for a in batch])
        added, updated, unchanged = (added + counts.added, updated + counts.updated,
                                     unchanged + counts.unchanged)
        batch.clear()

    for done, item in enumerate(items, 1):
        if isinstance(item, Rejected):
            rejected.append(item)
            store.record_rejections([item])
        else:
            batch.append(item)
            ids.append(item.id)
            if len(batch) >= BATCH:
                flush()
        _tick(progress, done, max(total, done))
    if batch:
        flush()
    return added, updated, unchanged, rejected, ids


def link_duplicates(store: SqlStore, settings: Settings) -> int:
    """Recompute duplicate links over the whole store; returns how many are duplicates."""
    from .ingest.dedupe import find_duplicates

    articles = list(store.iter_articles())
    links = find_duplicates(articles, settings.ingest)
    changes = {a.id: links.get(a.id) for a in articles if a.duplicate_of != links.get(a.id)}
    if changes:
        store.set_duplicates(changes)
    return len(links)


def _ingest(store, items, settings, progress, total) -> IngestReport:
    added, updated, unchanged, rejected, ids = _store_batches(store, items, progress, total)
    duplicates = link_duplicates(store, settings)
    return IngestReport(added, updated, unchanged, duplicates, tuple(rejected), tuple(ids))


def count_inputs(paths: Sequence[str]) -> int:
    """How many input files ``paths`` name (for the progress bar's total)."""
    from .ingest.sources import expand_paths

    return len(list(expand_paths(list(paths))))


def ingest_paths(store: SqlStore, paths: Sequence[str], settings: Settings, *,
                 metadata: str | None = None, progress: Progress | None = None) -> IngestReport:
    """Read, clean, store and link every article under ``paths``; bad files become rejections."""
    from .ingest.metadata import load_sidecar
    from .ingest.sources import iter_documents

    if not paths:
        raise UsageError("no input paths given", hint="storyline ingest FOLDER_OR_FILE ...")
    sidecar = load_sidecar(metadata) if metadata else None
    docs = iter_documents(list(paths), settings.ingest)
    items = _clean_all(docs, sidecar, settings, lambda x: x)
    return _ingest(store, items, settings, progress, count_inputs(paths))


def _safe_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/")) or "upload.txt"
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in base)[:120]
    return safe if safe.strip(".") else "upload.txt"


def ingest_uploads(store: SqlStore, files: Sequence[tuple[str, bytes]], settings: Settings,
                   *, metadata: bytes | None = None) -> IngestReport:
    """Ingest uploaded files (name, bytes); sources are recorded as ``upload/<name>``."""
    from .ingest.metadata import load_sidecar
    from .ingest.sources import iter_documents

    total = sum(len(data) for _, data in files)
    if total > settings.web.max_upload_bytes:
        raise TooLarge(f"upload of {total} bytes is over the limit of "
                       f"{settings.web.max_upload_bytes}", hint="send fewer or smaller files")
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as tmp:
        paths = []
        for index, (name, data) in enumerate(files):
            target = Path(tmp) / f"{index:04d}" / _safe_name(name)
            target.parent.mkdir()
            target.write_bytes(data)
            paths.append(str(target))
        sidecar = None
        if metadata:
            meta_path = Path(tmp) / "metadata.jsonl"
            meta_path.write_bytes(metadata)
            sidecar = {_safe_name(k): v for k, v in load_sidecar(str(meta_path)).items()}

        def rename(item):
            source = item.source.replace(tmp + os.sep, "", 1)
            source = "upload/" + source.split(os.sep, 1)[-1]
            return replace(item, source=source)

        items = _clean_all(iter_documents(paths, settings.ingest), sidecar, settings, rename)
        return _ingest(store, items, settings, None, len(paths))


# ------------------------------------------------------------------ annotate


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
    from .annotate.models import load_nlp

    _WORKER_NLP = load_nlp(model)


def _parse_and_annotate(nlp, articles: Sequence[Article], model_version: str,
                        keep_parses: bool, batch_size: int):
    """(annotation, parse bytes or None) for each article, parsed afresh."""
    from .annotate import annotate_article
    from .annotate.parse import to_bytes

    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs):
        yield (annotate_article(article, doc, model_version),
               to_bytes(doc) if keep_parses else None)


def _annotate_chunk(articles: list[Article], model_version: str, keep_parses: bool):
    return list(_parse_and_annotate(_WORKER_NLP, articles, model_version, keep_parses, 16))


def _parse_key(article: Article, model_version: str) -> str:
    from .annotate import input_keys

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
        _tick(progress, done, len(articles))


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
            _tick(progress, done, len(articles))


def _rerun_from_parses(store, todo, nlp, model_version, save, progress):
    """Re-run only the listed stages over each article's stored parse (no parsing)."""
    from .annotate import annotate_article
    from .annotate.parse import from_bytes

    by_id = {t.article.id: t for t in todo}
    stored = store.get_annotations(by_id)
    for done, parse in enumerate(store.iter_parses(by_id), 1):
        item = by_id[parse.article_id]
        doc = from_bytes(parse.data, nlp.vocab)
        annotation = annotate_article(item.article, doc, model_version,
                                      stored=stored.get(item.article.id), only=item.stages)
        save(item.article, annotation, None)
        _tick(progress, done, len(todo))


def _plan(store: SqlStore, model_version: str, rerun: Sequence[str]) -> list[_Todo]:
    """What each article needs: the stale stages (or ``rerun`` and its dependents)."""
    from .annotate import STAGES, keys_for
    from .pipeline import dependents, stale_stages

    forced = dependents(STAGES, rerun) if rerun else []
    done = store.annotation_versions()
    parse_keys = store.parse_keys()
    todo = []
    for article in store.iter_articles():
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
    from .annotate.models import load_nlp
    from .annotate.models import model_version as version_of

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
    from .annotate import STAGES
    return AnnotateReport(len(todo), total - len(todo), tuple(t.article.id for t in todo),
                          len(fresh), tuple(s for s in STAGES.names if s in ran))


# ------------------------------------------------------------------ stories


def stage_tables():
    """Every declared stage table, in the order data flows: annotate, collection, story."""
    from .annotate import STAGES as ANNOTATE
    from .story import COLLECTION
    from .story import STAGES as STORY

    return [ANNOTATE, COLLECTION, STORY]


@dataclass(frozen=True, slots=True)
class StoriesReport:
    stories_built: int = 0
    new_stories: int = 0
    dates_inferred: int = 0
    story_ids: tuple[str, ...] = field(default_factory=tuple)


def story_build(settings: Settings):
    """The ``StoryBuild`` a story built now gets: story stage keys and settings digest."""
    from .pipeline import stage_keys
    from .store.base import StoryBuild
    from .story import STAGES

    digest = stable_id(*sorted(f"{k}={v}" for k, v in as_dict(settings)["story"].items()))
    return StoryBuild(tuple(sorted(stage_keys(STAGES, {}).items())), digest)


def is_stale(build, current) -> bool:
    return build.versions != current.versions or build.settings_digest != current.settings_digest


def _collection(store: SqlStore, settings: Settings, name: str, **slots):
    from .pipeline import run_table
    from .story import COLLECTION

    stage = COLLECTION.stage(name)
    return run_table(COLLECTION, slots, settings, only=[name])[stage.produces[0]]


def cluster_new_articles(store: SqlStore, settings: Settings) -> dict[str, str]:
    """Put every article not yet in a story into one (online: old memberships stay)."""
    articles = [a for a in store.iter_articles() if not a.duplicate_of]
    members = store.story_memberships()
    if all(a.id in members for a in articles):
        return {}
    annotations = store.get_annotations(a.id for a in articles)
    return _collection(store, settings, "cluster", articles=articles, annotations=annotations,
                       memberships=members)


def _story_groups(store: SqlStore, assigned: Mapping[str, str]) -> dict[str, list[Article]]:
    members = {**store.story_memberships(), **assigned}
    groups: dict[str, list[Article]] = {}
    for article in store.iter_articles():
        story_id = members.get(article.id) or members.get(article.duplicate_of or "")
        if story_id:
            groups.setdefault(story_id, []).append(article)
    return groups


def _infer_dates(store: SqlStore, settings: Settings, articles: list[Article]) -> list[str]:
    if all(a.published for a in articles):
        return []
    annotations = store.get_annotations(a.id for a in articles)
    inferred = _collection(store, settings, "dates", articles=articles, annotations=annotations)
    for article_id, (date, confidence) in inferred.items():
        store.set_published(article_id, date, DateSource.INFERRED.value, confidence)
    return list(inferred)


def _stories_to_build(store, groups, before, changed, rebuild, current) -> list[str]:
    builds = store.story_builds()
    return [s for s, arts in groups.items()
            if rebuild or s not in before or any(a.id in changed for a in arts)
            or is_stale(builds.get(s, current), current)]


def build_stories(store: SqlStore, settings: Settings, *, touched: Iterable[str] = (),
                  rebuild: bool = False, progress: Progress | None = None) -> StoriesReport:
    """Cluster new articles, infer missing dates, and (re)build the stories that changed
    or were built by other story stage versions or settings."""
    from .story.build import build_story

    before = set(store.story_memberships().values())
    assigned = cluster_new_articles(store, settings)
    groups = _story_groups(store, assigned)
    current = story_build(settings)
    todo = _stories_to_build(store, groups, before, set(touched) | set(assigned), rebuild,
                             current)
    inferred: list[str] = []
    for story_id in todo:
        inferred += _infer_dates(store, settings, groups[story_id])
    if inferred:
        annotate_pending(store, settings)  # re-runs only the stages that read the date
        groups = _story_groups(store, assigned)
    for done, story_id in enumerate(todo, 1):
        articles = groups[story_id]
        annotations = store.get_annotations(a.id for a in articles)
        story = build_story(story_id, articles, annotations, settings)
        store.save_story(story, current)
        _tick(progress, done, len(todo))
    return StoriesReport(len(todo), len(set(groups) - before), len(inferred), tuple(todo))


@dataclass(frozen=True, slots=True)
class AnalyzeReport:
    ingest: IngestReport | None
    annotate: AnnotateReport
    stories: StoriesReport


def analyze(store: SqlStore, settings: Settings, *, paths: Sequence[str] = (),
            metadata: str | None = None, progress: Callable[[str, int, int], None] | None = None,
            rebuild: bool = False) -> AnalyzeReport:
    """Ingest ``paths`` (if any), annotate what is pending or stale, and build the stories
    that are new, changed or stale."""

    def stage(name: str) -> Progress | None:
        return None if progress is None else (lambda d, t: progress(name, d, t))

    ingest = (ingest_paths(store, paths, settings, metadata=metadata, progress=stage("ingest"))
              if paths else None)
    annotated = annotate_pending(store, settings, progress=stage("annotate"))
    touched = set(annotated.article_ids) | set(ingest.article_ids if ingest else ())
    stories = build_stories(store, settings, touched=touched, rebuild=rebuild,
                            progress=stage("stories"))
    return AnalyzeReport(ingest, annotated, stories)

# ------------------------------------------------------------------ reading


@dataclass(frozen=True, slots=True)
class ArticleView:
    article: Article
    annotation: Annotation | None
    story_id: str | None


def get_article_view(store: SqlStore, article_id: str) -> ArticleView:
    resolved = store.resolve_article_id(article_id)
    return ArticleView(store.get_article(resolved), store.get_annotation(resolved),
                       store.story_of(resolved))


def story_view(store: SqlStore, story: Story, current=None) -> StoryView:
    """``story`` with its member articles (text joined from the articles table)."""
    found = store.get_articles(story.article_ids)
    articles = tuple(found[a] for a in story.article_ids if a in found)
    stale = False
    if current is not None:
        stale = is_stale(store.story_builds_of([story.id]).get(story.id, current), current)
    return StoryView(story, articles, stale)


def get_story(store: SqlStore, story_id: str, settings: Settings | None = None) -> StoryView:
    """One story (an id or a unique prefix) and its articles."""
    story = store.get_story(store.resolve_story_id(story_id))
    return story_view(store, story, story_build(settings) if settings else None)


def story_document(view: StoryView) -> dict:
    """The story JSON v1 document of a story (the public contract)."""
    from .render.json_v1 import story_json

    return story_json(view.story, view.articles)


def list_stories(store: SqlStore, flt: StoryFilter | None = None, limit: int = 50,
                 cursor: str | None = None) -> Page:
    return store.list_stories(flt, limit, cursor)


def list_articles(store: SqlStore, flt: ArticleFilter | None = None, limit: int = 50,
                  cursor: str | None = None) -> Page:
    return store.list_articles(flt, limit, cursor)


def all_stories(store: SqlStore) -> list[StoryView]:
    """Every story with its articles, newest first."""
    out, cursor = [], None
    while True:
        page = store.list_stories(None, 200, cursor)
        out.extend(story_view(store, store.get_story(s.id)) for s in page.items)
        if page.next is None:
            return out
        cursor = page.next


def search(store: SqlStore, q: str, flt: ArticleFilter | None = None, limit: int = 20,
           cursor: str | None = None, actor: str | None = None) -> Page:
    return store.search_sentences(q, flt, limit, cursor, actor=actor)


def list_story_items(store: SqlStore, kind: str, flt: ItemFilter | None = None,
                     limit: int = 50, cursor: str | None = None) -> Page:
    """One page of a story item listing (``kind``: actors, quotes, claims or events) as
    ``StoryItem`` records. A story id may be a prefix."""
    if kind not in STORY_ITEM_KINDS:
        raise UsageError(f"unknown story item kind {kind!r}",
                         hint="use one of " + ", ".join(STORY_ITEM_KINDS))
    if flt is not None and flt.story_id:
        flt = replace(flt, story_id=store.resolve_story_id(flt.story_id))
    return store.list_story_items(kind, flt, limit, cursor)
