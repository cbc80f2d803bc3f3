"""Feeds, sitemaps (with an index and a gzipped child) and WARC files."""

from __future__ import annotations

import gzip
import io

import pytest
from texts import STORIES, rss, sitemap_index, story_page, urlset

from storyline import services
from storyline.config import IngestSettings
from storyline.ingest.guard import Reject
from storyline.ingest.links import feed_links
from storyline.ingest.sitemap import parse_sitemap
from storyline.store import open_store


def _ingest(settings, paths=(), **sources):
    store = open_store(settings.store.url)
    report = services.ingest_paths(store, list(paths), settings, **sources)
    return report, store


def test_feed_with_three_entries_fetches_each_page(site, settings_for):
    names = ("ferry", "bridge", "choir")
    links = [site.page(f"/news/{n}.html", story_page(n, f"2022-01-0{i + 1}"))
             for i, n in enumerate(names)]
    feed = site.page("/feed.xml", rss([(f"Feed title {n}", link, "Mon, 03 Jan 2022 08:00:00 GMT")
                                       for n, link in zip(names, links)]),
                     content_type="application/rss+xml")
    report, store = _ingest(settings_for(), feeds=[feed])
    assert (report.articles_added, report.rejected) == (3, ())
    by_url = {a.url: a for a in store.iter_articles()}
    assert set(by_url) == set(links)
    for name, link in zip(names, links):
        article = by_url[link]
        assert article.text.startswith(STORIES[name][0])
        assert article.title == f"Feed title {name}" and article.outlet == "Island Gazette"
        assert article.published == "2022-01-03"  # the feed's date is metadata
    assert store.get_fetched_page(feed).kind == "feed"


def test_feed_entry_with_relative_link_and_failing_page(site, settings_for):
    site.page("/news/tunnel.html", story_page("tunnel"))
    feed = site.page("/feed.xml", rss([("Tunnel", "/news/tunnel.html", ""),
                                       ("Gone", "/news/gone.html", "")]),
                     content_type="application/rss+xml")
    report, _store = _ingest(settings_for(), feeds=[feed])
    assert report.articles_added == 1
    assert {r.source: r.reason.value for r in report.rejected} == {
        site.url("/news/gone.html"): "http_status"}


def test_a_page_that_is_no_feed_is_rejected(site, settings_for):
    url = site.page("/notfeed.xml", "<html><body>hello</body></html>")
    report, _ = _ingest(settings_for(), feeds=[url])
    assert [(r.source, r.reason.value) for r in report.rejected] == [(url, "malformed")]


def test_sitemap_index_with_plain_and_gzipped_children(site, settings_for):
    pages = {n: site.page(f"/p/{n}.html", story_page(n)) for n in STORIES}
    site.page("/sm-1.xml", urlset([pages["ferry"], pages["bridge"]]),
              content_type="application/xml")
    site.routes["/sm-2.xml.gz"] = type(site.routes["/sm-1.xml"])(
        gzip.compress(urlset([pages["choir"], pages["orchard"], pages["ferry"]]).encode()),
        content_type="application/gzip")
    index = site.page("/sitemap.xml", sitemap_index([site.url("/sm-1.xml"),
                                                     site.url("/sm-2.xml.gz")]),
                      content_type="application/xml")
    report, store = _ingest(settings_for(), sitemaps=[index])
    assert (report.articles_added, report.rejected) == (4, ())
    assert {a.url for a in store.iter_articles()} == {pages[n] for n in
                                                      ("ferry", "bridge", "choir", "orchard")}
    assert site.asked("/p/tunnel.html") == []
    assert len(site.asked("/p/ferry.html")) == 1


def test_sitemap_page_cap(site, settings_for):
    pages = [site.page(f"/p/{n}.html", story_page(n)) for n in STORIES]
    sitemap = site.page("/sitemap.xml", urlset(pages), content_type="application/xml")
    report, _ = _ingest(settings_for(max_sitemap_urls=2), sitemaps=[sitemap])
    assert report.articles_added == 2


@pytest.mark.parametrize("data,reason", [
    ((b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><urlset><url><loc>&a;</loc></url>"
     b"</urlset>"), "xml_entities"),
    (b"<html><body>not a sitemap</body></html>", "malformed"),
    (b"<urlset><url><loc>", "malformed"),
    (b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'></urlset>", "empty"),
    (gzip.compress(b"<urlset>" + b" " * 3_000) + b"", None),
])
def test_sitemap_parser_refuses_bad_input(data, reason):
    settings = IngestSettings(max_decompressed_bytes=1_000)
    with pytest.raises(Reject) as caught:
        parse_sitemap(data, settings)
    assert caught.value.reason.value == (reason or "decompressed_too_large")


def test_news_sitemap_fields():
    data = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
            b"<loc>/a.html</loc><news:news><news:publication><news:name>Gazette</news:name>"
            b"</news:publication><news:publication_date>2022-02-03</news:publication_date>"
            b"<news:title>Quay repairs</news:title></news:news></url></urlset>")
    (link,) = parse_sitemap(data, IngestSettings(), base="http://news.invalid/s.xml").pages
    assert link.url == "http://news.invalid/a.html"
    assert dict(link.fields) == {"outlet": "Gazette", "published": "2022-02-03",
                                 "title": "Quay repairs"}


def test_feed_links_keep_the_reader_bounds():
    entries = "".join(f"<item><link>http://a.invalid/{i}</link></item>" for i in range(5))
    data = f"<rss version='2.0'><channel><title>t</title>{entries}</channel></rss>".encode()
    assert len(feed_links(data, IngestSettings())) == 5
    with pytest.raises(Reject) as caught:
        feed_links(data, IngestSettings(max_entries=3))
    assert caught.value.reason.value == "too_many_entries"


# ------------------------------------------------------------------ WARC


def _warc(path, records, compress=True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        for url, status, content_type, body, date in records:
            http = StatusAndHeaders(f"{status} OK", [("Content-Type", content_type)],
                                    protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               http_headers=http,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)


@pytest.mark.parametrize("suffix,compress", [(".warc.gz", True), (".warc", False)])
def test_warc_html_responses_become_articles_with_url_and_date(tmp_path, settings_for,
                                                               suffix, compress):
    undated = story_page("orchard").replace('<meta property="article:published_time" '
                                            'content="2022-02-01">', "")
    path = tmp_path / f"crawl{suffix}"
    _warc(path, [
        ("http://news.invalid/ferry", 200, "text/html; charset=utf-8",
         story_page("ferry", "2022-01-20").encode(), "2022-01-21T10:00:00Z"),
        ("http://news.invalid/logo.png", 200, "image/png", b"\x89PNG....", "2022-01-21T10:00:01Z"),
        ("http://news.invalid/gone", 404, "text/html", b"<html>gone</html>",
         "2022-01-21T10:00:02Z"),
        ("http://news.invalid/orchard", 200, "text/html", undated.encode(),
         "2022-01-22T09:00:00Z"),
    ], compress)
    report, store = _ingest(settings_for(), [str(tmp_path)])
    assert (report.articles_added, report.rejected) == (2, ())
    by_url = {a.url: a for a in store.iter_articles()}
    ferry, orchard = by_url["http://news.invalid/ferry"], by_url["http://news.invalid/orchard"]
    assert ferry.source == f"{path}#1" and ferry.published == "2022-01-20"
    assert orchard.source == f"{path}#4"
    assert (orchard.published, orchard.published_from.value) == ("2022-01-22", "inferred")
    assert orchard.text.startswith(STORIES["orchard"][0])


def test_warc_bounds(tmp_path, settings_for):
    from storyline.config import load_settings

    path = tmp_path / "many.warc.gz"
    _warc(path, [(f"http://news.invalid/{n}", 200, "text/html", story_page(n).encode(),
                  "2022-01-21T10:00:00Z") for n in STORIES])
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"WARC/1.0\r\nnot a record at all\r\n\r\n" * 3)
    garbage = tmp_path / "garbage.warc.gz"
    garbage.write_bytes(b"garbage bytes here\n")
    settings = load_settings(env={"STORYLINE_INGEST_MAX_ENTRIES": "3"},
                             overrides={"store": {"url": str(tmp_path / "w.db")}})
    report, _ = _ingest(settings, [str(path), str(junk), str(garbage)])
    assert report.articles_added == 3
    assert {(r.source, r.reason.value) for r in report.rejected} == {
        (str(path), "too_many_entries"), (str(junk), "malformed"), (str(garbage), "malformed")}
