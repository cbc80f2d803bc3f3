"""The story page in a real Chromium: citations, timeline links, search, hostile text."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _sentence(view, cite) -> str:
    return view.article(cite.article_id).text[cite.start:cite.end]


def test_hovering_a_citation_shows_its_sentence(live, page, artifacts):
    base, view = live
    page.goto(f"{base}/stories/{view.story.id}")
    cite = page.locator(".brief .cite").first
    popup = cite.locator(".cite-pop")
    assert not popup.is_visible()
    cite.locator(".cite-ref").hover()
    popup.wait_for(state="visible")
    expected = _sentence(view, view.story.brief[0].citations[0])
    assert expected in popup.inner_text()
    assert "Daily Ledger" in popup.inner_text() and "2026-03-02" in popup.inner_text()
    page.screenshot(path=str(artifacts / "story-page.png"))
    page.screenshot(path=str(artifacts / "story-page-full.png"), full_page=True)
    assert page.js_errors == []


def test_clicking_a_citation_pins_it_then_opens_the_article(live, page):
    base, view = live
    page.goto(f"{base}/stories/{view.story.id}")
    second = page.locator(".brief li").nth(1).locator(".cite").first
    page.mouse.move(0, 0)
    second.locator(".cite-ref").click()
    assert "open" in second.get_attribute("class")
    page.mouse.move(0, 0)
    assert second.locator(".cite-pop").is_visible()  # stays open without hover
    page.keyboard.press("Escape")
    assert "open" not in second.get_attribute("class")
    second.locator(".cite-ref").click()
    second.locator(".cite-open").click()
    page.wait_for_url("**/articles/**")
    cite = view.story.brief[1].citations[0]
    target = page.locator(".sent.target")
    target.wait_for()
    assert target.inner_text() == _sentence(view, cite)


def test_timeline_entry_leads_to_the_cited_sentence(live, page, artifacts):
    base, view = live
    page.goto(f"{base}/stories/{view.story.id}")
    page.locator("a.tl-link").nth(1).click()
    cite = view.story.timeline[1].citations[0]
    page.wait_for_url(f"**/articles/{cite.article_id}#s-{cite.start}")
    sentence = page.locator(f"#s-{cite.start}")
    assert sentence.inner_text() == _sentence(view, cite)
    assert sentence.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.locator("mark.quote").count() >= 1 and page.locator("mark.time").count() >= 2
    page.screenshot(path=str(artifacts / "article-page.png"))
    page.go_back()
    page.locator(".axis-dot").first.click()
    page.wait_for_url("**/articles/**#s-*")


def test_search_finds_a_sentence_and_links_to_it(live, page, artifacts):
    base, _ = live
    page.goto(base + "/")
    assert "Harbor border crisis" in page.locator("table.story-list").inner_text()
    page.fill("aside input[name=q]", "diplomacy")
    page.press("aside input[name=q]", "Enter")
    page.wait_for_url("**/search?q=diplomacy")
    hits = page.locator("a.hit")
    assert hits.count() == 1 and "diplomacy" in hits.first.locator("mark").inner_text()
    page.screenshot(path=str(artifacts / "search-page.png"))
    hits.first.click()
    page.wait_for_url("**/articles/**#s-*")
    assert "diplomacy" in page.locator(".sent.target").inner_text()


def test_hostile_text_does_not_run(live, page):
    base, view = live
    hostile = next(a for a in view.articles if a.url == "javascript:alert(1)")
    for path in [f"/stories/{view.story.id}", f"/articles/{hostile.id}",
                 "/search?q=breaking"]:
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.locator("main img, main script, main iframe").count() == 0
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        assert all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "Breaking <script>alert(1)</script> news" in page.locator("main").inner_text()
    assert page.js_errors == []


def test_story_page_screenshot_for_the_docs(clean_live, page, artifacts):
    base, view = clean_live
    page.goto(f"{base}/stories/{view.story.id}")
    cite = page.locator(".brief li").nth(1).locator(".cite").first
    cite.locator(".cite-ref").hover()
    cite.locator(".cite-pop").wait_for(state="visible")
    assert page.locator("svg.chart circle").count() == len(view.story.claims)
    assert page.locator(".axis-dot").count() == len(view.story.timeline)
    page.screenshot(path=str(artifacts / "story-page-clean.png"))
    assert page.js_errors == []


def test_report_file_works_offline(browser, tmp_path, artifacts):
    from storyline_sample import clean_story

    from storyline.render.html import render_report

    view = clean_story()[2]
    path = tmp_path / "report.html"
    path.write_text(render_report([view]), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    cite = page.locator(".brief li").first.locator(".cite")
    cite.locator(".cite-ref").click()
    cite.locator(".cite-open").click()
    first = view.story.brief[0].citations[0]
    target = page.locator(f"#s0-art-{first.article_id}-s-{first.start}")
    target.wait_for(state="visible")
    assert target.inner_text() == _sentence(view, first)
    page.screenshot(path=str(artifacts / "report.png"))
    assert requests == [path.as_uri()]
    context.close()
