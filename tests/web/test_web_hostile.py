"""Hostile article text through every surface: API upload and store, pages, report, Markdown."""

from __future__ import annotations

import markdown_it
import pytest
from storyline_htmlcheck import bad_urls, event_handlers, live_tags, parse
from storyline_sample import HOSTILE_IMG, HOSTILE_MD, HOSTILE_SCRIPT, RLO, ZWSP

from storyline import services
from storyline.records import BriefSentence, Citation, Story, StoryView, TimelineEntry
from storyline.render.csv_export import story_csv_tables
from storyline.render.html import render_report
from storyline.render.markdown import story_markdown
from storyline.store.base import StoryBuild

HOSTILE_TEXT = (f"Officials met at the harbor on Monday. {HOSTILE_SCRIPT} was posted. "
                f"A picture {HOSTILE_IMG} followed. Read {HOSTILE_MD} for more. "
                f"Hidden{ZWSP} text {RLO}gnp.exe appeared. The talks went on.")
HOSTILE_HTML = (f"<html><head><title>{HOSTILE_SCRIPT}</title></head><body><article>"
                f"<p>The council met at the harbor again on Tuesday evening.</p>"
                f"<p>{HOSTILE_SCRIPT}<a href=\"javascript:alert(1)\">click the link</a> now.</p>"
                f"<p>&lt;script&gt;alert(2)&lt;/script&gt; was printed as text in the page."
                f"</p></article></body></html>")


def assert_inert(html: str, scripts_allowed: int = 1) -> None:
    scripts = live_tags(html, ("script",))
    assert len(scripts) == scripts_allowed
    assert all(s.attrs.get("src", "/static/app.js") == "/static/app.js" for s in scripts)
    assert live_tags(html, ("img", "iframe", "object", "embed")) == []
    assert event_handlers(html) == []
    assert bad_urls(html) == []
    assert not any("javascript:" in t.attrs.get("href", "").lower() for t in parse(html).tags)
    assert HOSTILE_SCRIPT not in html and RLO not in html


@pytest.fixture
def uploaded(client, store) -> list[str]:
    body = {"articles": [{"text": HOSTILE_TEXT, "title": f"{HOSTILE_SCRIPT} title{RLO}",
                          "url": "javascript:alert(1)", "outlet": f"Bad{RLO}Outlet",
                          "published": "2026-03-05"}]}
    first = client.post("/api/v1/ingest", json=body).json()
    files = [("files", ("page.html", HOSTILE_HTML.encode(), "text/html"))]
    second = client.post("/api/v1/ingest", files=files).json()
    ids = first["article_ids"] + second["article_ids"]
    assert len(ids) == 2, (first, second)
    return ids


def _story_over(store, ids: list[str]) -> StoryView:
    articles = tuple(store.get_article(i) for i in ids)
    cites = tuple(Citation(a.id, 0, min(len(a.text), 80)) for a in articles)
    story = Story("hostile-story", f"Story {HOSTILE_SCRIPT}", tuple(ids), "2026-03-05",
                  "2026-03-06", brief=(BriefSentence(f"Brief {HOSTILE_MD} {HOSTILE_IMG}", cites),),
                  timeline=(TimelineEntry("2026-03-05", "day", HOSTILE_SCRIPT, cites),))
    store.save_story(story, StoryBuild())
    return StoryView(story, articles)


def test_uploaded_hostile_article_keeps_its_text(client, store, uploaded):
    article = store.get_article(uploaded[0])
    assert HOSTILE_SCRIPT in article.text and RLO in article.text  # stored as given
    api = client.get(f"/api/v1/articles/{uploaded[0]}").json()
    assert api["article"]["text"] == article.text


def test_pages_render_uploaded_hostile_text_inert(client, store, uploaded):
    for article_id in uploaded:
        assert_inert(client.get(f"/articles/{article_id}").text)
    view = _story_over(store, uploaded)
    assert_inert(client.get("/").text)
    assert_inert(client.get(f"/stories/{view.story.id}").text)
    assert_inert(render_report([view]))
    html = client.get(f"/stories/{view.story.id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert_inert(client.get(f"/stories/{view.story.id}/download/html").text)


def test_pages_render_stored_hostile_text_inert(client, store, story):
    assert_inert(client.get(f"/stories/{story['story']['id']}").text)
    hostile = next(a for a in story["articles"] if a["url"] == "javascript:alert(1)")
    page = client.get(f"/articles/{hostile['id']}").text
    assert_inert(page)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # shown, not run
    assert_inert(client.get("/search", params={"q": "breaking"}).text)
    assert_inert(client.get("/search", params={"q": "alert"}).text)
    assert_inert(render_report([services.get_story(store, story["story"]["id"])]))


def test_markdown_of_hostile_story_is_inert(store, uploaded, story):
    for view in (_story_over(store, uploaded), services.get_story(store, story["story"]["id"])):
        html = markdown_it.MarkdownIt("commonmark").enable("table").render(story_markdown(view))
        assert_inert(html, scripts_allowed=0)
        assert "href" not in html.replace('href="https://', "").replace('href="http://', "")


def test_csv_of_hostile_story_defuses_formulas(store, uploaded):
    view = _story_over(store, uploaded)
    formula = Story("formula-story", "formulas", view.story.article_ids,
                    timeline=(TimelineEntry("2026-03-05", "day", "=cmd|' /C calc'!A0",
                                            view.story.timeline[0].citations),))
    tables = story_csv_tables(StoryView(formula, view.articles))
    assert "\r\n2026-03-05,day,'=cmd" in tables["timeline"]
