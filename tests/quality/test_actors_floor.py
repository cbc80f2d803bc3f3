"""Quality gate: cross-document actors on the ECB+ dev topics stay above their floors."""

from __future__ import annotations

import pytest

from storyline.eval.actors import FLOORS, score
from storyline.eval.report import below_floor


@pytest.mark.quality
@pytest.mark.slow
def test_actors_meet_floors(benchmarks_dir, nlp) -> None:
    report = score(benchmarks_dir / "ecbplus-dev", nlp=nlp)
    assert set(FLOORS) <= set(report.metrics)
    assert len(report.rows) > 20
    assert report.metrics["scored_mentions"] > 2000
    # merging actors must beat clustering the same mentions by their exact text
    assert report.metrics["b3_f1"] > report.metrics["baseline_b3_f1"] + 0.05
    assert below_floor(report) == []
