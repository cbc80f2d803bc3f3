"""Coded events must stay at or above their pinned floors on the PLOVER gold (PolNeAR dev)."""

from __future__ import annotations

import pytest

from storyline.eval import events, polnear_events
from storyline.eval.report import below_floor

pytestmark = [pytest.mark.quality, pytest.mark.slow]

HEADLINE = {"precision", "recall", "f1", "type_accuracy", "typed_precision", "typed_recall",
            "typed_f1", "source_accuracy", "target_accuracy", "modality_accuracy"}


def test_plover_events_floor(benchmarks_dir) -> None:
    report = events.score(benchmarks_dir / "polnear")  # the layout picks the PLOVER gold
    assert report.metrics["gold_events"] >= 300
    assert report.metrics["articles"] == 21
    assert set(polnear_events.FLOORS) == HEADLINE
    assert below_floor(report) == []


def test_plover_events_hold_on_each_half(benchmarks_dir) -> None:
    report = events.score(benchmarks_dir / "polnear", folds=2)
    assert set(polnear_events.FOLD_FLOORS[2]) <= set(report.metrics)
    assert report.metrics["fold0_recall"] > 0 and report.metrics["fold1_recall"] > 0
    assert below_floor(report) == []


def test_floors_never_above_the_targets() -> None:
    for name, target in polnear_events.TARGETS.items():
        assert polnear_events.FLOORS[name] <= target
