"""The API docs page renders in a real Chromium with every request off this server refused."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_api_docs_page_works_offline(live, page, artifacts):
    base, _story = live
    outside: list[str] = []
    page.route("**/*", lambda route: _handle(route, base, outside))
    page.goto(f"{base}/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "storyline API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/v1/stories").first.wait_for()
    assert page.locator(".opblock").count() >= 10
    assert page.locator(".btn.authorize").count() == 1  # the bearer scheme is offered
    page.screenshot(path=str(artifacts / "api-docs.png"))
    assert outside == [] and page.js_errors == []


def _handle(route, base: str, outside: list[str]) -> None:
    if route.request.url.startswith(base):
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()
