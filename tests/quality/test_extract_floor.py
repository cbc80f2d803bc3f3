"""Main-text extraction must stay at or above its pinned floors (article-extraction-dev)."""

from __future__ import annotations

import time

import pytest

from storyline.eval import extract
from storyline.eval.report import below_floor

pytestmark = pytest.mark.quality


def test_extract_floor(benchmarks_dir) -> None:
    started = time.monotonic()
    report = extract.score(benchmarks_dir / "article-extraction-dev")
    assert report.metrics["pages"] == 120
    assert below_floor(report) == []
    assert report.metrics["f1"] >= 0.95  # the floor
    assert time.monotonic() - started < 240


def test_shingle_scoring_is_the_benchmark_method() -> None:
    assert extract.match_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = extract.match_counts("one two three four five", "one two three four six")
    assert (tp, fp, fn) == (1 / 3, 1 / 3, 1 / 3)
    rows = [{"tp": 1.0, "fp": 0.0, "fn": 0.0, "f1": 1.0}, {"tp": 0.5, "fp": 0.5, "fn": 0.0,
                                                           "f1": 2 / 3}]
    metrics = extract.summarize(rows)
    assert metrics["precision"] == 0.75 and metrics["recall"] == 1.0
    assert metrics["f1"] == round(2 * 0.75 / 1.75, 4)
