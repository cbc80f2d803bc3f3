"""Speaker resolution must stay at or above its pinned floors on the PolNeAR speaker gold."""

from __future__ import annotations

import time

import pytest

from storyline.eval import speakers
from storyline.eval.report import below_floor

pytestmark = [pytest.mark.quality, pytest.mark.slow]


def test_speakers_floor(benchmarks_dir) -> None:
    started = time.monotonic()
    report = speakers.score(benchmarks_dir / "polnear")
    assert report.metrics["gold"] == 941
    assert len(report.rows) == 42
    assert set(speakers.FLOORS) >= {"speaker_accuracy", "coverage", "accuracy_pronoun",
                                    "accuracy_description"}
    assert below_floor(report) == []
    assert time.monotonic() - started < 300  # 42 articles through the whole annotate path
