"""Sitemaps (sitemaps.org, with Google News tags): the pages of a ``urlset`` and the child
sitemaps of a ``sitemapindex``; a gzipped sitemap is inflated within the ingest bound.

The XML parser resolves no entity, loads no DTD and reaches no network; a sitemap that
declares entities is refused before it is parsed."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from ..config import IngestSettings
from ..records import RejectReason
from .guard import Reject, check_line_count, check_no_entities
from .links import Link
from .sources import gunzip

GZIP_MAGIC = b"\x1f\x8b"
_FIELD_TAGS = {"title": "title", "publication_date": "published", "name": "outlet"}


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: ``pages`` for a urlset, ``children`` (sitemap URLs) for an index."""

    pages: tuple[Link, ...] = ()
    children: tuple[str, ...] = ()


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, recover=False)


def _text_of(node: etree._Element, name: str) -> str | None:
    for child in node:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _news_fields(url_node: etree._Element) -> tuple[tuple[str, str], ...]:
    """Title, publication date and publication name of a Google News ``<news:news>``."""
    found: dict[str, str] = {}
    for node in url_node.iter():
        field = _FIELD_TAGS.get(_local(node.tag))
        if field and field not in found and node.text and node.text.strip():
            found[field] = node.text.strip()
    return tuple(found.items())


def parse_sitemap(data: bytes, settings: IngestSettings, base: str = "") -> Sitemap:
    """The pages or children of one sitemap (gzipped or not); raises ``Reject``."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, settings.max_decompressed_bytes)
    check_line_count(data, settings)
    check_no_entities(data.decode("utf-8", "replace"))
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise Reject(RejectReason.MALFORMED, f"not a readable sitemap: {exc}") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise Reject(RejectReason.MALFORMED, f"not a sitemap (root element {kind!r})")
    wanted = "url" if kind == "urlset" else "sitemap"
    items = [node for node in root if _local(node.tag) == wanted]
    locations = [(node, _text_of(node, "loc")) for node in items]
    locations = [(node, urljoin(base, loc) if base else loc) for node, loc in locations if loc]
    if not locations:
        raise Reject(RejectReason.EMPTY, f"a {kind} without locations")
    if kind == "sitemapindex":
        return Sitemap(children=tuple(dict.fromkeys(loc for _, loc in locations)))
    pages: dict[str, Link] = {}
    for node, loc in locations:
        pages.setdefault(loc, Link(loc, _news_fields(node)))
    return Sitemap(pages=tuple(pages.values()))
