"""The common result of every scorer, and the floor check CI relies on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from ..errors import QualityBelowFloor

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


def check_floors(report: EvalReport) -> None:
    failures = below_floor(report)
    if failures:
        raise QualityBelowFloor("; ".join(failures),
                                hint="quality dropped below a floor pinned in the repository")
