"""Quality gate: claims and claim groups on the invented claim gold (tests/data/claims-gold)
keep their modality, grouping and status scores, and open no junk group."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.claims import CEILINGS, score
from storyline.eval.report import below_floor

GOLD = Path(__file__).resolve().parents[1] / "data" / "claims-gold"


@pytest.mark.quality
@pytest.mark.slow
def test_claims_floor(nlp):
    report = score(GOLD, nlp=nlp)
    assert below_floor(report) == []
    for name, ceiling in CEILINGS.items():
        assert report.metrics[name] <= ceiling, (name, report.metrics[name], report.notes)
    assert report.metrics["groups"] >= 6
