"""The chart of one claim group: each outlet's figures over time, as a model and as SVG.

``claim_chart(group, claims, articles)`` is a pure function from records to a ``ClaimChart``;
``chart_svg(chart)`` lays it out as inline SVG with a legend. One series per outlet and kind
(firm counts, ranges, projections; ``story.claim_status.claim_kind``): points of different
outlets are never joined, projections
are hollow markers on a dashed line, a range claim gets a bar from its low to its high bound.
Both axes are labelled, and the group's status is said in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from ..records import Article, Claim, ClaimGroup
from ..story.claim_status import claim_kind, status_phrase
from .display import fmt_range, fmt_value, inert, iso_date, nice_ceiling
from .timeaxis import Run, axis_ticks

PALETTE = ("#1f6feb", "#d1495b", "#2a9d8f", "#e9a03b", "#7b5ea7", "#5b7083", "#b5651d")
KINDS = ("count", "range", "projection")  # claim_kind: firm figures, ranges, projections
WIDTH, HEIGHT = 360, 200
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 62, 16, 12, 46
X_TITLE = "date of the figure"


def status_words(status: str | None) -> str:
    """A claim group's status as a reader says it ("sources disagree")."""
    return status_phrase(status or "")


@dataclass(frozen=True, slots=True)
class ChartPoint:
    claim_id: str
    x: float
    y: float
    tip: str
    hollow: bool = False
    low_y: float | None = None  # a range claim's bar, from its low bound
    high_y: float | None = None  # to its high bound


@dataclass(frozen=True, slots=True)
class ChartSeries:
    outlet: str
    kind: str  # count | range | projection (story.claim_status.claim_kind)
    color: str
    points: tuple[ChartPoint, ...]

    @property
    def path(self) -> str:
        """Polyline points, empty when every point has the same x (no change over time)."""
        if len({p.x for p in self.points}) < 2:
            return ""
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclass(frozen=True, slots=True)
class ClaimChart:
    subject: str
    status: str
    y_title: str
    series: tuple[ChartSeries, ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str, str, str], ...]  # x, label, year below, anchor
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def status_words(self) -> str:
        return status_words(self.status)


@dataclass(frozen=True, slots=True)
class _Row:
    claim: Claim
    day: date
    label: str
    outlet: str


def _rows(claims: Sequence[Claim], articles: Sequence[Article] | Mapping[str, Article]
          ) -> list[_Row]:
    by_id = dict(articles) if isinstance(articles, Mapping) else {a.id: a for a in articles}
    rows = []
    for claim in claims:
        article = by_id.get(claim.article_id)
        published = article.published if article else None
        label = claim.as_of if iso_date(claim.as_of) else published
        day = iso_date(label)
        if day is not None:
            outlet = (article.outlet if article else None) or "unknown outlet"
            rows.append(_Row(claim, day, str(label), outlet))
    return sorted(rows, key=lambda r: (r.day, r.claim.value))


def claim_chart(group: ClaimGroup, claims: Sequence[Claim],
                articles: Sequence[Article] | Mapping[str, Article]) -> ClaimChart | None:
    """The chart of ``group`` (its members among ``claims``, their ``articles``), or None
    under 2 dated figures."""
    members = set(group.claim_ids)
    rows = _rows([c for c in claims if c.id in members], articles)
    if len(rows) < 2:
        return None
    values = [v for r in rows for v in (r.claim.value, r.claim.low, r.claim.high) if v is not None]
    bottom, top = min(0.0, min(values)), nice_ceiling(max(values) * 1.05)
    first, last = rows[0].day, rows[-1].day
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM

    def x_of(day: date) -> float:
        span = (last - first).days
        share = 0.5 if span == 0 else (day - first).days / span
        return round(PAD_LEFT + plot_w * share, 1)

    def y_of(value: float) -> float:
        return round(PAD_TOP + plot_h * (1 - (value - bottom) / (top - bottom)), 1)

    series = _series(rows, x_of, y_of)
    y_ticks = tuple((y_of(v), fmt_axis(v)) for v in (bottom, (bottom + top) / 2, top))
    units = {r.claim.unit for r in rows if r.claim.unit}
    y_title = units.pop() if len(units) == 1 else (group.subject if not units else "") or "value"
    return ClaimChart(group.subject or "figures", group.status, y_title, series, y_ticks,
                      _x_ticks(first, last, plot_w))


def fmt_axis(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


def _series(rows: list[_Row], x_of, y_of) -> tuple[ChartSeries, ...]:
    outlets = sorted({r.outlet for r in rows})
    out = []
    for i, outlet in enumerate(outlets):
        for kind in KINDS:
            mine = [r for r in rows if r.outlet == outlet and claim_kind(r.claim) == kind]
            if mine:
                points = tuple(_point(r, kind, x_of, y_of) for r in mine)
                out.append(ChartSeries(outlet, kind, PALETTE[i % len(PALETTE)], points))
    return tuple(out)


def _point(row: _Row, kind: str, x_of, y_of) -> ChartPoint:
    claim = row.claim
    shown = fmt_range(claim.low, claim.high) or fmt_value(claim.value)
    tip = f"{row.outlet}: {shown} {claim.unit or ''}".rstrip() + f" ({row.label}"
    tip += f", {claim.modality})" if claim.modality != "reported" else ")"
    ranged = claim.low is not None and claim.high is not None
    return ChartPoint(claim.id, x_of(row.day), y_of(claim.value), tip, kind == "projection",
                      y_of(claim.low) if ranged else None, y_of(claim.high) if ranged else None)


def _x_ticks(first: date, last: date, plot_w: int) -> tuple[tuple[float, str, str, str], ...]:
    ticks = [t for t in axis_ticks([Run(first, last, 0.0, 100.0)],
                                   {first: first.isoformat()}) if not t.minor]
    anchor = {"start": "start", "end": "end", "mid": "middle"}
    return tuple((round(PAD_LEFT + plot_w * t.x / 100, 1), t.label, t.sub,
                  anchor[t.align] if first != last else "middle") for t in ticks)


# ---------------------------------------------------------------- SVG


def _text(x: float, y: float, text: str, cls: str, extra: str = "") -> str:
    return f'<text class="{cls}" x="{x}" y="{y}"{extra}>{escape(inert(text))}</text>'


def _axes(chart: ClaimChart) -> list[str]:
    right, base = chart.width - PAD_RIGHT, chart.height - PAD_BOTTOM
    out = [f'<line class="grid" x1="{PAD_LEFT}" x2="{right}" y1="{y}" y2="{y}"/>'
           + _text(PAD_LEFT - 6, y + 4, label, "ylab") for y, label in chart.y_ticks]
    out.append(f'<line class="frame" x1="{PAD_LEFT}" x2="{PAD_LEFT}" y1="{PAD_TOP}" '
               f'y2="{base}"/><line class="frame" x1="{PAD_LEFT}" x2="{right}" y1="{base}" '
               f'y2="{base}"/>')
    for x, label, year, anchor in chart.x_ticks:
        out.append(_text(x, base + 14, label, "xlab", f' text-anchor="{anchor}"'))
        if year:
            out.append(_text(x, base + 25, year, "xlab", f' text-anchor="{anchor}"'))
    middle_y = PAD_TOP + (base - PAD_TOP) / 2
    out.append(_text(12, middle_y, chart.y_title, "axis-title",
                     f' text-anchor="middle" transform="rotate(-90 12 {middle_y})"'))
    out.append(_text(PAD_LEFT + (right - PAD_LEFT) / 2, chart.height - 4, X_TITLE,
                     "axis-title", ' text-anchor="middle"'))
    return out


def _marks(series: ChartSeries) -> list[str]:
    dash = ' stroke-dasharray="5 3"' if series.kind == "projection" else ""
    out = []
    if series.path:
        out.append(f'<polyline fill="none" stroke="{series.color}" stroke-width="2"{dash} '
                   f'points="{series.path}"/>')
    for p in series.points:
        if p.low_y is not None and p.high_y is not None:
            out.append(f'<path class="range" stroke="{series.color}" d="M{p.x - 4},{p.low_y}'
                       f'h8M{p.x},{p.low_y}V{p.high_y}M{p.x - 4},{p.high_y}h8"/>')
        fill = "#fff" if p.hollow else series.color
        out.append(f'<circle class="pt" cx="{p.x}" cy="{p.y}" r="4" fill="{fill}" '
                   f'stroke="{series.color}" stroke-width="2"><title>{escape(inert(p.tip))}'
                   f"</title></circle>")
    return out


def _legend(chart: ClaimChart) -> str:
    seen: dict[str, str] = {}
    for s in chart.series:
        seen.setdefault(s.outlet, s.color)
    items = [f'<span><i style="background: {color}"></i>{escape(inert(outlet))}</span>'
             for outlet, color in seen.items()]
    points = [p for s in chart.series for p in s.points]
    if any(p.hollow for p in points):
        items.append('<span><i class="hollow"></i>projection</span>')
    if any(p.low_y is not None for p in points):
        items.append('<span><i class="bar"></i>range</span>')
    return "".join(items)


def chart_svg(chart: ClaimChart) -> Markup:
    """The chart as a figure: inline SVG with labelled axes, then its legend."""
    label = f"{chart.subject}: {chart.y_title} by {X_TITLE}, per outlet; {chart.status_words}"
    parts = [(f'<figure class="chart-box"><svg class="chart" viewBox="0 0 {chart.width} '
              f'{chart.height}" role="img" aria-label="{escape(inert(label))}">')]
    parts += _axes(chart)
    for series in chart.series:
        parts += _marks(series)
    parts.append(f'</svg><figcaption class="legend">{_legend(chart)}</figcaption></figure>')
    return Markup("".join(parts))
