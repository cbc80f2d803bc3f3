"""The as-of date of a figure: the time it describes, resolved against the article date.

"now", "currently", "already" on the figure's own verb mean the article's date; a time
expression in the figure's own clause comes next ("in 2014", "last weekend"); then one on
a saying verb that governs it ("X said on Monday that 250 miners were trapped"); then the
nearest in the sentence. Times after the article date are forecasts, never an as-of.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ...records import TimeExpression
from ..parse import char_span, children_of
from .lexicon import NOW_WORDS, SAY_LEMMAS

DATED = frozenset({"day", "month", "year", "week"})
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")


def calendar_value(value: str) -> str:
    """A week value as a day (ISO week "2024-W10" -> its Monday; "-WE" -> its Saturday)."""
    match = _WEEK.match(value)
    if not match:
        return value
    try:
        day = date.fromisocalendar(int(match[1]), int(match[2]), 6 if match[3] else 1)
    except ValueError:
        return value
    return day.isoformat()


def _after(value: str, reference: str | None) -> bool:
    """True when an ISO date lies after the reference date (a forecast, not an as-of)."""
    if not reference or not re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", value):
        return False
    size = min(len(value), len(reference), 10)
    return value[:size] > reference[:size]


def _clause_verb(token):
    """The nearest verb above ``token`` (the clause it belongs to)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None


def _token_at(doc, offset: int):
    span = char_span(doc, offset, offset + 1)
    return span[0] if span is not None and len(span) else None


def _says_over(verb, target) -> bool:
    """True when ``verb`` is a saying verb that governs the clause of ``target``."""
    return verb is not None and verb.lemma_ in SAY_LEMMAS and any(
        a.i == verb.i for a in target.ancestors)


def as_of(last, sent, times: Sequence[TimeExpression], reference: str | None) -> str | None:
    """The date the figure ending at token ``last`` describes (ISO), or ``reference``."""
    verb = _clause_verb(last)
    if verb is not None and any(c.lower_ in NOW_WORDS for c in children_of(verb)):
        return reference
    dated = [t for t in times if t.value and sent.start_char <= t.start and t.end <= sent.end_char
             and t.granularity in DATED and not _after(t.value, reference)]
    if not dated:
        return reference
    own, saying = [], []
    for time in dated:
        token = _token_at(last.doc, time.start)
        time_verb = _clause_verb(token) if token is not None else None
        if verb is not None and time_verb is not None and time_verb.i == verb.i:
            own.append(time)
        elif _says_over(time_verb, last):
            saying.append(time)
    chosen = own or saying or dated
    anchor = last.idx
    return calendar_value(min(chosen, key=lambda t: abs(t.start - anchor)).value)
