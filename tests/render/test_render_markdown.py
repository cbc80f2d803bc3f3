from __future__ import annotations

import re

import markdown_it
import pytest
from storyline_htmlcheck import bad_urls, event_handlers, live_tags
from storyline_sample import HOSTILE_SCRIPT, RLO, build_sample

from storyline.records import StoryView
from storyline.render.markdown import md_escape, md_url, story_markdown


@pytest.fixture(scope="module")
def story() -> StoryView:
    return build_sample()[2]


@pytest.fixture(scope="module")
def markdown(story) -> str:
    return story_markdown(story)


def _render(md: str) -> str:
    return markdown_it.MarkdownIt("commonmark").enable("table").render(md)


def test_footnotes_quote_the_cited_sentence(story, markdown):
    cite = story.story.brief[0].citations[0]
    sentence = story.article(cite.article_id).text[cite.start:cite.end]
    line = next(l for l in markdown.splitlines() if l.startswith("[^1]:"))
    assert md_escape(sentence) in line
    assert "Daily Ledger" in line and "2026-03-02" in line
    assert "<https://ledger.example/a>" in line
    first_brief = next(l for l in markdown.splitlines() if l.startswith("- Norland"))
    assert first_brief.endswith("[^1]")
    used = set(re.findall(r"\[\^(\d+)\](?!:)", markdown))
    defined = set(re.findall(r"^\[\^(\d+)\]:", markdown, re.MULTILINE))
    assert used == defined and len(defined) >= 6


def test_sections_are_present(markdown):
    for heading in ["# Harbor border crisis", "## Brief", "## Timeline", "## Figures and claims",
                    "### troops near the border (figure revised)", "## Articles"]:
        assert heading in markdown
    assert "| 2026-03-10 | 60,000 | troops |" in markdown
    assert "- **2026-04** — Up to 85,000 troops could be deployed" in markdown
    assert "| 2026-03-20 | 85,000 \\(projection\\) | troops | projected |" in markdown


def test_hostile_text_stays_text_when_rendered(markdown):
    html = _render(markdown)
    assert live_tags(html) == []
    assert event_handlers(html) == []
    assert bad_urls(html, allow_relative=False) == []
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', html))
    assert HOSTILE_SCRIPT not in markdown
    assert RLO not in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("text", ["# heading", "- item", "1. item", "> quote", "=== x",
                                  "[a](javascript:x)", "![i](http://x/y.png)", "<b>x</b>",
                                  "a | b", "`code`", "*em*", "&amp;"])
def test_md_escape_leaves_no_markup(text):
    html = _render(md_escape(text))
    assert html.startswith("<p>") and html.count("<") == 2, html


def test_md_url_only_http():
    assert md_url("https://a.example/x y") is None
    assert md_url("javascript:alert(1)") is None
    assert md_url("https://a.example/(x)") == "<https://a.example/(x)>"
    assert md_url("https://a.example/<x>") == "<https://a.example/%3Cx%3E>"
