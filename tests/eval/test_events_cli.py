"""`storyline eval events` picks its evaluation from the layout of --data."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storyline.cli import cli

pytestmark = pytest.mark.slow


def test_eval_events_on_polnear_scores_the_plover_gold(benchmarks_dir) -> None:
    result = CliRunner().invoke(cli, ["eval", "events", "--data",
                                      str(benchmarks_dir / "polnear"), "--limit", "1",
                                      "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["metrics"]["articles"] == 1
    assert {"precision", "recall", "modality_accuracy"} <= set(report["floors"])


def test_eval_events_refuses_another_polnear_split(benchmarks_dir) -> None:
    result = CliRunner().invoke(cli, ["eval", "events", "--data",
                                      str(benchmarks_dir / "polnear"), "--split", "train"])
    assert result.exit_code != 0
    assert "dev split only" in result.output
