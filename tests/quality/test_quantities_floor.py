"""Quality gate: annotate.quantities on the NewsQuant dev set stays above its floors, on the
whole set and on each of its two fixed halves."""

from __future__ import annotations

import pytest

from storyline.eval.quantities import FLOORS, HALF_FLOORS, score
from storyline.eval.report import below_floor


@pytest.mark.quality
@pytest.mark.slow
def test_quantities_floor(benchmarks_dir, nlp):
    report = score(benchmarks_dir / "newsquant-dev", nlp=nlp)
    assert set(FLOORS) <= set(report.metrics)
    assert report.metrics["gold"] > 300
    assert FLOORS["value_f1"] >= 0.93 and FLOORS["value_unit_f1"] >= 0.87
    assert FLOORS["value_change_f1"] >= 0.90
    assert all(f"{name}_b" in report.floors for name in HALF_FLOORS)
    assert below_floor(report) == []
