"""End-to-end throughput of `storyline analyze` against bare `nlp.pipe`, side by side.

    .venv/bin/python bench/throughput.py --docs 100 --workers 2

Both runs get the same texts (a shuffled Timeline17 sample written as one JSONL file) and
the same number of processes, each as a fresh process so both pay for starting Python and
loading the model: bare ``nlp.pipe(texts, n_process=W)`` of the same pipeline, and
``storyline analyze FILE --workers W`` (ingest, annotate, stories) on a new SQLite store.
The two alternate ``--repeat`` times and each keeps its fastest run (the least disturbed by
other work on the machine). Prints words/s of each and the ratio (target >= 0.8).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_archive

STORYLINE = Path(sys.executable).with_name("storyline")
BARE = """
import json, sys
from storyline.annotate.models import load_nlp
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = load_nlp()
for _ in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[2])):
    pass
"""


def timed(command: list[str]) -> float:
    env = {**os.environ, "STORYLINE_CONFIG": ""}
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        sys.stderr.write(result.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=make_archive.DEFAULT_DATA)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    entries = make_archive.build(make_archive.documents(args.data), args.docs, 13)
    words = sum(len(e["text"].split()) for e in entries)
    with tempfile.TemporaryDirectory(prefix="storyline-throughput-") as tmp:
        source = Path(tmp) / "sample.jsonl"
        source.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
        bares, fulls = [], []
        for run in range(args.repeat):
            bares.append(timed([sys.executable, "-c", BARE, str(source), str(args.workers)]))
            fulls.append(timed([str(STORYLINE), "analyze", str(source), "--workers",
                                str(args.workers), "--db", str(Path(tmp) / f"t{run}.db")]))
        bare, full = min(bares), min(fulls)
    sys.stdout.write(
        f"docs={len(entries)} words={words} processes={args.workers} "
        f"runs: bare {', '.join(f'{t:.1f}' for t in bares)} s, "
        f"analyze {', '.join(f'{t:.1f}' for t in fulls)} s\n"
        f"bare nlp.pipe: {bare:.1f} s, {words / bare:.0f} words/s\n"
        f"storyline analyze: {full:.1f} s, {words / full:.0f} words/s\n"
        f"ratio analyze/bare: {bare / full:.2f} (target >= 0.80)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
