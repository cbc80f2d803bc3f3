"""Article metadata: the sidecar file, date normalization and what a text header shows.

Precedence (applied in clean.py): sidecar > HTML/feed/JSON fields > the text itself.
"""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePath

from ..errors import UsageError
from ..records import RemovedLine
from .guard import value_depth

KEY_FIELDS = ("file", "path", "id")
# A sidecar is named by the user, but read with the same care as any input file.
MAX_SIDECAR_BYTES = 50_000_000
MAX_SIDECAR_DEPTH = 16
FIELD_ALIASES = {
    "published": ("published", "date", "published_at", "pubdate"),
    "outlet": ("outlet", "source", "site", "publisher"),
    "authors": ("authors", "author", "byline"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
}

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MONTH = r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
)
_YEAR_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<mnum>\d{2})$")
_DATE_PREFIX = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+(?P<names>[A-Z].{1,120})$")
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|al|bin)){1,3}$")
_SHORT_CAPS = re.compile(r"^(?:[A-Z][\w'’&.-]*)(?:\s+[A-Z][\w'’&.-]*){0,3}$")


@dataclass(frozen=True, slots=True)
class Header:
    """Metadata read from the first lines of a plain-text article."""

    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None


def _build_date(year: str, month: int, day: str) -> str | None:
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """The first full calendar date written in ``text`` (ISO, or month-name forms)."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"][:3].lower()]
            return _build_date(parts["year"], month, parts["day"])
    return None


def normalize_date(value: str | None) -> str | None:
    """An ISO date (``2021-12-07``, or ``2021-12`` / ``2021`` when that is all) or None."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    if _YEAR_MONTH.match(text) or re.fullmatch(r"\d{4}", text):
        return text
    found = find_date(text)
    if found:
        return found
    return _parse_email_date(text)


def _parse_email_date(text: str) -> str | None:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def split_authors(value: str | None) -> tuple[str, ...]:
    """Authors from ``"A; B"`` (the reader's joiner) or ``"A and B"``."""
    if not value:
        return ()
    parts = re.split(r"\s*;\s*|\s+and\s+", value.strip())
    return tuple(p.strip(" ,") for p in parts if p.strip(" ,"))


# ---------------------------------------------------------------- sidecar


def _normalize_row(row: dict[str, object]) -> tuple[str | None, dict[str, str]]:
    row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    key_field = next((k for k in KEY_FIELDS if row.get(k)), None)
    if key_field is None and row.get("source"):
        key_field = "source"
    key = PurePath(str(row[key_field]).strip()).name if key_field else None
    values: dict[str, str] = {}
    for name, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            if alias == key_field:
                continue
            value = row.get(alias)
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
            if value not in (None, ""):
                values[name] = str(value).strip()
                break
    return key, values


def _rows(path: Path, text: str) -> list[dict[str, object]]:
    if path.suffix.lower() == ".csv":
        return list(csv.DictReader(io.StringIO(text)))
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (ValueError, RecursionError) as exc:  # bad JSON, huge numbers, deep nesting
            raise UsageError(f"{path}: line {number} is not valid JSON: "
                             f"{getattr(exc, 'msg', None) or type(exc).__name__}",
                             hint="a metadata sidecar is JSON Lines (one object a line) or CSV")
        if value_depth(item) > MAX_SIDECAR_DEPTH:
            raise UsageError(f"{path}: line {number} nests deeper than {MAX_SIDECAR_DEPTH}",
                             hint="each line must be a flat object with a 'file' key")
        if not isinstance(item, dict):
            raise UsageError(f"{path}: line {number} is not a JSON object",
                             hint="each line must be an object with a 'file' key")
        rows.append(item)
    return rows


def _read_sidecar(path: Path) -> bytes:
    """The sidecar's bytes: a regular file (never a FIFO or device) of bounded size."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise OSError(f"{path} is not a regular file")
    if info.st_size > MAX_SIDECAR_BYTES:
        raise OSError(f"{info.st_size} bytes > limit {MAX_SIDECAR_BYTES}")
    with path.open("rb") as handle:
        return handle.read(MAX_SIDECAR_BYTES + 1)


def load_sidecar(path: str | Path) -> dict[str, dict[str, str]]:
    """Read a metadata sidecar (JSONL or CSV) keyed by file name.

    Values use the names published, outlet, authors, title, url. Raises UsageError when the
    file is missing or cannot be read as JSONL/CSV.
    """
    path = Path(path)
    try:
        text = _read_sidecar(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read metadata file {path}: {exc}",
                         hint="pass a readable metadata.jsonl or metadata.csv") from exc
    try:
        rows = _rows(path, text)
    except csv.Error as exc:
        raise UsageError(f"{path} is not valid CSV: {exc}",
                         hint="a metadata CSV needs a header row with a 'file' column") from exc
    sidecar: dict[str, dict[str, str]] = {}
    for row in rows:
        key, values = _normalize_row(row)
        if key is None:
            raise UsageError(f"{path}: a row has no file name ({sorted(row)})",
                             hint="give each row a 'file' (or path/source/id) value")
        sidecar[key] = values
    return sidecar


# ---------------------------------------------------------------- text header


def take_date_prefix(first_line: str) -> tuple[str, str | None, str | None]:
    """Strip a ``date 2022-02-21`` prefix; return (rest, removed prefix, ISO date)."""
    match = _DATE_PREFIX.match(first_line)
    if not match:
        return first_line, None, None
    return first_line[match.end():], match.group(0).strip(), normalize_date(match.group(1))


def _is_prose(line: str) -> bool:
    words = line.split()
    ends = line.rstrip("\"”’'»)").endswith((".", "!"))
    return len(words) >= 25 or (ends and len(words) >= 8)


def _is_title(line: str) -> bool:
    """A headline: 2-25 words, not closed by a period as a sentence would be."""
    return 2 <= len(line.split()) <= 25 and not line.rstrip("\"”’'»)").endswith(".")


def _is_date_line(line: str) -> bool:
    return len(line.split()) <= 12 and find_date(line) is not None


def parse_header(paragraphs: list[str], window: int = 6) -> tuple[Header, list[str],
                                                                     list[RemovedLine]]:
    """Read title, outlet, byline and date lines before the first prose paragraph.

    Returns the header, the paragraphs left, and the header lines removed.
    """
    title = outlet = published = None
    authors: list[str] = []
    removed: list[RemovedLine] = []
    index = 0
    while index < min(window, len(paragraphs)) and not _is_prose(paragraphs[index]):
        line = paragraphs[index]
        nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        if published is None and _is_date_line(line):
            published, reason = find_date(line), "header_date"
        elif _BYLINE.match(line):
            authors.extend(split_authors(_BYLINE.match(line).group("names")))
            reason = "header_byline"
        elif title is None and outlet is None and _SHORT_CAPS.match(line) and nxt \
                and not _is_prose(nxt) and len(nxt.split()) > len(line.split()):
            outlet, reason = line, "header_outlet"
        elif title is None and _is_title(line):
            title, reason = line, "header_title"
        elif title is not None and not authors and _NAME.match(line):
            authors.append(line)
            reason = "header_byline"
        else:
            break
        removed.append(RemovedLine(line, reason))
        index += 1
    header = Header(title, outlet, tuple(authors), published)
    return header, paragraphs[index:], removed
