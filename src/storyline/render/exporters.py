"""Export formats: story JSON v1 (json, jsonl), Markdown briefs, CSV tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError
from ..records import StoryView
from .json_v1 import story_json

FORMATS = ("json", "jsonl", "md", "csv")


def story_documents(views: Sequence[StoryView]) -> list[dict]:
    """The story JSON v1 document of each story."""
    return [story_json(v.story, v.articles) for v in views]


def export_text(views: Sequence[StoryView], fmt: str) -> str:
    """Stories as text: a JSON array of story JSON v1 documents (always an array, one story
    or many), JSON lines, or Markdown."""
    if fmt == "json":
        return json.dumps(story_documents(views), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in story_documents(views))
    if fmt == "md":
        from .markdown import story_markdown

        return "\n\n---\n\n".join(story_markdown(v) for v in views) + "\n"
    raise UsageError(f"unknown text export format {fmt!r}", hint=f"one of {', '.join(FORMATS)}")


def write_csv(views: Sequence[StoryView], target: Path) -> None:
    """CSV tables (quotes, claims, events, timeline, actors): a .zip file or a folder."""
    from .csv_export import story_csv_tables, write_csv_zip

    if target.suffix.lower() == ".zip":
        write_csv_zip(views, target)
        return
    target.mkdir(parents=True, exist_ok=True)
    merged: dict[str, str] = {}
    for view in views:
        for name, text in story_csv_tables(view).items():
            if name in merged:
                text = text.split("\n", 1)[1] if "\n" in text else ""
            merged[name] = merged.get(name, "") + text
    for name, text in merged.items():
        (target / f"{name}.csv").write_text(text, encoding="utf-8")
