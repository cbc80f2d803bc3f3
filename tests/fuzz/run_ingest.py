"""Run the real `storyline` command line, timing every input file and noting the peak RSS.

Usage: ``python tests/fuzz/run_ingest.py STATS.json ingest FOLDER --db DB`` (any storyline
arguments after the stats path). The stats file gets: files, seconds per file (max, mean,
slowest source), total seconds, peak RSS in MiB and the exit code.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> int:
    stats_path, argv = sys.argv[1], sys.argv[2:]
    from storyline import cli
    from storyline.ingest import batch

    timings: list[tuple[float, str]] = []
    original = batch.ingest_file

    def timed(item, settings, sidecar=None):
        started = time.perf_counter()
        try:
            return original(item, settings, sidecar)
        finally:
            timings.append((time.perf_counter() - started, item.source))

    batch.ingest_file = timed
    started = time.perf_counter()
    sys.argv = ["storyline", *argv]
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        elapsed = time.perf_counter() - started
        slowest = max(timings, default=(0.0, ""))
        stats = {"files": len(timings), "total_seconds": round(elapsed, 2),
                 "max_file_seconds": round(slowest[0], 3), "slowest": slowest[1],
                 "mean_file_seconds": round(sum(t for t, _ in timings) / max(len(timings), 1),
                                            4),
                 "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                                       1),
                 "exit_code": code}
        with open(stats_path, "w", encoding="utf-8") as handle:
            json.dump(stats, handle)
    return code


if __name__ == "__main__":
    sys.exit(main())
