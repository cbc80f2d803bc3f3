"""The fuzz suite: thousands of generated hostile and mixed files through `storyline ingest`.

2,000 files by default (``STORYLINE_FUZZ_FILES`` and ``STORYLINE_FUZZ_SEED`` change the run;
``bench/fuzz_ingest.py`` runs 20,000). Asserted: no traceback, the documented exit code,
every good file stored, every bad file rejected with its reason, every mutated file
accounted for, and time per file and peak memory under their bounds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fuzz_run import run
from hostile import CASES, LIMITS

FILES = int(os.environ.get("STORYLINE_FUZZ_FILES", "2000"))
SEED = int(os.environ.get("STORYLINE_FUZZ_SEED", "15"))
MAX_RSS_MIB = 1024


@pytest.mark.fuzz
def test_hostile_files_never_stop_a_batch(tmp_path: Path) -> None:
    result = run(tmp_path, FILES, SEED)
    assert "Traceback" not in result.output, result.output[-3000:]
    assert result.exit_code == result.stats["exit_code"] == 1  # 1: some input was rejected
    assert result.problems == [], "\n".join(result.problems[:30])
    assert {e.case for e in result.expects} == {name for name, _, _ in CASES}
    assert result.stored > FILES // 3 and sum(result.reasons.values()) > FILES // 5
    assert result.stats["max_file_seconds"] < LIMITS["max_seconds"], result.stats
    assert result.stats["peak_rss_mib"] < MAX_RSS_MIB, result.stats
