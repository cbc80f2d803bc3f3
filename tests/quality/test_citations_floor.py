"""Quality gate: every extra citation of a brief supports its sentence (numbers, actors).

Runs ``storyline eval citations`` over the Timeline17 dev topics, the seeds and the bundled
sample (``examples/``); the number and actor parts must be 1.0."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.citations import FLOORS, PARTS, score
from storyline.eval.report import below_floor

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.quality
@pytest.mark.slow
@pytest.mark.parametrize("where", ["timeline17-dev", "seeds", "examples"])
def test_citations_support_their_sentences(where, benchmarks_dir, seeds_dir) -> None:
    data = {"timeline17-dev": benchmarks_dir / "timeline17-dev", "seeds": seeds_dir,
            "examples": EXAMPLES}[where]
    report = score(data)
    assert FLOORS == {"numbers": 1.0, "actors": 1.0}
    assert set(PARTS) <= set(report.metrics)
    assert report.metrics["stories"] >= 1
    assert below_floor(report) == [], [r for r in report.rows if not all(
        r[p] for p in ("numbers", "actors"))]
