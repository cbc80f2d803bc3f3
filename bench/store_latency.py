"""Large-store latencies: search, story list and story page, p50 and p95, on SQLite and
(with --postgres URL) PostgreSQL.

    .venv/bin/python bench/store_latency.py --articles 100000 [--postgres postgresql+psycopg://...]

Fills a store with a synthetic archive (``bench/synthetic.py``: 5 sentences per article,
stories of 20 articles kept as records), then times through the services, as the web app
and the API call them: full-text searches (one and two words of story vocabulary, 50
queries), story list pages (the first and deep pages, with and without an outlet filter)
and story pages (a story with its articles as story JSON v1, 50 random stories).
Targets: search p95 < 50 ms, story list p95 < 100 ms, story page p95 < 300 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic

from storyline import services
from storyline.store import StoryFilter, open_store


def timed(calls) -> dict[str, float]:
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))]}


def run(store, count: int) -> dict[str, dict[str, float]]:
    rng = random.Random(7)
    stories = count // synthetic.STORY_SIZE
    picks = [rng.randrange(stories) for _ in range(50)]
    words = [synthetic.story_words(s) for s in picks]
    searches = [(lambda q=f"{t[0][i % 12]}": services.search(store, q, limit=20))
                for i, t in enumerate(words[:25])]
    pairs = [f"{t[1][0].split()[1]} {t[0][1]}" for t in words[25:]]
    searches += [(lambda q=q: services.search(store, q, limit=20)) for q in pairs]
    pages = [str(o) for o in (0, 50, 500, 5000, count // 40)]
    listing = [(lambda c=c: services.list_stories(store, None, 50, c)) for c in pages * 6]
    listing += [(lambda o=f"Outlet {i % 7}": services.list_stories(
        store, StoryFilter(outlet=o), 50)) for i in range(20)]
    ids = [store.list_stories(None, 1, str(rng.randrange(stories))).items[0].id
           for _ in range(50)]
    story_pages = [(lambda s=s: services.story_document(services.get_story(store, s)))
                   for s in ids]
    return {"search": timed(searches), "story list": timed(listing),
            "story page": timed(story_pages)}


def report(name: str, count: int, result: dict) -> None:
    targets = {"search": 50, "story list": 100, "story page": 300}
    for kind, figures in result.items():
        sys.stdout.write(f"{name} {count:,} articles: {kind:10} p50 {figures['p50']:6.1f} ms, "
                         f"p95 {figures['p95']:6.1f} ms (target p95 < {targets[kind]} ms)\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--postgres", default=None, help="an empty PostgreSQL database URL")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storyline-latency-") as tmp:
        urls = [("sqlite", str(Path(tmp) / "large.db"))]
        if args.postgres:
            urls.append(("postgresql", args.postgres))
        for name, url in urls:
            store = open_store(url)
            start = time.perf_counter()
            synthetic.fill(store, args.articles, build_stories=True)
            sys.stdout.write(f"{name}: filled {args.articles:,} articles in "
                             f"{time.perf_counter() - start:.0f} s\n")
            report(name, args.articles, run(store, args.articles))
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
