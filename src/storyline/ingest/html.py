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
from lxml.etree import LxmlError, ParserError

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
# Elements that end a line of visible text when the drops of extraction are listed.
LINE_TAGS = BLOCK_TAGS | {"td", "th", "dt", "dd", "caption", "figure", "header", "footer",
                          "nav", "aside", "main", "pre", "hr", "form", "label", "option",
                          "button", "ol", "ul", "table", "thead", "tbody", "details",
                          "summary", "address", "dl", "fieldset", "legend", "title"}
INVISIBLE_TAGS = ("head", "script", "style", "noscript", "template")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
_FAILURES = (ValueError, TypeError, AttributeError, RecursionError, LxmlError)


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """What trafilatura found in a page; ``text`` has one paragraph a line."""

    text: str
    title: str | None = None
    authors: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    dropped: tuple[str, ...] = ()


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _text_of(root, line_tags: frozenset[str] | set[str], hidden: tuple[str, ...],
             open_line: bool) -> str:
    """The text of ``root`` as ``text_content()`` gives it, with a line break after each
    element of ``line_tags`` (and before it when ``open_line``), without ``hidden``
    elements, comments and processing instructions. The tree is only read: lxml refuses to
    set text holding control characters that its parser accepted."""
    parts: list[str] = []
    stack = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if closing:
            if element is not root:
                parts.append("\n" if tag in line_tags else "")
                parts.append(element.tail or "")
            continue
        if not tag or tag in hidden:
            if element is not root:
                parts.append(element.tail or "")
            continue
        if open_line and tag in line_tags:
            parts.append("\n")
        parts.append(element.text or "")
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return "".join(parts)


def fragment_text(html: str) -> str:
    """Visible text of an HTML fragment (a feed summary, a JSON body), one block a line."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (*_FAILURES, ParserError):
        return ""
    return _text_of(root, BLOCK_TAGS, ("script", "style", "noscript"), open_line=False)


def visible_lines(html: str) -> list[str]:
    """The page's visible text (no head, script or style), one line per block element."""
    try:
        root = lxml.html.document_fromstring(html)
    except (*_FAILURES, ParserError):
        return [line.strip() for line in _TAG.sub("\n", html).split("\n") if line.strip()]
    text = _text_of(root, LINE_TAGS, INVISIBLE_TAGS, open_line=True)
    return [line.strip() for line in text.split("\n") if line.strip()]


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def dropped_lines(html: str, kept: str) -> tuple[str, ...]:
    """Lines of visible text that extraction left out of ``kept`` (compared word by word,
    so that spacing and punctuation changes do not count)."""
    kept_words = f" {_words(kept)} "
    dropped = []
    for line in visible_lines(html):
        words = _words(line)
        if words and f" {words} " not in kept_words:
            dropped.append(line)
    return tuple(dropped)


def extract_html(html: str, url: str | None = None, *, list_dropped: bool = True
                 ) -> HtmlExtract:
    """Extract the main text and metadata of ``html``; empty text when nothing is found.
    ``list_dropped``: also list the visible lines left out (``HtmlExtract.dropped``)."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, date_extraction_params=DATE_PARAMS,
            **EXTRACT_OPTIONS,
        )
    except _FAILURES as exc:  # lxml on hostile markup
        logger.debug("trafilatura failed on a page: %s", exc)
        doc = None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip() and not _PAGE.search(html[:5000]):
        text = fragment_text(html)  # trafilatura wants a page; a fragment is all body
    dropped = dropped_lines(html, text) if list_dropped else ()
    if doc is None:
        return HtmlExtract(text=text, dropped=dropped)
    return HtmlExtract(
        text=text,
        dropped=dropped,
        title=_clean_field(getattr(doc, "title", None)),
        authors=_clean_field(getattr(doc, "author", None)),
        published=_clean_field(getattr(doc, "date", None)),
        outlet=_clean_field(getattr(doc, "sitename", None)),
        url=_clean_field(getattr(doc, "url", None)),
    )
