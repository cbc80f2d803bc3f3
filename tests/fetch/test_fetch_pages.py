"""Fetching pages from a local server: articles, raw pages kept, conditional requests, and
every refusal with its reason (robots, blocked address, timeout, size, type, status)."""

from __future__ import annotations

import pytest
from texts import STORIES, story_page

from storyline import services
from storyline.ingest.fetch import Fetcher
from storyline.records import RejectReason
from storyline.store import open_store


def _ingest(settings, urls, **sources):
    store = open_store(settings.store.url)
    try:
        return services.ingest_paths(store, urls, settings, **sources), store
    finally:
        store.close()


def _reasons(report) -> dict[str, str]:
    return {r.source: r.reason.value for r in report.rejected}


def test_page_becomes_an_article_with_its_url_language_and_raw_page(site, settings_for):
    url = site.page("/news/ferry.html", story_page("ferry"))
    report, store = _ingest(settings_for(), [url])
    assert (report.articles_added, report.rejected, dict(report.languages)) == (1, (), {"en": 1})
    (article,) = store.iter_articles()
    assert article.source == url and article.url == url and article.language == "en"
    assert article.published == "2022-02-01"
    assert article.text.startswith(STORIES["ferry"][0])
    kept = store.get_fetched_page(url)
    assert kept.page.body == site.routes["/news/ferry.html"].body
    assert kept.kind == "page" and kept.article_id == article.id and kept.extractor
    agent = site.asked("/news/ferry.html")[0]["user-agent"]
    assert agent.startswith("storyline/") and "+http" in agent


def test_second_fetch_is_conditional_and_a_304_reuses_the_stored_page(site, settings_for):
    url = site.page("/ferry.html", story_page("ferry"), etag='"v1"',
                    headers={"Last-Modified": "Tue, 01 Feb 2022 10:00:00 GMT"})
    first, _ = _ingest(settings_for(), [url])
    second, store = _ingest(settings_for(), [url])
    asked = site.asked("/ferry.html")
    assert "if-none-match" not in asked[0]
    assert asked[1]["if-none-match"] == '"v1"'
    assert asked[1]["if-modified-since"] == "Tue, 01 Feb 2022 10:00:00 GMT"
    assert (first.articles_added, first.not_modified) == (1, 0)
    assert (second.articles_added, second.unchanged, second.not_modified) == (0, 1, 1)
    assert store.count_articles() == 1


def test_robots_txt_refusal_is_a_rejection_and_the_page_is_never_asked(site, settings_for):
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n",
              content_type="text/plain")
    hidden = site.page("/private/bridge.html", story_page("bridge"))
    shown = site.page("/public/choir.html", story_page("choir"))
    report, _ = _ingest(settings_for(), [hidden, shown])
    assert _reasons(report) == {hidden: "robots"}
    assert report.articles_added == 1
    assert site.asked("/private/bridge.html") == []
    assert len(site.asked("/robots.txt")) == 1  # once per host


def test_robots_txt_server_error_disallows_everything(site, settings_for):
    site.page("/robots.txt", "down", status=503, content_type="text/plain")
    url = site.page("/ferry.html", story_page("ferry"))
    report, _ = _ingest(settings_for(retries=0), [url])
    assert _reasons(report) == {url: "robots"}


@pytest.mark.parametrize("target", ["http://10.20.30.40/admin", "http://169.254.169.254/meta",
                                    "http://[::ffff:192.168.1.1]/", "http://0.0.0.0:9/"])
def test_redirect_to_a_private_address_is_refused(site, settings_for, target):
    url = site.page("/go", "", status=302, headers={"Location": target})
    report, _ = _ingest(settings_for(), [url])
    assert _reasons(report) == {url: "blocked_address"}


def test_loopback_is_refused_without_the_allowance(site, tmp_path):
    from storyline.config import load_settings

    url = site.page("/ferry.html", story_page("ferry"))
    settings = load_settings(env={}, overrides={"store": {"url": str(tmp_path / "a.db")}})
    report, _ = _ingest(settings, [url])
    assert _reasons(report) == {url: "blocked_address"}
    assert site.requests == []


def test_slow_server_times_out(site, settings_for):
    url = site.page("/slow.html", story_page("ferry"), delay=1.5)
    report, _ = _ingest(settings_for(timeout_seconds=0.3, retries=0), [url])
    assert _reasons(report) == {url: "timeout"}


@pytest.mark.parametrize("announced", [True, False])
def test_oversized_page_is_refused(site, settings_for, announced):
    url = site.page("/big.html", story_page("ferry") + "<!--" + "x" * 50_000 + "-->",
                    length=announced)
    report, store = _ingest(settings_for(max_bytes=5_000), [url])
    assert _reasons(report) == {url: "too_large"}
    assert store.get_fetched_page(url) is None


def test_other_refusals_have_their_reasons(site, settings_for):
    pdf = site.page("/doc.pdf", "%PDF-1.4 not a page", content_type="application/pdf")
    gone = site.url("/missing.html")
    loop = site.page("/loop", "", status=301, headers={"Location": "/loop"})
    report, _ = _ingest(settings_for(), [pdf, gone, loop, "ftp://example.invalid/a.html",
                                         "file:///etc/passwd"])
    assert _reasons(report) == {pdf: "not_html", gone: "http_status", loop: "too_many_redirects",
                                "ftp://example.invalid/a.html": "bad_url",
                                "file:///etc/passwd": "bad_url"}


def test_server_errors_are_tried_again_after_a_wait(site, settings_for):
    url = site.page("/busy.html", story_page("tunnel"), first=[503])
    waits: list[float] = []
    settings = settings_for(backoff_seconds=0.25)
    with Fetcher(settings.fetch, sleep=waits.append) as fetcher:
        page = fetcher.fetch(url)
    assert page.status == 200 and len(site.asked("/busy.html")) == 2
    assert waits and waits[0] >= 0.25


def test_crawl_delay_spaces_requests_to_one_host(site, settings_for):
    site.page("/robots.txt", "User-agent: *\nCrawl-delay: 2\n", content_type="text/plain")
    urls = [site.page(f"/{name}.html", story_page(name)) for name in ("ferry", "choir")]
    waits: list[float] = []
    with Fetcher(settings_for().fetch, sleep=waits.append) as fetcher:
        for url in urls:
            fetcher.fetch(url)
    assert len(waits) >= 2 and all(1.5 < w <= 2.0 for w in waits)


def test_every_address_of_a_host_is_checked_at_each_connection(site, settings_for):
    """A name first resolving to an allowed address and then to a private one (DNS
    rebinding) gets no second request."""
    port = site.base.rsplit(":", 1)[1]
    site.page("/ferry.html", story_page("ferry"))
    answers = [["127.0.0.1"], ["127.0.0.1", "10.0.0.7"], ["10.0.0.7"]]
    seen: list[str] = []

    def resolve(host: str, _port: int) -> list[str]:
        seen.append(host)
        return answers[min(len(seen), len(answers)) - 1]

    settings = settings_for(respect_robots=False)
    with Fetcher(settings.fetch, resolve=resolve) as fetcher:
        assert fetcher.fetch(f"http://news.test:{port}/ferry.html").status == 200
        for _ in range(2):
            with pytest.raises(Exception) as caught:
                fetcher.fetch(f"http://news.test:{port}/ferry.html")
            assert caught.value.reason is RejectReason.BLOCKED_ADDRESS
    assert seen == ["news.test"] * 3
    assert len(site.asked("/ferry.html")) == 1
