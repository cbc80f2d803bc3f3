"""The claim chart from hand-built records: series per outlet and kind, hollow
projections, range bars, no line across outlets, words for the status, escaped SVG."""

from __future__ import annotations

import re

from storyline.records import Article, Claim, ClaimGroup
from storyline.render.claim_chart import chart_svg, claim_chart

ARTICLES = (
    Article("a1", "a1.txt", "x", outlet="Daily One", published="2030-01-05"),
    Article("a2", "a2.txt", "x", outlet="Weekly <script>Two</script>", published="2030-01-05"),
    Article("a3", "a3.txt", "x", outlet="Daily One", published="2030-02-20"),
    Article("a4", "a4.txt", "x", outlet="Radio Four", published="2030-01-06"),
)


def claim(cid: str, article_id: str, value: float, **fields) -> Claim:
    return Claim(id=cid, article_id=article_id, start=0, end=5, text="x", value=value, **fields)


CLAIMS = (
    claim("c1", "a1", 100_000, qualifier="nearly", change="~", modality="estimate"),
    claim("c2", "a2", 70_000),
    claim("c3", "a3", 150_000, change=">"),
    claim("c4", "a1", 175_000, modality="projection", qualifier="as many as"),
    claim("c5", "a4", 10_000, low=10_000, high=100_000, vague=True, modality="estimate"),
    claim("c9", "a4", 3, as_of="2030-01-06"),  # not a member
)
GROUP = ClaimGroup("g1", "Russian troops <near> the border", ("c1", "c2", "c3", "c4", "c5"),
                   "conflicting", key="count|troops|russia")


def test_series_per_outlet_and_kind():
    chart = claim_chart(GROUP, CLAIMS, ARTICLES)
    assert chart is not None
    kinds = {(s.outlet, s.kind): [p.claim_id for p in s.points] for s in chart.series}
    assert kinds == {("Daily One", "count"): ["c1", "c3"],
                     ("Weekly <script>Two</script>", "count"): ["c2"],
                     ("Radio Four", "range"): ["c5"], ("Daily One", "projection"): ["c4"]}
    assert chart.status_text == "sources disagree"
    assert chart.y_axis == "troops" and chart.x_axis == "as of"
    assert [label for _, label in chart.x_labels] == ["2030-01-05", "2030-02-20"]


def test_projections_are_hollow_ranges_are_bars_and_outlets_are_never_joined():
    chart = claim_chart(GROUP, CLAIMS, ARTICLES)
    by_kind = {(s.outlet, s.kind): s for s in chart.series}
    projection = by_kind[("Daily One", "projection")].points[0]
    assert projection.hollow and "projection" in projection.label
    bar = by_kind[("Radio Four", "range")].points[0]
    assert bar.low_y is not None and bar.high_y is not None and bar.high_y < bar.low_y
    daily = by_kind[("Daily One", "count")]
    assert daily.joined and daily.path.count(",") == 2
    assert not by_kind[("Weekly <script>Two</script>", "count")].joined
    assert not by_kind[("Daily One", "projection")].path
    higher = by_kind[("Daily One", "count")].points
    assert higher[1].y < higher[0].y  # 150,000 is drawn above 100,000


def test_svg_escapes_every_text_and_draws_one_line_per_outlet():
    svg = chart_svg(claim_chart(GROUP, CLAIMS, ARTICLES))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "&lt;near&gt;" in svg
    assert svg.count("<polyline") == 1
    assert 'fill="#ffffff"' in svg  # the hollow projection marker
    assert "sources disagree" in svg
    assert len(re.findall(r'class="range"', svg)) == 1


def test_too_few_dated_points_give_no_chart():
    lone = ClaimGroup("g2", "trips", ("c2",), "consistent")
    assert claim_chart(lone, CLAIMS, ARTICLES) is None
    revised = ClaimGroup("g3", "troops", ("c2", "c3"), "updated")
    assert claim_chart(revised, CLAIMS, {a.id: a for a in ARTICLES}).status_text == \
        "figure revised"
