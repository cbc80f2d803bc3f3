"""Main text and metadata of an HTML page, with trafilatura (and htmldate for the date).

The page is parsed once, repaired (``htmlbody.REPAIRS``: embedded posts, bodies cut into
chunks), handed to trafilatura, and its body tree is read block by block so that block rules
(``htmlbody.BLOCK_RULES``) can drop link-only headings and list items. Comments are not
article body. Which trafilatura mode and which rules are on is ``ExtractOptions``; the
choice is cross-validated on the article-extraction-dev benchmark (``storyline eval extract
--folds 2``, docs/eval.md): chosen on one half, reported on the other.
The date is taken only from what the page's markup states (``extensive_search`` off):
htmldate otherwise guesses from any year in the page.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml.etree import LxmlError, ParserError, _Element

from .htmlbody import BLOCK_RULES, REPAIRS, Block, body_blocks, kept_text, repair_page

logger = logging.getLogger(__name__)


class _LinkWarnings(logging.Filter):
    """Links are asked for only to measure link text; their defects are not worth a warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "link" not in record.getMessage()


logging.getLogger("trafilatura.xml").addFilter(_LinkWarnings())

FAVOR = {"precision": {"favor_precision": True}, "balanced": {},
         "recall": {"favor_recall": True}}
EXTRACT_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "include_links": True,  # links are read into each block's link share, never kept as markup
}


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """How the main text is found: trafilatura's mode, the repairs and block rules that run."""

    favor: str = "precision"
    repairs: tuple[str, ...] = tuple(REPAIRS)
    block_rules: tuple[str, ...] = tuple(dict.fromkeys(r.name for r in BLOCK_RULES))

    def __post_init__(self) -> None:
        known = set(REPAIRS) | {r.name for r in BLOCK_RULES}
        unknown = (set(self.repairs) | set(self.block_rules)) - known
        if self.favor not in FAVOR or unknown:
            raise ValueError(f"unknown extraction option: {self.favor}, {sorted(unknown)}")

    @property
    def label(self) -> str:
        return "+".join((self.favor, *self.repairs, *self.block_rules))


DEFAULT_OPTIONS = ExtractOptions()
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


def _parse(html: str) -> _Element | None:
    try:
        return trafilatura.load_html(html)
    except (*_FAILURES, ParserError) as exc:
        logger.debug("cannot parse a page: %s", exc)
        return None


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


def extract_blocks(html: str, url: str | None = None,
                   options: ExtractOptions = DEFAULT_OPTIONS) -> tuple[object | None, list[Block]]:
    """trafilatura's document (metadata) and the blocks of its body, after the repairs."""
    tree = _parse(html)
    if tree is None:
        return None, []
    repair_page(tree, options.repairs)
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, date_extraction_params=DATE_PARAMS,
            **EXTRACT_OPTIONS, **FAVOR[options.favor],
        )
    except _FAILURES as exc:  # lxml on hostile markup
        logger.debug("trafilatura failed on a page: %s", exc)
        return None, []
    if doc is None:
        return None, []
    body = getattr(doc, "body", None)
    if body is None:  # no tree to read: trafilatura's own text, one block a line
        lines = (getattr(doc, "text", None) or "").splitlines()
        return doc, [Block("p", line, 0.0) for line in lines if line.strip()]
    return doc, body_blocks(body)


def extract_html(html: str, url: str | None = None,
                 options: ExtractOptions = DEFAULT_OPTIONS, *,
                 list_dropped: bool = True) -> HtmlExtract:
    """Extract the main text and metadata of ``html``; empty text when nothing is found.
    ``list_dropped``: also list the visible lines left out (``HtmlExtract.dropped``)."""
    doc, blocks = extract_blocks(html, url, options)
    return page_extract(html, doc, kept_text(blocks, options.block_rules),
                        list_dropped=list_dropped)


def page_extract(html: str, doc: object | None, text: str, *,
                 list_dropped: bool = False) -> HtmlExtract:
    """The HtmlExtract of a page from trafilatura's document and the kept body text."""
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
