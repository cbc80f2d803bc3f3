"""Display forms shared by every renderer: hostile text made inert, safe links, dates, numbers.

Article text is hostile input. ``inert`` shows bidirectional overrides as visible codes
instead of applying them; ``safe_url`` lets only absolute http/https URLs become links.
"""

from __future__ import annotations

import math
import re
from datetime import date
from urllib.parse import urlsplit

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.+Z-]*)?$")
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
MAX_POPUP_CHARS = 400


def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http/https URL without control characters, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url


def inert(text: object) -> str:
    """Display form of hostile text: bidi overrides shown as visible codes, never applied."""
    if text is None:
        return ""
    return _BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", str(text))


def iso_date(value: object) -> date | None:
    """The first day of an ISO 8601 date, month, year or week (``2021-12-07``, ``2021-W49``)."""
    if not isinstance(value, str):
        return None
    try:
        week = _ISO_WEEK.match(value)
        if week:
            return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        match = _ISO.match(value)
        if match:
            return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None
    return None


def shorten(text: str, limit: int = MAX_POPUP_CHARS) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fmt_value(value: float) -> str:
    """A figure for reading: thousands separated, decimals only where there are some."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def fmt_range(low: float | None, high: float | None) -> str:
    """``low–high`` for a range claim, or "" when it has no bounds."""
    if low is None and high is None:
        return ""
    return f"{fmt_value(low) if low is not None else '?'}–" \
           f"{fmt_value(high) if high is not None else '?'}"


def nice_ceiling(value: float) -> float:
    """A round number at or above ``value`` (for the top of a chart axis)."""
    if value <= 0:
        return 1.0
    scale = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * scale >= value:
            return step * scale
    return 10 * scale
