"""Find time expressions in a text and normalize them against a reference date.

A fast rule pass (annotate.times_rules) proposes spans; the longest non-overlapping ones
that their handler accepts are kept; each is then normalized in text order, so that "a
year earlier" or "that day" can lean on the last date mentioned before it. Values follow
TimeML: ``2021-12-07``, ``2021-06``, ``2014``, ``2021-W49``, ``2021-W49-WE``, ``1989-Q3``,
``1998-SU``, ``199`` (a decade), ``2021-12-07T10:00``, ``2021-12-07TMO``, ``P6M``,
``PT2H``, ``PXY``, sets (``P1D`` for "daily") and ``PRESENT_REF``/``PAST_REF``/
``FUTURE_REF``. Granularity is one of day, week, month, quarter, half, season, year,
decade, century, time, duration, set, reference.

A weekday or month without a year resolves by the tense of its verb: past tense picks the
latest occurrence on or before the reference, future tense or a modal the next one, and no
tense the nearest one (then the value is marked ambiguous, with the other reading as
alternative). The tense comes from ``doc`` (a spaCy Doc of the same text) when given,
else from a small word-pattern heuristic (annotate.times_tense): a gerund or participle
takes the tense of the verb it hangs from, "after <gerund>" and "in the past" mark the
past, a present progressive or a scheduling verb the future.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import replace

from ...records import TimeExpression
from ...text.scan import RuleScanner
from . import periods, values
from .calendar import parse_reference
from .rules import RULES
from .tense import clause_tense
from .values import Context, Norm

Handler = Callable[[re.Match[str], Context], Norm | None]
HANDLERS: dict[str, Handler] = {
    "iso": values.iso, "numeric": values.numeric, "month_day": values.month_day,
    "day_month": values.month_day, "month_year": values.month_year, "month": values.month,
    "year": values.year, "year_words": values.year_words, "decade": values.decade,
    "century": values.century,
    "relative": values.relative, "the_unit": values.the_unit, "season": values.season,
    "day_word": values.day_word, "part_of_day": values.part_of_day,
    "weekday": values.weekday, "clock": periods.clock, "clock24": periods.clock24,
    "noon": periods.noon, "quarter": periods.quarter, "the_quarter": periods.the_quarter,
    "year_ago": periods.year_ago, "holiday": periods.holiday,
    "anchor_day": periods.anchor_day, "year_end": periods.year_end, "ref": periods.ref,
    "duration": periods.duration,
    "vague_units": periods.vague_units, "set": periods.set_expression,
}
_TENSED = frozenset({"month_day", "day_month", "month", "weekday", "quarter", "the_quarter",
                     "relative", "the_unit", "holiday", "clock"})
_ANCHORING = frozenset({"day", "time", "month", "year", "quarter", "half"})
_NOT_ANCHORS = frozenset({"ref", "duration", "year_ago", "the_quarter"})
_QUARTER_REACH = 600
_DAY_REACH = 600


def find_times(text: str, reference: str | None, *, article_id: str = "",
               doc=None) -> tuple[TimeExpression, ...]:
    """Every time expression in ``text``, normalized against the ISO date ``reference``."""
    ref = parse_reference(reference)
    found: list[TimeExpression] = []
    anchors = _Anchors()
    for start, end, name, match in _select(text, ref):
        tense, firm = clause_tense(text, start, end, doc) if name in _TENSED else (None, False)
        context = replace(_context(text, start, end, ref), tense=tense, firm=firm,
                          anchor=anchors.general(name, start), day_anchor=anchors.day(start))
        norm = HANDLERS[name](match, context)
        if norm is None:
            continue
        found.append(_expression(text, article_id, start, end, norm))
        anchors.update(name, norm, end)
    return tuple(found)


class _Anchors:
    """What "a year earlier", "that day" or "the quarter" lean on: earlier values in the text.

    Financial news compares a quarter with "a year earlier" (the same quarter a year
    before); right after a duration ("the nine months") it means the year before.
    """

    def __init__(self) -> None:
        self.last: Norm | None = None
        self.last_any: Norm | None = None
        self.day_at: tuple[int, Norm] | None = None
        self.quarter_at: tuple[int, Norm] | None = None

    def general(self, name: str, start: int) -> Norm | None:
        if name not in ("duration", "year_ago", "the_quarter"):
            return self.last
        if self.last_any and self.last_any.granularity == "duration" and name != "the_quarter":
            return None
        if self.quarter_at and start - self.quarter_at[0] < _QUARTER_REACH:
            return self.quarter_at[1]
        return self.last

    def day(self, start: int) -> Norm | None:
        if self.day_at and start - self.day_at[0] < _DAY_REACH:
            return self.day_at[1]
        return None

    def update(self, name: str, norm: Norm, end: int) -> None:
        self.last_any = norm
        if not norm.value or norm.granularity not in _ANCHORING or name in _NOT_ANCHORS:
            return
        self.last = norm
        if norm.granularity in ("day", "time"):
            self.day_at = (end, norm)
        if name == "quarter":
            self.quarter_at = (end, norm)


def _expression(text: str, article_id: str, start: int, end: int, norm: Norm) -> TimeExpression:
    return TimeExpression(article_id=article_id, start=start, end=end, text=text[start:end],
                          value=norm.value, granularity=norm.granularity,
                          ambiguous=bool(norm.alternatives), alternatives=norm.alternatives)


def _context(text: str, start: int, end: int, ref: dt.date | None) -> Context:
    """What a handler sees of the span ``text[start:end]``: no tense and no anchor yet."""
    return Context(ref=ref, tense=None, anchor=None, before=text[max(0, start - 40):start],
                   after=text[end:end + 40])


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\r\n,":
        end -= 1
    return start, end


def _start(name: str, match: re.Match[str]) -> int:
    """Where the span begins: TimeML leaves out "the" before an adjective ("the two-week")."""
    if name == "duration" and match["the"] and not match["rel"] and (
            not match["pl"] or "-" in match.group(0)):
        return match.end("the")
    if name == "year_words" and match["pre"] and not match["pre"].lower().startswith("the"):
        return match.start("year")
    if name == "quarter" and "-" in match.group(0) and match.group(0)[:4].lower() == "the ":
        return match.start() + 4
    return match.start()


@functools.cache
def _scanner() -> RuleScanner:
    return RuleScanner([pattern for _name, pattern in RULES])


def _candidates(text: str) -> list[tuple[int, int, int, str, re.Match[str]]]:
    found = []
    for order, ((name, _pattern), matches) in enumerate(zip(RULES, _scanner().matches(text))):
        for match in matches:
            start, end = _trimmed(text, _start(name, match), match.end())
            if end > start:
                found.append((start, end, order, name, match))
    found.sort(key=lambda item: (item[0] - item[1], item[2], item[0]))
    return found


def _select(text: str, ref) -> list[tuple[int, int, str, re.Match[str]]]:
    """The longest non-overlapping candidates whose handler accepts them, in text order."""
    taken = bytearray(len(text))
    chosen = []
    for start, end, _order, name, match in _candidates(text):
        if any(taken[start:end]):
            continue
        probe = _context(text, start, end, ref)
        if HANDLERS[name](match, probe) is None:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, name, match))
    chosen.sort(key=lambda item: item[0])
    return chosen
