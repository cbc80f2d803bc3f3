"""The one definition of a paragraph: blocks of text separated by a blank line."""

from __future__ import annotations

import bisect
import re

#: A blank line (only spaces or tabs on it) ends a paragraph.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it has no whitespace at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every paragraph, breaks excluded (edges not stripped)."""
    bounds, pos = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        bounds.append((pos, match.start()))
        pos = match.end()
    bounds.append((pos, len(text)))
    return bounds


def paragraph_index(paragraphs: list[tuple[int, int]], offset: int) -> int:
    """Index of the paragraph of ``paragraph_bounds`` that holds ``offset``."""
    index = bisect.bisect_left(paragraphs, offset, key=_end)
    return min(index, len(paragraphs) - 1)


def _end(bounds: tuple[int, int]) -> int:
    return bounds[1]


def _break_end_before(text: str, offset: int) -> int:
    """Where the paragraph holding ``offset`` starts: after the last break before it, or 0."""
    line_end = text.rfind("\n", 0, offset)
    while line_end != -1:
        previous = text.rfind("\n", 0, line_end)
        if previous != -1 and not text[previous + 1:line_end].strip(" \t\r\f\v"):
            return line_end + 1
        line_end = previous
    return 0


def paragraph_around(text: str, offset: int) -> tuple[int, int]:
    """``(start, end)`` of the paragraph holding ``offset`` (cost: that paragraph only)."""
    following = PARAGRAPH_BREAK.search(text, offset)
    return _break_end_before(text, offset), following.start() if following else len(text)


def split_at_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` split at paragraph breaks, each piece stripped, empty ones dropped."""
    pieces, cursor = [], start
    for match in PARAGRAPH_BREAK.finditer(text, start, end):
        pieces.append(strip_span(text, cursor, match.start()))
        cursor = match.end()
    pieces.append(strip_span(text, cursor, end))
    return [(s, e) for s, e in pieces if e > s]
