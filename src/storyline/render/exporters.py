"""Export formats: story JSON v1 (json, jsonl), Markdown briefs, CSV tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError

FORMATS = ("json", "jsonl", "md", "csv")


def export_text(stories: Sequence[dict], fmt: str) -> str:
    """Stories as text: one JSON object (or an array for several), JSON lines, or Markdown."""
    if fmt == "json":
        value = stories[0] if len(stories) == 1 else list(stories)
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in stories)
    if fmt == "md":
        from .markdown import story_markdown

        return "\n\n---\n\n".join(story_markdown(s) for s in stories) + "\n"
    raise UsageError(f"unknown text export format {fmt!r}", hint=f"one of {', '.join(FORMATS)}")


def write_csv(stories: Sequence[dict], target: Path) -> None:
    """CSV tables (quotes, claims, events, timeline, actors): a .zip file or a folder."""
    from .csv_export import story_csv_tables, write_csv_zip

    if target.suffix.lower() == ".zip":
        write_csv_zip(stories, target)
        return
    target.mkdir(parents=True, exist_ok=True)
    merged: dict[str, str] = {}
    for story in stories:
        for name, text in story_csv_tables(story).items():
            if name in merged:
                text = text.split("\n", 1)[1] if "\n" in text else ""
            merged[name] = merged.get(name, "") + text
    for name, text in merged.items():
        (target / f"{name}.csv").write_text(text, encoding="utf-8")
