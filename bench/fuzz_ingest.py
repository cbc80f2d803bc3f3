"""Fuzz `storyline ingest` with generated hostile and mixed files (default 20,000).

    .venv/bin/python bench/fuzz_ingest.py [--files 20000] [--seed 7] [--keep DIR]

Writes the files with the generator of the fuzz suite (tests/fuzz/hostile.py), runs the
real CLI on them in a subprocess and prints: files/s, peak RSS, max and mean seconds per
file, stored articles, rejections by reason, and how many expectations failed (exit 1 when
any did: a good file not stored, a bad file not rejected with its reason, a traceback).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

from fuzz_run import run
from hostile import LIMITS


def report(result, files: int, wall: float) -> None:
    stats = result.stats
    print(f"inputs generated      {files}")
    print(f"files read            {stats.get('files')}")
    print(f"ingest seconds        {stats.get('total_seconds')}")
    print(f"files/s               {stats.get('files', 0) / max(stats.get('total_seconds', 1), 1e-9):.1f}")
    print(f"peak RSS (MiB)        {stats.get('peak_rss_mib')}")
    print(f"max s per file        {stats.get('max_file_seconds')} ({stats.get('slowest')})")
    print(f"mean s per file       {stats.get('mean_file_seconds')}")
    print(f"articles stored       {result.stored}")
    print(f"rejections            {sum(result.reasons.values())}")
    for reason, count in sorted(result.reasons.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {reason:<24}{count}")
    print(f"exit code             {result.exit_code}")
    print(f"tracebacks            {result.output.count('Traceback')}")
    print(f"expectations failed   {len(result.problems)}")
    for line in result.problems[:20]:
        print(f"  {line}")
    print(f"wall seconds (with generation and checks) {wall:.1f}")
    print(f"bounds: {LIMITS}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="write the files here")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = run(args.keep, args.files, args.seed, timeout=3600)
    else:
        with tempfile.TemporaryDirectory(prefix="storyline-fuzz-") as tmp:
            result = run(Path(tmp), args.files, args.seed, timeout=3600)
    report(result, args.files, time.perf_counter() - started)
    broken = result.problems or "Traceback" in result.output or result.exit_code not in (0, 1)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
