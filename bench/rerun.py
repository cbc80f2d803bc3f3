"""Re-running the rule stages from stored parses against parsing afresh, and what stored
parses cost in store size, measured in one run.

    .venv/bin/python bench/rerun.py [--data ../shared/benchmarks/timeline17-dev] [--docs 100]

Ingests the same Timeline17 documents into two temporary SQLite stores, one with stored
parses (the default) and one without. In the first it times a full annotation (parse and
every stage) and then ``storyline annotate --rerun`` of every rule stage, which reads the
stored parses instead of parsing. Prints both times and their ratio (target >= 10x), and the
size of each store per 1,000 words of article text.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from storyline import services
from storyline.annotate import STAGES
from storyline.config import load_settings
from storyline.records import Article, DateSource, stable_id
from storyline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "timeline17-dev"


def load_articles(data: Path, limit: int) -> list[Article]:
    """The first ``limit`` Timeline17 input documents, spread over the topics."""
    files = sorted(data.glob("*/InputDocs/*/*.txt"))
    step = max(1, len(files) // limit) if files else 1
    out = []
    for path in files[::step][:limit]:
        text = "\n\n".join(line.strip() for line in
                           path.read_text(encoding="utf-8", errors="replace").splitlines()
                           if line.strip())
        key = stable_id(path.relative_to(data))
        out.append(Article(id=key, source=str(path), text=text, published=path.parent.name,
                           published_from=DateSource.METADATA, content_hash=stable_id(text)))
    return out


def _store(folder: Path, name: str, articles: list[Article]):
    store = open_store(str(folder / f"{name}.db"))
    store.upsert_articles(articles)
    return store


def _size(folder: Path, name: str) -> int:
    return sum(p.stat().st_size for p in folder.glob(f"{name}.db*"))


def _timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def run(articles: list[Article]) -> dict[str, float]:
    words = sum(len(a.text.split()) for a in articles)
    settings = load_settings(env={})
    rules = [s.name for s in STAGES.stages]
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        folder = Path(tmp)
        kept = _store(folder, "parses", articles)
        services.annotate_pending(kept, settings)  # loads the model before timing
        kept.delete_parses()
        with kept.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM annotations")
        parse_s, first = _timed(lambda: services.annotate_pending(kept, settings))
        rerun_s, again = _timed(lambda: services.annotate_pending(kept, settings, rerun=rules))
        kept.close()
        bare = _store(folder, "no-parses", articles)
        services.annotate_pending(bare, replace(settings, annotate=replace(
            settings.annotate, store_parses=False)))
        bare.close()
        with_parses, without = _size(folder, "parses"), _size(folder, "no-parses")
    assert first.parsed == len(articles) and again.parsed == 0, (first, again)
    return {"docs": len(articles), "words": words, "parse_and_annotate_s": parse_s,
            "rerun_from_stored_parses_s": rerun_s, "ratio": parse_s / rerun_s,
            "store_kb_per_1000_words_with_parses": with_parses / 1024 / words * 1000,
            "store_kb_per_1000_words_without_parses": without / 1024 / words * 1000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--docs", type=int, default=100)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    figures = run(load_articles(args.data, args.docs))
    for key, value in figures.items():
        print(f"{key:42s} {value:,.3f}" if isinstance(value, float) else f"{key:42s} {value:,}")
    print(f"target: rerun >= 10x faster than parsing afresh: "
          f"{'met' if figures['ratio'] >= 10 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
