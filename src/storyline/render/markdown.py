"""A story as Markdown: the brief with footnoted citations, the timeline, the figures.

Article text is hostile: every piece of it is escaped so that no Markdown or HTML
construct in it becomes live (no links, images, raw HTML, headings); the only links are
http/https article URLs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from ..records import Article, Citation, Claim, StoryView
from ..story.claim_status import state_group
from .claim_chart import status_words
from .display import fmt_range, fmt_value, inert, safe_url, shorten

_INLINE = re.compile(r"([\\`*_\[\]<>!|&~{}()$])")
_BLOCK_START = re.compile(r"^(\s*)([#>+=:-]|\d+[.)])")


def md_escape(text: object) -> str:
    """``text`` as inert Markdown: one line, punctuation that could build markup escaped."""
    flat = " ".join(inert(text).split())
    flat = _INLINE.sub(r"\\\1", flat)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), flat)


def md_url(url: object) -> str | None:
    """An http/https URL as a Markdown autolink, or None."""
    safe = safe_url(url)
    if safe is None:
        return None
    return "<" + quote(safe, safe=":/?#@!$&'()*+,;=%~[]-._") + ">"


class _Footnotes:
    def __init__(self, view: StoryView) -> None:
        self.articles = {a.id: a for a in view.articles}
        self.numbers: dict[tuple[str, int, int], int] = {}

    def mark(self, cites: Sequence[Citation | Claim]) -> str:
        refs = []
        for cite in cites:
            key = (cite.article_id, cite.start, cite.end)
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            refs.append(f"[^{number}]")
        return "".join(refs)

    def lines(self) -> list[str]:
        out = []
        for (article_id, start, end), number in self.numbers.items():
            article = self.articles.get(article_id)
            cited = shorten(article.text[start:end]) if article and article.text else article_id
            outlet = (article.outlet if article else None) or "unknown outlet"
            published = (article.published if article else None) or "undated"
            where = ", ".join(md_escape(x) for x in (outlet, published))
            link = md_url(article.url) if article else None
            out.append(f"[^{number}]: “{md_escape(cited)}” — {where}"
                       + (f" {link}" if link else ""))
        return out


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table of already escaped cells."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(c or " " for c in row) + " |" for row in rows]


def _head(view: StoryView) -> list[str]:
    story = view.story
    outlets = sorted({a.outlet for a in view.articles if a.outlet})
    count = len(view.articles)
    meta = (f"{story.first_published or '?'} – {story.last_published or '?'} · "
            f"{count} article{'' if count == 1 else 's'} · "
            f"{len(outlets)} outlet{'' if len(outlets) == 1 else 's'}")
    lines = [f"# {md_escape(story.title or 'Untitled story')}", "", f"*{md_escape(meta)}*"]
    if outlets:
        lines += ["", "Outlets: " + ", ".join(md_escape(o) for o in outlets)]
    return lines


def _brief(view: StoryView, notes: _Footnotes) -> list[str]:
    lines = ["", "## Brief", ""]
    for sentence in view.story.brief:
        lines.append(f"- {md_escape(sentence.text)}{notes.mark(sentence.citations)}")
    return lines if view.story.brief else lines + ["*No brief.*"]


def _timeline(view: StoryView, notes: _Footnotes) -> list[str]:
    lines = ["", "## Timeline", ""]
    for entry in view.story.timeline:
        lines.append(f"- **{md_escape(entry.date)}** — {md_escape(entry.summary)}"
                     f"{notes.mark(entry.citations)}")
    return lines if view.story.timeline else lines + ["*No timeline.*"]


def _claim_row(claim: Claim, article: Article | None, notes: _Footnotes) -> list[str]:
    shown = fmt_range(claim.low, claim.high) or fmt_value(claim.value)
    if claim.modality != "reported":
        shown += f" ({claim.modality})"
    cells = [claim.as_of or (article.published if article else None) or "", shown,
             claim.unit or "", claim.qualifier or "", (article.outlet if article else None) or "",
             claim.claimed_by_text or ""]
    return [md_escape(c) for c in cells] + [md_escape(claim.text) + notes.mark([claim])]


def _claims(view: StoryView, notes: _Footnotes) -> list[str]:
    lines = ["", "## Figures and claims"]
    articles = {a.id: a for a in view.articles}
    by_id = {c.id: c for c in view.story.claims}
    for group in view.story.claim_groups:
        members = [by_id[i] for i in group.claim_ids if i in by_id]
        status = f" ({md_escape(status_words(group.status))})" if group.status else ""
        lines += ["", f"### {md_escape(group.subject or 'figures')}{status}", "",
                  md_escape(state_group(group, members, articles)), ""]
        rows = [_claim_row(c, articles.get(c.article_id), notes) for c in members]
        lines += _table(["When", "Value", "Unit", "Qualifier", "Outlet", "Claimed by", "Text"],
                        rows)
    return lines if view.story.claim_groups else lines + ["", "*No claim groups.*"]


def _articles(view: StoryView) -> list[str]:
    lines = ["", "## Articles", ""]
    for a in sorted(view.articles, key=lambda a: a.published or "9999"):
        link = md_url(a.url)
        lines.append(f"- {md_escape(a.published or 'undated')} "
                     f"({md_escape(a.published_from.value)}) — "
                     f"{md_escape(a.outlet or 'unknown outlet')} — "
                     f"{md_escape(a.title or a.id)}" + (f" {link}" if link else ""))
    return lines


def story_markdown(view: StoryView) -> str:
    """The story of ``view`` as a Markdown document with footnoted citations."""
    notes = _Footnotes(view)
    lines = _head(view) + _brief(view, notes) + _timeline(view, notes)
    lines += _claims(view, notes) + _articles(view)
    footnotes = notes.lines()
    if footnotes:
        lines += ["", "---", ""] + footnotes
    return "\n".join(lines) + "\n"
