"""Reader for TimeML ``.tml`` files (TimeBank, AQUAINT, TempEval-3).

A document becomes its ``<TEXT>`` content with every tag stripped and XML entities
decoded, the creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``) and
the gold TIMEX3 spans as character offsets into that stripped text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError

_TOKEN = re.compile(r"<[^>]*>|[^<]+")
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')
_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3: offsets into the document's stripped text, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    doc_id: str
    text: str
    dct: str
    timexes: tuple[GoldTimex, ...]


def _attrs(tag: str) -> dict[str, str]:
    return {key: html.unescape(value) for key, value in _ATTR.findall(tag)}


def _strip(body: str) -> tuple[str, tuple[GoldTimex, ...]]:
    """Strip tags from ``body``; collect the TIMEX3 spans with offsets into the result."""
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    spans: list[tuple[int, int, dict[str, str]]] = []
    for match in _TOKEN.finditer(body):
        chunk = match.group(0)
        if chunk.startswith("<TIMEX3"):
            open_timex = (length, _attrs(chunk))
        elif chunk.startswith("</TIMEX3") and open_timex is not None:
            spans.append((open_timex[0], length, open_timex[1]))
            open_timex = None
        elif not chunk.startswith("<"):
            plain = html.unescape(chunk)
            parts.append(plain)
            length += len(plain)
    text = "".join(parts)
    return text, tuple(GoldTimex(start, end, text[start:end], attrs.get("type", ""),
                                 attrs.get("value", "")) for start, end, attrs in spans)


def read_tml(path: Path) -> TimeMLDocument:
    """Parse one ``.tml`` file; raise DataError when it has no TEXT or no creation time."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    body = _TEXT.search(raw)
    dct_tag = _DCT.search(raw)
    if body is None or dct_tag is None:
        raise DataError(f"{path} is not a TimeML document with TEXT and a creation time",
                        hint="pass a TempEval-3 / TimeBank folder of .tml files")
    dct_value = _attrs(dct_tag.group(0)).get("value", "")
    text, timexes = _strip(body.group(1))
    return TimeMLDocument(path.stem, text, dct_value[:10], timexes)


def iter_tml_paths(data_dir: Path) -> list[Path]:
    """Every ``.tml`` file under ``data_dir``, one per document id, in a stable order."""
    if not data_dir.is_dir():
        raise DataError(f"{data_dir} is not a folder",
                        hint="pass the tempeval3-dev folder from the benchmarks")
    seen: dict[str, Path] = {}
    for path in sorted(data_dir.rglob("*.tml")):
        seen.setdefault(path.stem, path)
    if not seen:
        raise DataError(f"no .tml files under {data_dir}",
                        hint="pass a folder holding TimeML .tml files")
    return [seen[key] for key in sorted(seen)]
