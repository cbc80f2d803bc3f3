"""Normalizers for the calendar rules of annotate.times_rules: dates, months, years, weeks.

Each handler takes the rule's match and a Context and returns a Norm, or None when the
match is not a time expression after all (the modal "may", a count like "1500 troops").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import calendar as cal
from .lexicon import PARTS_OF_DAY, SEASONS, WEEKDAY_NUMBER, month_number, year_value


@dataclass(frozen=True, slots=True)
class Norm:
    """A normalized value (None when it needs a reference date that is missing)."""

    value: str | None
    granularity: str
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """What a handler may look at besides its match."""

    ref: dt.date | None
    tense: str | None
    anchor: Norm | None
    before: str
    after: str
    firm: bool = False
    day_anchor: Norm | None = None


_MONTH_PREPOSITIONS = frozenset((
    "in", "of", "since", "until", "till", "through", "by", "from", "to", "during", "before",
    "after", "early", "late", "mid", "last", "next", "this", "between", "and", "or", "for",
    "around", "about", "on", "that", "each", "every", "a", "an"))
_COUNT_NOUNS = re.compile(
    r"^\s*(?:%|percent|troops|soldiers|people|persons|shares|members|workers|employees|jobs|"
    r"cars|tons|units|points|feet|foot|meters|miles|km|votes|copies|acres|barrels|rooms|"
    r"pounds|dollars|yen|marks|francs|kilometers|hectares|ounces|square|residents|students|"
    r"men|women|children|homes|deaths|cases|calories|customers|stores|[a-z]+ers\b)",
    re.IGNORECASE)


_POSSESSIVE = re.compile(r"['\u2019]s\b")


def _norm(choice: cal.Choice | None, granularity: str) -> Norm | None:
    if choice is None:
        return None
    return Norm(choice.value, granularity, choice.alternatives)


def _date_or_none(year: int, month_no: int, day_no: int) -> dt.date | None:
    try:
        return dt.date(year, month_no, day_no)
    except ValueError:
        return None


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def iso(m: re.Match[str], ctx: Context) -> Norm | None:
    date = _date_or_none(int(m["year"]), int(m["mon"]), int(m["day"]))
    if date is None:
        return None
    if m["hour"]:
        return Norm(f"{date.isoformat()}T{m['hour']}:{m['min']}", "time")
    return Norm(date.isoformat(), "day")


def numeric(m: re.Match[str], ctx: Context) -> Norm | None:
    year = int(m["year"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    date = _date_or_none(year, int(m["mon"]), int(m["day"]))
    return Norm(date.isoformat(), "day") if date else None


def month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    month_no, day_no = month_number(m["mon"]), _day_number(m["day"])
    if m["year"]:
        date = _date_or_none(int(m["year"]), month_no, day_no)
        return Norm(date.isoformat(), "day") if date else None
    if _date_or_none(2000, month_no, day_no) is None:
        return None
    if ctx.ref is None:
        return Norm(None, "day")
    return _norm(cal.month_day_value(ctx.ref, month_no, day_no, ctx.tense,
                                                 firm=ctx.firm), "day")


def month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    year_no = year_value(m["year"])
    return Norm(cal.month(year_no, month_number(m["mon"])), "month") if year_no else None


def year_words(m: re.Match[str], ctx: Context) -> Norm | None:
    """A year in words: "nineteen ninety-six", "the year two thousand"."""
    value = year_value(m["year"])
    if value is None or _COUNT_NOUNS.match(ctx.after):
        return None
    if m["year"].lower().startswith("two") and not m["pre"]:
        return None
    return Norm(f"{value:04d}", "year")


def _is_bare_month_word(m: re.Match[str], ctx: Context) -> bool:
    """True for a capitalised "May"/"March" that is more likely a verb or a name."""
    word = m["mon"]
    if word.rstrip(".").lower() not in ("may", "march") or m["mode"] or m["part"]:
        return False
    previous = re.findall(r"[A-Za-z]+", ctx.before[-20:])
    return not previous or previous[-1].lower() not in _MONTH_PREPOSITIONS


def month(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["mon"]
    if len(word) <= 4 and not word.endswith(".") and word.lower() not in ("may", "june", "july"):
        return None
    if _is_bare_month_word(m, ctx):
        return None
    if ctx.ref is None:
        return Norm(None, "month")
    if m["ymode"]:
        offset = {"last": -1, "next": 1}.get(m["ymode"].lower(), 0)
        return Norm(cal.month(ctx.ref.year + offset, month_number(word)), "month")
    mode = {"past": "last", "coming": "next"}.get((m["mode"] or "").lower(),
                                                   (m["mode"] or "").lower())
    return _norm(cal.month_value(ctx.ref, month_number(word), ctx.tense, mode,
                                         firm=ctx.firm), "month")


def year(m: re.Match[str], ctx: Context) -> Norm | None:
    if ctx.before.rstrip().endswith(("$", "No.", "#", "No")) or _COUNT_NOUNS.match(ctx.after):
        return None
    value = int(m["year"])
    pre = (m["pre"] or "").lower()
    if "half" in pre:
        return Norm(f"{value:04d}-H{1 if 'first' in pre else 2}", "half")
    for season, code in SEASONS.items():
        if season in pre:
            return Norm(f"{value:04d}-{code}", "season")
    return Norm(f"{value:04d}", "year")


def decade(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm(m["dec"] or f"19{m['short']}", "decade")


def century(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm(f"{int(m['ord']) - 1:02d}", "century")


def _mode(word: str) -> str:
    word = word.lower().removeprefix("the").strip()
    if word in ("last", "past", "previous", "latest"):
        return "last"
    if word in ("next", "coming"):
        return "next"
    return "this"


def _offset_unit(ref: dt.date, unit: str, offset: int, tense: str | None) -> Norm:
    if unit == "week":
        return Norm(cal.week(ref + dt.timedelta(days=7 * offset)), "week")
    if unit == "weekend":
        return weekend_value(ref, offset, tense)
    if unit == "month":
        return Norm(cal.month(*cal.shift_months(ref, offset)), "month")
    if unit == "decade":
        return Norm(f"{ref.year // 10 + offset:03d}", "decade")
    if unit == "century":
        return Norm(f"{ref.year // 100 + offset:02d}", "century")
    return Norm(f"{ref.year + offset:04d}", "year")


def weekend_value(ref: dt.date, offset: int, tense: str | None) -> Norm:
    """The weekend of ``ref``'s week moved by ``offset`` weeks (or by tense when 0)."""
    if offset == 0 and ref.weekday() < 5 and tense == "past":
        offset = -1
    return Norm(cal.week(ref + dt.timedelta(days=7 * offset)) + "-WE", "week")


def relative(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = m["unit"].lower().replace("fiscal ", "").replace("autumn", "fall")
    granularity = {"spring": "season", "summer": "season", "fall": "season",
                   "winter": "season"}.get(unit, unit)
    if ctx.ref is None:
        return Norm(None, granularity)
    mode = _mode(m["mode"])
    if granularity == "season":
        code = SEASONS[unit]
        return _norm(cal.season_value(ctx.ref, code, mode, ctx.tense), "season")
    offset = {"last": -1, "next": 1}.get(mode, 0)
    return _offset_unit(ctx.ref, unit, offset, ctx.tense)


def the_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the week", "the weekend", "the full year"; "for the year" is a one-year duration."""
    unit = (m["unit"] or "year").lower()
    if ctx.ref is None:
        return Norm(None, "week" if unit == "weekend" else unit)
    spanning = re.search(r"\b(?:for|during|over|throughout)\s*$", ctx.before, re.IGNORECASE)
    if unit == "year" and not m["full"] and (m["fy"] or spanning):
        return Norm("P1Y", "duration")
    return _offset_unit(ctx.ref, unit, 0, ctx.tense)


def season(m: re.Match[str], ctx: Context) -> Norm | None:
    code, year_no = SEASONS[m["unit"].lower()], year_value(m["year"])
    return Norm(f"{year_no:04d}-{code}", "season") if year_no else None


def anchor_day_value(ctx: Context, offset: int, part: str = "") -> Norm:
    """A day relative to the last full date mentioned before (else the reference)."""
    base = ctx.ref
    if ctx.day_anchor and ctx.day_anchor.value:
        base = cal.parse_reference(ctx.day_anchor.value) or base
    if base is None:
        return Norm(None, "day")
    date = (base + dt.timedelta(days=offset)).isoformat()
    return Norm(f"{date}T{part}", "time") if part else Norm(date, "day")


def day_word(m: re.Match[str], ctx: Context) -> Norm | None:
    word = " ".join(m["word"].lower().split())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else ""
    if ctx.ref is None:
        return Norm(None, "time" if part else "day")
    date = (ctx.ref + dt.timedelta(days=offset)).isoformat()
    return Norm(f"{date}T{part}", "time") if part else Norm(date, "day")


def part_of_day(m: re.Match[str], ctx: Context) -> Norm | None:
    mode, part = m["mode"].lower(), PARTS_OF_DAY[m["part"].lower()]
    if ctx.ref is None:
        return Norm(None, "time")
    offset = {"this": 0, "tomorrow": 1}.get(mode, -1)
    if mode == "last" and part != "NI":
        offset = -1
    return Norm(f"{(ctx.ref + dt.timedelta(days=offset)).isoformat()}T{part}", "time")


def weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else ""
    granularity = "time" if part else "day"
    if ctx.ref is None:
        return Norm(None, granularity)
    mode = (m["mode"] or "").lower()
    mode = {"coming": "next", "early": "", "late": ""}.get(mode, mode)
    tense = ctx.tense
    if tense is None and not part and _POSSESSIVE.match(ctx.after):
        tense = "past"  # "Tuesday's vote" reports a day gone by unless a verb says otherwise
    choice = cal.weekday_date(ctx.ref, WEEKDAY_NUMBER[m["wd"].lower()], tense, mode)
    if part:
        return Norm(f"{choice.value}T{part}", granularity,
                    tuple(f"{alt}T{part}" for alt in choice.alternatives))
    return _norm(choice, granularity)


def weekday_value_for(ctx: Context, word: str) -> str | None:
    """The date of a weekday name by tense (nearest without one)."""
    if ctx.ref is None:
        return None
    return cal.weekday_date(ctx.ref, WEEKDAY_NUMBER[word.lower()], ctx.tense).value
