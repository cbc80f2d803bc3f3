"""Number phrases from the text alone: digits, number words, scales, fractions, dozens,
vague magnitudes and a currency written before the figure.

:func:`number_phrases` returns every :class:`NumberPhrase` of a text with exact offsets;
units, ranges and the parse come later (``units``, ``ranges``, ``find``). Multi-word
number words ("twenty-eight thousand six hundred forty-two") are read by number-parser.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...text.scan import RuleScanner
from .lexicon import (
    CURRENCY_PREFIXES,
    DOZENS,
    FRACTIONS,
    NUMBER_WORDS,
    SCALES,
    VAGUE_MAGNITUDES,
)

_WORD = (r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
         r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?")
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
_CURRENCY = "|".join(
    re.escape(sign).replace(r"\ ", r"\s?") for sign in sorted(CURRENCY_PREFIXES, key=len,
                                                            reverse=True))
_FRACTION = "|".join(re.escape(f).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]")
                     for f in sorted(FRACTIONS, key=len, reverse=True))
_DOZEN = "|".join(re.escape(d).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]")
                  .replace("'", "['’]") for d in sorted(DOZENS, key=len, reverse=True))

NUMBER_RE = re.compile(
    r"(?<![\w.,$€£¥#@&=])(?<!\d[/:])"
    r"(?:(?P<cur>" + _CURRENCY + r")\s?(?=[\d.]))?"
    r"(?P<sign>[-+−](?=\.?\d))?"
    r"(?P<body>"
    r"(?P<vague>(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:dozens|scores|hundreds|thousands|millions|billions|trillions)(?=\s+of\b))"
    r"|(?P<dozen>" + _DOZEN + r")"
    r"|(?P<fraction>" + _FRACTION + r")(?=\s+(?:of|the|a|an|his|her|its|their)\b)"
    r"|(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"|(?P<words>" + _WORD + r"(?:[\s-]+(?:" + _WORD + "|" + _SCALE
    + r"(?:\s+and(?=\s+" + _WORD + r"))?))*(?:(?=-?fold)|\b))"
    r"|(?P<aword>an?)(?=\s+" + _SCALE + r"\b)"
    r")"
    r"(?:\s*(?P<scale>" + _SCALE + r")\b(?:\s+(?P<scale2>million|billion|trillion)\b)?"
    r"|(?P<abbr>bn|mn|mln|tn|trn|k|K|m|M|b|B)(?![\w])"
    r"|\s(?P<sabbr>bn|mn|B)(?=\s+[a-z]))?"
    r"(?P<fold>-?fold\b)?"
    r"(?![\d])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """A number as written: ``start``/``end`` cover the currency sign, the sign, the figure
    and its scale word; ``value`` has the scale folded in (``scale``)."""

    start: int
    end: int
    value: float
    scale: float = 1.0
    currency: str | None = None
    low: float | None = None  # a vague magnitude's bounds ("tens of thousands")
    high: float | None = None
    form: str = "digits"  # digits | words | fraction | dozen | vague
    plain: bool = False  # bare digits: no comma, decimal point, sign, scale or currency
    signed: str = ""  # "+" or "-" when written with a sign
    fold: bool = False  # "sixfold": a multiplier

    @property
    def vague(self) -> bool:
        return self.form == "vague"


@functools.cache
def _word_value(text: str) -> float | None:
    from number_parser import parse_number

    value = parse_number(" ".join(text.replace("-", " ").split()))
    return float(value) if value is not None else None


def _body_value(match: re.Match) -> tuple[float, str, tuple[float, float] | None] | None:
    if match["vague"]:
        words = match["vague"].lower().split()
        low, high = VAGUE_MAGNITUDES[words[0]]
        for word in words[2:]:
            low, high = low * VAGUE_MAGNITUDES[word][0], high * VAGUE_MAGNITUDES[word][0]
        return low, "vague", (low, high)
    if match["dozen"]:
        key = " ".join(match["dozen"].lower().replace("’", "'").split())
        return DOZENS.get(key, DOZENS.get(key.replace(" dozen", "-dozen"), 12.0)), "dozen", None
    if match["fraction"]:
        key = " ".join(match["fraction"].lower().split())
        value = FRACTIONS.get(key, FRACTIONS.get(key.replace(" ", "-")))
        return (value, "fraction", None) if value is not None else None
    if match["digits"]:
        return float(match["digits"].replace(",", "")), "digits", None
    if match["aword"]:
        return 1.0, "words", None
    value = _word_value(match["words"].lower())
    return (value, "words", None) if value is not None else None


def _scale_of(match: re.Match) -> float:
    scale = 1.0
    for name in ("scale", "scale2"):
        if match[name]:
            scale *= SCALES[match[name].lower()]
    abbr = match["abbr"] or match["sabbr"]
    if abbr:
        scale *= SCALES[abbr.lower()]
    return scale


def _abbreviation_fits(match: re.Match, text: str) -> bool:
    """'$5.4m', '1.2m tons', '4.3M sales' are millions; '72m' alone is metres."""
    abbr = match["abbr"]
    if not abbr or abbr.lower() not in {"m", "b"} or abbr == "M" or match["cur"]:
        return True
    after = text[match.end():match.end() + 30]
    return re.match(r"\s+[a-z][a-z-]*s\b", after) is not None


def _sign(match: re.Match, text: str) -> tuple[str, int] | None:
    """The sign as written and where the phrase starts; a dash glued to a word or figure
    is a range dash ('0-62', 'to-260,000') or a prefix ('sub-300'), and inside a name
    ('TA-35') the figure is no quantity (None)."""
    sign = match["sign"] or ""
    start = match.start()
    if not sign:
        glued = re.search(r"([A-Za-z]+)-$", text[max(0, start - 8):start])
        if glued and glued.group(1).lower() not in {"sub", "to", "the"}:
            return None  # 'TA-35', 'V-12', 'COVID-19': a name
        return "", start
    at = match.start("sign")
    before = text[max(0, at - 4):at]
    if at == 0 or before[-1:].isspace() or before[-1:] in "([/:":
        return sign, start
    if before[-1:].isdigit() or re.search(r"(?:\bsub|\bto|\bthe)$", before, re.IGNORECASE):
        return "", match.start("sign") + 1
    return None


def _phrase(match: re.Match, text: str) -> NumberPhrase | None:
    parsed = _body_value(match)
    signed = _sign(match, text)
    if parsed is None or signed is None:
        return None
    value, form, bounds = parsed
    sign, start = signed
    end = match.end()
    scale = _scale_of(match) if form in {"digits", "words"} else 1.0
    last_word = (match["words"] or "").lower().split()[-1:]
    if form == "words" and last_word and last_word[0] in SCALES:
        scale *= SCALES[last_word[0]]  # "five thousand": the scale is part of the words
    if not _abbreviation_fits(match, text):
        end, scale = match.start("abbr"), scale / SCALES[match["abbr"].lower()]
    negative = sign in {"-", "−"}
    currency = CURRENCY_PREFIXES[re.sub(r"\s+", " ", match["cur"].lower())] if match["cur"] \
        else None
    digits = match["digits"] or ""
    plain = (form == "digits" and not any(c in digits for c in ",.") and not sign
             and scale == 1.0 and currency is None)
    low, high = bounds if bounds else (None, None)
    number = value * scale if form != "words" else value * (scale / _words_scale(match))
    return NumberPhrase(start if not match["cur"] else match.start(), end,
                        -number if negative else number, scale, currency, low, high,
                        form, plain, "+" if sign == "+" else ("-" if negative else ""),
                        bool(match["fold"]))


def _words_scale(match: re.Match) -> float:
    """The scale already inside a words value ('five thousand' reads as 5000)."""
    last = (match["words"] or "").lower().split()[-1:]
    return SCALES[last[0]] if last and last[0] in SCALES else 1.0


@functools.cache
def _number_scanner() -> RuleScanner:
    """``NUMBER_RE.finditer`` tried only where a number may begin (the pattern opens with
    a look-behind, which keeps Python's engine from skipping ahead to such places)."""
    return RuleScanner([NUMBER_RE])


def number_phrases(text: str) -> Iterator[NumberPhrase]:
    """Every number phrase of ``text`` in order (none overlapping)."""
    for match in _number_scanner().matches(text)[0]:
        phrase = _phrase(match, text)
        if phrase is not None:
            yield phrase
