"""Stories: cluster new articles, infer dates, build new, changed and stale stories."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..config import Settings, as_dict
from ..ingest.language import release_model
from ..records import Annotation, Article, DateSource, stable_id
from ..store import SqlStore
from .annotate import AnnotateReport, annotate_pending
from .checkpoints import checkpoint
from .common import Progress, fewer_collections, give_back_memory, lean_before_fork, tick
from .ingest import IngestReport, ingest_paths


def stage_tables():
    """Every declared stage table, in the order data flows: annotate, collection, story."""
    from ..annotate import STAGES as ANNOTATE
    from ..story import COLLECTION
    from ..story import STAGES as STORY

    return [ANNOTATE, COLLECTION, STORY]


@dataclass(frozen=True, slots=True)
class StoriesReport:
    stories_built: int = 0
    new_stories: int = 0
    dates_inferred: int = 0
    story_ids: tuple[str, ...] = field(default_factory=tuple)


def story_build(settings: Settings):
    """The ``StoryBuild`` a story built now gets: story stage keys and settings digest."""
    from ..pipeline import stage_keys
    from ..store.base import StoryBuild
    from ..story import STAGES

    digest = stable_id(*sorted(f"{k}={v}" for k, v in as_dict(settings)["story"].items()))
    return StoryBuild(tuple(sorted(stage_keys(STAGES, {}).items())), digest)


def is_stale(build, current) -> bool:
    return build.versions != current.versions or build.settings_digest != current.settings_digest


def _collection(settings: Settings, name: str, **slots):
    from ..pipeline import run_table
    from ..story import COLLECTION

    stage = COLLECTION.stage(name)
    out = run_table(COLLECTION, slots, settings, only=[name])
    return tuple(out[p] for p in stage.produces) if len(stage.produces) > 1 \
        else out[stage.produces[0]]


def _profile_new(store: SqlStore, settings: Settings) -> int:
    """Profile every original article that has no profile yet, a page at a time."""
    from ..story.profiles import profile_day, profile_to_plain

    done = 0
    while True:
        ids = store.unprofiled_ids(settings.story.cluster_batch)
        if not ids:
            return done
        articles = store.get_articles(ids)
        profiles = _collection(settings, "profile", articles=list(articles.values()),
                               annotations=store.get_annotations(ids))
        store.save_profiles([(p.article_id, profile_day(p.published), p.published,
                              profile_to_plain(p)) for p in profiles.values()])
        checkpoint("stories.profiles")
        if not profiles:
            return done
        done += len(profiles)


def _neighbours(store: SqlStore, rows, window: int) -> dict[str, list]:
    """Story id -> the clustered member profiles near ``rows`` in time (and undated ones)."""
    from ..story.profiles import profile_day, profile_from_plain

    days = [d for d in (profile_day(r.published) for r in rows) if d is not None]
    first, last = (min(days) - window, max(days) + window) if days else (None, None)
    if len(days) < len(rows):  # undated articles are taken as recent ones
        latest = store.last_profile_day()
        if latest is not None:
            first = latest - window if first is None else min(first, latest - window)
            last = latest if last is None else max(last, latest)
    near: dict[str, list] = {}
    for row in store.profiles_near(first, last):
        near.setdefault(row.story_id, []).append(
            profile_from_plain(row.article_id, row.published, row.data))
    return near


@dataclass(frozen=True, slots=True)
class Clustered:
    assignments: dict[str, str]  # article id -> story id
    merges: dict[str, str]  # merged story id -> the story it lives on


def _final(story_id: str, merges: dict[str, str]) -> str:
    while story_id in merges:
        story_id = merges[story_id]
    return story_id


def cluster_pending(store: SqlStore, settings: Settings) -> Clustered:
    """Profile new articles and put every one not yet in a story into one, a batch at a
    time among its neighbours in time (old memberships stay; bridged stories merge)."""
    from ..story.profiles import profile_from_plain

    _profile_new(store, settings)
    assigned: dict[str, str] = {}
    merged: dict[str, str] = {}
    while True:
        rows = store.unclustered_profiles(settings.story.cluster_batch)
        if not rows:
            break
        profiles = {r.article_id: profile_from_plain(r.article_id, r.published, r.data)
                    for r in rows}
        neighbours = _neighbours(store, rows, settings.story.cluster_window_days)
        assignments, merges = _collection(settings, "cluster", profiles=profiles,
                                          neighbours=neighbours)
        store.apply_clustering(assignments, merges)
        checkpoint("stories.cluster")
        assigned.update(assignments)
        merged.update(merges)
    merged = {old: _final(old, merged) for old in merged}
    return Clustered({a: _final(s, merged) for a, s in assigned.items()}, merged)


def cluster_new_articles(store: SqlStore, settings: Settings) -> dict[str, str]:
    """Put every article not yet in a story into one; returns the new assignments."""
    return cluster_pending(store, settings).assignments


def _members(store: SqlStore, story_id: str) -> list[Article]:
    found = store.get_articles(store.story_member_ids(story_id))
    return sorted(found.values(), key=lambda a: (a.published is None, a.published or "", a.id))


def _infer_dates(store: SqlStore, settings: Settings, articles: list[Article]) -> list[str]:
    if all(a.published for a in articles):
        return []
    from ..story.reads import date_reads

    annotations = _read_reduced(store, articles, date_reads)
    inferred = _collection(settings, "dates", articles=articles, annotations=annotations)
    for article_id, (date, confidence) in inferred.items():
        store.set_published(article_id, date, DateSource.INFERRED.value, confidence)
    if inferred:
        checkpoint("stories.dates")
    return list(inferred)


def _stories_to_build(store: SqlStore, clustered: Clustered, touched: Iterable[str],
                      rebuild: bool, current) -> tuple[list[str], set[str]]:
    """The stories that are new, changed, merged into, stale or never saved (all with
    ``rebuild``), and the ids of those built before. What a killed run changed but did not
    rebuild is found again: the store marks a story stale in the transaction that changes
    its members or their annotations, and a clustered story without a record is built."""
    todo = set(clustered.assignments.values()) | set(clustered.merges.values())
    todo |= store.stories_of(set(touched) - set(clustered.assignments))
    todo |= store.stale_story_ids(current)
    todo |= store.unbuilt_story_ids()
    if rebuild:
        todo |= store.member_story_ids()
    todo -= set(clustered.merges)
    return sorted(todo), set(store.story_builds_of(todo))


def build_stories(store: SqlStore, settings: Settings, *, touched: Iterable[str] = (),
                  rebuild: bool = False, progress: Progress | None = None) -> StoriesReport:
    """Cluster new articles, infer missing dates, and (re)build the stories that changed
    or were built by other story stage versions or settings; one story in memory at a
    time (one per worker with ``annotate.workers`` processes). Like annotation, it runs
    with the young generation collected less often (``fewer_collections``; worker
    processes forked meanwhile inherit it): a build makes many small records, and at
    Python's default the collector took about a sixth of the stage's CPU."""
    with fewer_collections():
        return _build_stories(store, settings, touched, rebuild, progress)


def _build_stories(store: SqlStore, settings: Settings, touched: Iterable[str],
                   rebuild: bool, progress: Progress | None) -> StoriesReport:
    clustered = cluster_pending(store, settings)
    current = story_build(settings)
    todo, before = _stories_to_build(store, clustered, touched, rebuild, current)
    inferred: list[str] = []
    for story_id in todo:
        inferred += _infer_dates(store, settings, _members(store, story_id))
    if inferred:
        annotate_pending(store, settings)  # re-runs only the stages that read the date
        checkpoint("stories.reannotate")
    built = _build_all(store, settings, todo, current, progress)
    return StoriesReport(len(built), len(set(built) - before), len(inferred), tuple(built))


#: annotations read (and reduced) at a time while a story is loaded
READ_PAGE = 200


def load_story(store: SqlStore, story_id: str) -> tuple[list[Article], dict]:
    """A story's members and what the story stages read of their annotations, read a
    page at a time and reduced as they come (``story.reads``): a build holds no full
    annotation."""
    from ..story.reads import Shared, story_reads

    articles = _members(store, story_id)
    shared = Shared()
    return articles, _read_reduced(store, articles, lambda a: story_reads(a, shared))


def _read_reduced(store: SqlStore, articles: Sequence[Article],
                  reduce: Callable[[Annotation], Annotation]) -> dict[str, Annotation]:
    """The annotations of ``articles``, read a page at a time and reduced as they come."""
    annotations = {}
    for start in range(0, len(articles), READ_PAGE):
        page = store.get_annotations(a.id for a in articles[start:start + READ_PAGE])
        annotations.update((k, reduce(v)) for k, v in page.items())
    return annotations


def build_one(store: SqlStore, story_id: str, settings: Settings):
    """The story ``story_id`` built from the store, or None when it has no members."""
    from ..story.build import build_story

    articles, annotations = load_story(store, story_id)
    if not articles:
        return None
    return build_story(story_id, articles, annotations, settings)


_WORKER_STORE: SqlStore | None = None
_SAVE_LOCK = None


def _worker_start(lock) -> None:
    """A story worker's set-up: the lock that lets one worker at a time save."""
    global _SAVE_LOCK
    _SAVE_LOCK = lock


def _build_in_worker(url: str, story_id: str, settings: Settings, current) -> bool:
    """``build_one`` and save in a worker process, on the worker's own connection to the
    store at ``url``: neither the annotations nor the story pass through the process that
    hands out the work. Saves take turns (one writer at a time, as SQLite wants); the
    memory a large story took is handed back before the next. True when saved."""
    global _WORKER_STORE
    from ..store import open_store

    if _WORKER_STORE is None or _WORKER_STORE.url != url:
        _WORKER_STORE = open_store(url, migrate=False)
    story = build_one(_WORKER_STORE, story_id, settings)
    saved = story is not None
    if saved:
        with _SAVE_LOCK:
            _WORKER_STORE.save_story(story, current)
    del story
    give_back_memory()
    return saved


def _shareable(store: SqlStore) -> bool:
    """True when worker processes can open the store by its URL (not in-memory SQLite)."""
    from ..store.sql import is_sqlite_file

    return not store.is_sqlite or is_sqlite_file(store.url)


def _pool(workers: int):
    """``workers`` story processes, forked once this process has handed back what it can."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    lean_before_fork()
    context = multiprocessing.get_context()
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start,
                               initargs=(context.Lock(),))


def _build_all(store: SqlStore, settings: Settings, todo: Sequence[str], current,
               progress: Progress | None) -> list[str]:
    """Build and save the stories of ``todo``: in this process, or with
    ``annotate.workers`` processes that read their story from the store and save it
    themselves (one story in flight per worker); this process only counts them."""
    from collections import deque

    workers = settings.annotate.workers
    pool = (_pool(workers) if workers > 1 and len(todo) > 1 and _shareable(store)
            else None)
    pending: deque = deque()
    built: list[str] = []

    def collect() -> None:
        story_id, result = pending.popleft()
        if pool is None:
            if result is None:
                return
            store.save_story(result, current)
        elif not result.result():  # the worker built and saved it, or found no members
            return
        checkpoint("stories.save")
        built.append(story_id)
        tick(progress, len(built), len(todo))

    try:
        for story_id in todo:
            if pool is None:
                pending.append((story_id, build_one(store, story_id, settings)))
            else:
                pending.append((story_id, pool.submit(_build_in_worker, store.url, story_id,
                                                      settings, current)))
            while len(pending) > (workers - 1 if pool else 0):
                collect()
        while pending:
            collect()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return built


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

    def stage(name: str) -> Progress:
        def report(done: int, total: int) -> None:
            checkpoint(f"{name}.step")
            if progress is not None:
                progress(name, done, total)
        return report

    checkpoint("ingest")
    ingest = (ingest_paths(store, paths, settings, metadata=metadata, progress=stage("ingest"))
              if paths else None)
    if ingest is not None:
        release_model()  # this run ingests no more: its workers need not copy the detector
    checkpoint("annotate")
    annotated = annotate_pending(store, settings, progress=stage("annotate"))
    checkpoint("stories")
    touched = set(annotated.article_ids) | set(ingest.article_ids if ingest else ())
    stories = build_stories(store, settings, touched=touched, rebuild=rebuild,
                            progress=stage("stories"))
    return AnalyzeReport(ingest, annotated, stories)

