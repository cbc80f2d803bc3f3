"""Re-running the rule stages from stored parses against parsing afresh, and what stored
parses cost in store size, measured in one run.

    .venv/bin/python bench/rerun.py [--data ../shared/benchmarks/timeline17-dev] [--docs 100]
                                    [--repeat 2]

Ingests the same Timeline17 documents into two temporary SQLite stores, one with stored
parses (the default) and one without. In the first it times a full annotation (parse and
every stage) and then ``storyline annotate --rerun`` of every rule stage, which reads the
stored parses instead of parsing; ``--repeat`` rounds of the two, each side keeping its
fastest. Prints both times and their ratio (target >= 10x), the same in CPU seconds of the
process (steadier on a shared machine), and the size of each store per 1,000 words of
article text.
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


def _timed(call) -> tuple[float, float, object]:
    """Wall-clock seconds, CPU seconds of this process (which other work on the machine
    disturbs far less), and the result of ``call()``."""
    start, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - start, time.process_time() - cpu, result


def _clear(store) -> None:
    """Forget the annotations and parses (the articles stay), so the next run parses."""
    store.delete_parses()
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM annotations")


def run(articles: list[Article], repeat: int = 2) -> dict[str, float]:
    """Each of ``repeat`` rounds times a full annotation then a re-run of every rule stage;
    each side keeps its fastest round (the one least disturbed by other work)."""
    words = sum(len(a.text.split()) for a in articles)
    settings = load_settings(env={})
    rules = [s.name for s in STAGES.stages]
    fulls, reruns, full_cpu, rerun_cpu = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        folder = Path(tmp)
        kept = _store(folder, "parses", articles)
        services.annotate_pending(kept, settings)  # loads the model before timing
        for _ in range(max(1, repeat)):
            _clear(kept)
            parse_s, parse_cpu, first = _timed(
                lambda: services.annotate_pending(kept, settings))
            rerun_s, again_cpu, again = _timed(
                lambda: services.annotate_pending(kept, settings, rerun=rules))
            assert first.parsed == len(articles) and again.parsed == 0, (first, again)
            fulls.append(parse_s)
            reruns.append(rerun_s)
            full_cpu.append(parse_cpu)
            rerun_cpu.append(again_cpu)
        kept.close()
        bare = _store(folder, "no-parses", articles)
        services.annotate_pending(bare, replace(settings, annotate=replace(
            settings.annotate, store_parses=False)))
        bare.close()
        with_parses, without = _size(folder, "parses"), _size(folder, "no-parses")
    parse_s, rerun_s = min(fulls), min(reruns)
    return {"docs": len(articles), "words": words, "rounds": len(fulls),
            "parse_and_annotate_s": parse_s, "rerun_from_stored_parses_s": rerun_s,
            "ratio": parse_s / rerun_s,
            "parse_and_annotate_cpu_s": min(full_cpu), "rerun_cpu_s": min(rerun_cpu),
            "cpu_ratio": min(full_cpu) / min(rerun_cpu),
            "store_kb_per_1000_words_with_parses": with_parses / 1024 / words * 1000,
            "store_kb_per_1000_words_without_parses": without / 1024 / words * 1000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=2,
                        help="rounds of (full annotation, re-run); each keeps its fastest")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    figures = run(load_articles(args.data, args.docs), args.repeat)
    for key, value in figures.items():
        print(f"{key:42s} {value:,.3f}" if isinstance(value, float) else f"{key:42s} {value:,}")
    print(f"target: rerun >= 10x faster than parsing afresh: "
          f"{'met' if figures['ratio'] >= 10 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
