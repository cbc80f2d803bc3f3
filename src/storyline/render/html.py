"""HTML rendering of stories: the view model shared by the web story page and the report.

``story_view`` turns a story JSON v1 dict into plain values the Jinja macros in
``render/templates/story.html`` lay out (numbered citations with their cited sentence,
a time axis, per-outlet claim charts). ``render_report`` writes one self-contained HTML
file (inline CSS and JS, no network). Article text is hostile: every piece goes through
Jinja autoescape, and only http/https URLs ever become links.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from urllib.parse import urlsplit

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

Linker = Callable[[str, "int | None"], "str | None"]

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.+Z-]*)?$")
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
MAX_POPUP_CHARS = 400


def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http/https URL without control characters, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url


def inert(text: object) -> str:
    """Display form of hostile text: bidi overrides shown as visible codes, never applied."""
    if text is None:
        return ""
    return _BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", str(text))


def iso_date(value: object) -> date | None:
    """The first day of an ISO 8601 date, month, year or week (``2021-12-07``, ``2021-W49``)."""
    if not isinstance(value, str):
        return None
    try:
        week = _ISO_WEEK.match(value)
        if week:
            return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        match = _ISO.match(value)
        if match:
            return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None
    return None


def shorten(text: str, limit: int = MAX_POPUP_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- citations


@dataclass(frozen=True, slots=True)
class CiteRef:
    """One numbered citation: where it points and what it says."""

    key: str
    number: int
    article_id: str
    start: int
    end: int
    href: str | None
    quote: str
    outlet: str
    date: str
    title: str


@dataclass
class Citations:
    """Numbers citations of one story in order of first use and resolves their sentence."""

    prefix: str
    articles: dict[str, dict]
    link: Linker
    refs: dict[tuple[str, int, int], CiteRef] = field(default_factory=dict)

    def ref(self, cite: dict) -> CiteRef:
        key = (str(cite.get("article_id")), int(cite.get("start", 0)), int(cite.get("end", 0)))
        found = self.refs.get(key)
        if found is None:
            found = self._make(key, len(self.refs) + 1)
            self.refs[key] = found
        return found

    def many(self, cites: Sequence[dict] | None) -> list[CiteRef]:
        return [self.ref(c) for c in cites or ()]

    def _make(self, key: tuple[str, int, int], number: int) -> CiteRef:
        article_id, start, end = key
        article = self.articles.get(article_id, {})
        text = article.get("text") or ""
        return CiteRef(
            key=f"{self.prefix}c{number}", number=number, article_id=article_id,
            start=start, end=end, href=self.link(article_id, start),
            quote=shorten(text[start:end]) if text else "(article not in this story)",
            outlet=article.get("outlet") or "unknown outlet",
            date=article.get("published") or "undated",
            title=article.get("title") or article_id,
        )


# ---------------------------------------------------------------- time axis


@dataclass(frozen=True, slots=True)
class AxisPoint:
    x: float  # percent of the axis width
    lane: int
    label: str
    href: str | None
    summary: str


def _span_days(days: Sequence[date]) -> tuple[date, int]:
    low, high = min(days), max(days)
    return low, max((high - low).days, 1)


def axis_ticks(days: Sequence[date], count: int = 5) -> list[tuple[float, str]]:
    """Evenly spaced (percent, ISO date label) ticks over the range of ``days``."""
    if not days:
        return []
    low, span = _span_days(days)
    ticks = []
    for i in range(count):
        offset = round(span * i / (count - 1))
        day = date.fromordinal(low.toordinal() + offset)
        ticks.append((_percent(offset, span), day.isoformat()))
    return ticks


def _percent(offset: int, span: int) -> float:
    return round(3 + 94 * offset / span, 2)


def axis_points(entries: Sequence[dict], refs: Sequence[list[CiteRef]]) -> list[AxisPoint]:
    """Place timeline entries on the axis; entries too close share a column in new lanes."""
    dated = [(iso_date(e.get("date")), e, r) for e, r in zip(entries, refs)]
    days = [d for d, _, _ in dated if d]
    if not days:
        return []
    low, span = _span_days(days)
    points: list[AxisPoint] = []
    for day, entry, cites in dated:
        if day is None:
            continue
        x = _percent((day - low).days, span)
        lane = sum(1 for p in points if abs(p.x - x) < 4)
        points.append(AxisPoint(x, min(lane, 5), str(entry.get("date")),
                                cites[0].href if cites else None,
                                shorten(entry.get("summary") or "", 160)))
    return points


# ---------------------------------------------------------------- claim charts

PALETTE = ("#1f6feb", "#d1495b", "#2a9d8f", "#e9a03b", "#7b5ea7", "#5b7083", "#b5651d")


@dataclass(frozen=True, slots=True)
class ChartSeries:
    outlet: str
    color: str
    points: tuple[tuple[float, float, str], ...]  # x, y, tooltip

    @property
    def path(self) -> str:
        """Polyline points, empty when every point has the same x (no change over time)."""
        if len({x for x, _, _ in self.points}) < 2:
            return ""
        return " ".join(f"{x},{y}" for x, y, _ in self.points)


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    series: tuple[ChartSeries, ...]
    y_labels: tuple[tuple[float, str], ...]
    x_labels: tuple[tuple[float, str], ...]
    trend: ChartSeries | None = None


def _fmt_value(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def claim_chart(claims: Sequence[dict], articles: dict[str, dict]) -> Chart | None:
    """Value over time per outlet for one claim group, or None with fewer than 2 points."""
    rows = []
    for claim in claims:
        article = articles.get(claim.get("article_id"), {})
        label = claim.get("as_of") if iso_date(claim.get("as_of")) else article.get("published")
        day, value = iso_date(label), claim.get("value")
        if day is not None and isinstance(value, (int, float)):
            rows.append((day, float(value), article.get("outlet") or "unknown outlet", label))
    if len(rows) < 2:
        return None
    return _layout_chart(rows)


def nice_ceiling(value: float) -> float:
    """A round number at or above ``value`` (for the top of a chart axis)."""
    if value <= 0:
        return 1.0
    scale = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * scale >= value:
            return step * scale
    return 10 * scale


def _axis_label(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


def _layout_chart(rows: list) -> Chart:
    width, height, pad_l, pad_r, pad_t, pad_b = 360, 150, 56, 14, 10, 26
    low_day, span = _span_days([r[0] for r in rows])
    if len({r[0] for r in rows}) == 1:  # one date: the points stand in the middle
        low_day, span = date.fromordinal(low_day.toordinal() - 1), 2
    top = nice_ceiling(max(r[1] for r in rows) * 1.05)
    bottom = min(0.0, min(r[1] for r in rows))

    def x_of(day: date) -> float:
        return round(pad_l + (width - pad_l - pad_r) * (day - low_day).days / span, 1)

    def y_of(value: float) -> float:
        return round(pad_t + (height - pad_t - pad_b) * (1 - (value - bottom) / (top - bottom)), 1)

    series = []
    outlets = sorted({r[2] for r in rows})
    for i, outlet in enumerate(outlets):
        mine = sorted((r for r in rows if r[2] == outlet), key=lambda r: r[0])
        points = tuple((x_of(d), y_of(v), f"{outlet}: {_fmt_value(v)} ({label})")
                       for d, v, _, label in mine)
        series.append(ChartSeries(outlet, PALETTE[i % len(PALETTE)], points))
    trend = tuple((x_of(d), y_of(v), "") for d, v, _, _ in sorted(rows, key=lambda r: r[0]))
    y_labels = tuple((y_of(v), _axis_label(v)) for v in (bottom, (bottom + top) / 2, top))
    ordered = sorted(rows, key=lambda r: r[0])
    ends = {ordered[0][0]: ordered[0][3], ordered[-1][0]: ordered[-1][3]}
    x_labels = tuple((x_of(d), str(label)) for d, label in ends.items())
    return Chart(width, height, tuple(series), y_labels, x_labels,
                 ChartSeries("all outlets", "#9aa3b2", trend))


# ---------------------------------------------------------------- the story view


def _actor_names(story: dict) -> dict[str, str]:
    return {a["id"]: a.get("name") or a["id"] for a in story.get("actors", [])}


def _quotes_by_speaker(story: dict, cites: Citations, names: dict[str, str]) -> list[dict]:
    groups: dict[str, dict] = {}
    for quote in story.get("quotes", []):
        speaker = (names.get(quote.get("speaker_actor_id") or "")
                   or quote.get("speaker_text") or "Unattributed")
        group = groups.setdefault(speaker, {"speaker": speaker, "quotes": []})
        group["quotes"].append({**quote, "cite": cites.ref(quote)})
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"]))


def _claim_groups(story: dict, cites: Citations, articles: dict[str, dict]
                  ) -> tuple[list[dict], list[dict]]:
    """(groups of two or more claims, rows of the single figures left over)."""
    by_id = {c["id"]: c for c in story.get("claims", [])}
    groups, singles, grouped = [], [], set()
    for group in story.get("claim_groups", []):
        members = [by_id[cid] for cid in group.get("claim_ids", []) if cid in by_id]
        grouped.update(c["id"] for c in members)
        view = _claim_group_view(group, members, cites, articles)
        if len(members) > 1:
            groups.append(view)
        else:
            singles.extend({**row, "subject": view["subject"]} for row in view["claims"])
    loose = [c for c in story.get("claims", []) if c["id"] not in grouped]
    other = _claim_group_view({"id": "", "subject": ""}, loose, cites, articles)
    singles.extend({**row, "subject": row.get("subject") or ""} for row in other["claims"])
    singles.sort(key=lambda r: (iso_date(r["when"]) or date.max, r["subject"]))
    return groups, singles


def _claim_group_view(group: dict, members: list[dict], cites: Citations,
                      articles: dict[str, dict]) -> dict:
    rows = []
    for claim in members:
        article = articles.get(claim.get("article_id"), {})
        rows.append({**claim, "cite": cites.ref(claim), "outlet": article.get("outlet"),
                     "display_value": _fmt_value(float(claim.get("value") or 0)),
                     "when": claim.get("as_of") or article.get("published") or ""})
    rows.sort(key=lambda r: (iso_date(r["when"]) or date.max, r["display_value"]))
    return {"id": group.get("id"), "subject": group.get("subject") or "",
            "status": group.get("status") or "", "claims": rows,
            "chart": claim_chart(members, articles) if len(members) > 1 else None}


def _article_rows(story: dict, link: Linker, cites: Citations) -> list[dict]:
    counts: dict[str, int] = {}
    for ref in cites.refs.values():
        counts[ref.article_id] = counts.get(ref.article_id, 0) + 1
    rows = []
    for article in story.get("articles", []):
        rows.append({**article, "href": link(article["id"], None),
                     "safe_url": safe_url(article.get("url")),
                     "cited": counts.get(article["id"], 0)})
    return sorted(rows, key=lambda a: (a.get("published") or "9999", a["id"]))


def story_view(story: dict, link: Linker, prefix: str = "") -> dict:
    """Everything the story macros show, built from a story JSON v1 dict."""
    articles = {a["id"]: a for a in story.get("articles", [])}
    cites = Citations(prefix, articles, link)
    names = _actor_names(story)
    brief = [{"text": b.get("text", ""), "cites": cites.many(b.get("citations"))}
             for b in story.get("brief", [])]
    timeline = [{**t, "cites": cites.many(t.get("citations"))}
                for t in story.get("timeline", [])]
    days = [d for d in (iso_date(t.get("date")) for t in timeline) if d]
    events = [{**e, "cites": cites.many(e.get("citations")),
               "source": names.get(e.get("source_actor_id") or "", ""),
               "target": names.get(e.get("target_actor_id") or "", "")}
              for e in story.get("events", [])]
    events.sort(key=lambda e: e.get("date") or "9999")
    view = {
        "prefix": prefix, "head": story.get("story", {}), "brief": brief,
        "timeline": timeline, "axis": axis_points(timeline, [t["cites"] for t in timeline]),
        "ticks": axis_ticks(days), "events": events,
        "actors": sorted(story.get("actors", []), key=lambda a: -int(a.get("mention_count") or 0)),
        "quote_groups": _quotes_by_speaker(story, cites, names),
    }
    view["claim_groups"], view["single_claims"] = _claim_groups(story, cites, articles)
    view["quote_count"] = len(story.get("quotes", []))
    view["citations"] = list(cites.refs.values())
    view["articles"] = _article_rows(story, link, cites)
    view["outlets"] = sorted({a.get("outlet") or "" for a in articles.values()} - {""})
    return view


# ---------------------------------------------------------------- environment and report


def make_environment(extra: BaseLoader | None = None) -> Environment:
    """A Jinja environment (autoescape on) over render/templates, plus ``extra`` first."""
    loaders: list[BaseLoader] = [PackageLoader("storyline", "render/templates")]
    if extra is not None:
        loaders.insert(0, extra)
    env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["inert"] = inert
    env.filters["safe_url"] = safe_url
    env.filters["number"] = lambda v: _fmt_value(float(v)) if isinstance(v, (int, float)) else v
    return env


def asset_text(name: str) -> str:
    """The text of a shared static asset (the CSS and JS the web app serves from /static)."""
    return (resources.files("storyline") / "web" / "static" / name).read_text(encoding="utf-8")


def _report_link(prefix: str) -> Linker:
    def link(article_id: str, start: int | None) -> str:
        anchor = f"#{prefix}art-{article_id}"
        return anchor if start is None else f"{anchor}-s-{int(start)}"
    return link


def cited_text(text: str, spans: Sequence[tuple[int, int]], anchor: Callable[[int], str]
               ) -> Markup:
    """Escaped ``text`` with cited spans marked; every span start gets the id ``anchor(start)``.

    A span overlapping an earlier one is not marked; its id goes on an empty element at the
    start of the mark that covers it.
    """
    marks: list[list] = []  # [start, end, extra anchor starts]
    for start, end in sorted({(s, e) for s, e in spans if 0 <= s < e <= len(text)}):
        if marks and start < marks[-1][1]:
            if start != marks[-1][0] and start not in marks[-1][2]:
                marks[-1][2].append(start)
            continue
        marks.append([start, end, []])
    out, position = [], 0
    for start, end, extra in marks:
        out.append(str(escape(inert(text[position:start]))))
        inner = "".join(f'<span id="{escape(anchor(p))}"></span>' for p in extra)
        out.append(f'<mark class="cited" id="{escape(anchor(start))}">{inner}'
                   f"{escape(inert(text[start:end]))}</mark>")
        position = end
    out.append(str(escape(inert(text[position:]))))
    return Markup("".join(out))


def _with_cited_text(view: dict) -> dict:
    """Add each article's text with its cited sentences marked and anchored (for the report)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for ref in view["citations"]:
        spans.setdefault(ref.article_id, []).append((ref.start, ref.end))
    for article in view["articles"]:
        prefix = f"{view['prefix']}art-{article['id']}-s-"
        article["cited_html"] = cited_text(article.get("text") or "",
                                           spans.get(article["id"], []),
                                           lambda start, p=prefix: f"{p}{start}")
    return view


def render_report(stories: Sequence[dict]) -> str:
    """One self-contained HTML file (inline CSS and JS, no network) showing ``stories``."""
    env = make_environment()
    views = [_with_cited_text(story_view(s, _report_link(f"s{i}-"), prefix=f"s{i}-"))
             for i, s in enumerate(stories)]
    template = env.get_template("report.html")
    return template.render(views=views, css=asset_text("style.css"), js=asset_text("app.js"))
