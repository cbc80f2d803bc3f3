"""The JSON objects of listings, shared by /api/v1 and the CLI's ``--json``: story summaries,
article summaries, story items, search hits and annotations.

Uses only records and the story JSON v1 renderer; no SQL, no HTTP.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import quote

from ..records import Annotation, Article, Rejected, StoryItem
from ..render.json_v1 import article_json, item_json
from ..store.base import STORY_ITEM_KINDS, SearchHit, StorySummary

__all__ = ["STORY_ITEM_KINDS", "annotation_json", "article_summary", "hit_json", "item_json",
           "rejected_json", "story_item_json", "story_summary_json"]


def story_summary_json(summary: StorySummary, stale: bool) -> dict[str, Any]:
    """A story of the list (``stale``: built by other story stage versions or settings)."""
    return {"id": summary.id, "title": summary.title,
            "first_published": summary.first_published,
            "last_published": summary.last_published,
            "article_count": summary.article_count, "outlets": list(summary.outlets),
            "stale": stale}


def article_summary(article: Article) -> dict[str, Any]:
    """An article without its text (listing form)."""
    data = article_json(article)
    data.pop("text")
    data["text_chars"] = len(article.text)
    return data


def annotation_json(annotation: Annotation | None) -> dict[str, Any] | None:
    if annotation is None:
        return None
    data = dataclasses.asdict(annotation)
    data["versions"] = dict(annotation.versions)
    return data


def story_item_json(item: StoryItem) -> dict[str, Any]:
    """An actor, quote, claim or event of a listing across stories, with its ``story_id``."""
    return item_json(item)


def article_href(article_id: str, start: int) -> str:
    return f"/articles/{quote(article_id, safe='')}#s-{int(start)}"


_HIT_FIELDS = tuple(f.name for f in dataclasses.fields(SearchHit))  # flat: text and numbers


def hit_json(hit: SearchHit) -> dict[str, Any]:
    """A search hit with ``href``, the page of its article at the matching sentence."""
    data = {name: getattr(hit, name) for name in _HIT_FIELDS}
    data["href"] = article_href(hit.article_id, hit.start)
    return data


def rejected_json(item: Rejected) -> dict[str, str]:
    return {"source": item.source, "reason": getattr(item.reason, "value", item.reason),
            "detail": item.detail}
