"""The claim chart: a series per outlet and kind, hollow projections, range bars, axes."""

from __future__ import annotations

from storyline_htmlcheck import event_handlers, live_tags, parse, text_of
from storyline_sample import HOSTILE_SCRIPT, RLO, build_sample

from storyline.records import Article, Claim, ClaimGroup
from storyline.render.claim_chart import chart_svg, claim_chart, status_words


def _article(key: str, outlet: str, published: str) -> Article:
    return Article(id=key, source=f"{key}.txt", text="x" * 80, outlet=outlet, published=published)


def _claim(key: str, article: str, value: float, as_of=None, **more) -> Claim:
    return Claim(key, article, 0, 5, "xxxxx", value, unit="troops", as_of=as_of, **more)


ARTICLES = [_article("a1", "Ledger", "2022-01-10"), _article("a2", "Ledger", "2022-02-01"),
            _article("b1", "Herald", "2022-01-20"), _article("b2", "Herald", "2022-02-03")]
GROUP = ClaimGroup("g", "troops at the border", ("c1", "c2", "c3", "c4", "c5"), "conflicting")
CLAIMS = [
    _claim("c1", "a1", 70_000),
    _claim("c2", "a2", 100_000),
    _claim("c3", "b1", 90_000, low=80_000.0, high=100_000.0),
    _claim("c4", "b2", 120_000),
    _claim("c5", "b2", 175_000, as_of="2022-03", modality="projection"),
]


def test_one_series_per_outlet_and_kind():
    chart = claim_chart(GROUP, CLAIMS, ARTICLES)
    assert [(s.outlet, s.kind, len(s.points)) for s in chart.series] == [
        ("Herald", "count", 1), ("Herald", "range", 1), ("Herald", "projection", 1),
        ("Ledger", "count", 2)]
    by_claim = {c.id: c for c in CLAIMS}
    outlet_of = {a.id: a.outlet for a in ARTICLES}
    for series in chart.series:  # a line never joins points of different outlets
        assert {outlet_of[by_claim[p.claim_id].article_id] for p in series.points} == {
            series.outlet}
    colors = {s.outlet: s.color for s in chart.series}
    assert len(set(colors.values())) == 2
    assert all(s.color == colors[s.outlet] for s in chart.series)


def test_projections_are_hollow_and_ranges_have_bars():
    chart = claim_chart(GROUP, CLAIMS, ARTICLES)
    points = {p.claim_id: p for s in chart.series for p in s.points}
    assert points["c5"].hollow and not points["c4"].hollow
    ranged = points["c3"]
    assert ranged.low_y is not None and ranged.high_y is not None
    assert ranged.high_y < ranged.y < ranged.low_y  # higher values are drawn higher
    assert points["c1"].low_y is None
    assert points["c5"].x > points["c4"].x  # placed by its as_of date
    assert "80,000–100,000" in ranged.tip and "projection" in points["c5"].tip


def test_axes_are_labelled_and_the_status_is_said_in_words():
    chart = claim_chart(GROUP, CLAIMS, ARTICLES)
    assert chart.y_title == "troops" and chart.status_words == "sources disagree"
    assert chart.y_ticks[0][1] == "0" and chart.y_ticks[-1][1] == "200,000"
    assert [t[1] for t in chart.x_ticks][:1] == ["10 Jan"] and chart.x_ticks[0][2] == "2022"
    svg = str(chart_svg(chart))
    text = text_of(svg)
    assert "troops" in text and "date of the figure" in text and "10 Jan" in text
    assert "sources disagree" in parse(svg).tags[1].attrs["aria-label"]
    assert svg.count('class="pt"') == len(CLAIMS)
    assert svg.count("<polyline") == 1  # the Ledger's two counts; a range is its own kind
    assert 'class="range"' in svg and 'fill="#fff"' in svg
    assert "projection" in text and "range" in text  # the legend explains the marks


def test_status_words():
    assert status_words("updated") == "figure revised"
    assert status_words("consistent") == "sources agree"
    assert status_words("conflicting") == "sources disagree"
    assert status_words("") == "" and status_words("other") == "other"


def test_too_few_dated_figures_give_no_chart():
    assert claim_chart(GROUP, CLAIMS[:1], ARTICLES) is None
    undated = [_claim("u1", "zz", 5), _claim("u2", "zz", 6)]
    assert claim_chart(GROUP, undated, ARTICLES) is None
    pair = ClaimGroup("g2", "troops", ("c1", "c9"), "conflicting")
    same_day = claim_chart(pair, [CLAIMS[0], _claim("c9", "a1", 75_000)], ARTICLES)
    assert [p.x for s in same_day.series for p in s.points] == [same_day.series[0].points[0].x] * 2
    assert same_day.series[0].path == ""  # no change over time: no line


def test_hostile_outlet_and_unit_stay_text():
    arts = [_article("h1", f"Evil{RLO}{HOSTILE_SCRIPT}", "2022-01-01"),
            _article("h2", "Fine", "2022-01-05")]
    claims = [Claim(f"h{i}c", f"h{i}", 0, 5, "xxxxx", i, unit=HOSTILE_SCRIPT) for i in (1, 2)]
    chart = claim_chart(ClaimGroup("h", "x", ("h1c", "h2c"), "updated"), claims, arts)
    assert chart.y_title == HOSTILE_SCRIPT
    svg = str(chart_svg(chart))
    assert live_tags(svg) == [] and event_handlers(svg) == []
    assert HOSTILE_SCRIPT not in svg and RLO not in svg and "[U+202E]" in svg
    assert "&lt;script&gt;" in svg


def test_sample_chart_has_a_point_per_claim():
    view = build_sample()[2]
    group = view.story.claim_groups[0]
    chart = claim_chart(group, view.story.claims, view.articles)
    assert sum(len(s.points) for s in chart.series) == len(view.story.claims)
    assert [s.kind for s in chart.series if s.outlet == "Wire Service"] == ["projection"]
    assert chart.status_words == "figure revised"
