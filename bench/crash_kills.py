"""SIGKILL `storyline analyze` at seeded points of every phase and compare each re-run with a
clean run (default 20 kills on 300 generated articles, SQLite).

    .venv/bin/python bench/crash_kills.py [--kills 20] [--articles 300] [--seed 15]
                                          [--incremental] [--postgres URL] [--keep DIR]

Uses the harness of the crash tests (tests/crash/): the articles are generated there, the
kill points come from the checkpoints a clean run passes. With ``--postgres URL`` (a server
URL, for example postgresql+psycopg://postgres@127.0.0.1:5432/postgres) every run gets a
fresh database on that server. With ``--incremental`` every run starts from the store of a
finished run over the early articles (the killed run adds to stored stories). Prints one line per kill (where it landed, the integrity
check, the re-run's seconds and whether the store equals the clean run's) and the totals;
exit 1 when any kill left a store that differs or fails its check.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "crash"))

from crash_articles import write_articles
from crash_run import (
    plan_kills,
    postgres_databases,
    postgres_integrity,
    read_points,
    run_analyze,
    snapshot,
    sqlite_databases,
    sqlite_integrity,
    story_summary,
    trial,
)


def _databases(args, work: Path):
    """A function giving a fresh store URL per name, and the integrity check for it."""
    if not args.postgres:
        return sqlite_databases(work), sqlite_integrity
    return postgres_databases(args.postgres), postgres_integrity


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--incremental", action="store_true")
    parser.add_argument("--postgres", default="")
    parser.add_argument("--keep", default="")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="storyline-crash-"))
    inputs = work / "inputs"
    lines = write_articles(inputs, args.articles, seed=args.seed)
    fresh, integrity = _databases(args, work)
    base = None
    if args.incremental:
        code, seconds, tail = run_analyze(inputs / "early", fresh("base"), work / "base.log")
        if code != 0:
            print(tail)
            return 1
        base = "base"
        print(f"base run (early/)     {seconds:.1f} s")
    url = fresh("clean", base)
    code, seconds, tail = run_analyze(inputs, url, work / "clean.log")
    if code != 0:
        print(tail)
        return 1
    clean = snapshot(url)
    points = read_points(work / "clean.log")
    print(f"store                 {'postgresql' if args.postgres else 'sqlite'}"
          f"{', incremental' if args.incremental else ''}")
    print(f"inputs                {lines} JSONL lines")
    print(f"clean run             {seconds:.1f} s, {story_summary(clean)}")
    print(f"checkpoints           {len(points)}: " + ", ".join(
        f"{n} {c}" for n, c in Counter(p.name for p in points).items()))
    failures, landed, started = 0, Counter(), time.monotonic()
    for index, kill in enumerate(plan_kills(points, args.kills, args.seed)):
        out = trial(inputs, fresh(f"kill{index}", base), work, kill, clean, integrity)
        landed[out.phase if out.killed else "finished"] += 1
        bad = out.integrity != "ok" or out.rerun_code != 0 or bool(out.differences)
        failures += bad
        print(f"kill {index + 1:>2} {kill.describe():<34} landed in {out.last_point or 'start':<20}"
              f" integrity {out.integrity:<4} re-run {out.rerun_seconds:5.1f} s "
              f"{'DIFFERS' if bad else 'equal'}")
        for line in out.differences:
            print(f"        {line}")
    print(f"kills by phase        {dict(sorted(landed.items()))}")
    print(f"stores differing      {failures} of {args.kills}")
    print(f"total seconds         {time.monotonic() - started:.0f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
