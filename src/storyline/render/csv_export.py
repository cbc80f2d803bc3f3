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


def citations_cell(cites: Iterable[dict] | None) -> str:
    return ";".join(f"{c.get('article_id')}:{c.get('start')}-{c.get('end')}" for c in cites or ())


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _context(story: dict) -> tuple[dict[str, dict], dict[str, str]]:
    articles = {a["id"]: a for a in story.get("articles", [])}
    names = {a["id"]: a.get("name") or "" for a in story.get("actors", [])}
    return articles, names


def _quotes(story: dict) -> str:
    articles, names = _context(story)
    header = ["id", "speaker", "speaker_actor_id", "speaker_text", "direct", "cue", "text",
              "article_id", "start", "end", "outlet", "published"]
    rows = []
    for q in story.get("quotes", []):
        a = articles.get(q.get("article_id"), {})
        rows.append([q.get("id"), names.get(q.get("speaker_actor_id") or "", ""),
                     q.get("speaker_actor_id"), q.get("speaker_text"), q.get("direct"),
                     q.get("cue"), q.get("text"), q.get("article_id"), q.get("start"),
                     q.get("end"), a.get("outlet"), a.get("published")])
    return to_csv(header, rows)


def _claims(story: dict) -> str:
    articles, names = _context(story)
    header = ["id", "group_id", "subject", "value", "unit", "qualifier", "as_of",
              "claimed_by", "claimed_by_actor_id", "text", "article_id", "start", "end",
              "outlet", "published"]
    rows = []
    for c in story.get("claims", []):
        a = articles.get(c.get("article_id"), {})
        who = names.get(c.get("claimed_by_actor_id") or "") or c.get("claimed_by_text")
        rows.append([c.get("id"), c.get("group_id"), c.get("subject"), c.get("value"),
                     c.get("unit"), c.get("qualifier"), c.get("as_of"), who,
                     c.get("claimed_by_actor_id"), c.get("text"), c.get("article_id"),
                     c.get("start"), c.get("end"), a.get("outlet"), a.get("published")])
    return to_csv(header, rows)


def _events(story: dict) -> str:
    _, names = _context(story)
    header = ["id", "date", "type", "modality", "source", "target", "source_actor_id",
              "target_actor_id", "text", "citations"]
    rows = [[e.get("id"), e.get("date"), e.get("type"), e.get("modality"),
             names.get(e.get("source_actor_id") or "", ""),
             names.get(e.get("target_actor_id") or "", ""), e.get("source_actor_id"),
             e.get("target_actor_id"), e.get("text"), citations_cell(e.get("citations"))]
            for e in story.get("events", [])]
    return to_csv(header, rows)


def _timeline(story: dict) -> str:
    rows = [[t.get("date"), t.get("granularity"), t.get("summary"),
             citations_cell(t.get("citations"))] for t in story.get("timeline", [])]
    return to_csv(["date", "granularity", "summary", "citations"], rows)


def _actors(story: dict) -> str:
    rows = [[a.get("id"), a.get("name"), a.get("kind"), "; ".join(a.get("aliases") or ()),
             "; ".join(a.get("roles") or ()), a.get("mention_count"),
             len(a.get("article_ids") or ())] for a in story.get("actors", [])]
    return to_csv(["id", "name", "kind", "aliases", "roles", "mention_count", "article_count"],
                  rows)


TABLES: dict[str, Callable[[dict], str]] = {
    "quotes": _quotes, "claims": _claims, "events": _events, "timeline": _timeline,
    "actors": _actors,
}


def story_csv_tables(story: dict) -> dict[str, str]:
    """The CSV text of each table (quotes, claims, events, timeline, actors) of ``story``."""
    return {name: build(story) for name, build in TABLES.items()}


def write_csv_zip(stories: Sequence[dict], path: str | Path | BinaryIO) -> Path | BinaryIO:
    """Write ``<story id>/<table>.csv`` for every story into the zip file at ``path``.

    ``path`` may also be a writable binary file object (it is returned as given).
    """
    target = path if hasattr(path, "write") else Path(path)  # type: ignore[arg-type]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for story in stories:
            story_id = str(story.get("story", {}).get("id") or "story")
            safe_id = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in story_id)
            for name, text in story_csv_tables(story).items():
                info = zipfile.ZipInfo(f"{safe_id}/{name}.csv", date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text.encode("utf-8"))
    return target
