"""A story's members: its articles in publication order, the originals' annotations, and
the story's header (title and first/last publication dates)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..pipeline import Stage
from ..records import Annotation, Article


@dataclass(frozen=True, slots=True)
class StoryHeader:
    title: str
    first_published: str | None
    last_published: str | None


def order_members(articles: Sequence[Article], annotations: Mapping[str, Annotation]
                  ) -> tuple[tuple[Article, ...], tuple[Annotation, ...]]:
    """Every member by publication date (undated last), and the annotations of the
    members that are no duplicate, in the same order."""
    ordered = tuple(sorted(articles, key=lambda a: (a.published or "9999", a.id)))
    sources = tuple(annotations[a.id] for a in ordered
                    if not a.duplicate_of and a.id in annotations)
    return ordered, sources


def story_title(articles: Sequence[Article]) -> str:
    """The latest titled article's title, else the first line of the first article."""
    titled = [a for a in articles if a.title]
    if titled:
        latest = max(titled, key=lambda a: (a.published or "", a.id))
        return latest.title or ""
    first = articles[0].text.strip().split("\n")[0] if articles else ""
    return first[:120]


def story_header(members: Sequence[Article]) -> StoryHeader:
    dates = sorted(a.published for a in members if a.published)
    return StoryHeader(story_title(members), dates[0] if dates else None,
                       dates[-1] if dates else None)


MEMBERS = Stage("members", "members-1", requires=("articles", "annotations"),
                produces=("members", "sources"), run=order_members,
                doc="members in publication order; the annotations of the originals")
HEADER = Stage("header", "header-1", requires=("members",), produces=("header",),
               run=story_header, doc="the story's title and first/last publication dates")
