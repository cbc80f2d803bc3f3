"""Actors of one article: mentions merged into canonical people, organisations, places."""

from __future__ import annotations

from collections.abc import Sequence

from ...pipeline import Stage
from ...records import Actor, Article, Mention
from .resolve import actor_id, normalize_name, resolve_actors

VERSION = "actors-3"


def run(entity_mentions: Sequence[Mention], article: Article
        ) -> tuple[tuple[Actor, ...], tuple[Mention, ...]]:
    return resolve_actors(entity_mentions, article.text, article.id)


STAGE = Stage("actors", VERSION, requires=("entity_mentions", "article"),
              produces=("actors", "mentions"), run=run,
              doc="canonical actors; every mention gets its actor id")

__all__ = ["STAGE", "actor_id", "normalize_name", "resolve_actors"]
