"""Quality gate: online story clustering on the ECB+ dev topics stays above its floors."""

from __future__ import annotations

import pytest

from storyline.eval.clusters import FLOORS, score
from storyline.eval.report import below_floor


@pytest.mark.quality
@pytest.mark.slow
def test_clusters_meet_floors(benchmarks_dir) -> None:
    report = score(benchmarks_dir / "ecbplus-dev")
    assert set(FLOORS) <= set(report.metrics)
    assert len(report.rows) > 20
    assert all(row["predicted_clusters"] >= 1 for row in report.rows)
    assert below_floor(report) == []
