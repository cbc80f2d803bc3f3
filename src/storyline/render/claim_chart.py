"""The chart of one claim group, from records: a small model and its SVG.

:func:`claim_chart` lays out a :class:`~storyline.records.ClaimGroup` with its claims and
member articles: one series per outlet and kind of figure (counts, projections, ranges),
points placed by as-of date and value, projections drawn as hollow markers, ranges
("tens of thousands", "between 70,000 and 100,000") as bars, a line only between the
counts of one outlet (points of different outlets are never joined), labelled axes and
the group's status in words ("sources disagree", "figure revised", "sources agree").
:func:`chart_svg` writes the model as SVG markup; every text in it is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from ..records import Article, Claim, ClaimGroup
from ..story.claim_status import claim_kind, day_of, format_figure, outlet_of, status_phrase

PALETTE = ("#1f6feb", "#d1495b", "#2a9d8f", "#e9a03b", "#7b5ea7", "#5b7083", "#b5651d")
KIND_LABELS = {"count": "figures", "projection": "projections", "range": "ranges"}
MARGIN = {"left": 62, "right": 14, "top": 26, "bottom": 34}


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One claim on the chart; ``low_y``/``high_y`` are a range bar's ends."""

    x: float
    y: float
    claim_id: str
    label: str
    hollow: bool = False
    low_y: float | None = None
    high_y: float | None = None


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """The figures of one outlet of one kind (count, projection or range)."""

    outlet: str
    kind: str
    color: str
    points: tuple[ChartPoint, ...]

    @property
    def joined(self) -> bool:
        """Counts of one outlet at two dates or more are joined by a line."""
        return self.kind == "count" and len({p.x for p in self.points}) > 1

    @property
    def path(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points) if self.joined else ""

    @property
    def label(self) -> str:
        return f"{self.outlet} ({KIND_LABELS.get(self.kind, self.kind)})"


@dataclass(frozen=True, slots=True)
class ClaimChart:
    width: int
    height: int
    title: str
    status: str
    status_text: str
    series: tuple[ChartSeries, ...]
    x_labels: tuple[tuple[float, str], ...]
    y_labels: tuple[tuple[float, str], ...]
    x_axis: str = "as of"
    y_axis: str = ""


@dataclass(frozen=True, slots=True)
class _Row:
    claim: Claim
    day: date
    outlet: str
    kind: str


def _rows(claims: Sequence[Claim], articles: Mapping[str, Article]) -> list[_Row]:
    rows = []
    for claim in claims:
        try:
            day = date.fromisoformat(day_of(claim, articles)[:10])
        except ValueError:
            continue
        rows.append(_Row(claim, day, outlet_of(claim, articles) or "unknown outlet",
                         claim_kind(claim)))
    return sorted(rows, key=lambda r: (r.day, r.outlet, r.claim.start))


def axis_top(value: float) -> float:
    """A round value at or above ``value``: 1, 2 or 5 times a power of ten, or 10."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def _tick(value: float) -> str:
    if abs(value) >= 1e6:
        return f"{value / 1e6:g}M"
    return f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:g}"


class _Scale:
    """Days and values to chart coordinates."""

    def __init__(self, rows: list[_Row], width: int, height: int) -> None:
        first, last = rows[0].day, rows[-1].day
        if first == last:
            first = date.fromordinal(first.toordinal() - 1)
            last = date.fromordinal(last.toordinal() + 1)
        self.first, self.days = first, (last - first).days
        values = [v for r in rows for v in (r.claim.value, r.claim.low, r.claim.high)
                  if v is not None]
        self.top = axis_top(max(values) * 1.05)
        self.bottom = min(0.0, min(values))
        self.left, self.right = MARGIN["left"], width - MARGIN["right"]
        self.upper, self.lower = MARGIN["top"], height - MARGIN["bottom"]

    def x(self, day: date) -> float:
        return round(self.left + (self.right - self.left) * (day - self.first).days / self.days, 1)

    def y(self, value: float) -> float:
        share = (value - self.bottom) / (self.top - self.bottom)
        return round(self.lower - (self.lower - self.upper) * share, 1)


def _point(row: _Row, scale: _Scale) -> ChartPoint:
    claim = row.claim
    label = f"{row.outlet}: {format_figure(claim)} ({row.day.isoformat()}"
    label += f", {claim.modality})" if claim.modality != "reported" else ")"
    low_y = high_y = None
    if claim.low is not None and claim.high is not None:
        low_y, high_y = scale.y(min(claim.low, claim.high)), scale.y(max(claim.low, claim.high))
    return ChartPoint(scale.x(row.day), scale.y(claim.value), claim.id, label,
                      hollow=row.kind == "projection", low_y=low_y, high_y=high_y)


def _y_axis_name(group: ClaimGroup, claims: Sequence[Claim]) -> str:
    unit = group.unit or (claims[0].unit if claims else None)
    if unit:
        return unit
    parts = group.key.split("|")
    return parts[1] if len(parts) > 1 and parts[0] == "count" else "count"


def claim_chart(group: ClaimGroup, claims: Sequence[Claim],
                articles: Sequence[Article] | Mapping[str, Article], *,
                width: int = 380, height: int = 180) -> ClaimChart | None:
    """The chart of ``group`` (its ``claims`` may include others: only members are drawn),
    or None when fewer than two of its claims have a date."""
    by_id = articles if isinstance(articles, Mapping) else {a.id: a for a in articles}
    wanted = set(group.claim_ids)
    rows = _rows([c for c in claims if c.id in wanted], by_id)
    if len(rows) < 2:
        return None
    scale = _Scale(rows, width, height)
    outlets = list(dict.fromkeys(r.outlet for r in rows))
    series = []
    for kind in ("count", "range", "projection"):
        for outlet in outlets:
            mine = [r for r in rows if r.outlet == outlet and r.kind == kind]
            if mine:
                color = PALETTE[outlets.index(outlet) % len(PALETTE)]
                series.append(ChartSeries(outlet, kind, color,
                                          tuple(_point(r, scale) for r in mine)))
    days = sorted({r.day for r in rows})
    x_labels = tuple((scale.x(d), d.isoformat()) for d in (days[0], days[-1]) if d) \
        if len(days) > 1 else ((scale.x(days[0]), days[0].isoformat()),)
    y_labels = tuple((scale.y(v), _tick(v)) for v in (scale.bottom, scale.top / 2, scale.top))
    return ClaimChart(width, height, group.subject, group.status, status_phrase(group.status),
                      tuple(series), x_labels, y_labels, "as of", _y_axis_name(group, claims))


def _marker(point: ChartPoint, color: str) -> str:
    title = f"<title>{escape(point.label)}</title>"
    fill = "#ffffff" if point.hollow else escape(color)
    return (f'<circle cx="{point.x}" cy="{point.y}" r="4" fill="{fill}" '
            f'stroke="{escape(color)}" stroke-width="2">{title}</circle>')


def _range_bar(point: ChartPoint, color: str) -> str:
    if point.low_y is None or point.high_y is None:
        return ""
    x, top, bottom, c = point.x, point.high_y, point.low_y, escape(color)
    return (f'<g class="range" stroke="{c}" stroke-width="2"><title>{escape(point.label)}'
            f'</title><line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/>'
            f'<line x1="{x - 5}" y1="{top}" x2="{x + 5}" y2="{top}"/>'
            f'<line x1="{x - 5}" y1="{bottom}" x2="{x + 5}" y2="{bottom}"/></g>')


def _series_svg(series: ChartSeries) -> str:
    parts = [f'<g class="series {escape(series.kind)}" data-outlet="{escape(series.outlet)}">']
    if series.path:
        parts.append(f'<polyline points="{series.path}" fill="none" '
                     f'stroke="{escape(series.color)}" stroke-width="1.5"/>')
    for point in series.points:
        parts.append(_range_bar(point, series.color) if series.kind == "range"
                     else _marker(point, series.color))
    parts.append("</g>")
    return "".join(parts)


def _axes_svg(chart: ClaimChart) -> str:
    left, right = MARGIN["left"], chart.width - MARGIN["right"]
    bottom = chart.height - MARGIN["bottom"]
    parts = [(f'<line x1="{left}" y1="{MARGIN["top"]}" x2="{left}" y2="{bottom}" '
              f'stroke="#9aa3b2"/>'),
             f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#9aa3b2"/>']
    for y, label in chart.y_labels:
        parts.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" '
                     f'font-size="10">{escape(label)}</text>')
    for x, label in chart.x_labels:
        parts.append(f'<text x="{x}" y="{bottom + 14}" text-anchor="middle" '
                     f'font-size="10">{escape(label)}</text>')
    parts.append(f'<text x="{(left + right) / 2}" y="{chart.height - 4}" text-anchor="middle" '
                 f'font-size="10">{escape(chart.x_axis)}</text>')
    parts.append(f'<text x="12" y="{(MARGIN["top"] + bottom) / 2}" font-size="10" '
                 f'text-anchor="middle" transform="rotate(-90 12 {(MARGIN["top"] + bottom) / 2})">'
                 f'{escape(chart.y_axis)}</text>')
    return "".join(parts)


def _legend_svg(chart: ClaimChart) -> str:
    """One line per series under the chart: its marker and '<outlet> (<kind>)'."""
    parts = []
    for index, series in enumerate(chart.series):
        y = chart.height + 10 + 14 * index
        color = escape(series.color)
        if series.kind == "range":
            marker = f'<line x1="{MARGIN["left"]}" y1="{y - 5}" x2="{MARGIN["left"]}" ' \
                     f'y2="{y + 3}" stroke="{color}" stroke-width="2"/>'
        else:
            fill = "#ffffff" if series.kind == "projection" else color
            marker = f'<circle cx="{MARGIN["left"]}" cy="{y - 1}" r="4" fill="{fill}" ' \
                     f'stroke="{color}" stroke-width="2"/>'
        parts.append(marker + f'<text x="{MARGIN["left"] + 10}" y="{y + 3}" font-size="10">'
                              f'{escape(series.label)}</text>')
    return "".join(parts)


def chart_svg(chart: ClaimChart) -> str:
    """The chart as one ``<svg>`` element (inline in HTML); all text is escaped."""
    label = f"{chart.title}: {chart.status_text}"
    total = chart.height + 14 * len(chart.series) + 6
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="claim-chart" role="img" '
            f'width="{chart.width}" height="{total}" '
            f'viewBox="0 0 {chart.width} {total}" aria-label="{escape(label)}">'
            f'<title>{escape(label)}</title>'
            f'<text x="{MARGIN["left"]}" y="14" font-size="11" class="status '
            f'{escape(chart.status)}">{escape(chart.status_text)}</text>')
    body = "".join(_series_svg(s) for s in chart.series)
    return head + _axes_svg(chart) + body + _legend_svg(chart) + "</svg>"
