"""Words and regular-expression pieces for time expressions (used by annotate.times).

Month and weekday names must be capitalised ("May", "MAY"), so that the modal "may" and
the verb "march" are not read as months. Everything else matches in any case.
"""

from __future__ import annotations

import re

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTH_NUMBER: dict[str, int] = {name: index + 1 for index, name in enumerate(MONTHS)}
MONTH_NUMBER.update({name[:3]: index + 1 for index, name in enumerate(MONTHS)})
MONTH_NUMBER["sept"] = 9
WEEKDAY_NUMBER = {name: index for index, name in enumerate(WEEKDAYS)}

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
    "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a half": 0.5,
    "half a": 0.5, "a single": 1, "single": 1,
}
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a couple", "couple of",
                 "numerous", "countless", "the last few", "a number of")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "final": 4}
UNIT_CODES = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D",
              "week": "W", "weekend": "WE", "month": "M", "year": "Y", "decade": "DE",
              "century": "CE", "quarter": "Q"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI", "midday": "MI", "noon": "MI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


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
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
NUMBER = (r"(?i:(?:" + _TENS + r")[- ](?:" + _UNITS_1_9 + r")(?!\w)|\d+(?:[.,]\d+)?(?:\s+1/2)?|"
          + "|".join(re.escape(word) for word in _NUM_WORDS)
          + r"|" + "|".join(re.escape(word) for word in VAGUE_NUMBERS) + r")")
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
