"""Peak memory of `storyline analyze --workers N` on mixed archives of growing size.

    .venv/bin/python bench/rss.py --counts 1000 5000 [--workers 2] [--long-chars 590000]

For each count, builds a shuffled Timeline17 archive with ``bench/make_archive.py`` (as
JSONL files of 500 articles in one folder, plus one very long article with
``--long-chars``), runs ``storyline analyze FOLDER --workers N`` on a fresh SQLite store and
samples the resident memory of the command and its worker processes every 0.2 s. Prints the
peak of the largest single process, the peak of the whole process tree (the sum of their
RSS, which counts the pages a forked worker shares with its parent once per process), the
peak of the command itself (the process that hands out the work), the peak of the tree's
PSS (``/proc/PID/smaps_rollup``: each shared page split between the processes that share
it, so the tree's sum is the memory it really holds), the wall time and the words per
second.
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

ROOT = Path(__file__).resolve().parents[1]
STORYLINE = Path(sys.executable).with_name("storyline")


def _proc_kib(pid: int, name: str, key: str) -> int:
    """The figure ``key`` (in KiB) of ``/proc/PID/NAME``; 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/{name}", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss_kib(pid: int) -> int:
    return _proc_kib(pid, "status", "VmRSS:")


def _pss_kib(pid: int) -> int:
    """The proportional set size of ``pid``: its private pages plus its share of the pages
    it shares with other processes (a forked worker shares the parent's imported modules;
    summing RSS counts those pages once per process)."""
    return _proc_kib(pid, "smaps_rollup", "Pss:")


def _tree(pid: int) -> list[int]:
    """``pid`` and every descendant."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def measure(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``command``; peak RSS (the command itself, largest process, whole tree), peak PSS
    of the whole tree (shared pages counted once) in MiB, and wall seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    single = total = proportional = own = 0
    while proc.poll() is None:
        tree = _tree(proc.pid)
        sizes = [_rss_kib(p) for p in tree]
        single, total = max(single, max(sizes, default=0)), max(total, sum(sizes))
        own = max(own, sizes[0] if sizes else 0)
        proportional = max(proportional, sum(_pss_kib(p) for p in tree))
        time.sleep(0.2)
    out, err = proc.communicate()
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace")[-3000:])
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(command)}")
    return {"own_mib": own / 1024, "single_mib": single / 1024, "tree_mib": total / 1024,
            "tree_pss_mib": proportional / 1024,
            "seconds": time.perf_counter() - start, "output": out.decode("utf-8", "replace")}


def write_archive(entries: list[dict], folder: Path, per_file: int = 500) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(0, len(entries), per_file):
        with (folder / f"part-{index // per_file:04d}.jsonl").open("w", encoding="utf-8") as f:
            for entry in entries[index:index + per_file]:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def run(count: int, workers: int, long_chars: int, data: Path, tmp: Path) -> dict:
    entries = make_archive.build(make_archive.documents(data), count, 13, long_chars)
    folder = tmp / f"archive-{count}"
    write_archive(entries, folder)
    words = sum(len(e["text"].split()) for e in entries)
    db = tmp / f"store-{count}.db"
    env = {**os.environ, "STORYLINE_CONFIG": ""}
    result = measure([str(STORYLINE), "analyze", str(folder), "--workers", str(workers),
                      "--db", str(db)], env)
    result.update(articles=len(entries), words=words, wps=words / result["seconds"])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=make_archive.DEFAULT_DATA)
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--long-chars", type=int, default=590_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storyline-rss-") as tmp:
        for count in args.counts:
            r = run(count, args.workers, args.long_chars, args.data, Path(tmp))
            sys.stdout.write(
                f"articles={r['articles']} words={r['words']} workers={args.workers}: "
                f"peak RSS largest process {r['single_mib']:.0f} MiB, whole tree "
                f"{r['tree_mib']:.0f} MiB (PSS, shared pages once: {r['tree_pss_mib']:.0f} MiB), "
                f"the command itself {r['own_mib']:.0f} MiB; "
                f"{r['seconds']:.0f} s, {r['wps']:.0f} words/s\n")
            sys.stdout.write("  " + r["output"].strip().replace("\n", "\n  ") + "\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
