"""The patterns that find time expressions, one regular expression per rule.

Each rule's name keys its handler in annotate.times.HANDLERS (functions of
annotate.times_values and annotate.times_periods), which normalizes the match or rejects
it. The finder runs every rule, keeps the longest non-overlapping matches that their
handler accepts, then normalizes them in text order.
"""

from __future__ import annotations

import re

from .lexicon import DAY, MODIFIER, MONTH, NUMBER, TIMEZONE, UNIT, WEEKDAY, YEAR, YEAR_WORDS

_ANY_YEAR = r"(?:" + YEAR + r"|" + YEAR_WORDS + r")"

_PART = r"(?i:morning|afternoon|evening|night)"
_EDGE = r"(?<![\w$.,/-])"

RULE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", (
        _EDGE + r"(?P<year>\d{4})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)"
        r"(?:T(?P<hour>[0-2]\d):(?P<min>[0-5]\d)(?::\d\d)?)?(?![\d-])"
    )),
    ("numeric", (
        _EDGE + r"(?P<mon>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/"
        r"(?P<year>\d{4}|\d\d)(?![\d/])"
    )),
    ("month_day", (
        r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?P<mon>" + MONTH + r")\s*(?P<day>"
        + DAY + r")(?:(?:,\s*|\s+)(?P<year>" + YEAR + r"))?(?!\d|:\d)"
    )),
    ("day_month", (
        _EDGE + r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<day>" + DAY
        + r")\s+(?:of\s+)?(?P<mon>" + MONTH + r")(?:,?\s+(?P<year>" + YEAR + r"))?"
    )),
    ("month_year", (
        r"(?:(?P<part>(?i:early|late|mid|middle|end|beginning))[- ](?i:of\s+)?)?"
        r"(?P<mon>" + MONTH + r"),?\s+(?i:of\s+)?(?P<year>" + _ANY_YEAR + r")"
    )),
    ("month", (
        r"(?:(?P<part>(?i:(?:the\s+)?(?:early|late|mid|middle\s+of|end\s+of|beginning"
        r"\s+of|start\s+of)))[- ]?)?(?:(?P<mode>(?i:last|next|this|past|coming))\s+)?"
        r"(?P<mon>" + MONTH + r")(?!\s*\d)(?:\s+(?P<ymode>(?i:last|this|next))\s+(?i:year))?"
    )),
    ("year", (
        r"(?:(?P<pre>(?i:fiscal|calendar|(?:the\s+)?(?:end|beginning|start|middle|first\s+"
        r"half|second\s+half|last\s+half|latter\s+half|spring|summer|fall|autumn|winter)\s+"
        r"of|(?:the\s+)?(?:year|early|late|mid|post|pre)))[- ]?)?(?<![\w$.,/])"
        r"(?P<year>" + YEAR + r")(?!\d|,\d|-\d|/|\.\d|'?s\b)"
    )),
    ("decade", (
        r"(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[- ]?)?(?:(?P<dec>(?:1[5-9]|"
        r"20)\d)0|'(?P<short>\d)0)'?s\b"
    )),
    ("century", (
        r"(?:(?i:the)\s+)?(?P<ord>[12]\d|[1-9])(?:st|nd|rd|th)[- ](?i:century)"
    )),
    ("relative", (
        r"(?i:(?P<pre>(?:earlier|later|early|late)\s+(?:in\s+)?|(?:the\s+)?(?:end|"
        r"beginning|start|middle)\s+of\s+)?(?P<mode>last|this|"
        r"next|past|coming|previous|current|the\s+current|the\s+past|the\s+previous|"
        r"the\s+coming|the\s+next|the\s+last|the\s+latest)\s+(?P<unit>week(?:end)?|"
        r"month|year|fiscal\s+year|decade|century|spring|summer|fall|autumn|winter)"
        r")(?![\w-])"
    )),
    ("the_unit", (
        r"(?i:the\s+(?P<full>full\s+)?(?P<fy>fiscal\s+)?(?P<unit>weekend|week|month|year))"
        r"(?![\w-])"
    )),
    ("season", (
        r"(?:(?i:the)\s+)?(?P<unit>(?i:summer|winter|spring|fall|autumn))(?:\s+"
        r"(?i:of\s+)?(?P<year>" + _ANY_YEAR + r"))"
    )),
    ("year_words", (
        r"(?P<pre>(?i:the\s+year\s+|in\s+|since\s+|by\s+|until\s+|of\s+))?"
        r"(?P<year>" + YEAR_WORDS + r")"
    )),
    ("day_word", (
        r"(?i:(?:(?P<pre>late|early)\s+)?(?P<word>today|yesterday|tomorrow|tonight|"
        r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow))(?!\w)"
        r"(?:(?:'s)?\s+(?P<part>" + _PART + r"))?"
    )),
    ("part_of_day", (
        r"(?i:(?P<mode>this|last|tomorrow|yesterday)\s+(?P<part>morning|afternoon|"
        r"evening|night))(?!\w)"
    )),
    ("weekday", (
        r"(?:(?P<mode>(?i:last|next|this|early|late|coming))\s+)?(?P<wd>" + WEEKDAY
        + r")(?:\s+(?P<part>" + _PART + r"))?(?!\w)"
    )),
    ("clock", (
        _EDGE + r"(?P<hour>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|"
        r"p\.m\.?|am|pm))(?!\w)(?:\s+(?P<tz>" + TIMEZONE + r"))?(?:\s+(?P<word>(?i:"
        r"today|yesterday|tomorrow|tonight))|,?\s+(?P<wd>" + WEEKDAY + r")|,?\s+(?P<mon>" + MONTH
        + r")\s*(?P<day>" + DAY + r"))?"
    )),
    ("clock24", (
        _EDGE + r"(?P<hour>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?:\s+(?P<tz>" + TIMEZONE
        + r"))?(?![\d:])"
    )),
    ("noon", (
        r"(?i:(?P<word>noon|midnight|midday))(?!\w)(?:\s+(?P<wd>" + WEEKDAY + r"))?"
    )),
    ("quarter", (
        r"(?:(?P<yr1>" + YEAR + r")(?:'s)?\s+|(?i:(?P<ymode>this|last|next)\s+year's"
        r"\s+))?(?i:the\s+)?(?:(?i:fiscal|calendar)[- ])?(?P<ord>(?i:first|second|third|"
        r"fourth|1st|2nd|3rd|4th))(?i:[- ](?:fiscal[- ])?(?P<unit>quarter|half|qtr\.?))"
        r"(?:\s+(?i:of\s+)?(?:(?i:fiscal\s+))?(?P<yr2>" + YEAR + r"))?"
    )),
    ("the_quarter", (
        r"(?i:(?P<det>the|this|that|its|a|latest)\s+(?:(?P<yr>" + YEAR
        + r")\s+)?(?P<mods>(?:(?:latest|current|most\s+recent|recent|past|last|"
        r"previous|year-ago|year-earlier|comparable|same|just-ended|"
        r"just-completed|fiscal|year-before|prior-year)[- ]?\s*)*)"
        r"(?P<unit>quarter|period)s?)(?![\w-])"
    )),
    ("year_ago", (
        r"(?i:year-(?:earlier|ago|before))(?![\w-])"
    )),
    ("holiday", (
        r"(?:(?P<mode>(?i:last|next|this))\s+)?(?P<name>Thanksgiving(?:\s+Day)?|"
        r"Christmas(?:\s+Day|\s+Eve)?|New\s+Year's(?:\s+Day|\s+Eve)?|Election\s+Day|"
        r"Independence\s+Day|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Halloween)"
    )),
    ("anchor_day", (
        r"(?i:(?P<pre>earlier|later)?\s*(?P<det>that|the)\s+(?P<same>same\s+)?(?P<word>day|"
        r"morning|night|evening|afternoon)(?!\w)(?!\s+(?:before|after))|(?:the|that)\s+"
        r"(?P<rel>next|following|previous|preceding)\s+(?P<unit2>day|morning|"
        r"evening|night|week|month|year)|(?:later\s+|earlier\s+)?(?:that|the\s+same)\s+"
        r"(?P<unit3>year|month|week))(?![\w-])"
    )),
    ("year_end", (
        r"(?i:(?:the\s+)?(?:end\s+of\s+the\s+year|year(?:'s)?[- ]end))(?![\w-])"
    )),
    ("ref", (
        r"(?i:\b(?P<word>now|currently|at\s+present|nowadays|these\s+days|"
        r"presently|recently|lately|the\s+past|recent\s+(?:years|times|"
        r"decades)|the\s+(?:near\s+|distant\s+)?future|as\s+soon\s+as\s+possible|"
        r"current)\b)"
    )),
    ("duration", (
        r"(?:" + MODIFIER + r")?(?:(?P<the>(?i:the))\s+)?(?:(?P<rel>(?i:past|last|next|first|"
        r"previous|coming|following|final|initial|remaining|latest|same|other|"
        r"ensuing|preceding))\s+)?(?P<num>" + NUMBER + r")(?:\s+|-)(?:(?i:more|"
        r"additional|full|straight|consecutive|long|extra)\s+)?(?P<unit>" + UNIT
        + r")(?P<pl>s)?(?P<long>-(?i:long|old))?(?![\w-])(?P<ago>\s+(?i:ago|earlier|"
        r"later|from\s+now|before\s+that|after\s+that))?"
    )),
    ("vague_units", (
        r"(?i:(?P<mod>the\s+coming|coming|recent|the\s+past|the\s+last|the\s+next"
        r"|the\s+early|the)\s+)?(?P<unit>" + UNIT + r")s(?P<long>-long)?(?![\w-])"
    )),
    ("set", (
        r"(?i:\b(?P<adv>daily|weekly|monthly|yearly|hourly|nightly)\b|"
        r"(?P<q>every|each|per)\s+(?:(?P<num>other|" + NUMBER + r")\s+)?(?P<unit>second|"
        r"minute|hour|day|night|week|weekend|month|year|quarter|morning|evening|"
        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?!\w))"
    )),
)

RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(r"(?<!\w)" + pattern)) for name, pattern in RULE_PATTERNS)
