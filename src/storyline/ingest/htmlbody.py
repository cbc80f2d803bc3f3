"""Main-text rules around trafilatura: page repairs before it runs, block rules after.

Each rule names a general property of web pages, the way ``noise.py`` writes its rules:

* repairs work on the parsed page before extraction. Extractors pick the one element that
  looks like the article and prune what looks like widgets; two common layouts defeat that:
  an embedded social post (a quotation the story reports) sits in wrappers whose class names
  mark it as a widget, and a long body is cut into several containers with ads between them,
  of which only the first is taken;
* block rules drop whole blocks of the extracted body: a heading or a list item that is
  nothing but a link points to another page (related stories, navigation), it is not text
  of this one.

``body_blocks`` turns trafilatura's body tree (``<p>``, ``<head>``, ``<item>``, ``<quote>``,
``<row>``, with ``<ref>`` for links) into one block a line, with the share of its characters
that are link text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from lxml.etree import _Element


@dataclass(frozen=True, slots=True)
class Repair:
    """A page repair: ``name`` is the option that turns it on, ``why`` the property it uses."""

    name: str
    why: str


@dataclass(frozen=True, slots=True)
class Block:
    """One line of extracted body text; ``kind`` is trafilatura's element (p, head, item...)."""

    kind: str
    text: str
    link_share: float


@dataclass(frozen=True, slots=True)
class BlockRule:
    """A whole-block rule: blocks of ``kinds`` with at least ``min_link_share`` link text."""

    name: str
    kinds: frozenset[str]
    min_link_share: float
    why: str


EMBEDDED_POST = Repair(
    "embedded_posts",
    "an embedded social post (tweet, Instagram, TikTok) is a quotation in the story; the "
    "widget wrappers around it and the links in it make extractors prune it as boilerplate")
CHUNKED_BODY = Repair(
    "chunked_bodies",
    "a long body is often cut into several containers of one class with ads between them; "
    "extractors keep the first container only, so the class moves to the containers' "
    "common ancestor")

EMBED_XPATH = (
    '//blockquote[contains(concat(" ", normalize-space(@class), " "), " twitter-tweet ")'
    ' or contains(@class, "twitter-video") or contains(@class, "instagram-media")'
    ' or contains(@class, "tiktok-embed")]')
# class words trafilatura's body search looks for; a chunk must carry one
BODY_CLASS = re.compile(r"(?:^|[\s_-])(?:body|content|article|story|entry|post|text)(?:$|[\s_-])",
                        re.IGNORECASE)
NOT_BODY_CLASS = re.compile(r"comment|related|teaser|sidebar|footer|promo|newsletter|share"
                            r"|social", re.IGNORECASE)
CHUNK_MIN_PARAGRAPHS = 2  # a chunk holds prose: several paragraphs ...
CHUNK_MIN_CHARS = 300  # ... of some length (teaser cards hold one short paragraph)
CHUNK_CONTAINERS = ("div", "section")

BLOCK_RULES: tuple[BlockRule, ...] = (
    BlockRule("link_blocks", frozenset({"head"}), 0.8,
              "a heading that is all link text is the title of another page (related "
              "stories, a section's next article); headings of the body do not link away"),
    BlockRule("link_blocks", frozenset({"item"}), 0.8,
              "a list item that is all link text is a navigation or related-stories entry"),
)


def _squash(text: str) -> str:
    return " ".join(text.split())


def lift_embedded_posts(root: _Element) -> int:
    """Unwrap each embedded post's links and lift it out of wrappers that hold only it."""
    lifted = 0
    for quote in root.xpath(EMBED_XPATH):
        text = _squash(quote.text_content())
        if not text:
            continue
        for link in quote.xpath(".//a"):
            link.drop_tag()
        quote.attrib.clear()
        wrapper = quote
        for parent in quote.iterancestors():
            if parent.tag in ("body", "article", "main") or _squash(parent.text_content()) != text:
                break
            wrapper = parent
        if wrapper is not quote:
            wrapper.getparent().replace(wrapper, quote)
        lifted += 1
    return lifted


def _is_chunk(element: _Element) -> bool:
    cls = element.get("class") or ""
    if not BODY_CLASS.search(cls) or NOT_BODY_CLASS.search(cls):
        return False
    paragraphs = [c for c in element if c.tag == "p"]
    chars = sum(len(_squash(p.text_content())) for p in paragraphs)
    return len(paragraphs) >= CHUNK_MIN_PARAGRAPHS and chars >= CHUNK_MIN_CHARS


def _common_ancestor(elements: list[_Element]) -> _Element | None:
    # sets of elements, not of id(): lxml makes proxies on demand and reuses their ids
    shared = set(elements[0].iterancestors())
    for element in elements[1:]:
        shared &= set(element.iterancestors())
    return next((a for a in elements[0].iterancestors() if a in shared), None)


def _one_article(chunks: list[_Element], root: _Element) -> bool:
    """Chunks of one body: none holds another, one <article> (or none), no <h1> between."""
    inside = {d for c in chunks for d in c.iterdescendants()}
    if any(c in inside for c in chunks):
        return False
    if len({next(c.iterancestors("article"), None) for c in chunks}) > 1:
        return False
    seen = 0
    for element in root.iter():  # document order: 1 = past the first chunk, 2 = the last
        seen += (element is chunks[0]) + (element is chunks[-1])
        if seen == 1 and element.tag == "h1":
            return False
    return True


def merge_chunked_body(root: _Element) -> int:
    """Give a body cut into same-class chunks one container: their common ancestor."""
    groups: dict[tuple[str, str], list[_Element]] = defaultdict(list)
    for element in root.iter(*CHUNK_CONTAINERS):
        if _is_chunk(element):
            groups[(element.tag, _squash(element.get("class") or ""))].append(element)
    merged = 0
    for (_, cls), chunks in groups.items():
        if len(chunks) < 2 or not _one_article(chunks, root):
            continue
        ancestor = _common_ancestor(chunks)
        if ancestor is None or ancestor.tag in ("body", "html"):
            continue
        for chunk in chunks:
            chunk.set("class", "")
        ancestor.set("class", cls)
        merged += len(chunks) - 1
    return merged


REPAIRS = {EMBEDDED_POST.name: lift_embedded_posts, CHUNKED_BODY.name: merge_chunked_body}


def repair_page(root: _Element, names: Iterable[str]) -> dict[str, int]:
    """Run the named repairs on ``root`` in place; how many places each changed."""
    return {name: REPAIRS[name](root) for name in names}


# --- the extracted body, block by block ------------------------------------------------

BREAKS = frozenset({"p", "head", "item", "quote", "row", "list", "table", "code", "lb",
                    "graphic", "body", "main", "doc"})


class _Lines:
    """Collects text pieces (text, is_link) into lines at block boundaries."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[tuple[str, bool]] = []
        self.kind = "p"

    def flush(self) -> None:
        text = _squash("".join(piece for piece, _ in self.pieces))
        if text:
            solid = max(1, len(text.replace(" ", "")))
            links = sum(len("".join(p.split())) for p, is_link in self.pieces if is_link)
            self.blocks.append(Block(self.kind, text, min(1.0, links / solid)))
        self.pieces = []

    def walk(self, element: _Element, in_link: bool, kind: str) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        link = in_link or tag == "ref"
        breaks = tag in BREAKS
        if breaks:
            self.flush()
        own = tag if breaks and tag != "lb" else kind
        self.kind = own
        if tag == "cell" and self.pieces:
            self.pieces.append((" | ", False))
        if element.text:
            self.pieces.append((element.text, link))
        for child in element:
            self.walk(child, link, own)
            self.kind = own
            if child.tail:
                self.pieces.append((child.tail, link))
        if breaks and tag != "lb":
            self.flush()


def body_blocks(body: _Element | None) -> list[Block]:
    """The blocks of trafilatura's body tree in order, one line of text each."""
    if body is None:
        return []
    lines = _Lines()
    lines.walk(body, False, "p")
    lines.flush()
    return lines.blocks


def block_rule(block: Block, rules: Iterable[BlockRule] = BLOCK_RULES) -> str | None:
    """The name of the first rule that drops ``block``, or None."""
    for rule in rules:
        if block.kind in rule.kinds and block.link_share >= rule.min_link_share:
            return rule.name
    return None


def kept_text(blocks: Iterable[Block], rule_names: Iterable[str]) -> str:
    """The text of the blocks no rule among ``rule_names`` drops, one block a line."""
    rules = [r for r in BLOCK_RULES if r.name in set(rule_names)]
    return "\n".join(b.text for b in blocks if block_rule(b, rules) is None)
