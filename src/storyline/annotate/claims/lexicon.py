"""Words, regular expressions and number-phrase reading for numeric claims (annotate.claims).

``NUMBER_RE`` finds number phrases ("150,000", "Thirteen", "half a dozen", "tens of
thousands", "$1.5 billion", "49%"); :func:`parse_number` turns a match into a
:class:`NumberPhrase` (value, unit, qualifier) from the text alone, and
:func:`excluded_by_context` drops phone, list, page and clock numbers before any parse is
consulted. The parse-side rules live in annotate.claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words of ``text`` (keeps word lists readable)."""
    return frozenset(text.split())


def _word_list(text: str) -> list[str]:
    return text.split()


_UNITS = _word_list("zero one two three four five six seven eight nine ten eleven twelve "
                    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
_TENS = _word_list("twenty thirty forty fifty sixty seventy eighty ninety")
WORD_VALUES = {word: float(i) for i, word in enumerate(_UNITS)}
WORD_VALUES.update({word: float(20 + 10 * i) for i, word in enumerate(_TENS)})
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
VAGUE = {"dozens": 12.0, "scores": 20.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
         "billions": 1e9, "tens": 10.0}
DOZENS = {"half a dozen": 6.0, "a half dozen": 6.0, "a half-dozen": 6.0, "a dozen": 12.0}
CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "rubles": "RUB", "roubles": "RUB",
                  "yuan": "CNY", "yen": "JPY", "hryvnias": "UAH"}
MEASURES = {"km": "km", "kilometers": "km", "kilometres": "km", "miles": "mile",
            "mile": "mile", "meters": "m", "metres": "m", "m": "m", "tons": "ton",
            "tonnes": "ton", "barrels": "barrel", "acres": "acre", "kilograms": "kg",
            "kg": "kg", "degrees": "degree", "hectares": "hectare", "ft": "ft", "feet": "ft",
            "foot": "ft", "gallons": "gallon", "liters": "liter", "litres": "liter",
            "lbs": "lb", "pounds": "lb", "kilos": "kg", "yards": "yard", "inches": "inch",
            "cm": "cm", "mm": "mm", "mph": "mph", "knots": "knot", "megawatts": "MW", "mw": "MW"}
AREA_PREFIXES = {"sq": "sq", "square": "sq", "cubic": "cubic"}
TIME_UNITS = _words("second minute hour day week month year decade century night weekend")
COLLECTIVE_NOUNS = _words("""
people staff personnel police troops military crew cattle livestock infantry clergy
""")
_UNIT_AFTER = re.compile(r"\s*(?:(?P<area>sq|square|cubic)\s+)?(?P<word>[A-Za-z]+)\b")
_TIME_ZONE_AFTER = re.compile(r"^\s*(?:BST|GMT|UTC|EST|EDT|CST|CDT|PST|PDT|CET|CEST|ET|"
                              r"a\.m\.|p\.m\.|am|pm|hrs|h)\b")
#: (pattern, normalized qualifier); longest first.
QUALIFIERS = (
    (r"as many as", "as many as"), (r"as much as|up to|at most", "up to"),
    (r"more than|greater than|upwards of|in excess of", "more than"),
    (r"at least|no fewer than|no less than", "at least"),
    (r"fewer than|less than", "fewer than"), (r"(?:just |well )?over", "over"),
    (r"nearly|close to", "nearly"), (r"almost", "almost"), (r"around", "around"),
    (r"about|roughly|approximately|some", "about"), (r"(?:an )?estimated", "estimated"),
)
_QUALIFIER_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(QUALIFIERS)) + r")\s+$",
    re.IGNORECASE,
)
_WORDNUM = (r"(?:" + "|".join(sorted(_TENS + _UNITS, key=len, reverse=True))
            + r")(?:-(?:" + "|".join(_UNITS[1:10]) + r"))?")
NUMBER_RE = re.compile(
    r"(?<![\w$€£¥.,:/#-])(?:(?P<cur>US\$|\$|€|£|¥)\s?)?(?P<num>"
    r"(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|dozens|scores|hundreds|thousands|millions|billions)"
    r"|(?P<dozen>half\s+a\s+dozen|a\s+half[-\s]dozen|a\s+dozen)"
    r"|(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<aword>a)(?=\s+(?:hundred|thousand|million|billion|trillion)\b)"
    rf"|(?P<word>{_WORDNUM}))"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b|(?P<abbr>bn|mn|m|k)\b)?"
    r"(?:\s*(?P<pct>%|percent\b|per\s+cent\b|percentage\s+points?\b))?"
    r"(?![\w%]|[:/-]\d|[.,]\d)",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(r"\+?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
_REFERENCE_WORDS = re.compile(
    r"\b(?:page|pages|p\.|pp\.|no\.|number|chapter|section|vol\.|volume|episode|season|part|"
    r"figure|fig\.|table|step|route|flight|room|line|article|item|paragraph|verse)\s*$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(
    r"^\s*(?:(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago|min read|ago)\b", re.IGNORECASE
)
_DETERMINERS = _words("the these those both all its his her their our my your this that")
SKIP_ENTITY_LABELS = frozenset({"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "FAC", "PRODUCT",
                                "WORK_OF_ART", "LAW", "EVENT", "GPE", "LOC", "NORP", "LANGUAGE"})
HEADING_NOUNS = _words("""
article articles story stories comment comments photo photos video videos thing things way
ways reason reasons takeaway takeaways page pages result results item items minute minutes
""")
SAY_LEMMAS = _words("""
say tell report estimate claim announce warn add state note write confirm assess find show
believe project predict suggest indicate
""")
FIRST_PERSON = frozenset({"i", "we", "you", "us", "me"})
SHARE_NOUNS = frozenset(["majority", "minority", "plurality", "share", "percentage", "proportion"])
NO_HEAD_UNITS = frozenset({"percent", "percentage points"})
MEASURE_UNITS = frozenset(MEASURES.values()) | {f"{a} {u}" for a in ("sq", "cubic")
                                                 for u in MEASURES.values()}
SUBJECT_MODIFIERS = frozenset({"compound", "amod", "nmod", "nummod"})


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """A number phrase found by the regular expression, before the parse is consulted."""

    start: int  # qualifier or currency or number start
    end: int  # after the number, its scale and any percent sign
    unit_end: int  # after a unit word ("barrels", "sq km"), else ``end``
    value: float
    unit: str | None
    qualifier: str | None
    plain_digits: bool  # only digits, no comma, scale, unit or qualifier


def _number_value(match: re.Match) -> tuple[float, str | None] | None:
    """The value of a number phrase and the vague qualifier it implies, if any."""
    if match["vague"]:
        words = match["vague"].lower().split()
        value = 1.0
        for word in words:
            value *= VAGUE.get(word, 1.0)
        return value, words[0] + " of"
    if match["dozen"]:
        return DOZENS[" ".join(match["dozen"].lower().split())], None
    if match["digits"]:
        return float(match["digits"].replace(",", "")), None
    if match["aword"]:
        return 1.0, None
    parts = match["word"].lower().split("-")
    return sum(WORD_VALUES[part] for part in parts), None


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    line_start = text.rfind("\n", 0, start) + 1
    window = text[max(line_start, start - 40):start]
    found = _QUALIFIER_RE.search(window)
    if not found:
        return None, start
    index = next(i for i in range(len(QUALIFIERS)) if found[f"q{i}"])
    return QUALIFIERS[index][1], start - len(window) + found.start()


def _unit(match: re.Match, text: str) -> tuple[str | None, int]:
    """The unit of a number phrase and where its words end."""
    if match["pct"]:
        return ("percentage points" if "point" in match["pct"].lower() else "percent",
                match.end())
    if match["cur"]:
        return CURRENCY_SIGNS[match["cur"].lower()], match.end()
    after = _UNIT_AFTER.match(text, match.end())
    if after is None or (after.start("word") == match.end() and not after["area"]):
        return None, match.end()
    word = after["word"].lower()
    if word in CURRENCY_WORDS and not after["area"]:
        return CURRENCY_WORDS[word], after.end()
    if word in MEASURES:
        unit = MEASURES[word]
        area = AREA_PREFIXES.get((after["area"] or "").lower())
        return (f"{area} {unit}" if area else unit), after.end()
    return None, match.end()


def parse_number(match: re.Match, text: str) -> NumberPhrase | None:
    """The number phrase of a ``NUMBER_RE`` match in ``text``, or None for "one of the"."""
    parsed = _number_value(match)
    if parsed is None or (match["abbr"] and not match["cur"]):
        return None
    value, vague = parsed
    if match["word"] and value <= 1 and not match["scale"]:
        return None  # "one of the", "one theory"
    scale = match["scale"] or match["abbr"]
    if scale:
        value *= SCALES[scale.lower()]
    qualifier, start = _qualifier(text, match.start())
    unit, unit_end = _unit(match, text)
    plain = bool(match["digits"]) and "," not in match["digits"] and not (
        scale or unit or qualifier or vague
    )
    return NumberPhrase(start, match.end(), unit_end, value, unit, vague or qualifier, plain)


def excluded_by_context(text: str, number: NumberPhrase, match: re.Match) -> bool:
    """Phone numbers, list numbers, page numbers, "(3)", ages like "2 hours ago"."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = text[line_start:match.start()]
    after = text[match.end():match.end() + 20]
    if not before.strip() and after[:1] in {".", ")"}:
        return True
    if before.endswith("(") and after[:1] == ")":
        return True
    if _REFERENCE_WORDS.search(before) or _AGE_AFTER.match(after):
        return True
    if _TIME_ZONE_AFTER.match(after) or re.match(r"-[A-Za-z]", after):
        return True  # "11.28 BST", "a 75-ton cap", "a two-man crew"
    previous = before.split()[-1:]
    # "the two men": a definite small number names a group, it does not claim a count
    return number.unit is None and number.value < 100 and bool(previous) and (
        previous[0].lower() in _DETERMINERS
    )


def phone_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every phone number in ``text``: no claim may start inside one."""
    return [(m.start(), m.end()) for m in _PHONE_RE.finditer(text)]
