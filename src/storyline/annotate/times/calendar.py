"""Calendar arithmetic for time normalization: weeks, quarters, nearest occurrences.

``tense`` is "past", "future" or None. A past tense picks the latest occurrence on or
before the reference, a future tense the earliest on or after it, no tense the nearest
one (and the caller marks the value ambiguous, with the other candidate as alternative).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Date = dt.date
_OVERRULE = 3


@dataclass(frozen=True, slots=True)
class Choice:
    """A resolved value, and the other readings when the choice was a guess."""

    value: str
    alternatives: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)


def parse_reference(reference: str | None) -> Date | None:
    """The reference date from an ISO string ("2022-02-08", "2022-02-08T10:00"), or None."""
    if not reference:
        return None
    try:
        return dt.date.fromisoformat(reference.strip()[:10])
    except ValueError:
        return None


def day(value: Date) -> str:
    return value.isoformat()


def month(year: int, month_no: int) -> str:
    return f"{year:04d}-{month_no:02d}"


def week(value: Date) -> str:
    iso = value.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def quarter_of(value: Date) -> int:
    return (value.month - 1) // 3 + 1


def shift_months(value: Date, count: int) -> tuple[int, int]:
    """(year, month) ``count`` months after the month of ``value``."""
    index = value.year * 12 + value.month - 1 + count
    return index // 12, index % 12 + 1


def shift_years(value: Date, count: int) -> Date:
    try:
        return value.replace(year=value.year + count)
    except ValueError:  # 29 February
        return value.replace(year=value.year + count, day=28)


def choose(past: str, future: str, distance_past: int, distance_future: int,
           tense: str | None, *, strict: bool = True) -> Choice:
    """Pick between the past and the future candidate by tense, else the nearer one.

    Unless ``strict``, the tense gives way when the other candidate is more than
    ``_OVERRULE`` times nearer ("said ... Jan. 14" a week before 14 January).
    """
    if past == future:
        return Choice(past)
    if tense == "past" and (strict or distance_past <= _OVERRULE * distance_future):
        return Choice(past)
    if tense == "future" and (strict or distance_future <= _OVERRULE * distance_past):
        return Choice(future)
    if tense is not None:
        return Choice(past if distance_past < distance_future else future)
    if distance_past <= distance_future:
        return Choice(past, (future,))
    return Choice(future, (past,))


def weekday_date(ref: Date, weekday: int, tense: str | None, mode: str = "") -> Choice:
    """The date of a weekday. ``mode``: "last", "next", "this" or "" (bare name)."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if mode == "last":
        return Choice(day(ref - dt.timedelta(days=back or 7)))
    if mode == "next":
        return Choice(day(ref + dt.timedelta(days=ahead or 7)))
    if mode == "this":
        return Choice(day(ref + dt.timedelta(days=weekday - ref.weekday())))
    past = day(ref - dt.timedelta(days=back))
    future = day(ref + dt.timedelta(days=ahead))
    return choose(past, future, back, ahead, tense)


def month_value(ref: Date, month_no: int, tense: str | None, mode: str = "", *,
                firm: bool = False) -> Choice:
    """The year-month of a month name. ``mode``: "last", "next", "this" or ""."""
    back = (ref.month - month_no) % 12
    ahead = (month_no - ref.month) % 12
    if mode == "this":
        return Choice(month(ref.year, month_no))
    if mode == "last":
        return Choice(month(*shift_months(ref, -(back or 12))))
    if mode == "next":
        return Choice(month(*shift_months(ref, ahead or 12)))
    past = month(*shift_months(ref, -back))
    future = month(*shift_months(ref, ahead))
    return choose(past, future, back, ahead, tense, strict=firm)


def month_day_value(ref: Date, month_no: int, day_no: int, tense: str | None, *,
                    firm: bool = False) -> Choice | None:
    """The date of "August 31" without a year; None when no such day exists."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(dt.date(year, month_no, day_no))
        except ValueError:
            continue
    if not candidates:
        return None
    past = [c for c in candidates if c <= ref]
    future = [c for c in candidates if c >= ref]
    if not past or not future:
        return Choice(day((past or future)[-1 if past else 0]))
    before, after = past[-1], future[0]
    return choose(day(before), day(after), (ref - before).days, (after - ref).days, tense,
                  strict=firm)


def quarter_value(ref: Date, quarter: int, tense: str | None) -> Choice:
    """The year-quarter of "the third quarter": the nearest such quarter to ``ref``."""
    current = quarter_of(ref)
    if quarter == current:
        return Choice(f"{ref.year:04d}-Q{quarter}")
    if quarter < current or tense == "past" and quarter > current + 2:
        year = ref.year if quarter < current else ref.year - 1
        return Choice(f"{year:04d}-Q{quarter}")
    if quarter - current >= 3 and tense != "future":
        return Choice(f"{ref.year - 1:04d}-Q{quarter}")
    return Choice(f"{ref.year:04d}-Q{quarter}")


def last_quarter(ref: Date) -> str:
    """The latest quarter that ended before ``ref`` (what financial news calls "the quarter")."""
    year, month_no = shift_months(ref, -3)
    return f"{year:04d}-Q{(month_no - 1) // 3 + 1}"


def season_value(ref: Date, code: str, mode: str, tense: str | None) -> Choice:
    """YYYY-SU style value of a season name with last/this/next or nothing."""
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if mode == "last":
        year = ref.year if ref.month >= start + 3 else ref.year - 1
    elif mode == "next":
        year = ref.year if ref.month < start else ref.year + 1
    elif mode == "this" or tense != "future":
        year = ref.year
    else:
        year = ref.year if ref.month < start + 3 else ref.year + 1
    return Choice(f"{year:04d}-{code}")


def nth_weekday(year: int, month_no: int, weekday: int, nth: int) -> Date:
    """The ``nth`` (1-based) ``weekday`` of a month, e.g. Thanksgiving."""
    first = dt.date(year, month_no, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (nth - 1))
