"""Terminal presentation (rich): tables and the highlighted article view.

Article text, titles and every other stored value are hostile: they reach rich only as
``Text`` objects (never parsed as console markup, so ``[link=...]`` stays literal and makes
no hyperlink) and without control characters (escape sequences, carriage returns) or bidi
controls (a right-to-left override cannot reorder what the terminal shows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..records import Annotation, Article

# C0 controls except tab and line feed, DEL, C1 controls, and the bidi controls (LRM, RLM,
# ALM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI)
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f"
                          "\u202a-\u202e\u2066-\u2069]")


def safe_str(value: object) -> str:
    """``value`` as a string without control or bidi characters."""
    return UNSAFE_CHARS.sub("", "" if value is None else str(value))


def inert(value: object, style: str = "") -> Text:
    """A table cell or line for untrusted ``value``: plain text, never console markup."""
    return Text(safe_str(value), style=style)


def _without_unsafe(text: Text) -> Text:
    """``text`` (already styled by character offsets) with the unsafe characters cut out."""
    cuts = [m.start() for m in UNSAFE_CHARS.finditer(text.plain)]
    if not cuts:
        return text
    offsets = sorted({o for cut in cuts for o in (cut, cut + 1)})
    pieces = text.divide(offsets)
    starts, dropped = [0, *offsets], set(cuts)
    keep = [piece for start, piece in zip(starts, pieces) if start not in dropped]
    return Text("").join(keep)


STYLES = {
    "quote": "italic green",
    "claim": "bold yellow",
    "time": "cyan",
    "actor": "bold magenta",
}


def articles_table(items: Sequence[Article]) -> Table:
    table = Table(title=f"{len(items)} articles")
    for column in ("id", "date", "from", "outlet", "title", "chars", "duplicate_of"):
        table.add_column(column, overflow="fold")
    for a in items:
        table.add_row(*map(inert, (a.id, a.published or "-", a.published_from.value,
                                   a.outlet or "-", a.title or "-", len(a.text),
                                   a.duplicate_of or "")))
    return table


def stories_table(items, stale: Sequence[bool] = ()) -> Table:
    """The story list; a story in ``stale`` (same order) is marked so."""
    stale = list(stale) or [False] * len(items)
    count = sum(stale)
    title = f"{len(items)} stories" + (f", {count} stale (storyline rebuild)" if count else "")
    table = Table(title=title)
    for column in ("id", "first", "last", "articles", "outlets", "title", "state"):
        table.add_column(column, overflow="fold")
    for s, old in zip(items, stale):
        table.add_row(*map(inert, (s.id, s.first_published or "-", s.last_published or "-",
                                   s.article_count, ", ".join(s.outlets), s.title,
                                   "stale" if old else "")))
    return table


def stages_tables(layers) -> list[Table]:
    """The declared stage tables (``pipeline.Table`` records), one terminal table each."""
    tables = []
    for layer in layers:
        table = Table(title=f"{layer.layer} stages, in order (inputs: {', '.join(layer.inputs)})")
        for column in ("stage", "version", "requires", "produces", "module", "settings"):
            table.add_column(column, overflow="fold")
        for stage in layer.stages:
            table.add_row(stage.name, stage.version, ", ".join(stage.requires),
                          ", ".join(stage.produces), stage.module, stage.settings or "")
        tables.append(table)
    return tables


def highlighted_text(article: Article, annotation: Annotation | None) -> Text:
    text = Text(article.text)
    if annotation is None:
        return _without_unsafe(text)
    spans = [("actor", m.start, m.end) for m in annotation.mentions]
    spans += [("time", t.start, t.end) for t in annotation.times]
    spans += [("quote", q.start, q.end) for q in annotation.quotes]
    spans += [("claim", c.start, c.end) for c in annotation.claims]
    for kind, start, end in spans:
        text.stylize(STYLES[kind], start, end)
    return _without_unsafe(text)


def _annotation_tables(annotation: Annotation) -> list[Table]:
    quotes = Table(title=f"{len(annotation.quotes)} quotes")
    for column in ("speaker", "cue", "direct", "text"):
        quotes.add_column(column, overflow="fold")
    for q in annotation.quotes:
        quotes.add_row(*map(inert, (q.speaker_text or "?", q.cue or "",
                                    "yes" if q.direct else "no", q.text)))
    claims = Table(title=f"{len(annotation.claims)} numeric claims")
    for column in ("value", "unit", "qualifier", "subject", "as of", "claimed by", "text"):
        claims.add_column(column, overflow="fold")
    for c in annotation.claims:
        claims.add_row(*map(inert, (f"{c.value:g}", c.unit or "", c.qualifier or "",
                                    c.subject or "", c.as_of or "", c.claimed_by_text or "",
                                    c.text)))
    times = Table(title=f"{len(annotation.times)} time expressions")
    for column in ("text", "value", "granularity", "ambiguous"):
        times.add_column(column)
    for t in annotation.times:
        times.add_row(*map(inert, (t.text, t.value or "?", t.granularity,
                                   ", ".join(t.alternatives) if t.ambiguous else "")))
    actors = Table(title=f"{len(annotation.actors)} actors")
    for column in ("name", "kind", "roles", "aliases", "mentions"):
        actors.add_column(column, overflow="fold")
    for a in annotation.actors:
        actors.add_row(*map(inert, (a.name, a.kind, "; ".join(a.roles), "; ".join(a.aliases),
                                    a.mention_count)))
    return [actors, quotes, claims, times]


def article_view(article: Article, annotation: Annotation | None, story_id: str | None,
                 *, plain: bool = False) -> list:
    head = Table.grid(padding=(0, 2))
    for label, value in (("id", article.id), ("title", article.title), ("outlet", article.outlet),
                         ("authors", ", ".join(article.authors)),
                         ("published", (f"{article.published or '-'} "
                                        f"({article.published_from.value})")),
                         ("source", article.source), ("story", story_id),
                         ("duplicate of", article.duplicate_of)):
        if value:
            head.add_row(label, inert(value))
    body = inert(article.text) if plain else highlighted_text(article, annotation)
    parts: list = [head, Panel(body, title="cleaned text")]
    if not plain and annotation is not None:
        legend = Text("legend: ")
        for kind, style in STYLES.items():
            legend.append(kind, style=style)
            legend.append("  ")
        parts.append(legend)
    removed = Table(title=f"{len(article.removed)} removed lines")
    removed.add_column("reason")
    removed.add_column("line", overflow="fold")
    for r in article.removed:
        removed.add_row(inert(r.reason), inert(r.line))
    parts.append(removed)
    if annotation is not None:
        parts.extend(_annotation_tables(annotation))
    return parts
