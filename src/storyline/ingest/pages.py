"""A fetched page -> the RawDocument the HTML reader makes of it, within the readers' bounds.

``EXTRACTOR`` names the extraction that turns a page into an article: bump ``RULES`` when
the main-text rules (html.py, htmlbody.py, noise.py, clean.py) change what they keep; a new
trafilatura changes it by itself. ``storyline reextract`` reads again every stored page an
older extractor read.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence

import trafilatura

from ..config import IngestSettings
from ..records import FetchedPage, RawDocument, Rejected, RejectReason
from .guard import Reject
from .readers import read_html

RULES = "1"
EXTRACTOR = f"rules-{RULES}+trafilatura-{trafilatura.__version__}"[:64]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]{2,40})", re.IGNORECASE)
_LOOKS_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def is_html(page: FetchedPage) -> bool:
    """An HTML answer: by its Content-Type, or a page that names none but looks like one."""
    kind = media_type(page.content_type)
    if kind:
        return kind in HTML_TYPES
    return _LOOKS_HTML.match(page.body[:2048]) is not None


def _as_utf8(body: bytes, content_type: str) -> bytes:
    """The body in UTF-8 when the answer names another charset that decodes it."""
    match = _CHARSET.search(content_type)
    if not match:
        return body
    try:
        name = codecs.lookup(match.group(1)).name
        return body if name == "utf-8" else body.decode(name).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return body


def page_document(page: FetchedPage, settings: IngestSettings,
                  fields: Sequence[tuple[str, str]] = (), *, source: str | None = None
                  ) -> list[RawDocument | Rejected]:
    """The document of an HTML page (``source``: by default the URL asked for); ``fields``
    are metadata from the feed or sitemap that named it. A non-HTML answer is not_html."""
    source = source or page.url
    if not is_html(page):
        return [Rejected(source, RejectReason.NOT_HTML,
                         f"the answer is {media_type(page.content_type) or 'not HTML'}")]
    if not page.body.strip():
        return [Rejected(source, RejectReason.EMPTY, "the page is empty")]
    try:
        docs = read_html(source, _as_utf8(page.body, page.content_type), settings)
    except Reject as exc:
        return [Rejected(source, exc.reason, exc.detail)]
    named = dict(fields)
    if page.final_url:
        named["url"] = page.final_url
    return [RawDocument(d.source, d.kind, d.text, tuple(named.items()))
            if isinstance(d, RawDocument) else d for d in docs]
