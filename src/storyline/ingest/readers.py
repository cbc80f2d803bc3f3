"""Parsers from decoded file content to RawDocuments, one per file type. No I/O here.

Entries of a container (a JSON list, a JSONL file, a feed) get the source ``path#n``,
``n`` counting from 1 (for JSONL, the line number).
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import feedparser

from ..config import IngestSettings
from ..records import RawDocument, Rejected, RejectReason
from .decode import decode_bytes, scrub_text
from .guard import (
    ENTITY_DECLARATION,
    Reject,
    check_entry_count,
    check_json_depth,
    check_line_count,
    check_line_length,
    check_no_entities,
)
from .jsonread import JSON_SPACE, json_list, jsonl_lines, parse_json

logger = logging.getLogger(__name__)

Item = RawDocument | Rejected
TEXT_KEYS = ("text", "body", "content", "articleBody", "article")
FIELD_KEYS = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "datePublished", "pubdate"),
    "outlet": ("outlet", "source", "site", "publisher"),
    "authors": ("authors", "author", "byline"),
}
_HTML_TAG = re.compile(
    r"<(?:p|div|br|span|a|html|body|article|section|h[1-6]|ul|ol|li|table|em|strong|b|i|"
    r"img|blockquote|figure)\b[^>]*>", re.IGNORECASE)
_FEED_ENTRY = re.compile(r"<(?:[\w-]+:)?(?:item|entry)[\s>/]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reader:
    """Bytes of one file (uncompressed) -> its documents; raises ``Reject`` for the file."""

    read: Callable[[str, bytes, IngestSettings], list[Item]]


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        parts = [_as_text(v) for v in value]
        return "; ".join(p for p in parts if p) or None
    if isinstance(value, Mapping):
        return _as_text(value.get("name") or value.get("value"))
    text = scrub_text(str(value)).strip()
    return text or None


def _fields(item: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    found = []
    for name, keys in FIELD_KEYS.items():
        value = next((_as_text(item[k]) for k in keys if _as_text(item.get(k))), None)
        if value:
            found.append((name, value))
    return tuple(found)


def is_markup_body(body: str) -> bool:
    """A JSON text field is read as HTML only when it opens with a page or a known HTML tag
    (``<p>``, ``<div>``, ``<b>`` ...) and declares no entities; prose that merely mentions
    markup (``Talks <svg onload=...> resume``) stays text, kept as it is."""
    stripped = body.lstrip()
    opens_html = (stripped[:15].lower().startswith(("<!doctype html", "<html"))
                  or _HTML_TAG.match(stripped) is not None)
    return opens_html and not ENTITY_DECLARATION.search(body)


def document_from_item(source: str, item: object) -> Item:
    """One JSON object -> RawDocument; no text field -> MALFORMED, blank text -> EMPTY."""
    if not isinstance(item, Mapping):
        return Rejected(source, RejectReason.MALFORMED, "not a JSON object")
    key = next((k for k in TEXT_KEYS if isinstance(item.get(k), str)), None)
    if key is None:
        return Rejected(source, RejectReason.MALFORMED,
                        f"no text field (one of {', '.join(TEXT_KEYS)})")
    body = scrub_text(str(item[key]))
    if not body.strip():
        return Rejected(source, RejectReason.EMPTY, f"field {key!r} is empty")
    kind = "html" if is_markup_body(body) else "text"
    return RawDocument(source, kind, body, _fields(item))


def _plain(data: bytes, settings: IngestSettings) -> str:
    """Decoded text of a file read as a whole, within the line bounds."""
    check_line_count(data, settings)
    return decode_bytes(data)


def read_text(source: str, data: bytes, settings: IngestSettings) -> list[Item]:
    text = _plain(data, settings)
    check_line_length(text, settings)
    if not text.strip():
        return [Rejected(source, RejectReason.EMPTY, "only whitespace")]
    return [RawDocument(source, "text", scrub_text(text))]


def read_html(source: str, data: bytes, settings: IngestSettings) -> list[Item]:
    text = _plain(data, settings)
    check_no_entities(text)
    if not text.strip():
        return [Rejected(source, RejectReason.EMPTY, "only whitespace")]
    return [RawDocument(source, "html", scrub_text(text))]


def read_json(source: str, data: bytes, settings: IngestSettings) -> list[Item]:
    text = _plain(data, settings)
    start = JSON_SPACE.match(text).end()
    if not text.startswith("[", start):
        value = parse_json(text)
        check_json_depth(value, settings)
        return [document_from_item(source, value)]
    values = json_list(text, start, settings)
    if not values:
        return [Rejected(source, RejectReason.EMPTY, "an empty JSON list")]
    return [Rejected(f"{source}#{n}", item.reason, item.detail) if isinstance(item, Reject)
            else document_from_item(f"{source}#{n}", item) for n, item in enumerate(values, 1)]


def _jsonl_entry(source: str, line: str, settings: IngestSettings) -> Item:
    try:
        check_line_length(line, settings)
        value = parse_json(line)
        check_json_depth(value, settings)
        return document_from_item(source, value)
    except Reject as exc:
        return Rejected(source, exc.reason, exc.detail)


def read_jsonl(source: str, data: bytes, settings: IngestSettings) -> list[Item]:
    """One document per line; lines split on ``\\n`` only, and a bad line (NUL bytes, bad
    JSON, over a bound) is one rejection while the other lines are read."""
    check_line_count(data, settings)
    lines = jsonl_lines(data)
    check_entry_count(sum(1 for _, line in lines if not isinstance(line, str) or line.strip()),
                      settings)
    items: list[Item] = []
    for number, line in lines:
        entry = f"{source}#{number}"
        if isinstance(line, Reject):
            items.append(Rejected(entry, line.reason, line.detail))
        elif line.strip():
            items.append(_jsonl_entry(entry, line, settings))
    return items or [Rejected(source, RejectReason.EMPTY, "no JSON lines")]


def _entry_date(entry: Mapping[str, object]) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return time.strftime("%Y-%m-%d", parsed)
            except (ValueError, TypeError, OverflowError):
                continue
    return _as_text(entry.get("published") or entry.get("updated"))


def _entry_body(entry: Mapping[str, object]) -> tuple[str, bool]:
    """The longest of the entry's content blocks and summary, and whether it is HTML."""
    blocks = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    summary = entry.get("summary_detail") or {}
    blocks.append((entry.get("summary") or "", summary.get("type") or ""))
    body, mime = max(blocks, key=lambda block: len(block[0]))
    return body, "html" in mime and _HTML_TAG.search(body[:20000]) is not None


def _feed_entry(source: str, entry: Mapping[str, object], outlet: str | None,
                problem: object = None) -> Item:
    body, is_html = _entry_body(entry)
    if not body.strip() and problem is not None:
        return Rejected(source, RejectReason.MALFORMED, f"broken feed entry: {problem}")
    if not body.strip():
        return Rejected(source, RejectReason.EMPTY, "feed entry without content or summary")
    body = scrub_text(body)
    authors = _as_text([a.get("name") for a in entry.get("authors") or [] if a.get("name")])
    fields = {"title": _as_text(entry.get("title")), "url": _as_text(entry.get("link")),
              "published": _entry_date(entry), "outlet": outlet,
              "authors": authors or _as_text(entry.get("author"))}
    return RawDocument(source, "html" if is_html else "text", body,
                       tuple((k, v) for k, v in fields.items() if v))


def read_feed(source: str, data: bytes, settings: IngestSettings) -> list[Item]:
    text = _plain(data, settings)
    check_no_entities(text)
    check_entry_count(sum(1 for _ in _FEED_ENTRY.finditer(text)), settings)
    parsed = feedparser.parse(io.BytesIO(data))  # bytes, never a path or URL
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            return [Rejected(source, RejectReason.MALFORMED, f"not a readable feed: {problem}")]
        if not parsed.get("version"):
            return [Rejected(source, RejectReason.MALFORMED, "not an RSS or Atom feed")]
        return [Rejected(source, RejectReason.EMPTY, "a feed without entries")]
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None:
        logger.warning("%s: feed has errors (%s); reading what parsed", source, problem)
    outlet = _as_text((parsed.get("feed") or {}).get("title"))
    return [_feed_entry(f"{source}#{n}", entry, outlet, problem)
            for n, entry in enumerate(entries, 1)]


READERS: dict[str, Reader] = {
    ".txt": Reader(read_text),
    ".text": Reader(read_text),
    ".html": Reader(read_html),
    ".htm": Reader(read_html),
    ".json": Reader(read_json),
    ".jsonl": Reader(read_jsonl),
    ".ndjson": Reader(read_jsonl),
    ".xml": Reader(read_feed),
    ".rss": Reader(read_feed),
    ".atom": Reader(read_feed),
}
