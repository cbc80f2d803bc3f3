"""Quality gate: Timeline17 streamed as one shuffled archive clusters into its topics."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.eval.archive import FLOORS, read_archive, score
from storyline.eval.report import below_floor


@pytest.mark.quality
@pytest.mark.slow
def test_archive_clustering_meets_floors(benchmarks_dir) -> None:
    report = score(benchmarks_dir / "timeline17-dev")
    assert set(FLOORS) <= set(report.metrics)
    assert report.metrics["bcubed_f1"] >= 0.92
    assert {row["topic"] for row in report.rows} == {d.topic for d in read_archive(
        benchmarks_dir / "timeline17-dev")}
    assert below_floor(report) == []


def test_eval_archive_command_on_a_sample(benchmarks_dir) -> None:
    result = CliRunner().invoke(cli, ["eval", "archive", "--data",
                                      str(benchmarks_dir / "timeline17-dev"), "--limit", "120",
                                      "--json"])
    assert result.exit_code == 0, result.output
    assert '"bcubed_f1"' in result.output and '"merges"' in result.output
