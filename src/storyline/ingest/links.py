"""The pages a feed names: each entry's link with the metadata the feed gives for it.

The feed goes through the same bounds as a feed file (line count, no XML entities, entry
count) before feedparser reads it from bytes (never from a URL)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser

from ..config import IngestSettings
from ..records import RejectReason
from .decode import decode_bytes
from .guard import Reject, check_entry_count, check_line_count, check_no_entities
from .readers import _FEED_ENTRY, _as_text, _entry_date


@dataclass(frozen=True, slots=True)
class Link:
    """A page to fetch, with what the feed or sitemap says of it (title, published,
    outlet, authors) as reader fields."""

    url: str
    fields: tuple[tuple[str, str], ...] = ()


def _entry_link(entry: Mapping[str, object]) -> str | None:
    link = _as_text(entry.get("link"))
    if link:
        return link
    for item in entry.get("links") or []:
        if item.get("href") and item.get("rel", "alternate") == "alternate":
            return _as_text(item.get("href"))
    return None


def _entry_fields(entry: Mapping[str, object], outlet: str | None) -> tuple[tuple[str, str], ...]:
    authors = _as_text([a.get("name") for a in entry.get("authors") or [] if a.get("name")])
    fields = {"title": _as_text(entry.get("title")), "published": _entry_date(entry),
              "outlet": outlet, "authors": authors or _as_text(entry.get("author"))}
    return tuple((k, v) for k, v in fields.items() if v)


def feed_links(data: bytes, settings: IngestSettings, base: str = "") -> list[Link]:
    """The entry links of an RSS or Atom feed, in feed order, without repeats (relative
    ones resolved against ``base``, the feed's URL); raises ``Reject`` for a feed that breaks
    a bound or is not a feed."""
    check_line_count(data, settings)
    text = decode_bytes(data)
    check_no_entities(text)
    check_entry_count(sum(1 for _ in _FEED_ENTRY.finditer(text)), settings)
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": base})
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") or not parsed.get("version"):
            raise Reject(RejectReason.MALFORMED, "not an RSS or Atom feed")
        raise Reject(RejectReason.EMPTY, "a feed without entries")
    outlet = _as_text((parsed.get("feed") or {}).get("title"))
    links: dict[str, Link] = {}
    for entry in entries:
        url = _entry_link(entry)
        url = urljoin(base, url) if url and base else url
        if url and url not in links:
            links[url] = Link(url, _entry_fields(entry, outlet))
    if not links:
        raise Reject(RejectReason.EMPTY, "no entry of the feed links to a page")
    return list(links.values())
