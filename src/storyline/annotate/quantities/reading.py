"""A number phrase read with its unit from the text alone, ranges joined, and what makes a
number no quantity (a clock time, a date, a list marker, a score, a code glued to letters).

:func:`readings` turns a text into :class:`Reading` values; the parse-side rules (years,
names, the counted noun, the concept) come after, in ``find``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lexicon import (
    AGE_BEFORE,
    APPROXIMATE,
    COUNT_ABBREVIATIONS,
    FALL_WORDS,
    LESS_THAN,
    MONTHS,
    MORE_THAN,
    REFERENCE_WORDS,
    RISE_WORDS,
    TIME_OF_DAY,
    TIME_ZONES,
)
from .numbers import NumberPhrase, number_phrases
from .units import Unit, glued_letters, unit_after

_PHONE = re.compile(r"\+?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
_MONTH_BEFORE = re.compile(r"\b([A-Za-z]+)\.?\s+$")
_MONTH_AFTER = re.compile(r"\A(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)\b")
_RANGE_LINK = re.compile(r"\A\s*(?:to|-|–|—|to-|through|thru)\s*\Z", re.IGNORECASE)
_AND_LINK = re.compile(r"\A\s*and\s*\Z", re.IGNORECASE)
_OR_LINK = re.compile(r"\A\s*or\s*\Z", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from|ranging\s+from|range\s+from)\s+"
                      r"(?:(?:about|around|roughly|up\s+to|some|nearly)\s+)?\Z", re.IGNORECASE)
_AGED_RANGE = re.compile(r"\baged\s+\Z", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reading:
    """A quantity before the parse: the phrase, its unit and the text it covers."""

    phrase: NumberPhrase
    unit: Unit | None
    start: int
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    change: str = "="
    ranged: bool = False  # two figures joined ("between 1 and 1.5")

    @property
    def dimension(self) -> str:
        return self.unit.dimension if self.unit else "number"


def _read(phrase: NumberPhrase, text: str) -> Reading | None:
    """The phrase with its unit, or None when letters glued to it make it a code."""
    if phrase.fold:
        unit: Unit | None = Unit("times", "multiplier", phrase.end, "fold")
    else:
        unit = unit_after(text, phrase.end, phrase.currency,
                          of_allowed=phrase.form in {"vague", "fraction"})
    glued = glued_letters(text, phrase.end)
    if glued and (unit is None or unit.end == phrase.end):
        if glued.lower() in COUNT_ABBREVIATIONS:
            unit = Unit(COUNT_ABBREVIATIONS[glued.lower()], "count", phrase.end + len(glued),
                        glued)
        else:
            return None  # '10th', '3s', '5G', '2018s', '22pm'
    value = phrase.value * (unit.factor if unit else 1.0)
    end = unit.end if unit else phrase.end
    low, high = (phrase.low, phrase.high) if phrase.vague else (None, None)
    return Reading(phrase, unit, phrase.start, end, value, low, high)


def _is_clock_or_date(reading: Reading, text: str) -> bool:
    start, phrase = reading.start, reading.phrase
    if TIME_OF_DAY.match(text[phrase.start:phrase.start + 16]):
        return True
    if text[phrase.end:phrase.end + 1] == ":" and text[phrase.end + 1:phrase.end + 2].isdigit():
        return True
    if reading.unit is None and TIME_ZONES.match(text[phrase.end:phrase.end + 6]):
        return True
    if phrase.form != "digits" or reading.unit is not None or phrase.value > 2100:
        return False
    before = _MONTH_BEFORE.search(text[max(0, start - 12):start])
    if before and before.group(1).lower() in MONTHS and before.group(1)[0].isupper():
        return True
    after = _MONTH_AFTER.match(text[phrase.end:phrase.end + 16])
    return bool(after and after.group(1).lower() in MONTHS and after.group(1)[0].isupper()
                and phrase.value <= 31)


def _is_marker(reading: Reading, text: str) -> bool:
    """List markers ('1.' at a line start, '(3)'), references ('page 12', 'Game 2')."""
    phrase = reading.phrase
    line_start = text.rfind("\n", 0, phrase.start) + 1
    before = text[line_start:phrase.start]
    after = text[phrase.end:phrase.end + 2]
    if reading.unit is not None:
        return False
    if not before.strip() and after[:1] in {".", ")"} and phrase.plain:
        return True
    if before.endswith("(") and after[:1] == ")" and phrase.plain:
        return True
    return phrase.plain and REFERENCE_WORDS.search(before[-24:]) is not None


def _change(reading: Reading, text: str) -> str:
    """= ~ > < from the words before the figure, up/down from a written sign."""
    before = text[max(0, reading.start - 40):reading.start]
    before = re.split(r"[.;:!?\d]", before)[-1]
    if APPROXIMATE.search(before):
        return "~"
    if reading.ranged:
        return "="
    bound = MORE_THAN.search(before)
    if bound and not (reading.dimension == "duration" and bound.group(0).strip().lower()
                      == "over"):
        return ">"  # but "over ten years" is a span of time
    if LESS_THAN.search(before):
        return "<"
    if reading.dimension not in {"percent", "points"}:
        return "="
    if reading.phrase.signed:
        return "up" if reading.phrase.signed == "+" else "down"
    last = before.split()[-1:]
    word = last[0].lower() if last else ""
    return "up" if word in RISE_WORDS else "down" if word in FALL_WORDS else "="


def _join(first: Reading, second: Reading, text: str) -> Reading | None:
    """'between 1 and 1.5 degrees', '$10 to $15 billion', '0-62mph': one range."""
    link = text[first.end:second.start]
    before = text[max(0, first.start - 24):first.start]
    if _AND_LINK.match(link) and not _BETWEEN.search(before):
        return None
    if not (_RANGE_LINK.match(link) or _AND_LINK.match(link)) or _AGED_RANGE.search(before):
        return None
    if first.unit and not second.unit:
        return None
    unit = _common_unit(first.unit, second.unit)
    if first.unit and unit is None:
        return None
    if first.phrase.vague or second.phrase.vague:
        return None
    if first.phrase.plain and 1000 <= first.value <= 2100 and not (
            second.phrase.plain and 1000 <= second.value <= 2100):
        return None  # "in 2018 to 3.9 million": a year, then a figure
    low = first.value
    if first.phrase.scale == 1.0 and second.phrase.scale > 1.0 \
            and low * second.phrase.scale <= second.value:
        low *= second.phrase.scale  # "$10 to $15 billion", "four to five thousand"
    return Reading(first.phrase, unit or second.unit, first.start, second.end, low, low,
                   second.value, ranged=True)


def _common_unit(first: Unit | None, second: Unit | None) -> Unit | None:
    """The unit two bounds share: equal units, or a unit and its rate ('$48,000 and $90,000
    a year' is dollars a year)."""
    if first is None or second is None:
        return second or first
    if first.unit == second.unit:
        return second
    if second.unit and first.unit and second.unit.startswith(first.unit + " / "):
        return second
    if first.unit and second.unit and first.unit.startswith(second.unit + " / "):
        return replace(first, end=second.end)
    return None


def _inherit(first: Reading, second: Reading, text: str) -> Reading:
    """'8 or $9', 'eight or nine euros': the first figure takes the second's unit."""
    if first.unit is None and second.unit is not None and _OR_LINK.match(
            text[first.end:second.start]) and second.unit.dimension != "age":
        scale = second.phrase.scale if first.phrase.scale == 1.0 else 1.0
        return replace(first, unit=replace(second.unit, end=first.end), value=first.value * scale)
    return first


def _is_dropped_pair(first: Reading, second: Reading, text: str) -> bool:
    """'2-2', '3888-2': two bare figures glued by a dash with no unit after; 'men aged 18
    to 34': an age bracket describes who is counted."""
    link = text[first.end:second.start]
    if _AGED_RANGE.search(text[max(0, first.start - 8):first.start]) and (
            _RANGE_LINK.match(link)) and second.unit is None:
        return True
    return (link in {"-", "–"} and first.phrase.plain and second.phrase.plain
            and second.unit is None)


def _joined(found: list[Reading], text: str) -> list[Reading]:
    out: list[Reading] = []
    skip = 0
    for index, reading in enumerate(found):
        if index < skip:
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None:
            if _is_dropped_pair(reading, following, text):
                skip = index + 2
                continue
            joined = _join(reading, following, text)
            if joined is not None:
                out.append(joined)
                skip = index + 2
                continue
            reading = _inherit(reading, following, text)
        out.append(reading)
    return out


def readings(text: str) -> list[Reading]:
    """Every quantity reading of ``text`` in order, before the parse is consulted."""
    phones = [(m.start(), m.end()) for m in _PHONE.finditer(text)]
    found: list[Reading] = []
    for phrase in number_phrases(text):
        if any(s <= phrase.start < e for s, e in phones):
            continue
        reading = _read(phrase, text)
        if reading is None or _is_clock_or_date(reading, text) or _is_marker(reading, text):
            continue
        found.append(reading)
    joined = _joined(found, text)
    return [replace(r, change=_change(r, text)) for r in joined]


def age_before(text: str, start: int) -> bool:
    """'under the age of 5', 'aged 30': a bare figure that is an age."""
    return AGE_BEFORE.search(text[max(0, start - 20):start]) is not None


__all__ = ["Reading", "age_before", "readings"]
