"""Bounded JSON parsing: lists read element by element, JSON Lines split on ``\\n`` only.

``json.loads`` would build a whole list before anything can be counted, and
``str.splitlines`` splits inside a JSON string at U+2028 or U+0085; neither happens here.
Every failure raises ``Reject`` with its reason code.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable

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


def _decoded(call: Callable[[], object]) -> object:
    """``call()`` with every decoding failure turned into a ``Reject``."""
    try:
        return call()
    except json.JSONDecodeError as exc:
        raise _malformed(exc) from exc
    except RecursionError as exc:
        raise Reject(RejectReason.TOO_DEEP, "JSON nested too deeply to read") from exc
    except ValueError as exc:
        raise Reject(RejectReason.MALFORMED, f"invalid JSON: {exc}") from exc


def parse_json(text: str) -> object:
    """One JSON value. Nesting deeper than the parser goes is refused (TOO_DEEP); the
    caller checks the value against ``max_json_depth``."""
    return _decoded(lambda: _DECODER.decode(text))


def _element(text: str, index: int) -> tuple[object, int]:
    return _decoded(lambda: _DECODER.raw_decode(text, index))  # type: ignore[return-value]


def _expected(text: str, index: int, what: str) -> Reject:
    line = text.count("\n", 0, index) + 1
    return Reject(RejectReason.MALFORMED, f"invalid JSON at line {line}: expected {what}")


def _within_depth(value: object, settings: IngestSettings) -> object:
    try:
        check_json_depth(value, settings, outer=1)
    except Reject as exc:
        return exc
    return value


def json_list(text: str, start: int, settings: IngestSettings) -> list[object]:
    """The elements of the JSON list opening at ``text[start]``, read one at a time and
    refused (TOO_MANY_ENTRIES) as soon as there are more than ``max_entries``. An element
    nested deeper than ``max_json_depth`` is returned as its ``Reject`` (one entry lost);
    one too deep for the parser, or bad JSON, refuses the file."""
    items: list[object] = []
    index = JSON_SPACE.match(text, start + 1).end()
    if not text.startswith("]", index):
        while True:
            value, index = _element(text, index)
            items.append(_within_depth(value, settings))
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


def _legacy_decoded(raw: list[bytes], bad: set[int]) -> list[str] | None:
    """The lines decoded together in the file's detected 8-bit encoding, or None."""
    clean = b"\n".join(b"" if n in bad else line for n, line in enumerate(raw, 1))
    try:
        decoded = decode_bytes(clean, check_controls=False).split("\n")
    except Reject:
        return None
    return decoded if len(decoded) == len(raw) else None


def jsonl_lines(data: bytes) -> list[tuple[int, str | Reject]]:
    """(line number, text) of every line, or the ``Reject`` of a line that is not text.

    Lines are split on ``\\n`` only (a ``\\r`` before it is dropped). A line holding NUL
    bytes is BINARY. A UTF-8 file keeps its good lines when one line is broken (that line is
    UNDECODABLE); a file in an 8-bit encoding (no line is UTF-8 beyond ASCII) is decoded as a
    whole with the detected charset. A file with a BOM is decoded as a whole.
    """
    if data.startswith(_UNICODE_BOMS):
        text = decode_bytes(data, check_controls=False)
        return [(n, line.removesuffix("\r")) for n, line in enumerate(text.split("\n"), 1)]
    raw = data.split(b"\n")
    nul = {n for n, line in enumerate(raw, 1) if b"\x00" in line}
    texts: dict[int, str] = {}
    failed: list[int] = []
    utf8_beyond_ascii = False
    for n, line in enumerate(raw, 1):
        if n in nul:
            continue
        try:
            texts[n] = line.decode("utf-8")
            utf8_beyond_ascii = utf8_beyond_ascii or not line.isascii()
        except UnicodeDecodeError:
            failed.append(n)
    if failed and not utf8_beyond_ascii:
        decoded = _legacy_decoded(raw, nul)
        if decoded is not None:
            texts = {n: decoded[n - 1] for n in range(1, len(raw) + 1) if n not in nul}
            failed = []
    lines: dict[int, str | Reject] = {n: text.removesuffix("\r") for n, text in texts.items()}
    lines.update({n: Reject(RejectReason.BINARY, "NUL bytes in the line") for n in nul})
    lines.update({n: Reject(RejectReason.UNDECODABLE, "the line is not UTF-8") for n in failed})
    return sorted(lines.items())
