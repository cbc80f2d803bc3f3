"""The prefix scanner finds exactly what ``pattern.finditer`` finds, only faster."""

from __future__ import annotations

import random
import re

import pytest

from storyline.annotate.quantities.numbers import NUMBER_RE
from storyline.annotate.times.rules import RULES
from storyline.text.scan import RuleScanner, fold

TEXTS = [
    ("On Monday, March 3rd, 2014, at 5 p.m. EST the two-week talks began; a year earlier "
     "they had failed. The 1990s were calmer.\n\nNEXT WEEK: more in the third quarter."),
    "Kelvin ſeptember İn the ﬁrst week, ＴＯＤＡＹ and ſince 1999 — “three days” later.",
    "",
    "x",
    "week-long 12/31/99 2021-05-06T10:30 noon Tuesday nineteen eighty-four",
    "A thousand\tmen, an  hundred, US$ 4.5bn, €3m, -.5 and +7; ſix AN\nmillion, ıt 1,200.",
]

PATTERNS = [
    r"(?<!\w)(?i:the\s+)?(?:last|next)\s+week",
    r"(?i)s[a-z]+",
    r"\d+(?:\.\d+)?\s*(?:%|percent)",
    r"(?<![\w.])[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*",
    r"(?:a|b)*c",
    r"[^aeiou\s]{2}",
    r"K",
    r"(?i)k",
    r"(?i)ſ",
    r".e",
    r"(?i)(?<![\w.])(?:(?:€|us\$)\s?(?=[\d.]))?an?(?=\s+(?:hundred|thousand)\b)",
    r"[-+](?=\.?\d)[.\d]+",
    r"(?=\d)\w+(?=\s)",
    r"(?i)ı\w|ſi",
    r"(\w)\1",  # a back-reference: run as it is
    r"x*",  # may match the empty string: run as it is
]


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def _same(patterns: list[re.Pattern[str]], text: str) -> None:
    found = RuleScanner(patterns).matches(text)
    for pattern, matches in zip(patterns, found, strict=True):
        assert _spans(matches) == _spans(pattern.finditer(text)), pattern.pattern


@pytest.mark.parametrize("source", PATTERNS)
def test_matches_are_those_of_finditer(source):
    pattern = re.compile(source)
    for text in TEXTS:
        _same([pattern], text)


def test_patterns_scanned_together_match_as_each_alone():
    patterns = [re.compile(source) for source in PATTERNS]
    for text in TEXTS:
        _same(patterns, text)


def test_the_time_rules_match_as_before_on_shuffled_text():
    rng = random.Random(7)
    words = " ".join(TEXTS).split(" ")
    for _ in range(20):
        rng.shuffle(words)
        text = " ".join(words)
        _same([pattern for _name, pattern in RULES], text)
        _same([NUMBER_RE], text)


def test_patterns_it_cannot_read_run_unchanged():
    scanner = RuleScanner([re.compile(r"(\w)\1"), re.compile(r"x*"), re.compile(r"ab")])
    assert scanner.plain == [0, 1]
    assert RuleScanner([pattern for _name, pattern in RULES]).plain == []


def test_fold_keeps_offsets():
    text = "İn “Kelvin” ſ Straße"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("\x80n \x80kelvin\x80")


def test_fold_reads_every_digit_as_zero_and_every_space_as_one():
    assert fold("At\t9:45\nON 12\x1cMay") == "at 0:00 on 00 may"


def test_patterns_sharing_a_beginning_are_told_apart_by_longer_prefixes():
    patterns = [re.compile(source) for source in (
        r"(?<!\w)(?i:the)\s+(?:week|month)", r"(?<!\w)(?i:the)\s+\d+\s+days",
        r"(?<!\w)(?i:th)(?:is|at)\s+year", r"(?<!\w)(?i:the)y?", r"(?i)the\s\S")]
    scanner = RuleScanner(patterns)
    assert max(len(prefix) for prefix in scanner.by_prefix) > 2
    text = "The week, THE 30 days; that\tyear, they and\nthe\u00a0month, theme: the\n3\n days"
    _same(patterns, text)
    for cut in range(len(text)):
        _same(patterns, text[:cut])


def test_a_look_ahead_narrows_where_a_pattern_is_tried():
    scanner = RuleScanner([re.compile(r"(?i)an?(?=\s+hundred\b)")])
    assert "a hun" in scanner.by_prefix  # not every word that begins with "a"
    assert all(len(key) == 5 and key[1] in " n\x80" for key in scanner.by_prefix)
    short = RuleScanner([re.compile(r"a(?=\d?)")])  # the look-ahead may read nothing
    assert "a" in short.by_prefix


def test_a_character_outside_ascii_stands_for_the_ascii_letters_it_matches():
    scanner = RuleScanner([re.compile(r"(?i)ſ0")])
    assert set(scanner.by_prefix) == {"s0", "\x800"}
