"""Every page at phone (390 px) and desktop (1366 px) widths: no horizontal scroll, a menu
that collapses, a first screen that shows the story, an axis whose labels do not collide."""

from __future__ import annotations

from itertools import pairwise

import pytest

pytestmark = pytest.mark.browser

PHONE = (390, 844)
DESKTOP = (1366, 900)
OVERFLOW = "document.documentElement.scrollWidth"


def _fits(page) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate(OVERFLOW) <= width, f"the page lays out wider than {width} px"


def _visible_boxes(page, selector: str) -> list[dict]:
    boxes = []
    for handle in page.locator(selector).element_handles():
        if handle.is_visible():
            boxes.append(handle.bounding_box())
    return boxes


def _apart(boxes: list[dict]) -> bool:
    ordered = sorted(boxes, key=lambda b: b["x"])
    return all(a["x"] + a["width"] <= b["x"] + 0.5 for a, b in pairwise(ordered))


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1366"])
def test_story_page_fits_the_screen(open_page, clean_live, artifacts, size):
    base, view = clean_live
    with open_page(*size) as page:
        page.goto(f"{base}/stories/{view.story.id}")
        _fits(page)
        ticks = _visible_boxes(page, ".axis-tick")
        assert len(ticks) >= 4 and _apart(ticks)  # readable: no label runs into another
        axis = page.locator(".axis").bounding_box()
        assert all(axis["x"] <= b["x"] and b["x"] + b["width"] <= axis["x"] + axis["width"] + 1
                   for b in ticks)
        titles = page.locator("svg.chart text.axis-title").all_text_contents()
        assert titles == ["troops", "date of the figure"]
        page.screenshot(path=str(artifacts / f"story-page-{size[0]}.png"))
        page.screenshot(path=str(artifacts / f"story-page-{size[0]}-full.png"), full_page=True)
        assert page.js_errors == []


def test_phone_menu_collapses_and_the_story_shows_first(open_page, clean_live):
    base, view = clean_live
    with open_page(*PHONE) as page:
        page.goto(f"{base}/stories/{view.story.id}")
        menu = page.locator("details.menu")
        assert menu.evaluate("el => el.open") is False
        assert not page.locator(".toc a").first.is_visible()
        sidebar = page.locator(".sidebar").bounding_box()
        assert sidebar["height"] < PHONE[1] * 0.2  # the top bar, not a screen of links
        heading = page.locator("h1").bounding_box()
        brief = page.locator(".brief li").first.bounding_box()
        assert heading["y"] < PHONE[1] / 3 and brief["y"] + brief["height"] < PHONE[1]
        menu.locator("summary").click()
        page.locator(".toc a", has_text="Figures").click()
        assert menu.evaluate("el => el.open") is False  # closes after a choice
        page.wait_for_url("**#claims")
        claims = page.locator("#claims").bounding_box()
        assert -1 <= claims["y"] < PHONE[1] / 2
        _fits(page)


def test_phone_citation_opens_inside_the_screen(open_page, live, artifacts):
    base, view = live
    with open_page(*PHONE) as page:
        page.goto(f"{base}/stories/{view.story.id}")
        cite = page.locator(".brief li").nth(1).locator(".cite").last
        cite.locator(".cite-ref").click()
        popup = cite.locator(".cite-pop")
        popup.wait_for(state="visible")
        box = popup.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE[1]
        _fits(page)
        page.screenshot(path=str(artifacts / "story-page-390-citation.png"))
        assert page.js_errors == []


def test_desktop_menu_stays_open(open_page, clean_live):
    base, view = clean_live
    with open_page(*DESKTOP) as page:
        page.goto(f"{base}/stories/{view.story.id}")
        assert page.locator("details.menu").evaluate("el => el.open") is True
        assert not page.locator("details.menu > summary").is_visible()
        assert page.locator(".toc a", has_text="Timeline").is_visible()
        assert page.locator(".axis-tick.minor").count() >= 0
        main = page.locator("main").bounding_box()
        assert main["x"] > 150  # the sidebar sits beside the story


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1366"])
def test_other_pages_fit_the_screen(open_page, live, size):
    base, view = live
    hostile = next(a for a in view.articles if a.url == "javascript:alert(1)")
    paths = ["/", f"/stories/{view.story.id}", f"/articles/{view.articles[0].id}",
             f"/articles/{hostile.id}", "/search?q=troops", "/stories/nope"]
    with open_page(*size) as page:
        for path in paths:
            page.goto(base + path)
            _fits(page)
        assert page.js_errors == []


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1366"])
def test_report_fits_the_screen(open_page, tmp_path, artifacts, size):
    from storyline_sample import build_sample, second_story

    from storyline.render.html import render_report

    path = tmp_path / "report.html"
    path.write_text(render_report([build_sample()[2], second_story()[1]]), encoding="utf-8")
    with open_page(*size, offline=True) as page:
        page.goto(path.as_uri())
        _fits(page)
        page.locator("details.menu").evaluate("el => el.open = true")
        page.locator(".articles details").first.evaluate("el => el.open = true")
        _fits(page)
        page.screenshot(path=str(artifacts / f"report-{size[0]}.png"))
        assert page.js_errors == []
