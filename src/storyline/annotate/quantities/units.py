"""The unit written after a number, normalized: percent, currency (ISO code), a measure
(through pint: "kilometres" and "km" are both ``kilometer``), an age, a multiplier, a rate
("barrels a day" is ``barrel / day``).

:func:`unit_after` reads the unit that follows a number phrase; :func:`normalize` turns a
pint expression into its canonical name and dimension.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .lexicon import (
    AGE_PATTERN,
    CASED_UNITS,
    CURRENCY_SUFFIXES,
    CURRENCY_WORDS,
    MEASURE_UNITS,
    MULTIPLIER_WORDS,
    PER_WORDS,
    PERCENT_UNITS,
    SUBUNITS,
)


@dataclass(frozen=True, slots=True)
class Unit:
    """A normalized unit and where its words end in the text."""

    unit: str | None
    dimension: str
    end: int
    text: str = ""
    factor: float = 1.0  # cents: 0.01 of the currency


_PERCENT = re.compile(
    r"\s*(?:(?P<pct>%)|(?P<word>per\s*cent|percent|percentage\s+points?|basis\s+points?)\b"
    r"|(?P<glued>pc|pct|pp|bps)\b)", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-zμµ°$][A-Za-zμµ°·.]*(?:[-/][A-Za-zμµ°]+)*")
_PER = re.compile(r"\s*(?:/|\s(?:a|an|per)\s+)(?P<per>[a-z]+)\b|\s+(?P<adv>annually)\b",
                  re.IGNORECASE)
_OF_MONEY = re.compile(r"\s+of\s+(?P<word>[A-Za-z]+)\b")

#: dimension name -> a unit of that dimension (pint compares the dimensionalities)
DIMENSIONS = {
    "length": "meter", "mass": "kilogram", "duration": "second", "area": "meter ** 2",
    "volume": "meter ** 3", "speed": "meter / second", "temperature": "kelvin",
    "power": "watt", "energy": "joule", "frequency": "hertz", "pressure": "pascal",
    "charge": "ampere * hour", "fuel economy": "mile / gallon",
    "mass per length": "gram / kilometer", "electric field": "volt / meter",
    "flow": "barrel / day", "data rate": "bit / second",
}


@functools.cache
def registry():
    """The pint unit registry (built once: it reads pint's definition file)."""
    import pint

    return pint.UnitRegistry()


@functools.cache
def normalize(expression: str) -> tuple[str, str] | None:
    """(canonical unit name, dimension) of a pint expression, or None if pint cannot read it."""
    import pint

    try:
        units = registry().parse_units(expression)
    # pint's expression parser asserts on a dangling operator ("mile/", "*"):
    # text from articles is never trusted to be a well-formed unit expression.
    except (pint.errors.PintError, AssertionError, AttributeError, TypeError, ValueError):
        return None
    return str(units), _dimension(units)


def _dimension(units) -> str:
    name = str(units)
    if "bit" in name and "/" in name:
        return "data rate"
    if "byte" in name or "bit" in name:
        return "data"
    if "decibel" in name:
        return "loudness"
    if "degree" in name and "Celsius" not in name and "Fahrenheit" not in name:
        return "angle"
    for dimension, reference in DIMENSIONS.items():
        if units.dimensionality == _reference(reference):
            return dimension
    return "measure"


@functools.cache
def _reference(expression: str):
    return registry().parse_units(expression).dimensionality


def same_unit(first: str, second: str) -> bool:
    """True when two pint expressions name the same unit ('mph' and 'mile / hour')."""
    a, b = normalize(first), normalize(second)
    if a is None or b is None:
        return first == second
    if a[0] == b[0]:
        return True
    reg = registry()
    try:
        factor = reg.Quantity(1.0, reg.parse_units(a[0])).to(reg.parse_units(b[0])).magnitude
    except Exception:  # noqa: BLE001 - pint raises several kinds for incompatible units
        return False
    return abs(factor - 1.0) < 1e-6


def _percent(text: str, at: int) -> Unit | None:
    found = _PERCENT.match(text, at)
    if found is None or (found["glued"] and found.start("glued") != at):
        return None
    written = (found["pct"] or found["word"] or found["glued"]).lower()
    key = " ".join(written.split()).replace("percent", "percent")
    key = {"per cent": "percent", "percentage points": "percentage points"}.get(key, key)
    unit = PERCENT_UNITS.get(key) or PERCENT_UNITS.get(written.replace(" ", "")) or "percent"
    if unit == "percent" and "point" in written:
        unit = "percentage point"
    dimension = "percent" if unit == "percent" else "points"
    return Unit(unit, dimension, found.end(), text[at:found.end()].strip())


def _tokens(text: str, at: int, limit: int = 3) -> list[re.Match]:
    """Up to ``limit`` word tokens right after ``at`` (glued, after a space or a hyphen)."""
    found: list[re.Match] = []
    position = at
    for _ in range(limit):
        gap = re.match(r"[ \t]?-?[ \t]?" if not found else r" ", text[position:position + 3])
        step = position + (gap.end() if gap else 0)
        token = _TOKEN.match(text, step)
        if token is None or (found and step == position):
            break
        found.append(token)
        position = token.end()
    return found


def _lookup(words: str) -> tuple[str, str] | None:
    """(kind, value) of a unit as written: measure, currency, multiplier or point."""
    if words in CASED_UNITS:
        return "measure", CASED_UNITS[words]
    lower = words.lower()
    if lower in MEASURE_UNITS:
        return "measure", MEASURE_UNITS[lower]
    if lower in CURRENCY_WORDS:
        return "currency", CURRENCY_WORDS[lower]
    if lower in MULTIPLIER_WORDS:
        return "multiplier", "times"
    if lower in {"points", "point", "pts", "pt"}:
        return "points", "point"
    return None


def _named_unit(text: str, at: int, glued_only: bool) -> Unit | None:
    tokens = _tokens(text, at)
    if not tokens or (glued_only and tokens[0].start() != at):
        return None
    for size in range(len(tokens), 0, -1):
        written = text[tokens[0].start():tokens[size - 1].end()]
        found = _lookup(" ".join(written.split()))
        if found is None and written.endswith("."):
            written = written[:-1]
            found = _lookup(" ".join(written.split()))
        if found is None:
            continue
        kind, value = found
        end = tokens[0].start() + len(written)
        if len(written) == 1 and tokens[0].start() != at:
            continue  # a lone letter is a unit only when glued: '45g', '1.0l', '118.5p'

        if kind == "currency" and not (written.isupper() or written.islower()):
            continue
        return _as_unit(kind, value, end, written)
    return None


def _as_unit(kind: str, value: str, end: int, written: str) -> Unit | None:
    if kind == "currency":
        return Unit(value, "currency", end, written, SUBUNITS.get(written.lower(), 1.0))
    if kind == "multiplier":
        return Unit("times", "multiplier", end, written)
    if kind == "points":
        return Unit("point", "points", end, written)
    normal = normalize(value)
    if normal is None:
        return None
    return Unit(normal[0], normal[1], end, written)


def _with_rate(unit: Unit, text: str) -> Unit:
    """'barrels a day', '$48,000 a year', '$ per share', 'percent a year'."""
    found = _PER.match(text, unit.end)
    if found is None:
        return unit
    word = (found["per"] or found["adv"]).lower()
    key = f"per {word}" if found["per"] else word
    denominator = PER_WORDS.get(key) or PER_WORDS.get(f"a {word}")
    if denominator is None and found["per"] and word in MEASURE_UNITS:
        denominator = MEASURE_UNITS[word]
    if denominator is None:
        return unit
    name = f"{unit.unit or 'count'} / {denominator}"
    normal = normalize(name) if unit.dimension not in {"currency", "percent", "points",
                                                       "multiplier", "count"} else None
    return Unit(normal[0] if normal else name, "rate", found.end(),
                text[unit.end - len(unit.text):found.end()].strip(), unit.factor)


def _age(text: str, at: int) -> Unit | None:
    found = AGE_PATTERN.match(text[at:at + 24])
    if found is None:
        return None
    unit = "month" if found["mo"] else "year"
    return Unit(unit, "age", at + found.end(), found.group(0).strip(" -"))


def _currency_suffix(unit: Unit, text: str) -> Unit:
    """'$31.20 US', '$75 U.S. per barrel': the country after a dollar figure."""
    found = re.match(r" ([A-Za-z.]+)(?![\w])", text[unit.end:unit.end + 6])
    if found is None or CURRENCY_SUFFIXES.get(found.group(1).lower()) != unit.unit:
        return unit
    return Unit(unit.unit, unit.dimension, unit.end + found.end(), unit.text, unit.factor)


def unit_after(text: str, at: int, currency: str | None = None,
               of_allowed: bool = False) -> Unit | None:
    """The unit written from ``at`` on (right after a number), or None.

    ``currency`` is a currency written before the figure ('$5', 'HK $3.7 billion');
    ``of_allowed`` reads 'tens of thousands of dollars' (a vague magnitude of a currency)."""
    if currency:
        unit = _currency_suffix(Unit(currency, "currency", at), text)
        return _with_rate(unit, text)
    unit = _age(text, at) or _percent(text, at)
    if unit is None:
        unit = _named_unit(text, at, glued_only=False)
    if unit is None and of_allowed:
        found = _OF_MONEY.match(text, at)
        if found and found["word"].lower() in CURRENCY_WORDS:
            unit = Unit(CURRENCY_WORDS[found["word"].lower()], "currency", found.end(),
                        found["word"])
    if unit is None:
        return None
    if unit.dimension == "currency":
        unit = _currency_suffix(unit, text)
    return unit if unit.dimension == "age" else _with_rate(unit, text)


def glued_letters(text: str, at: int) -> str:
    """Letters glued to a figure ('3s', '5G', '10th'), which make it no plain quantity."""
    found = re.match(r"[A-Za-z]+", text[at:at + 12])
    return found.group(0) if found else ""


__all__ = ["Unit", "glued_letters", "normalize", "registry", "same_unit", "unit_after"]
