"""Bytes -> text: BOMs, UTF-8, then charset detection; binary data is refused."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from ..records import RejectReason

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_CONTROL_RATIO = 0.01
PREFERRED_SINGLE_BYTE = "cp1252"
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")


_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{2,40})"""
                       rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]{2,40})""",
                       re.IGNORECASE)


class DecodeError(Exception):
    """Bytes that are not text: ``reason`` is BINARY or UNDECODABLE."""

    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS
              and (unicodedata.category(ch) in ("Cc", "Cs", "Co") or ch == "\ufffd"))
    return bad / len(text)


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


def decode_bytes(data: bytes) -> str:
    """Decode ``data``: a BOM wins, then strict UTF-8, then charset-normalizer's guess."""
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
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise DecodeError(RejectReason.BINARY, "too many control characters for text")
    return text
