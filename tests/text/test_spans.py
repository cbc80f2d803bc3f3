"""SpanSet answers the linear overlap test by bisection."""

from __future__ import annotations

import random

from storyline.text.spans import SpanSet


def _linear(spans, lo, hi):
    return any(start < hi and lo < end for start, end in spans)


def test_overlaps_agrees_with_the_linear_test_on_random_spans():
    rng = random.Random(7)
    for _ in range(300):
        spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 200) for _ in range(rng.randint(0, 12)))]
        found = SpanSet(spans)
        for _ in range(40):
            lo = rng.randint(-10, 230)
            hi = lo + rng.randint(0, 40)
            assert found.overlaps(lo, hi) == _linear(spans, lo, hi), (spans, lo, hi)


def test_touching_spans_do_not_overlap():
    found = SpanSet([(10, 20), (30, 40)])
    assert not found.overlaps(20, 30)
    assert found.overlaps(19, 21) and found.overlaps(0, 11)
    assert not SpanSet([]).overlaps(0, 100)
