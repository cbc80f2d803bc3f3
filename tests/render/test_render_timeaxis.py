"""The timeline's time axis: compressed empty stretches, readable ticks, lanes."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from storyline.render.timeaxis import (
    MAJOR_SPACING,
    AxisEntry,
    Run,
    axis_ticks,
    duration_words,
    time_axis,
)


def _axis(*dates: str):
    return time_axis([AxisEntry(d, f"entry {i}", f"#e{i}") for i, d in enumerate(dates)])


def _major(axis) -> list:
    return [t for t in axis.ticks if not t.minor]


def test_no_dated_entry_gives_no_axis():
    assert _axis() is None
    assert _axis("", "soon") is None
    axis = _axis("2020-01-01", "", "2020-01-05")
    assert [p.label for p in axis.points] == ["2020-01-01", "2020-01-05"]


def test_a_single_date_stands_in_the_middle():
    axis = _axis("2022-02-21")
    assert [p.x for p in axis.points] == [50.0]
    assert [(t.label, t.sub) for t in axis.ticks] == [("21 Feb", "2022")]


def test_weeks_without_gaps_are_linear_with_day_ticks():
    axis = _axis("2021-12-01", "2021-12-15", "2022-01-05")
    xs = [p.x for p in axis.points]
    assert xs[0] == pytest.approx(3) and xs[-1] == pytest.approx(97)
    assert xs[1] == pytest.approx(3 + 94 * 14 / 35, abs=0.01)
    assert axis.gaps == ()
    labels = [(t.label, t.sub) for t in _major(axis)]
    assert labels[0] == ("6 Dec", "2021") and ("3 Jan", "2022") in labels


def test_empty_years_are_compressed_so_recent_weeks_read():
    """Four old entries and eleven in the last weeks, as a long-running story has them."""
    old = ["2011-05-02", "2013-10-14", "2016-03", "2019"]
    start = date(2022, 1, 10)
    recent = [(start + timedelta(days=4 * i)).isoformat() for i in range(11)]
    axis = _axis(*old, *recent)
    assert len(axis.gaps) == 4 and all("years without entries" in g.label for g in axis.gaps)
    xs = {p.label: p.x for p in axis.points}
    assert xs[recent[-1]] - xs[recent[0]] >= 30  # most of the width goes to the recent run
    steps = [b - a for a, b in zip(sorted(xs.values()), sorted(xs.values())[1:])]
    assert min(steps) > 2.5
    assert all(p.lane == 0 for p in axis.points)
    labels = [t.label for t in _major(axis)]
    assert labels[:4] == ["2 May", "14 Oct", "Mar", "2019"]
    assert not any(len(label) > 6 for label in labels)  # no "2013-10-14"
    major = [t.x for t in _major(axis)]
    assert all(b - a >= MAJOR_SPACING * 0.75 for a, b in pairwise(major))
    assert _major(axis)[-1].x <= 97 and _major(axis)[0].align == "start"


def test_years_of_monthly_entries_get_year_or_month_ticks():
    months = [f"{2018 + m // 12}-{m % 12 + 1:02d}-15" for m in range(0, 48, 2)]
    axis = _axis(*months)
    assert axis.gaps == ()
    major = _major(axis)
    assert len(major) <= 1 + int(94 // MAJOR_SPACING)
    assert (major[0].x, major[0].label, major[0].sub) == (3.0, "15 Jan", "2018")  # the start
    assert all(t.label.isdigit() or t.label in ("Jan", "Jul") for t in major[1:])
    assert [t.label for t in major if t.label.isdigit()][:2] == ["2019", "2020"]


def test_close_entries_go_to_separate_lanes():
    axis = _axis("2022-01-01", "2022-01-02", "2022-01-02", "2022-03-01")
    assert [p.lane for p in axis.points] == [0, 1, 2, 0]
    assert axis.lanes == 2


def test_ticks_of_a_run_keep_their_spacing():
    run = Run(date(2022, 1, 1), date(2022, 12, 31), 3.0, 97.0)
    major = [t for t in axis_ticks([run]) if not t.minor]
    assert [t.label for t in major] == ["Jan", "Apr", "Jul", "Oct"]
    assert major[0].sub == "2022" and not any(t.sub for t in major[1:])
    minor = [t for t in axis_ticks([run]) if t.minor]
    assert minor and all(t.label in ("Mar", "May", "Jun", "Aug", "Sep", "Nov", "Dec", "Feb")
                         for t in minor)


@pytest.mark.parametrize("days, words", [(1, "1 day"), (10, "10 days"), (20, "3 weeks"),
                                         (100, "3 months"), (800, "2 years"),
                                         (3650, "10 years")])
def test_duration_words(days, words):
    assert duration_words(days) == words
