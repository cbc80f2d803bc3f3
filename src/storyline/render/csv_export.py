"""A story as CSV tables (quotes, claims, events, timeline, actors) and a zip of them.

Cells that a spreadsheet would run as a formula (starting with = + - @ or a tab) get a
leading apostrophe: article text is hostile.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from ..records import Citation, StoryView

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def cell(value: object) -> object:
    """A CSV cell; strings that look like spreadsheet formulas are defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def citations_cell(cites: Iterable[Citation]) -> str:
    return ";".join(f"{c.article_id}:{c.start}-{c.end}" for c in cites)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _names(view: StoryView) -> dict[str, str]:
    return {a.id: a.name or "" for a in view.story.actors}


def _sources(view: StoryView) -> dict[str, tuple[str | None, str | None]]:
    """(outlet, published) of every article of the story."""
    return {a.id: (a.outlet, a.published) for a in view.articles}


def _quotes(view: StoryView) -> str:
    names, sources = _names(view), _sources(view)
    header = ["id", "speaker", "speaker_actor_id", "speaker_text", "direct", "cue", "text",
              "article_id", "start", "end", "outlet", "published"]
    rows = [[q.id, names.get(q.speaker_actor_id or "", ""), q.speaker_actor_id, q.speaker_text,
             q.direct, q.cue, q.text, q.article_id, q.start, q.end,
             *sources.get(q.article_id, (None, None))]
            for q in view.story.quotes]
    return to_csv(header, rows)


def _claims(view: StoryView) -> str:
    names, sources = _names(view), _sources(view)
    group_of = {cid: g.id for g in view.story.claim_groups for cid in g.claim_ids}
    header = ["id", "group_id", "subject", "value", "unit", "qualifier", "as_of",
              "claimed_by", "claimed_by_actor_id", "text", "article_id", "start", "end",
              "outlet", "published", "modality", "low", "high"]
    rows = []
    for c in view.story.claims:
        who = names.get(c.claimed_by_actor_id or "") or c.claimed_by_text
        rows.append([c.id, group_of.get(c.id), c.subject, c.value, c.unit, c.qualifier, c.as_of,
                     who, c.claimed_by_actor_id, c.text, c.article_id, c.start, c.end,
                     *sources.get(c.article_id, (None, None)), c.modality, c.low, c.high])
    return to_csv(header, rows)


def _events(view: StoryView) -> str:
    names = _names(view)
    header = ["id", "date", "type", "modality", "source", "target", "source_actor_id",
              "target_actor_id", "text", "citations"]
    rows = [[e.id, e.date, e.type, e.modality, names.get(e.source_actor_id or "", ""),
             names.get(e.target_actor_id or "", ""), e.source_actor_id, e.target_actor_id,
             e.text, citations_cell(e.citations)] for e in view.story.events]
    return to_csv(header, rows)


def _timeline(view: StoryView) -> str:
    rows = [[t.date, t.granularity, t.summary, citations_cell(t.citations)]
            for t in view.story.timeline]
    return to_csv(["date", "granularity", "summary", "citations"], rows)


def _actors(view: StoryView) -> str:
    rows = [[a.id, a.name, a.kind, "; ".join(a.aliases), "; ".join(a.roles), a.mention_count,
             len(a.article_ids)] for a in view.story.actors]
    return to_csv(["id", "name", "kind", "aliases", "roles", "mention_count", "article_count"],
                  rows)


TABLES: dict[str, Callable[[StoryView], str]] = {
    "quotes": _quotes, "claims": _claims, "events": _events, "timeline": _timeline,
    "actors": _actors,
}


def story_csv_tables(view: StoryView) -> dict[str, str]:
    """The CSV text of each table (quotes, claims, events, timeline, actors) of a story."""
    return {name: build(view) for name, build in TABLES.items()}


def write_csv_zip(stories: Sequence[StoryView], path: str | Path | BinaryIO) -> Path | BinaryIO:
    """Write ``<story id>/<table>.csv`` for every story into the zip file at ``path``.

    ``path`` may also be a writable binary file object (it is returned as given).
    """
    target = path if hasattr(path, "write") else Path(path)  # type: ignore[arg-type]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for view in stories:
            story_id = view.story.id or "story"
            safe_id = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in story_id)
            for name, text in story_csv_tables(view).items():
                info = zipfile.ZipInfo(f"{safe_id}/{name}.csv", date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text.encode("utf-8"))
    return target
