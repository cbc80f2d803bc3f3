"""Story-stage cost per 100 new articles as the archive grows (synthetic archives).

    .venv/bin/python bench/story_cost.py --sizes 1000 10000 100000

For each size, fills a fresh SQLite store with a synthetic archive (``bench/synthetic.py``:
stories of 20 articles, 20 articles a day, profiles, memberships and story records stored
as the current story stage leaves them, so none is rebuilt for being unbuilt), then adds 100
new articles (80 continuing the latest stories, 20 opening new ones) and times the story
stage on them: profiling, clustering among the neighbours in time, and building the touched
stories. Prints seconds (wall, and CPU: one process) per 100 new articles per size, after a
first small run that is not reported (it loads what a process loads once).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic

from storyline.config import Settings
from storyline.services.stories import build_stories, cluster_pending, story_build
from storyline.store import open_store

#: the size of a first, unreported run: the first run of a process also pays for imports
WARM_UP = 400


def new_articles(size: int) -> list:
    """100 new articles dated on the archive's last days: 80 of its latest stories (4 per
    story), 20 of new stories."""
    rng = random.Random(size)
    last_story = synthetic.story_of(size - 1)
    made = []
    for i in range(100):
        story = last_story - (i % 20) if i < 80 else last_story + 1 + (i - 80) // 5
        made.append(synthetic.article(size + i, story, synthetic.day_of(size - 1), rng))
    return made


def measure(size: int, tmp: Path) -> dict[str, float]:
    store = open_store(str(tmp / f"cost-{size}.db"))
    settings = Settings()
    start = time.perf_counter()
    synthetic.fill(store, size, build=story_build(settings))
    filled = time.perf_counter() - start
    batch = new_articles(size)
    store.upsert_articles([a for a, _, _ in batch])
    store.save_annotated([(ann, None) for _, ann, _ in batch])
    cpu = time.process_time()
    start = time.perf_counter()
    clustered = cluster_pending(store, settings)
    clustering = time.perf_counter() - start
    start = time.perf_counter()
    report = build_stories(store, settings, touched=[a.id for a, _, _ in batch])
    building = time.perf_counter() - start
    cpu = time.process_time() - cpu
    store.close()
    return {"size": size, "fill_s": filled, "cluster_s": clustering, "build_s": building, "cpu_s": cpu,
            "stories": report.stories_built, "joined": len(set(clustered.assignments.values()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storyline-cost-") as tmp:
        measure(WARM_UP, Path(tmp))  # loads what the story stage loads once per process
        for size in args.sizes:
            r = measure(size, Path(tmp))
            total = r["cluster_s"] + r["build_s"]
            sys.stdout.write(
                f"archive {size:>7,}: story stage {total:.2f} s per 100 new articles "
                f"({r['cpu_s']:.2f} CPU s; clustering {r['cluster_s']:.2f} s, building {r['stories']} stories "
                f"{r['build_s']:.2f} s; store filled in {r['fill_s']:.0f} s)\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
