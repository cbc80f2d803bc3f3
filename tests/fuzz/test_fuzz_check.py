"""The fuzz suite's checker sees every kind of wrong outcome (so the suite can fail)."""

from __future__ import annotations

from hostile import PARSER_BUG, Expect, check

EXPECTS = [
    Expect("in/a.txt", "good_txt", stored={"in/a.txt"}),
    Expect("in/b.jsonl", "jsonl_mixed", stored={"in/b.jsonl#1"},
           rejected={"in/b.jsonl#2": {"malformed", "undecodable"}}),
    Expect("in/c.json#1", "bad_too_deep", rejected={"in/c.json#1": {"too_deep"}}),
    Expect("in/d.txt", "mutated", anything=True),
    Expect("in/e.pdf", "skipped", skipped=True),
]
GOOD_STORED = {"in/a.txt", "in/b.jsonl#1"}
GOOD_REJECTED = {"in/b.jsonl#2": ("undecodable", "the line is not UTF-8"),
                 "in/c.json#1": ("too_deep", "deep"), "in/d.txt": ("binary", "NUL")}


def test_the_expected_outcome_passes() -> None:
    assert check(EXPECTS, GOOD_STORED, GOOD_REJECTED) == []


def test_each_wrong_outcome_is_reported() -> None:
    cases = [
        (GOOD_STORED - {"in/a.txt"}, GOOD_REJECTED),  # a good file lost
        (GOOD_STORED, {**GOOD_REJECTED, "in/b.jsonl#2": ("binary", "x")}),  # wrong reason
        (GOOD_STORED | {"in/b.jsonl#2"}, {k: v for k, v in GOOD_REJECTED.items()
                                          if k != "in/b.jsonl#2"}),  # bad entry stored
        (GOOD_STORED, {k: v for k, v in GOOD_REJECTED.items() if k != "in/d.txt"}),  # lost
        (GOOD_STORED | {"in/e.pdf"}, GOOD_REJECTED),  # read what must be skipped
        (GOOD_STORED, {**GOOD_REJECTED, "in/zz.txt": ("empty", "")}),  # unknown source
        (GOOD_STORED, {**GOOD_REJECTED, "in/d.txt": ("malformed", PARSER_BUG + " (X)")}),
        (GOOD_STORED, {**GOOD_REJECTED, "in/c.json": ("too_deep", "file level")}),
    ]
    for stored, rejected in cases:
        assert check(EXPECTS, stored, rejected), (stored, rejected)
