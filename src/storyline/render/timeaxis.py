"""The time axis of a story timeline: a scale that compresses empty stretches, readable ticks.

Entries are placed by date. A stretch of more than ``EMPTY_GAP_DAYS`` without entries is
drawn as a short broken segment, so that an entry years back does not squeeze the recent
weeks into a corner; the runs of dates between such gaps share the width by how many entries
they hold and are linear in time inside. Ticks fall on whole years, months, weeks or days,
whichever the run's span and width allow; positions are percent of the axis width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from .display import iso_date

EMPTY_GAP_DAYS = 90  # a stretch without entries longer than this is compressed
LEFT, RIGHT = 3.0, 97.0  # the axis runs between these percents of its box
GAP_WIDTH = 16.0  # percent given to each compressed stretch (room for a tick label)
MAX_GAP_SHARE = 48.0  # at most this much of the axis goes to compressed stretches
MAJOR_SPACING = 16.0  # minimum distance between ticks shown on every screen (percent)
MINOR_SPACING = 7.0  # minimum distance between the extra ticks wide screens show
LANE_DISTANCE = 4.5  # dots closer than this (percent) go to separate lanes
MAX_LANE = 5
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STEPS = (("day", 1), ("day", 2), ("week", 1), ("week", 2), ("month", 1), ("month", 3),
         ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 25),
         ("year", 50), ("year", 100))
PERIOD_DAYS = {"day": 1, "week": 7, "month": 28, "year": 365}


@dataclass(frozen=True, slots=True)
class Run:
    """Dates without a long empty stretch between them, drawn from ``x0`` to ``x1``."""

    first: date
    last: date
    x0: float
    x1: float

    def x(self, day: date) -> float:
        span = (self.last - self.first).days
        if span == 0:
            return round((self.x0 + self.x1) / 2, 2)
        return round(self.x0 + (self.x1 - self.x0) * (day - self.first).days / span, 2)


@dataclass(frozen=True, slots=True)
class Gap:
    """A compressed stretch without entries, drawn from ``x0`` to ``x1``."""

    x0: float
    x1: float
    label: str  # "3 years without entries"


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    sub: str = ""  # the year under a day or month label, where it is needed
    minor: bool = False  # shown only where the screen is wide
    align: str = "mid"  # start | mid | end


@dataclass(frozen=True, slots=True)
class AxisEntry:
    """What the axis shows of one timeline entry."""

    date: str
    summary: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class AxisPoint:
    x: float
    lane: int
    label: str
    href: str | None
    summary: str


@dataclass(frozen=True, slots=True)
class TimeAxis:
    points: tuple[AxisPoint, ...]
    ticks: tuple[Tick, ...]
    runs: tuple[Run, ...]
    gaps: tuple[Gap, ...]

    @property
    def lanes(self) -> int:
        return max((p.lane for p in self.points), default=0)


# ---------------------------------------------------------------- the scale


def _split(days: Sequence[date]) -> list[list[date]]:
    runs: list[list[date]] = []
    for day in sorted(set(days)):
        if runs and (day - runs[-1][-1]).days <= EMPTY_GAP_DAYS:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _widths(groups: list[list[date]], counts: list[int]) -> tuple[float, list[float]]:
    """(width of each gap, width of each run) in percent."""
    total, gaps = RIGHT - LEFT, len(groups) - 1
    spans = [g[-1] != g[0] for g in groups]
    if not any(spans):
        return (total / gaps if gaps else 0.0), [0.0] * len(groups)
    gap = min(GAP_WIDTH, MAX_GAP_SHARE / gaps) if gaps else 0.0
    weight = sum(c for c, s in zip(counts, spans) if s)
    rest = total - gap * gaps
    return gap, [rest * c / weight if s else 0.0 for c, s in zip(counts, spans)]


def duration_words(days: int) -> str:
    """A stretch of ``days`` in rough words: "5 years", "7 months", "12 days"."""
    for size, unit in ((365, "year"), (30, "month"), (7, "week"), (1, "day")):
        if days >= size * (2 if size > 1 else 1) or size == 1:
            count = round(days / size)
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{days} days"


def axis_scale(days: Sequence[date], counts: dict[date, int] | None = None
               ) -> tuple[list[Run], list[Gap]]:
    """Runs and compressed gaps over ``days`` (``counts``: entries per day, for the widths)."""
    groups = _split(days)
    if not groups:
        return [], []
    counts = counts or {}
    per_group = [sum(counts.get(d, 1) for d in g) for g in groups]
    gap, widths = _widths(groups, per_group)
    runs, gaps, x = [], [], LEFT
    for i, (group, width) in enumerate(zip(groups, widths)):
        if i:
            words = duration_words((group[0] - groups[i - 1][-1]).days)
            gaps.append(Gap(round(x, 2), round(x + gap, 2), f"{words} without entries"))
            x += gap
        runs.append(Run(group[0], group[-1], round(x, 2), round(x + width, 2)))
        x += width
    if len(runs) == 1 and runs[0].first == runs[0].last:
        runs = [Run(runs[0].first, runs[0].last, 50.0, 50.0)]
    return runs, gaps


def x_of(runs: Sequence[Run], day: date) -> float:
    """Where ``day`` falls on the axis (a day between runs goes to the nearer run's end)."""
    for run in runs:
        if day <= run.last:
            return run.x(max(day, run.first))
    return runs[-1].x1 if runs else 50.0


# ---------------------------------------------------------------- ticks


def _aligned(kind: str, every: int, low: date, high: date) -> list[date]:
    if kind in ("day", "week"):
        out = []
        for ordinal in range(low.toordinal(), high.toordinal() + 1):
            day = date.fromordinal(ordinal)
            if kind == "day" and ordinal % every == 0 or \
                    kind == "week" and day.weekday() == 0 and (ordinal // 7) % every == 0:
                out.append(day)
        return out
    if kind == "month":
        months = range(low.year * 12 + low.month - 1, high.year * 12 + high.month)
        out = [date(m // 12, m % 12 + 1, 1) for m in months if (m % 12) % every == 0]
        return [d for d in out if low <= d <= high]
    return [date(y, 1, 1) for y in range(low.year, high.year + 1)
            if y % every == 0 and low <= date(y, 1, 1) <= high]


def _label(kind: str, day: date) -> str:
    if kind == "year":
        return str(day.year)
    if kind == "month":
        return MONTHS[day.month - 1]
    return f"{day.day} {MONTHS[day.month - 1]}"


def _run_ticks(run: Run, spacing: float) -> list[tuple[float, str, str, date]]:
    """(x, label, kind, day) ticks of one run at least ``spacing`` apart."""
    room = int((run.x1 - run.x0) // spacing) + 1
    if run.first < run.last:
        span = (run.last - run.first).days
        for kind, every in STEPS:
            if span / (PERIOD_DAYS[kind] * every) > room + 1:
                continue  # far too many ticks of this step: skip making them
            days = _aligned(kind, every, run.first, run.last)
            xs = [run.x(d) for d in days]
            if days and all(b - a >= spacing for a, b in pairwise(xs)):
                return [(x, _label(kind, d), kind, d) for x, d in zip(xs, days)]
    return [(run.x(run.first), _label("day", run.first), "day", run.first)]


def _with_years(ticks: list[tuple[float, str, str, date]], minor: bool) -> list[Tick]:
    """Ticks with the year under a day or month label where the year changes."""
    out, year = [], None
    for x, label, kind, day in ticks:
        sub = "" if kind == "year" or minor or day.year == year else str(day.year)
        year = day.year
        out.append(Tick(x, label, sub, minor))
    return out


def _point_label(run: Run, raw: dict[date, str]) -> tuple[float, str, str, date]:
    """The tick of a run of one date, in that date's own precision ("2019", "Apr")."""
    text = raw.get(run.first, run.first.isoformat())
    kind = "year" if len(text) == 4 else "month" if len(text) == 7 else "day"
    return (run.x(run.first), _label(kind, run.first), kind, run.first)


def _thinned(ticks: list[tuple[float, str, str, date]]) -> list[tuple[float, str, str, date]]:
    """Ticks without those that would run into the one before (many short gaps)."""
    kept: list[tuple[float, str, str, date]] = []
    for tick in sorted(ticks, key=lambda t: t[0]):
        if not kept or tick[0] - kept[-1][0] >= MAJOR_SPACING * 0.75:
            kept.append(tick)
    return kept


def axis_ticks(runs: Sequence[Run], raw: dict[date, str] | None = None) -> list[Tick]:
    """Major ticks (every screen) and minor ticks (wide screens) over the runs."""
    raw = raw or {}
    major_raw: list[tuple[float, str, str, date]] = []
    minor_raw: list[tuple[float, str, str, date]] = []
    for run in runs:
        if run.first == run.last:
            major_raw.append(_point_label(run, raw))
            continue
        ticks = _run_ticks(run, MAJOR_SPACING)
        if ticks[0][0] - run.x0 >= MAJOR_SPACING:  # room to say where the run begins
            ticks.insert(0, _point_label(run, raw))
        major_raw += ticks
        minor_raw += _run_ticks(run, MINOR_SPACING)
    major = _with_years(_thinned(major_raw), False)
    taken = [t.x for t in major]
    minor = [t for t in _with_years(minor_raw, True)
             if all(abs(t.x - x) >= MINOR_SPACING for x in taken)]
    return [_aligned_tick(t) for t in sorted(major + minor, key=lambda t: t.x)]


def _aligned_tick(tick: Tick) -> Tick:
    align = "start" if tick.x < LEFT + 5 else "end" if tick.x > RIGHT - 5 else "mid"
    return Tick(tick.x, tick.label, tick.sub, tick.minor, align)


# ---------------------------------------------------------------- the axis


def time_axis(entries: Sequence[AxisEntry]) -> TimeAxis | None:
    """The axis of ``entries`` (undated ones left out), or None when none has a date."""
    dated = [(iso_date(e.date), e) for e in entries]
    dated = [(d, e) for d, e in dated if d is not None]
    if not dated:
        return None
    counts: dict[date, int] = {}
    raw: dict[date, str] = {}
    for day, entry in dated:
        counts[day] = counts.get(day, 0) + 1
        if len(entry.date) < len(raw.get(day, entry.date + "x")):
            raw[day] = entry.date
    runs, gaps = axis_scale([d for d, _ in dated], counts)
    points: list[AxisPoint] = []
    for day, entry in dated:
        x = x_of(runs, day)
        taken = {p.lane for p in points if abs(p.x - x) < LANE_DISTANCE}
        lane = next(i for i in range(MAX_LANE + 2) if i not in taken or i == MAX_LANE)
        points.append(AxisPoint(x, lane, entry.date, entry.href, entry.summary))
    return TimeAxis(tuple(points), tuple(axis_ticks(runs, raw)), tuple(runs), tuple(gaps))
