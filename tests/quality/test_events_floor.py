"""Coded events on the five seed articles: the events the story is known to contain."""

from __future__ import annotations

import pytest

from storyline.eval import events
from storyline.eval.report import below_floor

pytestmark = pytest.mark.quality


def test_events_floor(seeds_dir) -> None:
    report = events.score(seeds_dir)
    missed = [row["item"] for row in report.rows if row.get("found") is False]
    assert missed == [], missed
    assert report.metrics["events"] > 0
    assert set(events.FLOORS) <= set(report.metrics)
    assert below_floor(report) == []
