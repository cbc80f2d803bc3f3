from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from storyline_htmlcheck import bad_urls, event_handlers, live_tags, parse, text_of
from storyline_sample import HOSTILE_SCRIPT, RLO, build_sample, second_story

from storyline.records import ClaimGroup, StoryView
from storyline.render.display import inert, iso_date, nice_ceiling, safe_url
from storyline.render.html import asset_text, cited_text, render_report
from storyline.render.story_page import story_page


@pytest.fixture(scope="module")
def sample():
    return build_sample()


@pytest.fixture(scope="module")
def report(sample) -> str:
    return render_report([sample[2]])


def _text(view: StoryView, cite) -> str:
    article = view.article(cite.article_id)
    return article.text[cite.start:cite.end]


def _web_link(article_id: str, start: int | None) -> str:
    return f"/articles/{article_id}" + ("" if start is None else f"#s-{start}")


def test_safe_url_keeps_only_http_and_https():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("http://example.org") == "http://example.org"
    for bad in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:x", "data:text/html,x",
                "//evil.example", "/relative", "https://ex ample.org", "http://a\nb.org",
                "vbscript:x", "", None, 42, "https://"]:
        assert safe_url(bad) is None, bad


def test_inert_shows_bidi_overrides_instead_of_applying_them():
    assert inert(f"a{RLO}b") == "a[U+202E]b"
    assert inert(None) == ""
    assert inert("plain") == "plain"


def test_iso_date_reads_day_month_and_year():
    assert iso_date("2021-12-07") == date(2021, 12, 7)
    assert iso_date("2021-06") == date(2021, 6, 1)
    assert iso_date("2014") == date(2014, 1, 1)
    assert iso_date("2024-W11") == date(2024, 3, 11)
    assert iso_date("2021-12-07T10:30:00Z") == date(2021, 12, 7)
    assert iso_date("2021-13-40") is None and iso_date("2024-W60") is None
    assert iso_date("2021-06-01 or so") is None and iso_date("20211") is None
    assert iso_date("soon") is None and iso_date(None) is None


def test_nice_ceiling_is_round_and_not_below():
    for value in [1, 7, 93_500, 0.42, 12_345]:
        top = nice_ceiling(value)
        assert top >= value and top <= value * 1.5 + 1


def test_citations_are_numbered_once_and_resolve_the_cited_sentence(sample):
    view = sample[2]
    page = story_page(view, _web_link)
    first = page.brief[0].cites[0]
    assert first.number == 1
    assert first.quote == _text(view, first)
    assert first.href == f"/articles/{first.article_id}#s-{first.start}"
    assert first.outlet == "Daily Ledger" and first.date == "2026-03-02"
    # the timeline reuses the brief's citation number for the same sentence
    dated = next(t for t in page.timeline if t.entry.date == "2026-03-02")
    assert dated.cites[0].number == 1
    numbers = [c.number for b in page.brief for c in b.cites]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert [c.number for c in page.citations] == list(range(1, len(page.citations) + 1))


def test_timeline_axis_compresses_empty_years(sample):
    view = sample[2]
    axis = story_page(view, _web_link).axis
    assert [p.label for p in axis.points] == [t.date for t in view.story.timeline]
    xs = [p.x for p in axis.points]
    assert xs == sorted(xs) and xs[0] == pytest.approx(3) and xs[-1] == pytest.approx(97)
    assert all(p.href and "#s-" in p.href for p in axis.points)
    # 2019 and 2024 stand apart from the recent weeks, which get most of the width
    assert [g.label for g in axis.gaps] == ["5 years without entries",
                                            "2 years without entries"]
    recent = [p.x for p in axis.points if p.label.startswith("2026")]
    assert recent[-1] - recent[0] > 50
    # 9 and 10 March are close: the second goes to another lane
    assert [p.lane for p in axis.points if p.label in ("2026-03-09", "2026-03-10")] == [0, 1]
    labels = [t.label for t in axis.ticks if not t.minor]
    assert labels[:3] == ["2019", "2024", "2 Mar"] and "2013-10-14" not in labels


def test_report_is_self_contained(report):
    doc = parse(report)
    assert not [t for t in doc.tags if t.name == "link"]
    scripts = [t for t in doc.tags if t.name == "script"]
    assert len(scripts) == 1 and "src" not in scripts[0].attrs
    assert scripts[0].text.strip() == asset_text("app.js").strip()
    assert asset_text("style.css")[:200] in report
    assert all("=\'#" in u for u in bad_urls(report, allow_relative=False))
    hrefs = [t.attrs.get("href", "") for t in doc.tags if "href" in t.attrs]
    assert all(h.startswith(("#", "http://", "https://")) for h in hrefs)
    external = {h for h in hrefs if h.startswith("http")}
    assert external == {"https://ledger.example/a", "http://herald.example/b"}
    assert "Content-Security-Policy" in report


def test_report_shows_the_story(sample, report):
    view = sample[2]
    text = text_of(report)
    for sentence in view.story.brief[:3]:
        assert sentence.text in text
    assert "President" in text and "Foreign Minister" in text  # roles
    assert "Teo Brask" in text and "Brask" in text
    assert "There is still room for diplomacy" in text
    assert "Up to 85,000 troops could be deployed" in text
    assert "ACCUSE" in text and "conditional" in text
    assert report.count('class="cite-pop"') >= len(view.story.brief)
    assert '<svg class="chart"' in report
    assert "<polyline" not in report  # one figure per outlet: nothing of theirs is joined
    assert "figure revised" in text  # the group's status in words
    # each cited sentence appears in a popup
    assert _text(view, view.story.brief[0].citations[0]) in text


def test_report_renders_hostile_text_inert(report):
    assert live_tags(report, ("img", "iframe", "object", "embed")) == []
    assert len(live_tags(report, ("script",))) == 1
    assert event_handlers(report) == []
    assert "javascript:" not in "".join(t.attrs.get("href", "") for t in parse(report).tags)
    assert HOSTILE_SCRIPT not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert RLO not in report and "[U+202E]" in report


def test_report_of_several_stories_has_unique_ids(sample):
    _, other = second_story()
    html = render_report([sample[2], other])
    ids = parse(html).ids
    assert len(ids) == len(set(ids))
    assert "River ferry resumes" in html and 'href="#s1-story"' in html
    assert re.search(r'id="s0-brief"', html) and re.search(r'id="s1-brief"', html)


def test_report_of_no_story_is_valid():
    html = render_report([])
    assert "No stories." in html


def test_every_report_link_inside_the_file_has_a_target(sample):
    _, other = second_story()
    html = render_report([sample[2], other])
    doc = parse(html)
    ids = set(doc.ids)
    local = {t.attrs["href"][1:] for t in doc.tags if t.attrs.get("href", "").startswith("#")}
    assert local and local <= ids, local - ids
    # citations point at the cited sentence inside the article text
    cite = sample[2].story.brief[0].citations[0]
    assert f'id="s0-art-{cite.article_id}-s-{cite.start}"' in html


def test_cited_text_marks_spans_and_keeps_overlaps_reachable():
    text = "One <b>two</b>. Three four. Five."
    html = str(cited_text(text, [(0, 15), (4, 8), (16, 27), (16, 20), (40, 50)],
                          lambda start: f"a-{start}"))
    assert text_of(html) == text
    ids = parse(html).ids
    assert ids == ["a-0", "a-4", "a-16"]
    assert "&lt;b&gt;" in html


def test_single_figures_share_one_table(sample):
    view = sample[2]
    ids = [c.id for c in view.story.claims]
    groups = (ClaimGroup("g1", "troops", tuple(ids[:2]), "updated"),
              ClaimGroup("g2", "projection", tuple(ids[2:]), "consistent"))
    page = story_page(StoryView(replace(view.story, claim_groups=groups), view.articles),
                      _web_link)
    assert [g.group.id for g in page.claim_groups] == ["g1"]
    assert page.claim_groups[0].chart is not None
    assert page.claim_groups[0].status_words == "figure revised"
    assert [(r.subject, r.display_value, r.kind) for r in page.single_claims] == [
        ("projection", "85,000", "projection")]
    page = story_page(StoryView(replace(view.story, claim_groups=()), view.articles), _web_link)
    assert page.claim_groups == () and len(page.single_claims) == 3
    assert [r.when for r in page.single_claims] == ["2026-03-02", "2026-03-10", "2026-03-20"]
    assert page.figure_count == 3


def test_story_page_reads_records_without_articles():
    """A story whose articles are missing still renders: citations say so."""
    _, _, view = build_sample()
    page = story_page(StoryView(view.story, ()), _web_link)
    assert page.brief[0].cites[0].quote == "(article not in this story)"
    assert page.articles == () and page.outlets == ()
    html = render_report([StoryView(view.story, ())])
    assert "(article not in this story)" in html
