"""In a real Chromium: the CSP blocks nothing the pages need, another site's form cannot
post into the store, and signing in with the token works through the form."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storyline.config import Settings

pytestmark = pytest.mark.browser


def _csp_messages(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda msg: found.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    return found


def test_pages_break_no_rule_of_their_csp(live, page):
    base = live[0]
    story_id = page.request.get(base + "/api/v1/stories").json()["items"][0]["id"]
    article_id = page.request.get(base + "/api/v1/articles").json()["items"][0]["id"]
    violations = _csp_messages(page)
    for path in ["/", f"/stories/{story_id}", f"/articles/{article_id}", "/search?q=harbor",
                 "/login"]:
        response = page.goto(base + path)
        assert "content-security-policy" in response.headers
    assert violations == [] and page.js_errors == []


def test_another_sites_form_cannot_post(fresh_store, serve, page):
    store = fresh_store
    before = store.count_articles()
    with serve(store) as base:
        evil = (f'<form method="post" enctype="multipart/form-data" '
                f'action="{base}/api/v1/ingest?analyze=true">'
                '<input type="file" name="files"><input type="hidden" name="x" value="1">'
                '<button id="go">go</button></form>')
        page.route("http://evil.example/", lambda route: route.fulfill(
            status=200, content_type="text/html", body=evil))
        page.goto("http://evil.example/")
        page.set_input_files("input[type=file]", files=[{
            "name": "a.txt", "mimeType": "text/plain",
            "buffer": b"The harbor council met on Monday to approve the new ferry line plan."}])
        with page.expect_navigation():
            page.click("#go")
        assert "forbidden" in page.content()
    assert store.count_articles() == before


def test_sign_in_form_works_in_a_browser(fresh_store, serve, page):
    settings = Settings()
    settings = replace(settings, web=replace(settings.web, api_token="s3cret", host="0.0.0.0"))
    with serve(fresh_store, settings) as base:
        assert page.goto(base + "/").status == 401
        page.goto(base + "/login")
        page.fill("input[name=token]", "s3cret")
        with page.expect_navigation():
            page.click("button[type=submit]")
        assert page.url == base + "/"
        assert "Harbor border crisis" in page.locator("table.story-list").inner_text()
        cookies = page.context.cookies()
        assert [c["name"] for c in cookies] == ["storyline_session"]
        assert "s3cret" not in cookies[0]["value"] and cookies[0]["httpOnly"]
