"""The command line over the web: ``ingest URL``, ``--feed``, ``--sitemap``, a WARC file,
and ``reextract``."""

from __future__ import annotations

import io
from dataclasses import replace

from click.testing import CliRunner
from texts import rss, sitemap_index, story_page, urlset

from storyline.cli import cli
from storyline.store import open_store


def _run(env: dict, *args: str):
    return CliRunner().invoke(cli, list(args), env=env)


def test_ingest_url_feed_sitemap_and_warc(site, loopback_env, db, tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    env = {**loopback_env, "STORYLINE_DB": db}
    page = site.page("/ferry.html", story_page("ferry"))
    feed = site.page("/feed.xml", rss([("Bridge", site.page("/bridge.html", story_page("bridge")),
                                        "")]), content_type="application/rss+xml")
    child = site.page("/sm.xml", urlset([site.page("/choir.html", story_page("choir"))]),
                      content_type="application/xml")
    index = site.page("/index.xml", sitemap_index([child]), content_type="application/xml")
    warc = tmp_path / "crawl.warc.gz"
    with open(warc, "wb") as handle:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        WARCWriter(handle, gzip=True).write_record(WARCWriter(io.BytesIO()).create_warc_record(
            "http://news.invalid/tunnel", "response",
            payload=io.BytesIO(story_page("tunnel").encode()), http_headers=http))

    result = _run(env, "ingest", page, str(warc), "--feed", feed, "--sitemap", index)
    assert result.exit_code == 0, result.output
    assert "ingested: 4 added" in result.stdout
    store = open_store(db)
    assert {a.url for a in store.iter_articles()} == {
        page, site.url("/bridge.html"), site.url("/choir.html"), "http://news.invalid/tunnel"}
    store.close()

    again = _run(env, "ingest", page)
    assert again.exit_code == 0 and "1 unchanged" in again.stdout
    assert "not modified" not in again.stdout  # the server sent no validators


def test_ingest_rejections_exit_1_with_reason_codes(site, loopback_env, db):
    env = {**loopback_env, "STORYLINE_DB": db}
    site.page("/robots.txt", "User-agent: storyline\nDisallow: /\n", content_type="text/plain")
    page = site.page("/ferry.html", story_page("ferry"))
    result = _run(env, "ingest", page, "gopher://example.invalid/")
    assert result.exit_code == 1
    assert "robots" in result.stdout and "bad_url" in result.stdout


def test_ingest_without_inputs_is_a_usage_error(db):
    result = _run({"STORYLINE_DB": db}, "ingest")
    assert result.exit_code == 2


def test_reextract_reads_stored_pages_again_without_fetching(site, loopback_env, db):
    env = {**loopback_env, "STORYLINE_DB": db}
    page = site.page("/ferry.html", story_page("ferry"))
    assert _run(env, "ingest", page).exit_code == 0
    asked = len(site.requests)
    store = open_store(db)
    (current,) = store.iter_articles()
    # as an older extractor left it: another text made of the same page
    older = replace(current, id="older-extraction", text=current.text + "\n\nShare this.")
    store.upsert_articles([older])
    store.set_page_articles({page: (older.id, "rules-0")})
    store.close()

    result = _run(env, "reextract")
    assert result.exit_code == 0, result.output
    assert "re-extracted 1 pages: 1 articles, 1 replaced" in result.stdout
    assert len(site.requests) == asked
    store = open_store(db)
    assert [a.id for a in store.iter_articles()] == [current.id]
    assert store.get_fetched_page(page).article_id == current.id
    store.close()
    assert "re-extracted 0 pages" in _run(env, "reextract").stdout
    assert "re-extracted 1 pages" in _run(env, "reextract", "--all").stdout
