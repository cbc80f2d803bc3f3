"""Kill `storyline analyze` with SIGKILL at chosen points and compare the store it leaves
with a clean run's (the harness of the crash tests and of ``bench/crash_kills.py``).

A run writes the points it passes to a checkpoint log (``storyline.services.checkpoints``).
A kill plan names a point of the clean run and either stops the process exactly there
(SIGSTOP, then SIGKILL) or kills it a random time after it, within the clean run's gap to
the next point, so that kills land between and inside the committed steps of every phase.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from storyline.services.checkpoints import LOG_ENV, STOP_ENV

PHASES = ("ingest", "annotate", "stories")
# Kills per phase come in this order: story building, with the most committed steps, twice.
PHASE_CYCLE = ("stories", "annotate", "ingest", "stories")
RUN_TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class Point:
    seconds: float
    name: str

    @property
    def phase(self) -> str:
        return self.name.split(".")[0]


@dataclass(frozen=True, slots=True)
class Kill:
    """Kill at the ``count``-th pass of ``name``: exactly there (``delay`` None) or
    ``delay`` seconds after it. With ``resume``, a kill that lands after ingest is followed
    by ``storyline analyze`` on the store alone (no paths: nothing is read again, so only
    what the store itself remembers can finish the work); otherwise by the same command."""

    name: str
    count: int
    delay: float | None
    resume: bool = False

    def describe(self) -> str:
        at = "at" if self.delay is None else f"{self.delay:.2f}s after"
        return f"{at} {self.name}#{self.count}" + (" (resume)" if self.resume else "")


@dataclass(slots=True)
class Outcome:
    kill: Kill
    killed: bool  # False: the run finished before the kill came
    last_point: str  # the last point the killed run passed ("" before any)
    integrity: str
    rerun_code: int
    rerun_seconds: float
    differences: list[str] = field(default_factory=list)

    @property
    def phase(self) -> str:
        return self.last_point.split(".")[0] if self.last_point else "start"


def read_points(log: Path) -> list[Point]:
    if not log.exists():
        return []
    points = []
    for line in log.read_text(encoding="utf-8").splitlines():
        seconds, _, name = line.partition(" ")
        if name:
            points.append(Point(float(seconds), name))
    return points


def _env(log: Path, stop: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
    env[LOG_ENV] = str(log)
    if stop:
        env[STOP_ENV] = stop
    return env


def _command(inputs: Path | None, url: str) -> list[str]:
    paths = [str(inputs)] if inputs is not None else []
    return [sys.executable, "-m", "storyline", "analyze", *paths, "--db", url]


def run_analyze(inputs: Path | None, url: str, log: Path) -> tuple[int, float, str]:
    """Run analyze (on ``inputs``, or on the store alone with None) to the end: exit code,
    seconds and output tail."""
    started = time.monotonic()
    done = subprocess.run(_command(inputs, url), env=_env(log), capture_output=True,
                          text=True, timeout=RUN_TIMEOUT, check=False)
    return done.returncode, time.monotonic() - started, (done.stdout + done.stderr)[-3000:]


def plan_kills(points: list[Point], kills: int, seed: int) -> list[Kill]:
    """``kills`` plans over the clean run's ``points``, phases in ``PHASE_CYCLE`` order,
    half of them exact stops and half timed."""
    rng = random.Random(seed)
    plans = []
    for index in range(kills):
        phase = PHASE_CYCLE[index % len(PHASE_CYCLE)]
        where = [i for i, p in enumerate(points) if p.phase == phase]
        if not where:
            continue
        i = rng.choice(where)
        count = sum(1 for p in points[:i + 1] if p.name == points[i].name)
        gap = (points[i + 1].seconds if i + 1 < len(points) else points[i].seconds + 1.0) \
            - points[i].seconds
        delay = None if rng.random() < 0.5 else rng.uniform(0.0, max(gap, 0.05))
        plans.append(Kill(points[i].name, count, delay, resume=rng.random() < 0.5))
    return plans


def _stopped(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] in {"T", "t"}


def _passed(log: Path, kill: Kill) -> bool:
    return sum(1 for p in read_points(log) if p.name == kill.name) >= kill.count


def kill_run(inputs: Path, url: str, log: Path, kill: Kill) -> tuple[bool, str]:
    """Run analyze and kill it as ``kill`` says: (killed, the last point it passed)."""
    log.unlink(missing_ok=True)
    stop = f"{kill.name}#{kill.count}" if kill.delay is None else None
    proc = subprocess.Popen(_command(inputs, url), env=_env(log, stop),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + RUN_TIMEOUT
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if kill.delay is None and _stopped(proc.pid):
                break
            if kill.delay is not None and _passed(log, kill):
                time.sleep(kill.delay)
                break
            time.sleep(0.005)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    points = read_points(log)
    return killed, points[-1].name if points else ""


def sqlite_integrity(path: str) -> str:
    """``PRAGMA integrity_check``, then FTS5's own check that the search index matches the
    sentences it indexes: "ok" or what they found."""
    conn = sqlite3.connect(path)
    try:
        found = "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))
        try:
            conn.execute("INSERT INTO sentences_fts(sentences_fts, rank) "
                         "VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            found += f"; sentences_fts: {exc}"
    finally:
        conn.close()
    return found


SKIP_TABLES = {"schema_migrations"}
SKIP_COLUMNS = {"sentences": {"rowid"}}  # an autoincrement key: its values are not content


def snapshot(url: str) -> dict[str, Counter]:
    """Every stored table as a multiset of rows (so duplicates and losses both show)."""
    from storyline.store import open_store
    from storyline.store.schema import metadata

    store = open_store(url, migrate=False)
    tables: dict[str, Counter] = {}
    try:
        with store.engine.connect() as conn:
            for table in metadata.sorted_tables:
                if table.name in SKIP_TABLES:
                    continue
                skip = SKIP_COLUMNS.get(table.name, set())
                columns = [c for c in table.columns if c.name not in skip]
                rows = conn.execute(table.select().with_only_columns(*columns)).fetchall()
                tables[table.name] = Counter(tuple(r) for r in rows)
    finally:
        store.engine.dispose()
    return tables


def differences(clean: dict[str, Counter], other: dict[str, Counter]) -> list[str]:
    """Per table: rows missing from ``other`` and rows it has in excess (a few shown)."""
    found = []
    for name in sorted(set(clean) | set(other)):
        want, have = clean.get(name, Counter()), other.get(name, Counter())
        missing, extra = want - have, have - want
        if missing or extra:
            sample = [repr(r)[:160] for r in list(missing)[:2] + list(extra)[:2]]
            found.append(f"{name}: {sum(missing.values())} missing, {sum(extra.values())} "
                         f"extra of {sum(want.values())} rows; e.g. {sample}")
    return found


def story_summary(tables: dict[str, Counter]) -> str:
    stories = len(tables.get("stories", ()))
    items = Counter(row[1] for row in tables.get("story_items", Counter()).elements())
    return (f"{len(tables.get('articles', ()))} articles, {stories} stories, "
            + ", ".join(f"{n} {k}" for k, n in sorted(items.items())))


def postgres_integrity(url: str) -> str:
    """PostgreSQL's own check of every B-tree index of the store (``amcheck``) and that
    every table can be read through."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    problems = []
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
            indexes = conn.execute(text(
                "SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                " JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE a.amname = 'btree' AND n.nspname = 'public'")).fetchall()
            for oid, name in indexes:
                try:
                    conn.execute(text("SELECT bt_index_check(:oid, true)"), {"oid": oid})
                except Exception as exc:  # noqa: BLE001 - reported as the check's answer
                    problems.append(f"{name}: {exc}")
    finally:
        engine.dispose()
    return "; ".join(problems) or "ok"


def sqlite_databases(folder: Path):
    """A function giving the path of a fresh SQLite store in ``folder``, empty or a copy of
    the store ``template`` (a name given before)."""
    import shutil

    def fresh(name: str, template: str | None = None) -> str:
        target = folder / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
            if template and Path(f"{folder / template}.db{suffix}").exists():
                shutil.copyfile(f"{folder / template}.db{suffix}", f"{target}{suffix}")
        return str(target)

    return fresh


def postgres_databases(server_url: str):
    """A function giving the URL of a fresh database (dropped and created again, empty or
    a copy of the database ``template``) on the PostgreSQL server of ``server_url``."""
    from sqlalchemy import create_engine, make_url, text
    from sqlalchemy.exc import OperationalError

    server = make_url(server_url)

    def fresh(name: str, template: str | None = None) -> str:
        engine = create_engine(server, isolation_level="AUTOCOMMIT")
        copy = f' TEMPLATE "crash_{template}"' if template else ""
        try:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "crash_{name}"'))
                for attempt in range(50):  # the template's last session may still be closing
                    try:
                        conn.execute(text(f'CREATE DATABASE "crash_{name}"{copy}'))
                        break
                    except OperationalError:
                        if attempt == 49:
                            raise
                        time.sleep(0.1)
        finally:
            engine.dispose()
        return server.set(database=f"crash_{name}").render_as_string(hide_password=False)

    return fresh


def trial(inputs: Path, url: str, work: Path, kill: Kill, clean: dict[str, Counter],
          integrity) -> Outcome:
    """Kill one run as ``kill`` says, check the store, run again and compare with ``clean``."""
    killed, last = kill_run(inputs, url, work / "killed.log", kill)
    state = integrity(url)
    resume = kill.resume and killed and last.split(".")[0] in PHASES[1:]
    code, seconds, tail = run_analyze(None if resume else inputs, url, work / "rerun.log")
    found = differences(clean, snapshot(url)) if code == 0 else [f"re-run exit {code}: {tail}"]
    return Outcome(kill, killed, last, state, code, seconds, found)
