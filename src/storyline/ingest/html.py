"""Main text and metadata of an HTML page, with trafilatura (and htmldate for the date).

Options were tuned on the article-extraction-dev benchmark (see eval/extract.py): comments
are not article body, and favoring precision drops more boilerplate than it costs in recall.
The date is taken only from what the page's markup states (``extensive_search`` off):
htmldate otherwise guesses from any year in the page.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml.etree import ParserError

logger = logging.getLogger(__name__)

EXTRACT_OPTIONS = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
}
DATE_PARAMS = {"original_date": True, "extensive_search": False}
BLOCK_TAGS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                        "blockquote", "tr", "section", "article", "figcaption"})
_PAGE = re.compile(r"<\s*(?:html|body|head)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """What trafilatura found in a page; ``text`` has one paragraph a line."""

    text: str
    title: str | None = None
    authors: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def fragment_text(html: str) -> str:
    """Visible text of an HTML fragment (a feed summary, a JSON body), one block a line."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return root.text_content()


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Extract the main text and metadata of ``html``; empty text when nothing is found."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, date_extraction_params=DATE_PARAMS,
            **EXTRACT_OPTIONS,
        )
    except (ValueError, TypeError, AttributeError) as exc:  # lxml on hostile markup
        logger.debug("trafilatura failed on a page: %s", exc)
        doc = None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip() and not _PAGE.search(html[:5000]):
        text = fragment_text(html)  # trafilatura wants a page; a fragment is all body
    if doc is None:
        return HtmlExtract(text=text)
    return HtmlExtract(
        text=text,
        title=_clean_field(getattr(doc, "title", None)),
        authors=_clean_field(getattr(doc, "author", None)),
        published=_clean_field(getattr(doc, "date", None)),
        outlet=_clean_field(getattr(doc, "sitename", None)),
        url=_clean_field(getattr(doc, "url", None)),
    )
