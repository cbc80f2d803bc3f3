"""One fuzz run: generate the inputs, ingest them with the real CLI, check the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from hostile import ENV, Expect, check, generate

from storyline.store import open_store

RUNNER = Path(__file__).with_name("run_ingest.py")


@dataclass
class FuzzResult:
    expects: list[Expect]
    stats: dict
    problems: list[str]
    reasons: Counter
    stored: int
    exit_code: int
    output: str


def run(root: Path, count: int, seed: int, timeout: float = 600) -> FuzzResult:
    """Write ``count`` inputs under ``root/in``, run ``storyline ingest in`` on them and
    compare the store with what each input must become."""
    expects = generate(root / "in", count, seed, prefix="in/")
    db, stats_path = root / "fuzz.db", root / "stats.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
    env.update(ENV, COLUMNS="200")
    done = subprocess.run([sys.executable, str(RUNNER), str(stats_path), "ingest", "in",
                           "--db", str(db)], check=False, cwd=root, env=env,
                          capture_output=True,
                          text=True, errors="replace", timeout=timeout)
    stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
    store = open_store(str(db))
    try:
        stored = {a.source for a in store.iter_articles()}
        rejected = {r.source: (r.reason.value, r.detail) for r in store.list_rejections()}
    finally:
        store.close()
    return FuzzResult(expects, stats, check(expects, stored, rejected),
                      Counter(reason for reason, _ in rejected.values()), len(stored),
                      done.returncode, done.stdout + done.stderr)
