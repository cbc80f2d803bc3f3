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

from .config import Settings
from .errors import TooLarge, UsageError
from .records import Annotation, Article, DateSource, Rejected
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


def _store_batches(store: SqlStore, items: Iterable, progress: Progress | None, total: int):
    added = updated = unchanged = 0
    rejected: list[Rejected] = []
    ids: list[str] = []
    batch: list[Article] = []
    pending: list[Rejected] = []

    def flush() -> None:
        nonlocal added, updated, unchanged
        if pending:
            store.record_rejections(pending)
            pending.clear()
        if not batch:
            return
        counts = store.upsert_articles(batch)
        store.clear_rejection([a.source for a in batch])
        added, updated, unchanged = (added + counts.added, updated + counts.updated,
                                     unchanged + counts.unchanged)
        batch.clear()

    for done, item in enumerate(items, 1):
        if isinstance(item, Rejected):
            rejected.append(item)
            pending.append(item)
        else:
            batch.append(item)
            ids.append(item.id)
        if len(batch) >= BATCH or len(pending) >= BATCH:
            flush()
        _tick(progress, done, max(total, done))
    flush()
    return added, updated, unchanged, rejected, ids


LINK_CHUNK = 200  # new articles linked per round of look-ups


def _indexed_near(store: SqlStore, new: Sequence, params: str):
    """The store's view of the indexed articles near ``new`` (dedupe.Indexed)."""
    from .ingest.dedupe import Indexed, current_groups

    recorded = store.band_groups([k for a in new for k in a.signature.band_keys])
    same = store.same_hash_articles([a.content_hash for a in new], params)
    info = store.duplicate_info({i for ids in same.values() for i in ids}
                                | {g for groups in recorded.values() for g in groups})
    group_of = {i: m.duplicate_of or m.id for i, m in info.items()}
    by_hash = {h: sorted({group_of[i] for i in ids if i in group_of}) for h, ids in same.items()}
    cache: dict[str, bytes] = {}

    def signatures(ids: Sequence[str]) -> Mapping[str, bytes]:
        missing = [i for i in ids if i not in cache]
        if missing:
            cache.update(store.get_signatures(missing, params))
        return {i: cache[i] for i in ids if i in cache}

    return Indexed(current_groups(recorded, group_of), by_hash, signatures,
                   store.group_members_with)


def _link_chunk(store: SqlStore, ids: Sequence[str], settings: Settings, params: str) -> None:
    """Index and link a chunk of new articles: a few indexed look-ups for the whole chunk
    (the groups holding its band keys and content hashes), one write transaction. A group's
    members are not read: joining it compares with its original only, and moving it to an
    earlier original is one update."""
    from .ingest.dedupe import NewArticle, join_groups, plan_links, signature_of
    from .store.base import SignatureRow

    inputs = store.index_inputs(ids)
    new = [NewArticle(a.id, a.content_hash, signature_of(a.text, settings.ingest))
           for a in inputs]
    published = {a.id: a.published for a in inputs}
    found = join_groups(new, _indexed_near(store, new, params),
                        settings.ingest.near_duplicate_threshold)
    heads = store.duplicate_info({g for group in found for g in group if g not in published})
    links, repoint = plan_links(found, published, {g: m.published for g, m in heads.items()})
    group_bands = [(key, links[a.id] or a.id, a.id) for a in new for key in a.signature.band_keys]
    store.save_dedupe([SignatureRow(a.id, params, a.signature.values, a.signature.band_keys)
                       for a in new], links, repoint, group_bands)


def _refresh_originals(store: SqlStore, article_ids: Iterable[str]) -> None:
    """Pick again the original of the groups of ``article_ids`` (a date may have changed)."""
    from .ingest.dedupe import refresh_links

    changes = refresh_links((m.id, m.published, m.duplicate_of)
                            for m in store.duplicate_groups(article_ids))
    if changes:
        store.set_duplicates(changes)


def _unsigned(store: SqlStore, params: str, article_ids: Iterable[str]) -> list[str]:
    """The articles to index: those of ``article_ids`` not indexed yet, or every article not
    indexed when the counts show others (a store older than the index, other settings, an
    interrupted run)."""
    fresh = store.unsigned_among(article_ids, params)
    if store.count_articles() == store.count_signatures(params) + len(fresh):
        return fresh
    return store.unsigned_articles(params)


def link_duplicates(store: SqlStore, settings: Settings, article_ids: Iterable[str] = ()
                    ) -> int:
    """Link every article missing from the near-duplicate index (the new ones) to its exact
    and near duplicates through indexed look-ups, and pick again the original of the groups
    of ``article_ids``. Returns how many stored articles are linked as duplicates.

    Each new article costs the same whatever the store holds (it reads only the articles
    that share one of its band keys or its content hash, and their groups); an article
    indexed under other settings (num_perm, shingle_size, threshold) is linked again."""
    from .ingest.dedupe import params_key

    params, article_ids = params_key(settings.ingest), set(article_ids)
    unsigned = _unsigned(store, params, article_ids)
    store.clear_duplicates(unsigned)
    for start in range(0, len(unsigned), LINK_CHUNK):
        _link_chunk(store, unsigned[start:start + LINK_CHUNK], settings, params)
    _refresh_originals(store, article_ids - set(unsigned))
    return store.count_duplicates()


def _ingest(store, items, settings, progress, total) -> IngestReport:
    added, updated, unchanged, rejected, ids = _store_batches(store, items, progress, total)
    duplicates = link_duplicates(store, settings, ids)
    return IngestReport(added, updated, unchanged, duplicates, tuple(rejected), tuple(ids))


def count_inputs(paths: Sequence[str]) -> int:
    """How many input files ``paths`` name (for the progress bar's total)."""
    from .ingest.sources import expand_paths

    return len(list(expand_paths(list(paths))))


def ingest_paths(store: SqlStore, paths: Sequence[str], settings: Settings, *,
                 metadata: str | None = None, progress: Progress | None = None) -> IngestReport:
    """Read, clean, store and link every article under ``paths``; bad files become rejections."""
    from .ingest.batch import iter_ingested
    from .ingest.metadata import load_sidecar
    from .ingest.sources import expand_paths

    if not paths:
        raise UsageError("no input paths given", hint="storyline ingest FOLDER_OR_FILE ...")
    sidecar = load_sidecar(metadata) if metadata else None
    inputs = expand_paths(list(paths))
    items = iter_ingested(inputs, settings.ingest, sidecar)
    return _ingest(store, items, settings, progress, len(inputs))


def _safe_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/")) or "upload.txt"
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in base)[:120]
    return safe if safe.strip(".") else "upload.txt"


def ingest_uploads(store: SqlStore, files: Sequence[tuple[str, bytes]], settings: Settings,
                   *, metadata: bytes | None = None) -> IngestReport:
    """Ingest uploaded files (name, bytes); sources are recorded as ``upload/<name>``."""
    from .ingest.batch import iter_ingested
    from .ingest.metadata import load_sidecar
    from .ingest.sources import expand_paths

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

        items = map(rename, iter_ingested(expand_paths(paths), settings.ingest, sidecar))
        return _ingest(store, items, settings, None, len(paths))


# ------------------------------------------------------------------ annotate


@dataclass(frozen=True, slots=True)
class AnnotateReport:
    annotated: int = 0
    skipped: int = 0
    article_ids: tuple[str, ...] = ()


_WORKER_NLP = None


def _worker_init(model: str) -> None:
    global _WORKER_NLP
    from .annotate.models import load_nlp

    _WORKER_NLP = load_nlp(model)


def _annotate_chunk(articles: list[Article], model_version: str) -> list[Annotation]:
    from .annotate.pipeline import annotate_article, stage_versions

    nlp = _WORKER_NLP
    docs = nlp.pipe([a.text for a in articles], batch_size=16)
    return [annotate_article(a, d, stage_versions(model_version, a.published))
            for a, d in zip(articles, docs)]


def _annotate_serial(articles, nlp, settings, model_version, save, progress):
    from .annotate.pipeline import annotate_article, stage_versions

    docs = nlp.pipe((a.text for a in articles), batch_size=settings.annotate.batch_size)
    for done, (article, doc) in enumerate(zip(articles, docs), 1):
        save(annotate_article(article, doc, stage_versions(model_version, article.published)))
        _tick(progress, done, len(articles))


def _annotate_parallel(articles, settings, model_version, save, progress):
    size = max(1, min(settings.annotate.batch_size, len(articles) // settings.annotate.workers))
    chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
    done = 0
    with ProcessPoolExecutor(settings.annotate.workers, initializer=_worker_init,
                             initargs=(settings.annotate.model,)) as pool:
        for result in pool.map(_annotate_chunk, chunks, [model_version] * len(chunks)):
            for annotation in result:
                save(annotation)
            done += len(result)
            _tick(progress, done, len(articles))


def annotate_pending(store: SqlStore, settings: Settings, *,
                     progress: Progress | None = None) -> AnnotateReport:
    """Annotate every article whose annotation is missing or was made by other stage versions."""
    from .annotate.models import load_nlp
    from .annotate.models import model_version as version_of
    from .annotate.pipeline import stage_versions

    nlp = load_nlp(settings.annotate.model)
    model_version = version_of(nlp)
    articles = list(store.iter_articles())
    done = store.annotation_versions()
    pending = [a for a in articles
               if done.get(a.id) != stage_versions(model_version, a.published)]
    if not pending:
        return AnnotateReport(0, len(articles), ())
    if settings.annotate.workers > 1 and len(pending) > settings.annotate.workers:
        _annotate_parallel(pending, settings, model_version, store.save_annotation, progress)
    else:
        _annotate_serial(pending, nlp, settings, model_version, store.save_annotation, progress)
    return AnnotateReport(len(pending), len(articles) - len(pending),
                          tuple(a.id for a in pending))


# ------------------------------------------------------------------ stories


@dataclass(frozen=True, slots=True)
class StoriesReport:
    stories_built: int = 0
    new_stories: int = 0
    dates_inferred: int = 0
    story_ids: tuple[str, ...] = field(default_factory=tuple)


def _profiles(store: SqlStore, articles: Sequence[Article]):
    from .story.cluster import profile_article

    return {a.id: profile_article(a, store.get_annotation(a.id)) for a in articles}


def cluster_new_articles(store: SqlStore, settings: Settings) -> dict[str, str]:
    """Put every article not yet in a story into one (online: old memberships stay)."""
    from .story.cluster import assign_stories

    members = store.story_memberships()
    articles = [a for a in store.iter_articles() if not a.duplicate_of]
    new = sorted((a for a in articles if a.id not in members),
                 key=lambda a: (a.published or "9999", a.id))
    if not new:
        return {}
    profiles = _profiles(store, articles)
    existing: dict[str, list] = {}
    for article_id, story_id in members.items():
        if article_id in profiles:
            existing.setdefault(story_id, []).append(profiles[article_id])
    return assign_stories([profiles[a.id] for a in new], existing, settings.story)


def _story_groups(store: SqlStore, assigned: Mapping[str, str]) -> dict[str, list[Article]]:
    members = {**store.story_memberships(), **assigned}
    groups: dict[str, list[Article]] = {}
    articles = list(store.iter_articles())
    for article in articles:
        story_id = members.get(article.id) or members.get(article.duplicate_of or "")
        if story_id:
            groups.setdefault(story_id, []).append(article)
    return groups


def _infer_dates(store: SqlStore, articles: list[Article]) -> list[str]:
    from .story.dates import infer_publication_dates

    if all(a.published for a in articles):
        return []
    annotations = {a.id: store.get_annotation(a.id) for a in articles}
    annotations = {k: v for k, v in annotations.items() if v is not None}
    inferred = infer_publication_dates(articles, annotations)
    for article_id, (date, confidence) in inferred.items():
        store.set_published(article_id, date, DateSource.INFERRED.value, confidence)
    return list(inferred)


def build_stories(store: SqlStore, settings: Settings, *, touched: Iterable[str] = (),
                  rebuild: bool = False, progress: Progress | None = None) -> StoriesReport:
    """Cluster new articles, infer missing dates, and (re)build the stories that changed."""
    from .render.json_v1 import story_json
    from .story.build import build_story

    before = set(store.story_memberships().values())
    assigned = cluster_new_articles(store, settings)
    groups = _story_groups(store, assigned)
    changed = set(touched) | set(assigned)
    todo = [s for s, arts in groups.items()
            if rebuild or s not in before or any(a.id in changed for a in arts)]
    inferred: list[str] = []
    for story_id in todo:
        inferred += _infer_dates(store, groups[story_id])
    if inferred:
        annotate_pending(store, settings)
        groups = _story_groups(store, assigned)
    for done, story_id in enumerate(todo, 1):
        articles = groups[story_id]
        annotations = {a.id: store.get_annotation(a.id) for a in articles}
        annotations = {k: v for k, v in annotations.items() if v is not None}
        story = build_story(story_id, articles, annotations, settings.story)
        store.save_story(story_json(story, story_sorted(articles, story.article_ids)))
        _tick(progress, done, len(todo))
    return StoriesReport(len(todo), len(set(groups) - before), len(inferred), tuple(todo))


def story_sorted(articles: Sequence[Article], order: Sequence[str]) -> list[Article]:
    position = {article_id: i for i, article_id in enumerate(order)}
    return sorted(articles, key=lambda a: position.get(a.id, len(position)))


@dataclass(frozen=True, slots=True)
class AnalyzeReport:
    ingest: IngestReport | None
    annotate: AnnotateReport
    stories: StoriesReport


def analyze(store: SqlStore, settings: Settings, *, paths: Sequence[str] = (),
            metadata: str | None = None, progress: Callable[[str, int, int], None] | None = None,
            rebuild: bool = False) -> AnalyzeReport:
    """Ingest ``paths`` (if any), annotate what is pending, and build the stories."""

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


def get_story(store: SqlStore, story_id: str) -> dict:
    return store.get_story(store.resolve_story_id(story_id))


def list_stories(store: SqlStore, flt: StoryFilter | None = None, limit: int = 50,
                 cursor: str | None = None) -> Page:
    return store.list_stories(flt, limit, cursor)


def list_articles(store: SqlStore, flt: ArticleFilter | None = None, limit: int = 50,
                  cursor: str | None = None) -> Page:
    return store.list_articles(flt, limit, cursor)


def all_stories(store: SqlStore) -> list[dict]:
    """Every story as story JSON v1, newest first."""
    out, cursor = [], None
    while True:
        page = store.list_stories(None, 200, cursor)
        out.extend(store.get_story(s.id) for s in page.items)
        if page.next is None:
            return out
        cursor = page.next


def search(store: SqlStore, q: str, flt: ArticleFilter | None = None, limit: int = 20,
           cursor: str | None = None, actor: str | None = None) -> Page:
    return store.search_sentences(q, flt, limit, cursor, actor=actor)


def list_story_items(store: SqlStore, kind: str, flt: ItemFilter | None = None,
                     limit: int = 50, cursor: str | None = None) -> Page:
    """One page of a story item listing (``kind``: actors, quotes, claims or events); each
    item is its story JSON dict with ``story_id`` added. A story id may be a prefix."""
    if kind not in STORY_ITEM_KINDS:
        raise UsageError(f"unknown story item kind {kind!r}",
                         hint="use one of " + ", ".join(STORY_ITEM_KINDS))
    if flt is not None and flt.story_id:
        flt = replace(flt, story_id=store.resolve_story_id(flt.story_id))
    return store.list_story_items(kind, flt, limit, cursor)
