"""Stories: cluster new articles, infer dates, build new, changed and stale stories."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..config import Settings, as_dict
from ..records import Article, DateSource, stable_id
from ..store import SqlStore
from .annotate import AnnotateReport, annotate_pending
from .common import Progress, tick
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


def _collection(store: SqlStore, settings: Settings, name: str, **slots):
    from ..pipeline import run_table
    from ..story import COLLECTION

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
    from ..story.build import build_story

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
        tick(progress, done, len(todo))
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

