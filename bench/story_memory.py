"""Peak memory of the story stage with ``annotate.workers`` processes, by story size.

    .venv/bin/python bench/story_memory.py --sizes 500 1000 2000 [--stories 2] [--workers 2]
    .venv/bin/python bench/story_memory.py --annotated STORE.db --sizes 60 198

For each size N, fills a fresh SQLite store with ``--stories`` stories of N synthetic
articles each (``bench/rich_synthetic.py``: annotations with as many records of each kind as
annotated Timeline17 articles have; memberships stored, no story built), then runs the story
stage (``build_stories``) in a new process with ``--workers`` workers and samples the
resident memory of that process and its workers every 0.2 s (``bench/rss.py``). Prints the
peak of the largest process and of the whole process tree, the seconds, and the peak per
article over the smallest size. Two stories of N articles keep both workers on a story of
that size at once: the stage's worst case.

With ``--annotated STORE.db`` (a store that ``storyline analyze`` filled with real articles),
builds the first N annotated articles (by id) as one story in this process, for each size,
and prints what the Python allocations (``tracemalloc``) hold: the annotations as a build
reads them, and the peak of reading and building, per article.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
import tempfile
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import rich_synthetic
import rss

from storyline.config import Settings
from storyline.records import stable_id
from storyline.story.profiles import profile_day, profile_to_plain

PAGE = 250  # articles written per transaction


def fill(db: str, size: int, stories: int) -> None:
    """``stories`` stories of ``size`` articles each, clustered, none built."""
    from storyline.store import open_store

    store = open_store(db)
    rng = random.Random(size)
    for story in range(stories):
        key = stable_id("story", "rich", str(size), str(story))
        for start in range(0, size, PAGE):
            batch = [rich_synthetic.rich_article(story * size + i, story, i // 20, rng)
                     for i in range(start, min(size, start + PAGE))]
            store.upsert_articles([a for a, _, _ in batch])
            store.save_annotated([(ann, None) for _, ann, _ in batch])
            store.save_profiles([(p.article_id, profile_day(p.published), p.published,
                                  profile_to_plain(p)) for _, _, p in batch])
            store.apply_clustering({a.id: key for a, _, _ in batch}, {})
    store.close()


def build(db: str, workers: int) -> None:
    """The story stage over the store (run in the measured process)."""
    from storyline.services.stories import build_stories
    from storyline.store import open_store

    settings = Settings()
    settings = dataclasses.replace(
        settings, annotate=dataclasses.replace(settings.annotate, workers=workers))
    report = build_stories(open_store(db), settings)
    sys.stdout.write(f"built {report.stories_built} stories\n")


def annotated_story(db: str, size: int) -> tuple[int, float, float]:
    """(articles, MiB of annotations held, MiB at the peak of reading and building) for one
    story of the first ``size`` annotated articles of ``db``."""
    from storyline.services.stories import load_story
    from storyline.store import open_store
    from storyline.story.build import build_story

    store = open_store(db, migrate=False)
    ids = sorted(store.annotation_versions())[:size]
    warm = sorted(store.get_articles(ids[:5]).values(), key=lambda a: a.id)
    build_story("warm", warm, store.get_annotations(ids[:5]), Settings())  # imports, caches

    class _Store:  # the store, with the story's members given
        def __getattr__(self, name):
            return getattr(store, name)

        def story_member_ids(self, _story_id):
            return ids

    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    articles, annotations = load_story(_Store(), "one")
    held = tracemalloc.get_traced_memory()[0] - base
    build_story("one", articles, annotations, Settings())
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return len(articles), held / 2**20, peak / 2**20


def _annotated(db: str, sizes: list[int]) -> int:
    rows = [annotated_story(db, size) for size in sizes]
    sys.stdout.write("| articles | annotations held | peak of reading and building |\n"
                     "|---|---|---|\n")
    for n, held, peak in rows:
        sys.stdout.write(f"| {n} | {held:.1f} MiB ({held * 1024 / n:.0f} KiB/article) "
                         f"| {peak:.1f} MiB |\n")
    (n0, _, p0), (n1, _, p1) = rows[0], rows[-1]
    if n1 > n0:
        sys.stdout.write(f"peak growth per added article: {(p1 - p0) * 1024 / (n1 - n0):.0f} KiB\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--stories", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--annotated", help="a store of annotated articles: one real story")
    parser.add_argument("--build", help=argparse.SUPPRESS)  # the measured process
    args = parser.parse_args(argv)
    if args.annotated:
        return _annotated(args.annotated, args.sizes)
    if args.build:
        build(args.build, args.workers)
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="storyline-story-memory-") as tmp:
        for size in args.sizes:
            db = str(Path(tmp) / f"story-{size}.db")
            fill(db, size, args.stories)
            result = rss.measure([sys.executable, __file__, "--build", db,
                                  "--workers", str(args.workers)], dict(os.environ))
            rows.append((size, result))
            sys.stdout.write(f"{size}: {result['output'].strip()}\n")
            sys.stdout.flush()
    first_size, first = rows[0]
    sys.stdout.write(f"\n{args.stories} stories of N articles, --workers {args.workers}\n"
                     "| N | peak RSS, largest process | peak RSS, whole tree "
                     "| peak PSS, whole tree | seconds | tree growth per article |\n"
                     "|---|---|---|---|---|---|\n")
    for size, r in rows:
        added = (size - first_size) * args.stories
        growth = (f"{(r['tree_mib'] - first['tree_mib']) * 1024 / added:.0f} KiB"
                  if added else "-")
        sys.stdout.write(f"| {size:,} | {r['single_mib']:.0f} MiB | {r['tree_mib']:.0f} MiB "
                         f"| {r['tree_pss_mib']:.0f} MiB | {r['seconds']:.0f} | {growth} |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
