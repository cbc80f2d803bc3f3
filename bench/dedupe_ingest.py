"""Near-duplicate linking cost per ingest as the store fills with near-duplicates.

    .venv/bin/python bench/dedupe_ingest.py [--articles 16000] [--checkpoints 1000,4000,16000]

Ingests near-copies of one article (two words changed each) until the store holds each
checkpoint's count, and at each checkpoint times a one-file ingest of one more near-copy
and of an unrelated article. For the ratio it also times what linking used to cost per
ingest, ``find_duplicates`` over every stored article (up to ``--old-up-to`` articles: it
grows with the square of a near-duplicate group).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from storyline import services
from storyline.config import load_settings
from storyline.ingest.dedupe import find_duplicates

_VOCABULARY = ("harbour council ferry crew island bridge river market library school street "
               "tram mayor budget tunnel station winter summer storm flood road museum garden "
               "forest factory workers union teacher nurse doctor hospital farmer harvest")
WORDS = tuple(_VOCABULARY.split())


def text(rng: random.Random, words: int = 180) -> str:
    body = [rng.choice(WORDS) + str(rng.randint(0, 99)) for _ in range(words)]
    return " ".join(body[:60]) + ".\n\n" + " ".join(body[60:120]) + ".\n\n" + \
        " ".join(body[120:]) + "."


def near_copy(base: str, rng: random.Random) -> str:
    words = base.split(" ")
    for _ in range(2):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words)


def timed_ingest(store, folder: Path, name: str, body: str, settings) -> float:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    started = time.perf_counter()
    services.ingest_paths(store, [str(path)], settings)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=16_000)
    parser.add_argument("--checkpoints", default="1000,4000,16000")
    parser.add_argument("--old-up-to", type=int, default=4000,
                        help="time the old full relink only up to this many articles")
    args = parser.parse_args()
    checkpoints = sorted(int(c) for c in args.checkpoints.split(",") if int(c) <= args.articles)
    rng = random.Random(16)
    base = text(rng)
    with tempfile.TemporaryDirectory(prefix="storyline-dedupe-") as tmp:
        root = Path(tmp)
        settings = load_settings(env={}, overrides={"store": {"url": str(root / "d.db")}})
        store = services.open_store(settings)
        done = 0
        print("stored | fill s/article | one near-copy s | one unrelated s | "
              "old full relink s | duplicates")
        for checkpoint in checkpoints:
            folder = root / f"fill{checkpoint}"
            folder.mkdir()
            paths = []
            for n in range(done, checkpoint):
                path = folder / f"n{n:06d}.txt"
                path.write_text(near_copy(base, rng), encoding="utf-8")
                paths.append(str(path))
            started = time.perf_counter()
            report = services.ingest_paths(store, paths, settings)
            fill = (time.perf_counter() - started) / max(len(paths), 1)
            done = checkpoint
            extra = root / f"extra{checkpoint}"
            extra.mkdir()
            near = timed_ingest(store, extra, "near.txt", near_copy(base, rng), settings)
            other = timed_ingest(store, extra, "other.txt", text(rng), settings)
            articles = list(store.iter_articles())
            old = "-"
            if len(articles) <= args.old_up_to:
                started = time.perf_counter()
                find_duplicates(articles, settings.ingest)
                old = f"{time.perf_counter() - started:.1f}"
            print(f"{len(articles)} | {fill:.4f} | {near:.3f} | {other:.3f} | {old} | "
                  f"{report.duplicates}", flush=True)
        store.close()


if __name__ == "__main__":
    main()
