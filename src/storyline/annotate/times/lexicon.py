"""Words, tables and regular-expression pieces for time expressions (annotate.times).

Month and weekday names must be capitalised ("May", "MAY"), so that the modal "may" and
the verb "march" are not read as months. Everything else matches in any case. The word
lists and tables are ``storyline.text.lexicon`` entries (a name and a reason each); the
regular-expression pieces at the end are fragments that ``rules.py`` assembles.
"""

from __future__ import annotations

import re

from ...text.lexicon import Table, Words, words

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTH_NUMBER = Table("month_number", {
    **{name: index + 1 for index, name in enumerate(MONTHS)},
    **{name[:3]: index + 1 for index, name in enumerate(MONTHS)}, "sept": 9},
    "month names and abbreviations to their number, for every calendar value")
WEEKDAY_NUMBER = Table("weekday_number", {name: index for index, name in enumerate(WEEKDAYS)},
                       "weekday names to Monday=0..Sunday=6, to resolve 'on Tuesday'")

SMALL_NUMBERS = Table("small_numbers", {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
    "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a half": 0.5,
    "half a": 0.5, "a single": 1, "single": 1,
}, "numbers written as words in durations and years ('two weeks', 'nineteen ninety-six')")
VAGUE_NUMBERS = Words("vague_numbers", frozenset((
    "several", "a few", "few", "many", "some", "a couple", "couple of", "numerous",
    "countless", "the last few", "a number of")),
    "quantities without a value: 'several weeks' is a duration of unknown length (PXW)")
ORDINALS = Table("ordinals", {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1,
                              "2nd": 2, "3rd": 3, "4th": 4, "final": 4},
                 "quarter ordinals: 'the third quarter', 'the final quarter'")
UNIT_CODES = Table("unit_codes", {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
    "quarter": "Q"}, "TimeML duration unit codes: 'three weeks' -> P3W")
PARTS_OF_DAY = Table("parts_of_day", {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "noon": "MI"}, "TimeML part-of-day codes: 'Tuesday morning' -> ...TMO")
SEASONS = Table("seasons", {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA",
                            "winter": "WI"}, "TimeML season codes: 'last summer' -> 2020-SU")
SEASON_MONTH = Table("season_month", {"SP": 4, "SU": 7, "FA": 10, "WI": 1},
                     "a month inside each season, to order a season against a date")

# ---------------------------------------------------------------- dating sentences

CALENDAR_GRANULARITIES = words(
    "calendar_granularities", "day time month year",
    "time expressions that name a calendar date a sentence's event can be dated by")
NOUN_MODIFIER_DEPS = words(
    "noun_modifier_deps", "compound nummod amod poss nmod",
    "a date in these roles describes a noun ('the 2020 election', 'last year's "
    "withdrawal', 'a December poll'), not when the sentence's event happened")
FUTURE_MODALS = words("future_modals", "will shall 'll wo going",
                      "a clause with these auxiliaries tells of a plan or forecast: expected")
POSSIBILITY_MODALS = words(
    "possibility_modals", "could would might may should can ca must ought",
    "a possibility, a hypothetical or an opinion ('Biden can't afford ...', 'he would be "
    "accused'): commentary, unless a date after the article date makes it a forecast")
REPORTING_VERBS = words(
    "reporting_verbs", "say tell add note report state stress explain write announce "
    "confirm insist claim",
    "'officials said Russia could invade': the reported clause, not the saying, decides "
    "whether the sentence tells of an event, a forecast or an opinion")
SCHEDULING_VERBS = words(
    "scheduling_verbs", "schedule set slate plan expect due poise intend prepare aim",
    "'is scheduled to hold', 'is expected to tell', 'plans to visit': a plan, expected")
CONDITION_MARKS = words("condition_marks", "if unless",
                        "a main clause that hangs on a condition is a hypothetical")
STATIVE_VERBS = words(
    "stative_verbs",
    "be seem appear remain look sound feel need afford matter mean depend deserve know "
    "understand believe think hope want like love hate doubt wonder exist belong contain "
    "consist involve require lack resemble suppose",
    "a present-tense state or opinion ('there are real doubts', 'any summit depends on the "
    "talks') is commentary, not an event")


def _cased(words: list[str]) -> str:
    """Alternation of ``words`` in Title case or UPPER case only."""
    forms = []
    for word in sorted(words, key=len, reverse=True):
        forms.extend([word.capitalize(), word.upper()])
    return "|".join(re.escape(form) for form in forms)


_MONTH_ABBR = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct",
               "nov", "dec"]
MONTH = (r"(?:(?:" + _cased(list(MONTHS)) + r")(?![\w'])|(?:" + _cased(_MONTH_ABBR)
         + r")(?:\.|(?![\w'])))")
WEEKDAY = r"(?:(?:" + _cased(list(WEEKDAYS)) + r")(?!\w))"

_NUM_WORDS = sorted(SMALL_NUMBERS, key=len, reverse=True)
_VAGUE_WORDS = sorted(VAGUE_NUMBERS, key=len, reverse=True)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
NUMBER = (r"(?i:(?:" + _TENS + r")[- ](?:" + _UNITS_1_9 + r")(?!\w)|\d+(?:[.,]\d+)?(?:\s+1/2)?|"
          + "|".join(re.escape(word) for word in _NUM_WORDS)
          + r"|" + "|".join(re.escape(word) for word in _VAGUE_WORDS) + r")")
UNIT = r"(?i:second|minute|hour|day|night|week|weekend|month|year|decade|century|centurie|quarter)"
MODIFIER = (r"(?i:(?:nearly|almost|at\s+least|at\s+most|more\s+than|less\s+than|"
            r"fewer\s+than|no\s+more\s+than|up\s+to|another|an\s+additional)\s+)")
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d%])"
_TEENS = ("ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
          "nineteen")
_BELOW_100 = (r"(?:(?:" + _TENS + r")(?:[- ](?:" + _UNITS_1_9 + r"))?|" + _TEENS
              + r"|(?:oh\s+)?(?:" + _UNITS_1_9 + r"))")
YEAR_WORDS = (r"(?i:(?:seventeen|eighteen|nineteen|twenty)\s+(?:hundred|" + _BELOW_100
              + r")(?!\w)|two\s+thousand(?:\s+(?:and\s+)?" + _BELOW_100 + r")?(?!\w))")
TIMEZONE = r"(?:[ECMP][SD]?T|GMT|UTC|[ECMP]ST|[ECMP]DT)(?![A-Za-z])"


def parse_number(words: str) -> float | None:
    """The value of a number written in digits or words; None for vague quantities."""
    text = " ".join(words.lower().replace(",", "").split())
    if text in SMALL_NUMBERS:
        return SMALL_NUMBERS[text]
    if "-" in text or " " in text:
        tens, _, unit = text.replace("-", " ").partition(" ")
        if tens in SMALL_NUMBERS and unit in SMALL_NUMBERS:
            return SMALL_NUMBERS[tens] + SMALL_NUMBERS[unit]
    half = text.endswith(" 1/2")
    text = text.removesuffix(" 1/2")
    try:
        return float(text) + (0.5 if half else 0.0)
    except ValueError:
        return None


def month_number(word: str) -> int:
    """1-12 for a month name or abbreviation ("Sept.", "March")."""
    return MONTH_NUMBER[word.lower().rstrip(".")[:3]]


def year_value(text: str) -> int | None:
    """The year written in digits ("1998") or words ("nineteen ninety-six")."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words.isdigit():
        return int(words)
    parts = [w for w in words.split() if w not in ("and", "oh")]
    if parts[:2] == ["two", "thousand"]:
        century, rest = 2000, parts[2:]
    elif parts and parts[0] in SMALL_NUMBERS:
        century, rest = SMALL_NUMBERS[parts[0]] * 100, parts[1:]
    else:
        return None
    if rest == ["hundred"]:
        return century
    tail = sum(SMALL_NUMBERS.get(word, 0) for word in rest)
    return century + tail if tail < 100 else None
