"""Crash consistency: `storyline analyze` killed with SIGKILL anywhere leaves a store that
passes its integrity check, and a re-run gives exactly the clean run's store.

Each kill runs analyze over generated articles (``crash_articles``) and kills it at a
seeded point of the clean run: exactly at a checkpoint (SIGSTOP there, then SIGKILL) or a
random time after one, spread over ingest, annotation and story building. After each kill:
the integrity check (SQLite ``PRAGMA integrity_check`` and the FTS5 index check;
PostgreSQL ``amcheck`` over every B-tree index), a re-run (the same command, or ``analyze`` on the store alone when the kill
came after ingest) and every table compared row for row with the clean run's. A run starts
from an empty store, or (incremental) from the store of a finished run over the early
articles, so that the killed run adds members to stored stories, makes a new one and links
copies to stored originals. ``STORYLINE_CRASH_KILLS`` (default 5),
``STORYLINE_CRASH_ARTICLES`` (default 200) and ``STORYLINE_CRASH_SEED`` change the run;
``bench/crash_kills.py`` runs 20 kills.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from crash_articles import write_articles
from crash_run import (
    PHASES,
    Outcome,
    plan_kills,
    postgres_databases,
    postgres_integrity,
    read_points,
    run_analyze,
    snapshot,
    sqlite_databases,
    sqlite_integrity,
    trial,
)

KILLS = int(os.environ.get("STORYLINE_CRASH_KILLS", "5"))
ARTICLES = int(os.environ.get("STORYLINE_CRASH_ARTICLES", "200"))
SEED = int(os.environ.get("STORYLINE_CRASH_SEED", "15"))

pytestmark = pytest.mark.crash

Fresh = Callable[..., str]


def _run_kills(tmp_path: Path, fresh: Fresh, integrity: Callable[[str], str], *,
               incremental: bool = False, kills: int = KILLS) -> list[Outcome]:
    inputs = tmp_path / "inputs"
    write_articles(inputs, ARTICLES, seed=SEED)
    base = None
    if incremental:
        base_url = fresh("base")
        code, _, tail = run_analyze(inputs / "early", base_url, tmp_path / "base.log")
        assert code == 0, tail
        base, before = "base", snapshot(base_url)
    url = fresh("clean", base)
    code, _, tail = run_analyze(inputs, url, tmp_path / "clean.log")
    assert code == 0, tail
    clean = snapshot(url)
    assert len(clean["stories"]) >= 3, "the generated articles should make several stories"
    assert all(len(clean[k]) for k in ("articles", "annotations", "story_items"))
    if incremental:  # the run to kill adds members to stored stories and makes a new one
        old = {row[0]: row for row in before["stories"]}
        assert len(clean["stories"]) > len(old)
        assert any(row[0] in old and row != old[row[0]] for row in clean["stories"])
    points = read_points(tmp_path / "clean.log")
    assert {p.phase for p in points} == set(PHASES)
    outcomes = [trial(inputs, fresh(f"kill{i}", base), tmp_path, kill, clean, integrity)
                for i, kill in enumerate(plan_kills(points, kills, SEED))]
    assert len(outcomes) == kills
    return outcomes


def _check(outcomes: list[Outcome]) -> None:
    report = "\n".join(f"{o.kill.describe()} -> {o.last_point}: {o.integrity}; "
                       f"re-run {o.rerun_code}; {o.differences}" for o in outcomes)
    for outcome in outcomes:
        assert outcome.integrity == "ok", report
        assert outcome.rerun_code == 0, report
        assert outcome.differences == [], report
    landed = Counter(o.phase for o in outcomes if o.killed)
    assert sum(landed.values()) >= len(outcomes) - 1, report  # a timed kill may come late
    if len(outcomes) >= 5:
        assert set(PHASES) <= set(landed), report


def test_sqlite_store_survives_sigkill_anywhere(tmp_path: Path) -> None:
    _check(_run_kills(tmp_path, sqlite_databases(tmp_path), sqlite_integrity))


def test_sqlite_store_survives_sigkill_while_adding_to_stored_stories(tmp_path: Path) -> None:
    _check(_run_kills(tmp_path, sqlite_databases(tmp_path), sqlite_integrity,
                      incremental=True))


def test_postgres_store_survives_sigkill_anywhere(tmp_path: Path, postgres_url: str) -> None:
    _check(_run_kills(tmp_path, postgres_databases(postgres_url), postgres_integrity))
