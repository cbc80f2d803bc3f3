"""Quote-mark pairing: where the direct quotes of a text are, as character spans.

Pure string work, no model. Double marks only: straight ``"`` (or two
apostrophes ``''`` as some archives write it) and curly ``“ ”``. Single
marks (``'``, ``‘``, ``’``) are never treated as top-level quote marks, because the same
characters are apostrophes (``States'``, ``Ukraine's``, ``'90s``); a single-quoted
passage inside a double-quoted one stays part of the outer quote.

Pairing works paragraph by paragraph (a paragraph ends at a blank line). A quote that is
still open at the end of its paragraph is closed there: news style leaves a multi-paragraph
quote open at each paragraph break and re-opens it on the next one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...text.paragraphs import paragraph_bounds

OPEN_CURLY = "\u201c"
CLOSE_CURLY = "\u201d"
STRAIGHT = '"'
MARKS = (OPEN_CURLY, CLOSE_CURLY, STRAIGHT)
_TRIM = " \t\n,"
#: Where :func:`_mark_at` finds a mark (a text walk jumps from one to the next).
_NEXT_MARK = re.compile("[\u201c\u201d\"]|''|``")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted passage: ``outer`` includes the marks, ``inner`` is the trimmed content."""

    outer_start: int
    outer_end: int
    start: int
    end: int
    closed: bool


def _straight_is_closing(text: str, index: int, lo: int) -> bool:
    """For a straight mark met while a curly quote is open: does it look like a closer?"""
    before = text[index - 1] if index > lo else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _misused_opener(text: str, index: int, lo: int) -> bool:
    """A ``”`` used as an opening mark: at the start of a paragraph or after a space, and
    followed by a letter."""
    before_ok = index == lo or text[index - 1].isspace()
    return before_ok and index + 1 < len(text) and text[index + 1].isalnum()


def _mark_at(text: str, index: int) -> tuple[str, int] | None:
    """The double mark starting at ``index`` as ``(kind, length)``: ``''`` and ``"`` are
    straight marks, a typewriter ```` `` ```` opens like ``“``."""
    char = text[index]
    if char in MARKS:
        return char, 1
    pair = text[index:index + 2]
    if pair == "''":
        return STRAIGHT, 2
    if pair == "``":
        return OPEN_CURLY, 2
    return None


def _pair_paragraph(text: str, lo: int, hi: int) -> Iterator[tuple[int, int, int, int]]:
    """Outermost pairs in ``text[lo:hi]`` as ``(open, content_start, content_end, close)``
    character indexes; an unclosed quote ends at ``hi`` (``content_end == close == hi``)."""
    stack: list[tuple[str, int, int]] = []
    index = lo
    while index < hi:
        mark = _mark_at(text, index)
        if mark is None:
            # no further than the paragraph (a two-character mark may start at its end)
            following = _NEXT_MARK.search(text, index + 1, hi + 1)
            index = following.start() if following else hi
            continue
        kind, length = mark
        closing = kind == CLOSE_CURLY or (kind == STRAIGHT and bool(stack) and (
            stack[-1][0] == STRAIGHT or _straight_is_closing(text, index, lo)))
        if closing and stack:
            _, opened, inner = stack.pop()
            if not stack:
                yield opened, inner, index, index + length
        elif kind != CLOSE_CURLY or _misused_opener(text, index, lo):
            stack.append((kind, index, index + length))
        index += length
    if stack:
        yield stack[0][1], stack[0][2], hi, hi


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every outermost double-quoted passage of ``text`` with non-empty content."""
    return list(_quote_spans(text))


@functools.lru_cache(maxsize=8)
def _quote_spans(text: str) -> tuple[QuoteSpan, ...]:
    spans = []
    for lo, hi in paragraph_bounds(text):
        for opened, inner_start, inner_end, closed_at in _pair_paragraph(text, lo, hi):
            start, end = _trimmed(text, inner_start, inner_end)
            if end > start:
                spans.append(QuoteSpan(opened, closed_at, start, end, closed_at > inner_end))
    return tuple(spans)
