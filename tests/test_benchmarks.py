"""The benchmark scripts run (small sizes) and print their figures; targets live in them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_rule_rerun_benchmark_runs_from_stored_parses(shared_dir):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "rerun.py"), "--docs", "6",
         "--data", str(shared_dir / "benchmarks" / "timeline17-dev")],
        capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    figures = dict(line.split(None, 1) for line in result.stdout.splitlines()
                   if line and not line.startswith("target"))
    assert float(figures["ratio"].replace(",", "")) > 1.0
    with_parses = float(figures["store_kb_per_1000_words_with_parses"].replace(",", ""))
    without = float(figures["store_kb_per_1000_words_without_parses"].replace(",", ""))
    assert with_parses > without > 0
