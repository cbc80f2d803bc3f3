"""A story as Markdown: the brief with footnoted citations, the timeline, the figures.

Article text is hostile: every piece of it is escaped so that no Markdown or HTML
construct in it becomes live (no links, images, raw HTML, headings); the only links are
http/https article URLs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from .html import inert, safe_url, shorten

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
    def __init__(self, story: dict) -> None:
        self.articles = {a["id"]: a for a in story.get("articles", [])}
        self.numbers: dict[tuple, int] = {}

    def mark(self, cites: Sequence[dict] | None) -> str:
        refs = []
        for cite in cites or ():
            key = (cite.get("article_id"), cite.get("start"), cite.get("end"))
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            refs.append(f"[^{number}]")
        return "".join(refs)

    def lines(self) -> list[str]:
        out = []
        for (article_id, start, end), number in self.numbers.items():
            article = self.articles.get(article_id, {})
            text = article.get("text") or ""
            cited = shorten(text[int(start or 0):int(end or 0)]) if text else article_id
            where = ", ".join(md_escape(x) for x in (article.get("outlet") or "unknown outlet",
                                                     article.get("published") or "undated"))
            link = md_url(article.get("url"))
            out.append(f"[^{number}]: “{md_escape(cited)}” — {where}"
                       + (f" {link}" if link else ""))
        return out


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table of already escaped cells."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(c or " " for c in row) + " |" for row in rows]


def _head(story: dict) -> list[str]:
    head = story.get("story", {})
    outlets = sorted({a.get("outlet") or "" for a in story.get("articles", [])} - {""})
    count = int(head.get("article_count") or 0)
    meta = (f"{head.get('first_published') or '?'} – {head.get('last_published') or '?'} · "
            f"{count} article{'' if count == 1 else 's'} · "
            f"{len(outlets)} outlet{'' if len(outlets) == 1 else 's'}")
    lines = [f"# {md_escape(head.get('title') or 'Untitled story')}", "", f"*{md_escape(meta)}*"]
    if outlets:
        lines += ["", "Outlets: " + ", ".join(md_escape(o) for o in outlets)]
    return lines


def _brief(story: dict, notes: _Footnotes) -> list[str]:
    lines = ["", "## Brief", ""]
    for sentence in story.get("brief", []):
        lines.append(f"- {md_escape(sentence.get('text'))}{notes.mark(sentence.get('citations'))}")
    return lines if story.get("brief") else lines + ["*No brief.*"]


def _timeline(story: dict, notes: _Footnotes) -> list[str]:
    lines = ["", "## Timeline", ""]
    for entry in story.get("timeline", []):
        lines.append(f"- **{md_escape(entry.get('date'))}** — {md_escape(entry.get('summary'))}"
                     f"{notes.mark(entry.get('citations'))}")
    return lines if story.get("timeline") else lines + ["*No timeline.*"]


def _claim_row(claim: dict, article: dict, notes: _Footnotes) -> list[str]:
    value = claim.get("value")
    shown = f"{value:,.0f}" if isinstance(value, (int, float)) and float(value).is_integer() \
        else str(value)
    cells = [claim.get("as_of") or article.get("published") or "", shown,
             claim.get("unit") or "", claim.get("qualifier") or "",
             article.get("outlet") or "", claim.get("claimed_by_text") or "", claim.get("text")]
    return [md_escape(c) for c in cells[:-1]] + [md_escape(cells[-1]) + notes.mark([claim])]


def _claims(story: dict, notes: _Footnotes) -> list[str]:
    lines = ["", "## Figures and claims"]
    articles = {a["id"]: a for a in story.get("articles", [])}
    by_id = {c["id"]: c for c in story.get("claims", [])}
    for group in story.get("claim_groups", []):
        members = [by_id[i] for i in group.get("claim_ids", []) if i in by_id]
        status = f" ({md_escape(group.get('status'))})" if group.get("status") else ""
        lines += ["", f"### {md_escape(group.get('subject') or 'figures')}{status}", ""]
        rows = [_claim_row(c, articles.get(c.get("article_id"), {}), notes) for c in members]
        lines += _table(["When", "Value", "Unit", "Qualifier", "Outlet", "Claimed by", "Text"],
                        rows)
    return lines if story.get("claim_groups") else lines + ["", "*No claim groups.*"]


def _articles(story: dict) -> list[str]:
    lines = ["", "## Articles", ""]
    for a in sorted(story.get("articles", []), key=lambda a: a.get("published") or "9999"):
        link = md_url(a.get("url"))
        lines.append(f"- {md_escape(a.get('published') or 'undated')} "
                     f"({md_escape(a.get('published_from') or 'unknown')}) — "
                     f"{md_escape(a.get('outlet') or 'unknown outlet')} — "
                     f"{md_escape(a.get('title') or a.get('id'))}" + (f" {link}" if link else ""))
    return lines


def story_markdown(story: dict) -> str:
    """The story JSON v1 dict ``story`` as a Markdown document with footnoted citations."""
    notes = _Footnotes(story)
    lines = _head(story) + _brief(story, notes) + _timeline(story, notes)
    lines += _claims(story, notes) + _articles(story)
    footnotes = notes.lines()
    if footnotes:
        lines += ["", "---", ""] + footnotes
    return "\n".join(lines) + "\n"
