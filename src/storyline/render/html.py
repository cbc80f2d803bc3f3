"""HTML rendering of stories: the Jinja environment and the self-contained report.

The web story page and the report lay out the same ``StoryPage`` (render/story_page.py) with
the macros in ``render/templates/story_macros.html``. ``render_report`` writes one
self-contained HTML file (inline CSS and JS, no network). Article text is hostile: every
piece goes through Jinja autoescape, and only http/https URLs ever become links.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import resources

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..records import StoryView
from .claim_chart import chart_svg
from .display import fmt_value, inert, safe_url
from .story_page import Linker, StoryPage, story_page


def make_environment(extra: BaseLoader | None = None) -> Environment:
    """A Jinja environment (autoescape on) over render/templates, plus ``extra`` first."""
    loaders: list[BaseLoader] = [PackageLoader("storyline", "render/templates")]
    if extra is not None:
        loaders.insert(0, extra)
    env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["inert"] = inert
    env.filters["safe_url"] = safe_url
    env.filters["chart_svg"] = chart_svg
    env.filters["number"] = lambda v: fmt_value(float(v)) if isinstance(v, (int, float)) else v
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


def with_cited_text(page: StoryPage) -> StoryPage:
    """``page`` with each article's text, its cited sentences marked and anchored."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for ref in page.citations:
        spans.setdefault(ref.article_id, []).append((ref.start, ref.end))
    rows = []
    for row in page.articles:
        prefix = f"{page.prefix}art-{row.article.id}-s-"
        html = cited_text(row.article.text, spans.get(row.article.id, []),
                          lambda start, p=prefix: f"{p}{start}")
        rows.append(replace(row, cited_html=html))
    return replace(page, articles=tuple(rows))


def report_pages(views: Sequence[StoryView]) -> list[StoryPage]:
    """The pages of a report: ids prefixed per story, links inside the file."""
    return [with_cited_text(story_page(v, _report_link(f"s{i}-"), prefix=f"s{i}-"))
            for i, v in enumerate(views)]


def render_report(views: Sequence[StoryView]) -> str:
    """One self-contained HTML file (inline CSS and JS, no network) showing the stories."""
    template = make_environment().get_template("report.html")
    return template.render(views=report_pages(views), css=asset_text("style.css"),
                           js=asset_text("app.js"))
