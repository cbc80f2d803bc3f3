"""The common result of every scorer, and the floor check CI relies on."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True, slots=True)
class EvalReport:
    """What a scorer measured.

    ``metrics`` holds the headline figures (name -> value); ``rows`` one dict per item
    scored (a page, a topic, a document) for the per-item table; ``notes`` free lines.
    """

    name: str
    metrics: Mapping[str, float]
    rows: tuple[Mapping[str, object], ...] = ()
    notes: tuple[str, ...] = ()
    floors: Mapping[str, float] = field(default_factory=dict)


def below_floor(report: EvalReport) -> list[str]:
    """The metrics of ``report`` that are below their floor, as readable lines."""
    failures = []
    for metric, floor in report.floors.items():
        value = report.metrics.get(metric)
        if value is None or value < floor:
            failures.append(f"{report.name}.{metric} = {value} < floor {floor}")
    return failures


def log_report(report: EvalReport, logger, *, rows: bool = True) -> None:
    """Log a report's rows, notes and metrics (with floors) for the ``python -m`` entry points."""
    for row in report.rows if rows else ():
        logger.info("%s", dict(row))
    for note in report.notes:
        logger.info("%s", note)
    for name, value in report.metrics.items():
        floor = report.floors.get(name)
        logger.info("%s = %s%s", name, f"{value:.4f}" if isinstance(value, float) else value,
                    f"  (floor {floor})" if floor is not None else "")


def run_main(score, argv, usage: str, logger) -> int:
    """The ``python -m storyline.eval.NAME DIR`` entry point: score DIR and log the report."""
    import logging
    from pathlib import Path

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not argv:
        logger.error("usage: %s", usage)
        return 2
    log_report(score(Path(argv[0])), logger)
    return 0
