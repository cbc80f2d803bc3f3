"""RawDocument -> Article | Rejected: main text, noise removal, metadata, deterministic id.

Pure: no I/O. Metadata precedence: sidecar > HTML/feed/JSON fields > the text itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..config import IngestSettings
from ..records import Article, DateSource, RawDocument, Rejected, RejectReason, RemovedLine
from . import ids
from .decode import scrub_text
from .html import extract_html
from .metadata import (
    FIELD_ALIASES,
    Header,
    normalize_date,
    parse_header,
    split_authors,
    take_date_prefix,
)
from .noise import remove_noise

_INLINE_SPACE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
DATE_CONFIDENCE = {DateSource.METADATA: 1.0, DateSource.HTML: 0.9, DateSource.TEXT: 0.8}


@dataclass(frozen=True, slots=True)
class Body:
    """Cleaned text plus what cleaning learned on the way."""

    text: str
    removed: tuple[RemovedLine, ...]
    header: Header


def normalize_lines(text: str) -> list[str]:
    """NFC, unified line ends, odd spaces made plain, each line stripped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    return [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]


def clean_text_body(text: str) -> Body:
    """The plain-text path: date prefix, noise rules, header lines, paragraph joins."""
    lines = normalize_lines(text)
    first = next((i for i, line in enumerate(lines) if line), None)
    removed: list[RemovedLine] = []
    prefix_date = None
    if first is not None:
        lines[first], prefix, prefix_date = take_date_prefix(lines[first])
        if prefix:
            removed.append(RemovedLine(prefix, "date_prefix"))
    noise = remove_noise(lines)
    header, paragraphs, header_removed = parse_header(list(noise.paragraphs))
    header = Header(header.title, header.outlet or noise.outlet, header.authors,
                    prefix_date or header.published)
    removed.extend(noise.removed)
    removed.extend(header_removed)
    return Body("\n\n".join(paragraphs), tuple(removed), header)


def _drop_title(paragraphs: list[str], title: str | None) -> list[RemovedLine]:
    """Remove a leading paragraph that repeats the page title (the headline)."""
    if title and paragraphs and ids.normalize_for_hash(paragraphs[0]) == \
            ids.normalize_for_hash(title):
        return [RemovedLine(paragraphs.pop(0), "header_title")]
    return []


def clean_html_body(text: str, title: str | None = None,
                    dropped: tuple[str, ...] = ()) -> Body:
    """The HTML path after extraction: noise rules, the repeated headline, paragraph joins.

    ``dropped`` are the lines of visible text that extraction left out (navigation, comments,
    swallowed markup); each is recorded as a ``not_main_text`` removal."""
    noise = remove_noise(normalize_lines(text))
    paragraphs = list(noise.paragraphs)
    removed = _drop_title(paragraphs, title)
    left_out = tuple(RemovedLine(line, "not_main_text") for line in dropped)
    return Body("\n\n".join(paragraphs), noise.removed + tuple(removed) + left_out,
                Header(outlet=noise.outlet))


def html_main_text(html: str, url: str | None = None) -> str:
    """The cleaned main text of an HTML page, exactly as clean_document produces it."""
    page = extract_html(html, url, list_dropped=False)
    return clean_html_body(page.text, page.title).text


def _pick(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _scrubbed(value: str | None) -> str | None:
    return scrub_text(value).strip() or None if value else None


def _published(candidates: tuple[tuple[str | None, DateSource], ...]
               ) -> tuple[str | None, DateSource]:
    for value, source in candidates:
        found = normalize_date(value)
        if found:
            return found, source
    return None, DateSource.UNKNOWN


def _sidecar_row(doc: RawDocument, sidecar: Mapping[str, Mapping[str, str]] | None
                 ) -> Mapping[str, str]:
    """The sidecar row for ``doc`` (by file name, ``#n`` first), with field aliases resolved."""
    if not sidecar:
        return {}
    row = sidecar.get(ids.source_key(doc.source)) or sidecar.get(
        ids.source_file_name(doc.source)) or {}
    return {name: next((str(row[a]) for a in aliases if row.get(a)), "")
            for name, aliases in FIELD_ALIASES.items()}


FIELDS = ("title", "url", "published", "outlet", "authors")


def _document_fields(doc: RawDocument) -> tuple[Body, dict[str, str | None],
                                                dict[str, str | None]]:
    """Clean the body; return it, the reader's fields and the page's (HTML) fields."""
    fields = {name: doc.field(name) for name in FIELDS}
    if doc.kind != "html":
        return clean_text_body(doc.text), fields, {}
    page = extract_html(doc.text, fields["url"])
    page_fields = {"title": page.title, "url": page.url, "published": page.published,
                   "outlet": page.outlet, "authors": page.authors}
    return clean_html_body(page.text, page.title, page.dropped), fields, page_fields


def clean_document(doc: RawDocument, sidecar: Mapping[str, Mapping[str, str]] | None,
                   settings: IngestSettings) -> Article | Rejected:
    """Clean one document into an Article, or reject it as NO_TEXT when too little is left."""
    body, fields, page = _document_fields(doc)
    if len(body.text) < settings.min_chars:
        return Rejected(doc.source, RejectReason.NO_TEXT,
                        f"{len(body.text)} characters of text left after cleaning "
                        f"(minimum {settings.min_chars})")
    if len(body.text) > settings.max_article_chars:
        return Rejected(doc.source, RejectReason.ARTICLE_TOO_LONG,
                        f"{len(body.text)} characters of text after cleaning > limit "
                        f"{settings.max_article_chars} (ingest.max_article_chars)")
    row = _sidecar_row(doc, sidecar)
    published, date_source = _published((
        (row.get("published"), DateSource.METADATA),
        (fields["published"], DateSource.METADATA),
        (page.get("published"), DateSource.HTML),
        (body.header.published, DateSource.TEXT)))
    meta = {k: _scrubbed(_pick(row.get(k), fields[k], page.get(k))) for k in FIELDS}
    authors = meta["authors"]
    return Article(
        id=ids.article_id(doc.source, body.text),
        source=doc.source,
        text=body.text,
        title=_pick(meta["title"], body.header.title),
        outlet=_pick(meta["outlet"], body.header.outlet),
        authors=split_authors(authors) if authors else body.header.authors,
        url=meta["url"],
        published=published,
        published_from=date_source,
        published_confidence=DATE_CONFIDENCE.get(date_source),
        removed=body.removed,
        content_hash=ids.content_hash(body.text),
    )
