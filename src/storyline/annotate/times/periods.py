"""Normalizers for clock times, quarters, holidays, references, durations and sets.

Durations and sets get TimeML values: ``P6M``, ``PT5H30M``, ``PXY`` (unknown count),
``P1D`` for "daily", ``XXXX-WXX-1`` for "every Monday"; references get ``PRESENT_REF``,
``PAST_REF`` or ``FUTURE_REF``.
"""

from __future__ import annotations

import datetime as dt
import re

from . import calendar as cal
from .lexicon import UNIT_CODES, WEEKDAY_NUMBER, month_number, parse_number
from .values import Context, Norm, anchor_day_value, weekday_value_for

_REFS = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
         "at present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
         "presently": "PRESENT_REF", "current": "PRESENT_REF", "recently": "PAST_REF",
         "previously": "PAST_REF", "formerly": "PAST_REF", "lately": "PAST_REF",
         "in the past": "PAST_REF", "the past": "PAST_REF", "recent years": "PAST_REF",
         "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
         "recent times": "PAST_REF", "recent decades": "PAST_REF", "recent": "PAST_REF",
         "once": "PAST_REF", "earlier": "PAST_REF", "the future": "FUTURE_REF",
         "future": "FUTURE_REF", "soon": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
         "shortly": "FUTURE_REF"}
_SUBUNIT = {"Y": (12, "M"), "M": (4, "W"), "W": (7, "D"), "D": (24, "TH"), "TH": (60, "TM"),
            "TM": (60, "TS")}
_SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
                "yearly": "P1Y", "hourly": "PT1H"}
_RATE_BEFORE = re.compile(r"(?:\d|%|percent|cents?|dollars?|times|once|twice|million|"
                          r"billion|miles|shifts?|meals?|hours|minutes|days|weeks|months)\s*$",
                          re.IGNORECASE)
_HOLIDAYS = {"thanksgiving": (11, 3, 4), "christmas": (12, 25, None),
             "christmas eve": (12, 24, None), "new year's": (1, 1, None),
             "new year's day": (1, 1, None), "new year's eve": (12, 31, None),
             "independence day": (7, 4, None), "veterans day": (11, 11, None),
             "halloween": (10, 31, None), "labor day": (9, 0, 1), "election day": (11, 0, 1)}


def _unit_code(unit: str) -> str:
    unit = unit.lower()
    return UNIT_CODES["century" if unit.startswith("centur") else unit]


def format_duration(count: float | None, code: str) -> str:
    """TimeML duration value: (2.5, "Y") -> P2Y6M, (5, "TH") -> PT5H, (None, "W") -> PXW."""
    if code == "DE":
        code, count = "Y", None if count is None else count * 10
    elif code == "CE":
        if count is None:
            return "PXE"
        code, count = "Y", count * 100
    prefix = "PT" if code.startswith("T") else "P"
    letter = code[-1] if code not in ("WE",) else code
    if count is None:
        return f"{prefix}X{letter}"
    whole, fraction = int(count), count - int(count)
    text = f"{prefix}{whole}{letter}" if whole else prefix
    if fraction and code in _SUBUNIT:
        factor, sub = _SUBUNIT[code]
        extra = round(fraction * factor)
        if sub.startswith("T") and not text.startswith("PT"):
            text += "T"
        text += f"{extra}{sub[-1]}"
    return text if text not in ("P", "PT") else f"{prefix}0{letter}"


def clock(m: re.Match[str], ctx: Context) -> Norm | None:
    hour, minute = int(m["hour"]), int(m["min"] or 0)
    if m["ap"].lower().startswith("p") and hour < 12:
        hour += 12
    elif m["ap"].lower().startswith("a") and hour == 12:
        hour = 0
    date = _clock_date(m, ctx)
    return Norm(f"{date}T{hour:02d}:{minute:02d}" if date else None, "time")


def _clock_date(m: re.Match[str], ctx: Context) -> str | None:
    if ctx.ref is None:
        return None
    word = (m.groupdict().get("word") or "").lower()
    if m.groupdict().get("wd"):
        return weekday_value_for(ctx, m["wd"])
    if m.groupdict().get("mon"):
        choice = cal.month_day_value(ctx.ref, month_number(m["mon"]),
                                     int(re.sub(r"\D", "", m["day"])), ctx.tense)
        return choice.value if choice else None
    if not word and ctx.day_anchor and ctx.day_anchor.value:
        return ctx.day_anchor.value[:10]
    offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    return (ctx.ref + dt.timedelta(days=offset)).isoformat()


def clock24(m: re.Match[str], ctx: Context) -> Norm | None:
    words = re.findall(r"[a-z]+", ctx.before[-12:].lower())
    if not m["tz"] and not (words and words[-1] in ("at", "by", "until", "about", "around",
                                                     "before", "after", "from", "till")):
        return None
    date = _clock_date(m, ctx)
    return Norm(f"{date}T{int(m['hour']):02d}:{m['min']}" if date else None, "time")


def noon(m: re.Match[str], ctx: Context) -> Norm | None:
    hour = "24:00" if m["word"].lower() == "midnight" else "12:00"
    date = _clock_date(m, ctx)
    return Norm(f"{date}T{hour}" if date else None, "time")


def _quarter_shift(value: str, years: int) -> str:
    """``value`` (2021, 2021-Q3, 2021-06, 2021-06-01 ...) moved by whole years."""
    date = cal.parse_reference(value) if len(value) == 10 else None
    if date is not None:
        return cal.shift_years(date, years).isoformat()
    year, dash, rest = value.partition("-")
    if not year.isdigit():
        return value
    return f"{int(year) + years:04d}{dash}{rest}"


def _anchor_quarter(ctx: Context) -> str | None:
    if ctx.anchor and ctx.anchor.value and ctx.anchor.granularity == "quarter":
        return ctx.anchor.value
    return None


def quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
              "fourth": 4, "4th": 4}[m["ord"].lower()]
    half = m["unit"].lower() == "half"
    if half and number > 2:
        return None
    letter, granularity = ("H", "half") if half else ("Q", "quarter")
    explicit = m["yr1"] or m["yr2"]
    if explicit:
        return Norm(f"{int(explicit):04d}-{letter}{number}", granularity)
    if ctx.ref is None:
        return Norm(None, granularity)
    if m["ymode"]:
        offset = {"last": -1, "next": 1}.get(m["ymode"].lower(), 0)
        return Norm(f"{ctx.ref.year + offset:04d}-{letter}{number}", granularity)
    if half:
        late = number == 2 and ctx.ref.month <= 6 and ctx.tense == "past"
        return Norm(f"{ctx.ref.year - late:04d}-H{number}", granularity)
    choice = cal.quarter_value(ctx.ref, number, ctx.tense)
    return Norm(choice.value, granularity)


_PREVIOUS_YEAR = ("year-ago", "year-earlier", "comparable", "year-before", "prior-year")


def the_quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    mods, unit = " ".join(m["mods"].lower().split()), m["unit"].lower()
    det = m["det"].lower()
    if det == "a" or m.group(0).lower().endswith("s"):
        return None
    if unit == "period" and not m["yr"] and not any(
            w in mods for w in ("latest", "year-", "comparable", "current", "recent", "same",
                                "prior")):
        return None
    if m["yr"]:
        base = _anchor_quarter(ctx) or (cal.last_quarter(ctx.ref) if ctx.ref else "0000-Q0")
        return Norm(f"{m['yr']}-{base.partition('-')[2]}" if base[-1] != "0" else m["yr"],
                    "quarter")
    for word, number in (("first", 1), ("second", 2), ("third", 3), ("fourth", 4)):
        if word in mods:
            if ctx.ref is None:
                return Norm(None, "quarter")
            return Norm(cal.quarter_value(ctx.ref, number, ctx.tense).value, "quarter")
    if ctx.ref is None:
        return Norm(None, "quarter")
    if "current" in mods or det == "this":
        return Norm(f"{ctx.ref.year:04d}-Q{cal.quarter_of(ctx.ref)}", "quarter")
    base = cal.last_quarter(ctx.ref)
    if "latest" not in mods and "recent" not in mods:
        base = _anchor_quarter(ctx) or base
    if any(word in mods for word in _PREVIOUS_YEAR):
        return Norm(_quarter_shift(base, -1), "quarter")
    return Norm(base, "quarter")


def year_ago(m: re.Match[str], ctx: Context) -> Norm | None:
    return _years_before(ctx, 1)


def _years_before(ctx: Context, count: int, use_anchor: bool = True) -> Norm:
    quarter_value = _anchor_quarter(ctx) if use_anchor else None
    if quarter_value:
        return Norm(_quarter_shift(quarter_value, -count), ctx.anchor.granularity)
    anchor = ctx.anchor
    if use_anchor and anchor and anchor.value and anchor.granularity in ("year", "day", "month"):
        return Norm(_quarter_shift(anchor.value, -count), anchor.granularity)
    if ctx.ref is None:
        return Norm(None, "year")
    return Norm(f"{ctx.ref.year - count:04d}", "year")


def holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    name = " ".join(m["name"].lower().split()).removesuffix(" day")
    name = {"new year's": "new year's", "christmas": "christmas"}.get(name, name)
    key = name if name in _HOLIDAYS else f"{name} day"
    if key not in _HOLIDAYS or ctx.ref is None:
        return Norm(None, "day")
    month_no, day_no, weekday_nth = _HOLIDAYS[key]
    dates = [_holiday_date(year, month_no, day_no, weekday_nth)
             for year in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)]
    mode = (m["mode"] or "").lower()
    past = max(d for d in dates if d <= ctx.ref) if mode != "next" else None
    future = min(d for d in dates if d >= ctx.ref) if mode != "last" else None
    if past is None or future is None:
        return Norm((past or future).isoformat(), "day")
    choice = cal.choose(past.isoformat(), future.isoformat(), (ctx.ref - past).days,
                        (future - ctx.ref).days, ctx.tense)
    return Norm(choice.value, "day", choice.alternatives)


def _holiday_date(year: int, month_no: int, day_no: int, nth: int | None) -> dt.date:
    if nth is None:
        return dt.date(year, month_no, day_no)
    if month_no == 11 and nth == 1:  # Election Day: the Tuesday after the first Monday
        return cal.nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
    weekday = 3 if month_no == 11 else 0  # Thanksgiving: Thursday; Labor Day: Monday
    return cal.nth_weekday(year, month_no, weekday, 4 if month_no == 11 else nth)


def anchor_day(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["word"]:
        word = m["word"].lower()
        if not m["pre"] and not m["same"] and m["det"].lower() == "the":
            return None
        part = "" if word == "day" else {"morning": "MO", "night": "NI", "evening": "EV",
                                          "afternoon": "AF"}[word]
        return anchor_day_value(ctx, 0, part)
    if m["unit3"]:
        return _anchor_period(ctx, m["unit3"].lower(), 0)
    unit = m["unit2"].lower()
    offset = 1 if m["rel"].lower() in ("next", "following") else -1
    if unit in ("day", "morning", "evening", "night"):
        part = {"morning": "MO", "evening": "EV", "night": "NI"}.get(unit, "")
        return anchor_day_value(ctx, offset, part)
    return _anchor_period(ctx, unit, offset)


def _anchor_period(ctx: Context, unit: str, offset: int) -> Norm | None:
    """"that year", "the following month": the anchor's year/month/week moved by offset."""
    anchor = ctx.anchor.value if ctx.anchor and ctx.anchor.value else None
    if anchor is None or not anchor[:4].isdigit():
        return Norm(None, unit)
    date = cal.parse_reference(anchor[:10]) if len(anchor) >= 10 else None
    if unit == "year":
        return Norm(f"{int(anchor[:4]) + offset:04d}", "year")
    if unit == "month" and re.match(r"\d{4}-\d\d(?:$|-)", anchor):
        month_date = dt.date(int(anchor[:4]), int(anchor[5:7]), 1)
        return Norm(cal.month(*cal.shift_months(month_date, offset)), "month")
    if unit == "week" and date is not None:
        return Norm(cal.week(date + dt.timedelta(days=7 * offset)), "week")
    return Norm(None, unit)


def year_end(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm(f"{ctx.ref.year:04d}-12-31" if ctx.ref else None, "day")


def ref(m: re.Match[str], ctx: Context) -> Norm | None:
    word = " ".join(m["word"].lower().split())
    if word not in _REFS:
        return None
    if word.endswith(("future", "past")) and re.match(r"\s+of\b", ctx.after):
        return None  # "the future of the alliance" is a fate, not a time
    return Norm(_REFS[word], "reference")


def duration(m: re.Match[str], ctx: Context) -> Norm | None:
    unit, number = m["unit"].lower(), m["num"].lower()
    if unit == "second" and number in ("a", "an"):
        return None
    if unit == "quarter" and re.match(r"\s+of\b", ctx.after):
        return None
    if m["long"] and m["long"].lower() == "-old" or re.match(r"\s+old\b", ctx.after):
        return None
    count = parse_number(number)
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", number) and not m["pl"]:
        return None  # "the 1988 quarter" is a year, not 1988 quarters
    code = _unit_code(unit)
    if m["ago"]:
        return _shifted(m["ago"].strip().lower(), count, code, ctx)
    if count == 1 and not m["pl"] and _RATE_BEFORE.search(ctx.before) and not m["rel"]:
        return Norm(format_duration(1, code), "set")
    return Norm(format_duration(count, code), "duration")


def _shifted(direction: str, count: float | None, code: str, ctx: Context) -> Norm | None:
    """"two years ago", "a year earlier": a point ``count`` units from the reference."""
    sign = 1 if direction in ("later", "from now", "after that") else -1
    if count is None:
        return Norm("PAST_REF" if sign < 0 else "FUTURE_REF", "reference")
    if code == "Y" and count == int(count):
        return _years_before(ctx, -sign * int(count), direction != "ago" or count == 1)
    if ctx.ref is None:
        return Norm(None, "day")
    steps = int(count) * sign
    if code == "M":
        return Norm(cal.month(*cal.shift_months(ctx.ref, steps)), "month")
    if code == "W":
        return Norm(cal.week(ctx.ref + dt.timedelta(days=7 * steps)), "week")
    if code == "D":
        return Norm((ctx.ref + dt.timedelta(days=steps)).isoformat(), "day")
    if code == "DE":
        return Norm(f"{ctx.ref.year + 10 * steps:04d}", "year")
    if code == "Q":
        return Norm(cal.last_quarter(ctx.ref + dt.timedelta(days=91 * (steps + 1))), "quarter")
    return Norm(ctx.ref.isoformat(), "day")


def vague_units(m: re.Match[str], ctx: Context) -> Norm | None:
    mod = (m["mod"] or "").lower()
    if "coming" in mod:
        return Norm("FUTURE_REF", "reference")
    if mod == "the" and not re.match(r"\s+(?:before|after|ahead|that\s+followed|leading|"
                                     r"following|since)\b", ctx.after, re.IGNORECASE):
        return None
    if not mod:
        words = re.findall(r"[a-z]+", ctx.before[-12:].lower())
        if not words or words[-1] not in ("for", "over", "within", "in", "than", "took",
                                          "lasted", "spent", "after", "take"):
            return None
    code = _unit_code(m["unit"])
    if code == "DE":
        code = "Y"
    return Norm(format_duration(None, code), "duration")


def set_expression(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["adv"]:
        return Norm(_SET_ADVERBS[m["adv"].lower()], "set")
    unit = m["unit"].lower()
    if unit in WEEKDAY_NUMBER:
        return Norm(f"XXXX-WXX-{WEEKDAY_NUMBER[unit] + 1}", "set")
    if unit in ("morning", "evening"):
        return Norm("P1D", "set")
    count = 2 if (m["num"] or "").lower() == "other" else parse_number(m["num"] or "1")
    return Norm(format_duration(count, _unit_code(unit)), "set")
