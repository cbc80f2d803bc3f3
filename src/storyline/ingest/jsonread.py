"""Bounded JSON parsing: lists read element by element, JSON Lines split on ``\\n`` only.

``json.loads`` would build a whole list before anything can be counted, and
``str.splitlines`` splits inside a JSON string at U+2028 or U+0085; neither happens here.
Every failure raises ``Reject`` with its reason code.
"""

from __future__ import annotations

import codecs
import json
import re

from ..config import IngestSettings
from ..records import RejectReason
from .decode import decode_bytes
from .guard import Reject, check_entry_count, check_json_depth

JSON_SPACE = re.compile(r"[ \t\n\r]*")
# Python refuses to turn more than 4,300 digits into an int; a number that long is no
# quantity anyone reports, so it is kept as its digits (a string) instead of failing.
MAX_INT_DIGITS = 1000
_UNICODE_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                 codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def _number(digits: str) -> int | str:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else digits


_DECODER = json.JSONDecoder(parse_int=_number)


def _malformed(exc: json.JSONDecodeError) -> Reject:
    return Reject(RejectReason.MALFORMED, f"invalid JSON at line {exc.lineno}: {exc.msg}")


def parse_json(text: str) -> object:
    """One JSON value. Nesting deeper than the parser goes is refused (TOO_DEEP); the
    caller checks the value against ``max_json_depth``."""
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise _malformed(exc) from exc
    except RecursionError as exc:
        raise Reject(RejectReason.TOO_DEEP, "JSON nested too deeply to read") from exc
    except ValueError as exc:
        raise Reject(RejectReason.MALFORMED, f"invalid JSON: {exc}") from exc


def _element(text: str, index: int) -> tuple[object, int]:
    try:
        return _DECODER.raw_decode(text, index)
    except json.JSONDecodeError as exc:
        raise _malformed(exc) from exc
    except RecursionError as exc:
        raise Reject(RejectReason.TOO_DEEP, "JSON nested too deeply to read") from exc
    except ValueError as exc:
        raise Reject(RejectReason.MALFORMED, f"invalid JSON: {exc}") from exc


def _expected(text: str, index: int, what: str) -> Reject:
    line = text.count("\n", 0, index) + 1
    return Reject(RejectReason.MALFORMED, f"invalid JSON at line {line}: expected {what}")


def json_list(text: str, start: int, settings: IngestSettings) -> list[object]:
    """The elements of the JSON list opening at ``text[start]``, read one at a time and
    refused (TOO_MANY_ENTRIES) as soon as there are more than ``max_entries``; each element
    is checked against ``max_json_depth``."""
    items: list[object] = []
    index = JSON_SPACE.match(text, start + 1).end()
    if not text.startswith("]", index):
        while True:
            value, index = _element(text, index)
            check_json_depth(value, settings, outer=1)
            items.append(value)
            check_entry_count(len(items), settings)
            index = JSON_SPACE.match(text, index).end()
            if text.startswith(",", index):
                index = JSON_SPACE.match(text, index + 1).end()
            elif text.startswith("]", index):
                break
            else:
                raise _expected(text, index, "',' or ']'")
    if JSON_SPACE.match(text, index + 1).end() != len(text):
        raise _expected(text, index + 1, "the end of the file after the list")
    return items


def jsonl_lines(data: bytes) -> list[tuple[int, str | None]]:
    """(line number, text) of every line; ``None`` for a line holding NUL bytes.

    Lines are split on ``\\n`` (a ``\\r`` before it is dropped); the file is decoded as a
    whole (a BOM, UTF-8, or a detected charset), without its NUL lines, so that one bad
    line costs only itself.
    """
    if data.startswith(_UNICODE_BOMS):
        text = decode_bytes(data, check_controls=False)
        return [(n, line.removesuffix("\r")) for n, line in enumerate(text.split("\n"), 1)]
    raw = data.split(b"\n")
    bad = {n for n, line in enumerate(raw, 1) if b"\x00" in line}
    clean = b"\n".join(b"" if n in bad else line for n, line in enumerate(raw, 1))
    decoded = decode_bytes(clean, check_controls=False).split("\n") if clean.strip() else []
    if decoded and len(decoded) != len(raw):  # an encoding without one-byte newlines
        bad = set()
    lines: list[tuple[int, str | None]] = [(n, None) for n in sorted(bad)]
    lines += [(n, line.removesuffix("\r")) for n, line in enumerate(decoded, 1) if n not in bad]
    return sorted(lines, key=lambda pair: pair[0])
