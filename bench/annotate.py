"""Annotate-stage throughput against bare spaCy over the same texts, in one run.

    .venv/bin/python bench/annotate.py [--data ../shared/benchmarks/timeline17-dev] [--docs 150]

Prints words/s of bare ``nlp.pipe`` and of the whole annotate stage (``nlp.pipe`` plus every
annotate component), and their ratio. Target: the stage keeps >= 60% of bare throughput.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from storyline.annotate import annotate_article
from storyline.annotate.models import load_nlp, model_version
from storyline.records import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "timeline17-dev"


def load_texts(data: Path, limit: int) -> list[tuple[str, str]]:
    """(publication date, text) of the first ``limit`` Timeline17 input documents."""
    files = sorted(data.glob("*/InputDocs/*/*.txt"))
    step = max(1, len(files) // limit) if files else 1
    chosen = files[::step][:limit]
    return [(f.parent.name, " ".join(f.read_text(encoding="utf-8", errors="replace").split("\n")))
            for f in chosen]


def run(texts: list[tuple[str, str]]) -> dict[str, float]:
    nlp = load_nlp()
    words = sum(len(t.split()) for _, t in texts)
    list(nlp.pipe(["warm up the pipeline."]))
    start = time.perf_counter()
    for _ in nlp.pipe([t for _, t in texts], batch_size=32):
        pass
    bare = time.perf_counter() - start
    version = model_version(nlp)
    articles = [Article(id=f"b{i}", source=f"b{i}", text=t, published=d)
                for i, (d, t) in enumerate(texts)]
    start = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe([a.text for a in articles], batch_size=32)):
        annotate_article(article, doc, version)
    stage = time.perf_counter() - start
    return {"docs": len(texts), "words": words, "bare_wps": words / bare,
            "stage_wps": words / stage, "ratio": bare / stage}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--docs", type=int, default=150)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    texts = load_texts(args.data, args.docs)
    if not texts:
        sys.stderr.write(f"no documents under {args.data}\n")
        return 2
    r = run(texts)
    sys.stdout.write(
        f"docs={r['docs']} words={r['words']}\n"
        f"bare nlp.pipe: {r['bare_wps']:.0f} words/s\n"
        f"annotate stage: {r['stage_wps']:.0f} words/s\n"
        f"ratio stage/bare: {r['ratio']:.2f} (target >= 0.60)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
