"""Quote extraction must stay at or above its pinned floors on the PolNeAR dev split."""

from __future__ import annotations

import time

import pytest

from storyline.eval import quotes
from storyline.eval.report import below_floor

pytestmark = [pytest.mark.quality, pytest.mark.slow]


def test_quotes_floor(benchmarks_dir) -> None:
    started = time.monotonic()
    report = quotes.score(benchmarks_dir / "polnear", split="dev")
    assert report.metrics["documents"] == 84
    assert set(quotes.FLOORS) >= {"precision", "recall", "f1", "source_accuracy"}
    assert below_floor(report) == []
    assert time.monotonic() - started < 480  # the CI budget: 8 minutes on 2 cores
