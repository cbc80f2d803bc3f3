"""Bytes -> text: BOMs, UTF-8, then charset detection; binary data is refused."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..records import RejectReason
from .guard import Reject

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_CONTROL_RATIO = 0.01
PREFERRED_SINGLE_BYTE = "cp1252"


_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{2,40})"""
                       rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]{2,40})""",
                       re.IGNORECASE)


class DecodeError(Reject):
    """Bytes that are not text: ``reason`` is BINARY or UNDECODABLE."""


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def scrub_text(text: str) -> str:
    """Text safe to store and encode: a lone surrogate (from a JSON ``\\ud800`` escape)
    becomes U+FFFD, and NUL and other control characters (not tab, line or page breaks)
    are dropped."""
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return _BAD_CONTROLS.sub("", text)


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


# control (Cc, not tab or line/page breaks), surrogate (Cs), private use (Co), U+FFFD
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                       "\U000f0000-\U000ffffd\U00100000-\U0010fffd\ufffd]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for _ in _NOT_TEXT.finditer(text)) / len(text)


def _declared(data: bytes) -> str | None:
    """Text decoded with the charset the document declares (HTML meta, XML prolog)."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "replace")
    try:
        encoding = codecs.lookup(name).name
        if encoding in ("latin-1", "iso8859-1", "ascii"):
            encoding = PREFERRED_SINGLE_BYTE  # what browsers do with a latin-1 label
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _detect(data: bytes) -> str:
    """charset-normalizer's best guess; on a tie, windows-1252 (the web's Western default)."""
    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise DecodeError(RejectReason.UNDECODABLE, "no text encoding fits these bytes")
    tied = [m for m in results
            if m.chaos <= best.chaos + 1e-9 and m.coherence >= best.coherence - 1e-9]
    if any(PREFERRED_SINGLE_BYTE in m.could_be_from_charset for m in tied):
        try:
            return data.decode(PREFERRED_SINGLE_BYTE)
        except UnicodeDecodeError:
            pass
    return str(best)


def decode_bytes(data: bytes, *, check_controls: bool = True) -> str:
    """Decode ``data``: a BOM wins, then strict UTF-8, then charset-normalizer's guess.

    ``check_controls=False`` skips the binary-data check on the decoded text (JSON Lines
    check each line on its own)."""
    encoding = _bom_encoding(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(RejectReason.UNDECODABLE, f"bad {encoding}: {exc.reason}") from exc
    elif b"\x00" in data:
        raise DecodeError(RejectReason.BINARY, "NUL bytes: binary data, not text")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _declared(data) or _detect(data)
    if check_controls and _control_ratio(text) > MAX_CONTROL_RATIO:
        raise DecodeError(RejectReason.BINARY, "too many control characters for text")
    return text
