"""Compose the story stages into one Story. Only composition lives here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..config import Settings
from ..pipeline import run_table
from ..records import Annotation, Article, Story
from . import STAGES


def build_story(story_id: str, articles: Sequence[Article],
                annotations: Mapping[str, Annotation], settings: Settings) -> Story:
    """The whole story of ``articles`` (already clustered together) from their annotations."""
    slots = run_table(STAGES, {"story_id": story_id, "articles": articles,
                               "annotations": annotations}, settings)
    header = slots["header"]
    return Story(
        id=story_id,
        title=header.title,
        article_ids=tuple(a.id for a in slots["members"]),
        first_published=header.first_published,
        last_published=header.last_published,
        actors=slots["actors"],
        quotes=slots["quotes"],
        claims=slots["claims"],
        claim_groups=slots["claim_groups"],
        events=slots["events"],
        timeline=slots["timeline"],
        brief=slots["brief"],
    )

