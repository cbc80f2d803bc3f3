"""Page repairs before trafilatura and block rules after it (ingest/htmlbody.py)."""

from __future__ import annotations

import lxml.etree as ET
import lxml.html
import pytest

from storyline.ingest.html import DEFAULT_OPTIONS, ExtractOptions, extract_html
from storyline.ingest.htmlbody import (
    Block,
    block_rule,
    body_blocks,
    kept_text,
    lift_embedded_posts,
    merge_chunked_body,
)

PROSE = (
    ("The harbour authority said on Monday that the new berths would open in the spring after "
     "two years of delays and a long dispute over the cost of the works."),
    ("Dock workers, who had threatened to strike over the plans, welcomed the decision but said "
     "they would watch closely how the shifts are organised next year."),
    ("The council will vote on the final budget in March, and the mayor said she expected a "
     "clear majority for the project despite the objections of some residents."),
    ("Shipping companies have already booked most of the new capacity for the first season, "
     "according to figures published by the port on its website this week."),
)
TWEET = ('<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">'
         'The berths are finally opening, what a day for the whole town '
         '<a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; Port Watcher (@portwatch) '
         '<a href="https://twitter.com/portwatch/status/1">March 3, 2024</a></blockquote></div>')


def _paragraphs(texts) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def _page(body: str) -> str:
    return (f"<html><head><title>Berths to open</title></head><body><main><article>"
            f"<h1>Berths to open</h1>{body}</article><footer><p>Copyright Harbour Post</p>"
            f"</footer></main></body></html>")


def _chunked(between: str = '<div class="ad">Advertisement</div>') -> str:
    chunk = ('<div class="grid"><div class="body article__body">{}</div>'
             '<aside class="rail">Ad</aside></div>')
    return _page('<div class="chunks">' + chunk.format(_paragraphs(PROSE[:2])) + between
                 + chunk.format(_paragraphs(PROSE[2:])) + "</div>")


def test_embedded_post_is_kept_as_a_quotation() -> None:
    html = _page(_paragraphs(PROSE[:2]) + TWEET + _paragraphs(PROSE[2:]))
    text = extract_html(html).text
    assert "The berths are finally opening" in text and "Port Watcher (@portwatch)" in text
    assert "pic.twitter.com/x" in text  # link text stays, the link markup goes
    bare = extract_html(html, options=ExtractOptions(repairs=())).text
    assert "The berths are finally opening" not in bare  # the repair is what keeps it


def test_lifting_unwraps_links_and_drops_wrappers_that_hold_only_the_post() -> None:
    root = lxml.html.fromstring(_page(_paragraphs(PROSE[:1]) + TWEET))
    assert lift_embedded_posts(root) == 1
    quote = root.xpath("//blockquote")[0]
    assert quote.getparent().tag == "article" and not quote.attrib
    assert not quote.xpath(".//a") and not root.xpath('//div[@class="social-media-embed"]')


def test_a_body_cut_into_chunks_is_read_whole() -> None:
    text = extract_html(_chunked()).text
    assert all(p[:40] in text for p in PROSE)
    first_only = extract_html(_chunked(), options=ExtractOptions(repairs=())).text
    assert PROSE[0][:40] in first_only and PROSE[3][:40] not in first_only
    assert "Advertisement" not in text and "Copyright" not in text


def test_chunks_under_another_headline_are_another_article() -> None:
    root = lxml.html.fromstring(_chunked(between="<h1>Next story: ferries</h1>"))
    assert merge_chunked_body(root) == 0
    root = lxml.html.fromstring(_chunked())
    assert merge_chunked_body(root) == 1
    assert root.xpath('//div[@class="chunks"]') == []  # the class moved to the ancestor


def test_teaser_cards_are_not_chunks() -> None:
    cards = "".join(f'<div class="post-card"><p>{p[:90]}</p></div>' for p in PROSE)
    root = lxml.html.fromstring(_page(_paragraphs(PROSE) + cards))
    assert merge_chunked_body(root) == 0  # one short paragraph each: not a body's prose


def _body(xml: str):
    return ET.fromstring(xml)


def test_body_blocks_measure_link_text_per_line() -> None:
    body = _body('<body><head rend="h2"><ref target="/a">Ferry timetable changes</ref></head>'
                 '<p>A note with <ref target="/z">a link</ref> inside a longer sentence.</p>'
                 '<list><item><ref target="/b">Mayor wins vote</ref></item>'
                 '<item>Plain item</item></list>'
                 '<table><row><cell>Port</cell><cell>Berths</cell></row></table>'
                 '<p>First line<lb/>second line</p></body>')
    blocks = body_blocks(body)
    assert [(b.kind, b.text) for b in blocks] == [
        ("head", "Ferry timetable changes"),
        ("p", "A note with a link inside a longer sentence."),
        ("item", "Mayor wins vote"), ("item", "Plain item"),
        ("row", "Port | Berths"), ("p", "First line"), ("p", "second line")]
    assert blocks[0].link_share == 1.0 and blocks[2].link_share == 1.0
    assert 0 < blocks[1].link_share < 0.3 and blocks[3].link_share == 0.0


def test_link_only_headings_and_items_are_dropped_prose_with_links_is_kept() -> None:
    blocks = [Block("head", "Ferry timetable changes", 1.0), Block("p", "Prose.", 1.0),
              Block("item", "Mayor wins vote", 0.9), Block("item", "See the list", 0.4),
              Block("head", "What happens next", 0.0)]
    assert [block_rule(b) for b in blocks] == ["link_blocks", None, "link_blocks", None, None]
    assert kept_text(blocks, ("link_blocks",)) == "Prose.\nSee the list\nWhat happens next"
    assert kept_text(blocks, ()).count("\n") == 4


def test_extract_options_refuse_unknown_names() -> None:
    assert DEFAULT_OPTIONS.favor == "precision" and "embedded_posts" in DEFAULT_OPTIONS.repairs
    with pytest.raises(ValueError):
        ExtractOptions(favor="greedy")
    with pytest.raises(ValueError):
        ExtractOptions(repairs=("no_such_repair",))
