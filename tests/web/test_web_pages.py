from __future__ import annotations

import re

from storyline_htmlcheck import parse, text_of


def test_index_lists_stories_with_counts(client, story):
    html = client.get("/").text
    assert f'href="/stories/{story["story"]["id"]}"' in html
    text = text_of(html)
    assert "River ferry resumes" in text and "2026-03-02" in text
    assert 'action="/search"' in html
    assert "River ferry" not in text_of(client.get("/", params={"actor": "velin"}).text)
    assert "No stories match" in client.get("/", params={"q": "volcano"}).text
    assert client.get("/", params={"since": "yesterday"}).status_code == 422


def test_story_page_sections(client, story):
    html = client.get(f"/stories/{story['story']['id']}").text
    text = text_of(html)
    for heading in ["Brief", "Timeline", "Figures and claims", "Quotes by speaker", "Actors",
                    "Events", "Articles"]:
        assert heading in text
    assert '<link rel="stylesheet" href="/static/style.css">' in html
    assert '<script src="/static/app.js">' in html
    assert "Foreign Minister" in text and "published_from" not in text
    assert "inferred" in text and "metadata" in text  # where each date came from
    assert html.count('class="axis-dot') == len(story["timeline"])


def test_story_page_fits_narrow_screens(client, story):
    """The markup narrow screens rely on: a collapsible menu, labelled cells, a short axis."""
    html = client.get(f"/stories/{story['story']['id']}").text
    doc = parse(html)
    menus = [t for t in doc.tags if t.name == "details" and "menu" in t.attrs.get("class", "")]
    assert len(menus) == 1 and "open" in menus[0].attrs  # open without script
    cells = [t for t in doc.tags if t.name == "td"]
    assert cells and all(t.attrs.get("data-label") for t in cells)
    assert html.count('class="axis-gap"') == 2 and "5 years without entries" in html
    ticks = re.findall(r'class="axis-tick[^"]*"[^>]*>([^<]+)', html)
    assert ticks[:3] == ["2019", "2024", "2 Mar"]
    assert '<span class="status status-updated">figure revised</span>' in html
    chart = html.split('<svg class="chart"')[1].split("</svg>")[0]
    assert "date of the figure" in chart and ">troops</text>" in chart
    assert "<polyline" not in chart  # one figure per outlet: no line joins outlets


def test_pages_without_a_menu_have_no_empty_menu(client):
    html = client.get("/login").text
    assert 'class="menu"' not in html


def test_story_page_citations_reveal_the_sentence(client, story):
    html = client.get(f"/stories/{story['story']['id']}").text
    cite = story["brief"][0]["citations"][0]
    article = next(a for a in story["articles"] if a["id"] == cite["article_id"])
    sentence = article["text"][cite["start"]:cite["end"]]
    pops = re.findall(r'<span class="cite-pop" role="tooltip">(.*?)</span></span>', html, re.DOTALL)
    assert any(sentence in text_of(p) and "Daily Ledger" in text_of(p) for p in pops)


def test_timeline_links_point_at_the_cited_sentence(client, story):
    html = client.get(f"/stories/{story['story']['id']}").text
    links = [t.attrs["href"] for t in parse(html).tags
             if t.name == "a" and "tl-link" in t.attrs.get("class", "")]
    assert len(links) == len(story["timeline"])
    for entry, href in zip(story["timeline"], links):
        cite = entry["citations"][0]
        assert href == f"/articles/{cite['article_id']}#s-{cite['start']}"
        page = client.get(href.split("#")[0]).text
        anchor = href.split("#")[1]
        assert f'id="{anchor}"' in page


def test_article_page_highlights(client, story):
    article = story["articles"][0]
    html = client.get(f"/articles/{article['id']}").text
    body = html.split('<div class="article-body">')[1].split("</div>")[0]
    assert text_of(body) == article["text"]
    for kind in ["quote", "claim", "mention", "time"]:
        assert f'<mark class="{kind}"' in body
    assert "Photo: staff" in text_of(html)  # removed noise lines are listed
    assert f'href="/stories/{story["story"]["id"]}"' in html
    assert 'href="https://ledger.example/a"' in html


def test_article_page_without_annotation(client, store):
    from storyline.records import Article
    store.upsert_articles([Article(id="plainone", source="x.txt", text="Just text here.")])
    html = client.get("/articles/plainone").text
    assert "not annotated yet" in html and "Just text here." in html


def test_search_page(client, story):
    html = client.get("/search", params={"q": "diplomacy"}).text
    hits = [t.attrs["href"] for t in parse(html).tags
            if t.name == "a" and t.attrs.get("class") == "hit"]
    assert len(hits) == 1 and re.fullmatch(r"/articles/\w+#s-\d+", hits[0])
    assert "<mark>diplomacy</mark>" in html
    narrowed = client.get("/search", params={"q": "troops", "outlet": "Wire Service"}).text
    assert "Wire Service" in narrowed and "Coast Herald" not in narrowed
    assert "No sentence matches" in client.get("/search", params={"q": "volcano"}).text
    assert "has no words" in client.get("/search", params={"q": "!!"}).text
    assert client.get("/search").status_code == 200


def test_page_errors_are_html(client):
    response = client.get("/stories/nope")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "no story" in response.text
    assert client.get("/static/missing.css").status_code == 404


def test_pages_follow_the_page_size(make_client):
    client = make_client(default_page_size=1)
    html = client.get("/").text
    assert html.count('class="title"') == 1
    more = next(t.attrs["href"] for t in parse(html).tags
                if t.name == "a" and "cursor=1" in t.attrs.get("href", ""))
    assert "River ferry resumes" in client.get(more).text
    found = client.get("/search", params={"q": "troops"}).text
    assert found.count('class="hit"') == 1 and "More results" in found


def test_story_downloads(client, story):
    import io
    import zipfile

    sid = story["story"]["id"]
    html = client.get(f"/stories/{sid}").text
    for fmt in ["html", "md", "csv", "json"]:
        assert f'href="/stories/{sid}/download/{fmt}"' in html
    report = client.get(f"/stories/{sid}/download/html")
    assert "attachment" in report.headers["content-disposition"]
    assert report.text.startswith("<!doctype html>") and "/static/" not in report.text
    assert client.get(f"/stories/{sid}/download/md").text.startswith("# Harbor border crisis")
    assert client.get(f"/stories/{sid}/download/json").json() == story
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/stories/{sid}/download/csv").content))
    assert f"{sid}/claims.csv" in archive.namelist()
    assert client.get(f"/stories/{sid}/download/pdf").status_code == 422
    assert client.get("/stories/nope/download/md").status_code == 404
