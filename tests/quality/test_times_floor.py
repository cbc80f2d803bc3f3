"""Quality gate: annotate.times on the TempEval-3 dev set (TBAQ-cleaned) stays above FLOORS."""

from __future__ import annotations

import pytest

from storyline.eval.report import below_floor
from storyline.eval.times import FLOORS, score


@pytest.mark.quality
@pytest.mark.slow
def test_times_floor(benchmarks_dir):
    report = score(benchmarks_dir / "tempeval3-dev")
    assert set(FLOORS) <= set(report.metrics)
    assert report.metrics["gold_timexes"] > 1000
    assert below_floor(report) == []
