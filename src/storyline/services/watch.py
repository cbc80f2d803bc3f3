"""Follow a story: poll feeds, sitemaps and folders, ingest what is new, update the stories
it touches and say what changed.

One round: the feeds and sitemaps are fetched (conditionally: an unchanged feed costs a 304)
and only the pages not fetched before are read; in the folders, only files new or changed
since the last round. When anything new was stored, the stories are brought up to date
incrementally (``analyze``: pending annotations, new and changed stories only) and compared
with what they were: new stories, new articles, revised figures (a claim group whose
figures changed) and new disputes (a claim group that became ``conflicting``).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from ..config import Settings
from ..records import Article, Rejected, Story
from ..store import SqlStore
from .fetch import WebSources, open_run, web_items

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Figures:
    """A claim group as a round sees it: what it is about, its status, its figures."""

    subject: str
    unit: str | None
    status: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class StoryChange:
    """What changed in one story during a round."""

    story_id: str
    title: str
    new: bool
    article_ids: tuple[str, ...]  # the round's new articles in it
    revised: tuple[tuple[str, Figures, Figures], ...] = ()  # (group key, before, after)
    disputes: tuple[tuple[str, Figures], ...] = ()  # (group key, now conflicting)


@dataclass(frozen=True, slots=True)
class WatchReport:
    round: int
    checked_at: str
    articles: tuple[Article, ...] = ()  # new articles
    stories: tuple[StoryChange, ...] = ()
    rejected: tuple[Rejected, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.articles or self.stories)


@dataclass
class Watch:
    """What a watch follows, and what it remembers between rounds."""

    sources: WebSources
    folders: tuple[str, ...] = ()
    rounds: int = 0
    seen_files: dict[str, tuple[int, int]] = field(default_factory=dict)

    def changed_files(self) -> list:
        """The input files of the folders that are new or changed since the last round."""
        from ..ingest.sources import InputFile, expand_paths

        found = []
        for item in expand_paths(list(self.folders)) if self.folders else []:
            if not isinstance(item, InputFile):
                continue
            try:
                info = os.stat(item.path)
            except OSError:
                continue
            mark = (info.st_mtime_ns, info.st_size)
            if self.seen_files.get(item.source) != mark:
                self.seen_files[item.source] = mark
                found.append(item)
        return found


def _figures(story: Story) -> dict[str, Figures]:
    values = {c.id: c.value for c in story.claims}
    return {g.key or g.id: Figures(g.subject, g.unit, g.status,
                                   tuple(sorted({values[c] for c in g.claim_ids if c in values})))
            for g in story.claim_groups}


def _snapshot(store: SqlStore) -> dict[str, dict[str, Figures]]:
    """The claim groups of every stored story, by story."""
    return {story_id: _figures(store.get_story(story_id))
            for story_id in sorted(set(store.story_memberships().values()))}


def _story_change(story: Story, before: dict[str, Figures] | None,
                  new_ids: set[str]) -> StoryChange | None:
    after = _figures(story)
    old = before or {}
    revised = tuple((key, old[key], now) for key, now in after.items()
                    if key in old and old[key].values != now.values)
    disputes = tuple((key, now) for key, now in after.items() if now.status == "conflicting"
                     and (key not in old or old[key].status != "conflicting"))
    members = tuple(a for a in story.article_ids if a in new_ids)
    if before is not None and not (members or revised or disputes):
        return None
    return StoryChange(story.id, story.title, before is None, members, revised, disputes)


def _new_only(store: SqlStore, items: Iterable, new: list[Article]) -> Iterator:
    """``items`` unchanged, noting the articles the store does not hold yet."""
    for item in items:
        if isinstance(item, Article) and not store.existing_article_ids([item.id]):
            new.append(item)
        yield item


def _ingest_round(store: SqlStore, settings: Settings, watch: Watch
                  ) -> tuple[list[Article], tuple[Rejected, ...]]:
    from ..ingest.batch import iter_ingested
    from .ingest import _ingest

    run = open_run(store, settings, skip=lambda url: bool(store.fetched_urls([url])))
    new: list[Article] = []
    try:
        items = chain(iter_ingested(watch.changed_files(), settings.ingest),
                      web_items(run, watch.sources))
        report = _ingest(store, _new_only(store, items, new), settings, None, 0)
    finally:
        run.finish()
    return new, report.rejected


def watch_round(store: SqlStore, settings: Settings, watch: Watch) -> WatchReport:
    """One round: ingest what is new, update the stories, report the changes."""
    from ..ingest.fetch import now_iso
    from .stories import analyze

    watch.rounds += 1
    checked_at = now_iso()
    new, rejected = _ingest_round(store, settings, watch)
    if not new:
        return WatchReport(watch.rounds, checked_at, (), (), rejected)
    before = _snapshot(store)  # ingesting changes no story: this is how they were
    built = analyze(store, settings).stories.story_ids
    new_ids = {a.id for a in new}
    changes = [_story_change(store.get_story(s), before.get(s), new_ids) for s in built]
    return WatchReport(watch.rounds, checked_at, tuple(new),
                       tuple(c for c in changes if c is not None), rejected)


def follow(store: SqlStore, settings: Settings, watch: Watch, *, once: bool = False,
           rounds: int | None = None, on_report: Callable[[WatchReport], None] = lambda r: None,
           sleep: Callable[[float], None] = time.sleep) -> int:
    """Run rounds every ``watch.interval_seconds`` (one with ``once``; at most ``rounds``)
    and hand each report to ``on_report``; returns the number of rounds run."""
    limit = 1 if once else rounds
    while limit is None or watch.rounds < limit:
        started = time.monotonic()
        on_report(watch_round(store, settings, watch))
        if limit is not None and watch.rounds >= limit:
            break
        sleep(max(0.0, settings.watch.interval_seconds - (time.monotonic() - started)))
    return watch.rounds


def make_watch(settings: Settings, feeds: Sequence[str] = (), sitemaps: Sequence[str] = (),
               folders: Sequence[str] = ()) -> Watch:
    """What to follow: the given sources, plus those in the ``watch`` settings."""
    w = settings.watch
    return Watch(WebSources((), tuple(dict.fromkeys([*w.feeds, *feeds])),
                            tuple(dict.fromkeys([*w.sitemaps, *sitemaps]))),
                 tuple(dict.fromkeys([*w.folders, *folders])))


def _figures_json(figures: Figures) -> dict:
    return {"subject": figures.subject, "unit": figures.unit, "status": figures.status,
            "values": list(figures.values)}


def report_json(report: WatchReport) -> dict:
    """A round's report as the JSON object printed by ``watch --json`` and posted to the
    webhook."""
    story_of = {a: c.story_id for c in report.stories for a in c.article_ids}
    return {
        "round": report.round, "checked_at": report.checked_at,
        "new_articles": [{"id": a.id, "title": a.title, "url": a.url, "source": a.source,
                          "published": a.published, "language": a.language,
                          "story_id": story_of.get(a.id)} for a in report.articles],
        "new_stories": [{"id": c.story_id, "title": c.title, "article_ids": list(c.article_ids)}
                        for c in report.stories if c.new],
        "changed_stories": [{
            "id": c.story_id, "title": c.title, "new_article_ids": list(c.article_ids),
            "revised_figures": [{"group": key, "before": _figures_json(old),
                                 "after": _figures_json(new)} for key, old, new in c.revised],
            "new_disputes": [{"group": key, **_figures_json(now)} for key, now in c.disputes],
        } for c in report.stories if not c.new],
        "rejected": [{"source": r.source, "reason": r.reason.value, "detail": r.detail}
                     for r in report.rejected],
    }


def post_report(settings: Settings, url: str, report: WatchReport) -> Rejected | None:
    """POST the report's JSON to the webhook ``url`` (public addresses only, unless
    ``fetch.allowed_networks`` holds it); a failure comes back as a rejection."""
    import json

    from ..ingest.fetch import Fetcher
    from ..ingest.guard import Reject

    payload = json.dumps(report_json(report)).encode("utf-8")
    with Fetcher(settings.fetch) as fetcher:
        try:
            fetcher.post_json(url, payload)
        except Reject as exc:
            log.warning("webhook %s: %s", url, exc.detail)
            return Rejected(url, exc.reason, exc.detail)
    return None
