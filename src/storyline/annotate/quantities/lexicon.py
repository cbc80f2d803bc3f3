"""Words, tables and patterns of the quantity layer (annotate.quantities).

Number words and scales, vague magnitudes, currencies, unit words (each mapped to a pint
expression), the words that state a change (about, more than, rose, fell) and the
contexts that make a number part of a date, a clock time, a name or a list.
"""

from __future__ import annotations

import re

from ...text.lexicon import Table, pattern, words

NUMBER_WORDS = Table("number_words", {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}, "cardinal words a number phrase is made of (number-parser reads the whole phrase)")

SCALES = Table("scales", {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}, "scale words and the abbreviations written after a figure ($5.4m, 2.8bn, 8 B, 1tn)")

VAGUE_MAGNITUDES = Table("vague_magnitudes", {
    "dozens": (24.0, 144.0), "scores": (40.0, 200.0), "hundreds": (1e2, 1e3),
    "thousands": (1e3, 1e4), "millions": (1e6, 1e7), "billions": (1e9, 1e10),
    "trillions": (1e12, 1e13), "tens": (10.0, 100.0),
}, "plural magnitudes are ranges: 'thousands of' spans 1,000 to 10,000 and 'tens of "
   "thousands' 10,000 to 100,000 (the NewsQuant convention)")

DOZENS = Table("dozens", {
    "half a dozen": 6.0, "a half dozen": 6.0, "a half-dozen": 6.0, "a dozen": 12.0,
}, "dozen phrases that name an exact count")

FRACTIONS = Table("fractions", {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
    "one-third": 1 / 3, "two-thirds": 2 / 3, "two thirds": 2 / 3, "a quarter": 0.25,
    "one quarter": 0.25, "one-quarter": 0.25, "three-quarters": 0.75,
    "three quarters": 0.75, "a fifth": 0.2, "one-fifth": 0.2, "two-fifths": 0.4,
}, "fractions of a population ('two-thirds of the sales', 'half the condos')")

CURRENCY_PREFIXES = Table("currency_prefixes", {
    "$": "USD", "us$": "USD", "us $": "USD", "u.s.$": "USD", "usd": "USD", "€": "EUR",
    "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "hk$": "HKD",
    "hk $": "HKD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD",
    "s$": "SGD", "₹": "INR", "inr": "INR",
    "chf": "CHF", "r$": "BRL", "₩": "KRW", "₽": "RUB", "₴": "UAH", "₪": "ILS", "cny": "CNY",
    "rmb": "CNY",
}, "currency signs and codes written before a figure, with their ISO 4217 code")

CURRENCY_WORDS = Table("currency_words", {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "shekel": "ILS", "shekels": "ILS", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rupee": "INR", "rupees": "INR",
    "hryvnia": "UAH", "hryvnias": "UAH", "pesos": "MXN", "peso": "MXN",
    "francs": "CHF", "lira": "TRY", "ringgit": "MYR", "baht": "THB", "rand": "ZAR",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "sterling": "GBP",
    "cents": "USD", "cent": "USD", "pence": "GBX", "p": "GBX",
}, "currency names and codes written after a figure, with their ISO 4217 code "
   "(GBX: pence)")

SUBUNITS = Table("currency_subunits", {"cents": 0.01, "cent": 0.01},
                 "cents are hundredths of the currency they follow")

CURRENCY_SUFFIXES = Table("currency_suffixes", {
    "us": "USD", "u.s.": "USD", "usd": "USD",
}, "'$31.20 US', '$75 U.S.': the currency named after a dollar figure")

PERCENT_UNITS = Table("percent_units", {
    "%": "percent", "percent": "percent", "per cent": "percent", "pc": "percent",
    "pct": "percent", "percentage points": "percentage point",
    "percentage point": "percentage point", "pp": "percentage point",
    "basis points": "basis point", "basis point": "basis point", "bps": "basis point",
}, "shares and their changes: percent and percentage points are different quantities")

#: surface word (lower case unless the case matters) -> pint expression
MEASURE_UNITS = Table("measure_units", {
    "km": "kilometer", "kms": "kilometer", "kilometer": "kilometer",
    "kilometers": "kilometer", "kilometre": "kilometer", "kilometres": "kilometer",
    "mile": "mile", "miles": "mile", "m": "meter", "meter": "meter", "meters": "meter",
    "metre": "meter", "metres": "meter", "cm": "centimeter", "centimeters": "centimeter",
    "centimetres": "centimeter", "mm": "millimeter", "millimeters": "millimeter",
    "millimetres": "millimeter", "μm": "micrometer", "µm": "micrometer",
    "micrometers": "micrometer", "microns": "micrometer", "nm": "nanometer",
    "nanometer": "nanometer", "nanometers": "nanometer", "nanometre": "nanometer",
    "ft": "foot", "foot": "foot", "feet": "foot", "inch": "inch", "inches": "inch",
    "yard": "yard", "yards": "yard", "acre": "acre", "acres": "acre", "hectare": "hectare",
    "hectares": "hectare", "sqm": "meter ** 2", "sq m": "meter ** 2",
    "square meters": "meter ** 2", "square metres": "meter ** 2", "sq km": "kilometer ** 2",
    "square kilometers": "kilometer ** 2", "square kilometres": "kilometer ** 2",
    "sq ft": "foot ** 2", "square feet": "foot ** 2", "square miles": "mile ** 2",
    "sq miles": "mile ** 2", "kg": "kilogram", "kgs": "kilogram", "kilogram": "kilogram",
    "kilograms": "kilogram", "kilos": "kilogram", "g": "gram", "gram": "gram",
    "grams": "gram", "mg": "milligram", "lb": "pound", "lbs": "pound", "pound": "pound",
    "ounce": "ounce", "ounces": "ounce", "oz": "ounce", "ton": "ton", "tons": "ton",
    "tonne": "metric_ton", "tonnes": "metric_ton", "metric tons": "metric_ton",
    "l": "liter", "liter": "liter", "liters": "liter", "litre": "liter", "litres": "liter",
    "ml": "milliliter", "gallon": "gallon", "gallons": "gallon", "barrel": "barrel",
    "barrels": "barrel", "cubic meters": "meter ** 3", "cubic metres": "meter ** 3",
    "mph": "mile / hour", "m.p.h.": "mile / hour", "km/h": "kilometer / hour",
    "kph": "kilometer / hour", "knots": "knot", "mpg": "mile / gallon",
    "g/km": "gram / kilometer", "kv/cm": "kilovolt / centimeter",
    "metres per second": "meter / second", "meters per second": "meter / second",
    "second": "second", "seconds": "second", "secs": "second", "minute": "minute",
    "minutes": "minute", "min": "minute", "mins": "minute", "hour": "hour",
    "hours": "hour", "hrs": "hour", "day": "day", "days": "day", "week": "week",
    "weeks": "week", "month": "month", "months": "month", "year": "year", "years": "year",
    "yrs": "year", "decade": "decade", "decades": "decade", "century": "century",
    "centuries": "century",
    "hp": "horsepower", "horsepower": "horsepower", "bhp": "horsepower",
    "ps": "metric_horsepower", "kw": "kilowatt", "kilowatts": "kilowatt", "mw": "megawatt",
    "megawatts": "megawatt", "gw": "gigawatt", "gigawatts": "gigawatt", "watts": "watt",
    "kwh": "kilowatt_hour", "mwh": "megawatt_hour", "gwh": "gigawatt_hour",
    "nm·m": "newton * meter", "n·m": "newton * meter", "lb-ft": "foot * force_pound",
    "mah": "milliampere * hour", "volts": "volt", "gpa": "gigapascal",
    "gigapascals": "gigapascal", "hz": "hertz", "khz": "kilohertz", "mhz": "megahertz",
    "ghz": "gigahertz", "gb": "gigabyte", "tb": "terabyte", "mb": "megabyte",
    "kb": "kilobyte", "mbps": "megabit / second", "gbps": "gigabit / second",
    "decibels": "decibel", "db": "decibel", "calories": "kilocalorie",
    "kcal": "kilocalorie", "degrees celsius": "degree_Celsius", "degree c": "degree_Celsius",
    "deg c": "degree_Celsius", "°c": "degree_Celsius", "degc": "degree_Celsius",
    "celsius": "degree_Celsius", "degrees fahrenheit": "degree_Fahrenheit",
    "fahrenheit": "degree_Fahrenheit", "degf": "degree_Fahrenheit",
    "°f": "degree_Fahrenheit", "degrees": "degree",
}, "unit words as written, each with the pint expression that normalizes it")

CASED_UNITS = Table("cased_units", {
    "Nm": "newton * meter", "mL": "milliliter",
}, "units whose case decides their meaning ('Nm' is newton metres, not nanometres)")

PER_WORDS = Table("per_words", {
    "a year": "year", "per year": "year", "a month": "month", "per month": "month",
    "a week": "week", "per week": "week", "a day": "day", "per day": "day",
    "an hour": "hour", "per hour": "hour", "a minute": "minute", "per minute": "minute",
    "per share": "share", "a share": "share", "per barrel": "barrel", "a barrel": "barrel",
    "per gram": "gram", "per person": "person", "per capita": "person",
    "per head": "person", "annually": "year",
}, "'a year', 'per share': the denominator of a rate ('$48,000 a year', '$ per share')")

MULTIPLIER_WORDS = words("multiplier_words", "times fold x",
                         "'6.5 times earnings', 'sixfold': a ratio, not a count")

AGE_PATTERN = pattern(
    "age_after",
    r"\A\s*(?:-\s*)?(?:(?P<yo>years?[-\s]old|yrs?[-\s]old|year-olds?)\b|(?P<mo>months?[-\s]old)\b)",
    "'65-year-old', '30 years old', '18 year-old': an age in years (or months)",
    re.IGNORECASE,
)

AGE_BEFORE = pattern(
    "age_before", r"\b(?:(?:the\s+)?age\s+of|aged|ages?)\s*$",
    "'under the age of 5', 'over the age of 21', 'aged 30': an age", re.IGNORECASE)

APPROXIMATE = pattern(
    "approximate_before",
    r"(?:\b(?:about|around|roughly|approximately|approx\.?|nearly|almost|some|circa|barely|"
    r"ca\.|close\s+to|an\s+estimated|estimated|upwards\s+of\s+about|just\s+about|"
    r"an\s+approximate|or\s+so|on\s+the\s+order\s+of)|~)\s*$",
    "words before a figure that make it approximate (change '~')", re.IGNORECASE)

MORE_THAN = pattern(
    "more_than_before",
    r"(?:\b(?:more\s+than|over(?:\s+than)?|above|at\s+least|in\s+excess\s+of|"
    r"upwards\s+of|exceeding|north\s+of|greater\s+than|no\s+fewer\s+than|"
    r"no\s+less\s+than|just\s+over|well\s+over|well\s+above|a\s+minimum\s+of)|>|≥)\s*$",
    "words before a figure that make it a lower bound (change '>')", re.IGNORECASE)

LESS_THAN = pattern(
    "less_than_before",
    r"(?:\b(?:less\s+than|fewer\s+than|under|below|at\s+most|up\s+to|no\s+more\s+than|"
    r"just\s+under|just\s+below|a\s+maximum\s+of|not\s+more\s+than|sub-?)|<|≤)\s*$",
    "words before a figure that make it an upper bound (change '<'; 'sub-300 sq m')",
    re.IGNORECASE)

RISE_WORDS = words("rise_words", """
rose rise rises rising risen gained gain gains gaining advanced advance advances advancing
jumped jump jumps jumping climbed climb climbs climbing increased increase increases
surged surge surges surging soared soar soars soaring rallied rally rallies added adding
up higher grew grow grows growing spiked spike edged firmed
""", "verbs and adverbs that state a rise when a share or index moves ('rose 2%')")

FALL_WORDS = words("fall_words", """
fell fall falls falling fallen dropped drop drops dropping lost lose loses losing plunged
plunge plunges plunging declined decline declines declining slipped slip slips slipping
slid slide slides sank sink sinks tumbled tumble tumbles decreased decrease decreases
shed sheds down lower eased ease eases retreated retreat dipped dip dips slumped slump
""", "verbs and adverbs that state a fall when a share or index moves ('fell 0.4 per cent')")

MONTHS = words("months", """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""", "a number beside a month name is a day or a year ('February 11', 'Jan. 24')")


REFERENCE_WORDS = pattern(
    "reference_before",
    r"\b(?:page|pages|p\.|pp\.|no\.|nos\.|number|chapter|section|vol\.|volume|episode|"
    r"season|part|figure|fig\.|table|step|route|flight|room|line|article|item|paragraph|"
    r"verse|game|category|cat\.|level|phase|stage|grade|week|round|gate|platform|"
    r"highway|interstate|channel|district|ward|unit|act|chapter|rule|clause|amendment|"
    r"resolution|model|version|series|gen|generation|planet|#)\s*$",
    "a number after these words labels something ('Game 2', 'category 4'); it counts "
    "nothing", re.IGNORECASE)

TIME_OF_DAY = pattern(
    "time_of_day",
    r"\A\d{1,2}(?:[:.]\d{2})?(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])|"
    r"\A\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?!\d)",
    "clock times and lap times ('10:27 PM', '1.56pm', '1:36.6') are not quantities",
    re.IGNORECASE)

TIME_ZONES = pattern(
    "time_zone_after",
    r"\A\s*(?:BST|GMT|UTC|EST|EDT|CST|CDT|PST|PDT|CET|CEST|ET|PT|hrs\b|h\b)",
    "'11.28 BST': a clock time")


ONE_EXCLUDED_AFTER = words("one_excluded_after", """
another other of's anyone everyone someone thing another's way ways day time
""", "'one another', 'one day', 'one way': idioms, not a count of one")

ONE_EXCLUDED_BEFORE = words("one_excluded_before", """
no each any every the which this that no-one someone anyone everyone
""", "'no one', 'each one', 'the one who': pronouns, not a count of one")

PRONOUNS_AFTER_OF = words("pronouns_after_of", """
them us you those these it his her their its
""", "'one of them': a pronoun, not a population")


COUNT_ABBREVIATIONS = Table("count_abbreviations", {"cyl": "cylinder"},
                            "abbreviated counted nouns glued to a figure ('3cyl')")

TOTAL_NOUNS = words("total_nouns", "number total tally count",
                    "'the number of people evacuated has risen to 3,500': the figure counts "
                    "what the number is of")

PLACE_PREPOSITIONS = words("place_prepositions", """
near along at on in around within inside across from to over
""", "prepositions after a counted noun that say where the counted things are ('troops near "
     "the border', 'ships along the coast'): the place is part of the quantity's object")
