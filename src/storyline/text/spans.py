"""Character spans: does a range overlap any of many spans, answered by bisection."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate


class SpanSet:
    """Fixed ``(start, end)`` spans; ``overlaps(lo, hi)`` is true when some span has
    ``start < hi`` and ``lo < end``, as the linear test over all spans is, in
    O(log n): the spans sorted by start, with the largest end among each prefix."""

    __slots__ = ("_max_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._max_ends = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, lo: int, hi: int) -> bool:
        before = bisect.bisect_left(self._starts, hi)  # spans that start before ``hi``
        return before > 0 and self._max_ends[before - 1] > lo


__all__ = ["SpanSet"]
