"""Actors of one article: mentions merged into canonical people, organisations, places."""

from __future__ import annotations

from collections.abc import Sequence

from ...pipeline import Stage
from ...records import Actor, Article, Mention
from .resolve import actor_id, normalize_name, resolve_actors

VERSION = "actors-10"


def run(entity_mentions: Sequence[Mention], article: Article, doc
        ) -> tuple[tuple[Actor, ...], tuple[Mention, ...]]:
    return resolve_actors(entity_mentions, article.text, article.id, doc)


STAGE = Stage("actors", VERSION, requires=("entity_mentions", "article", "doc"),
              produces=("actors", "mentions"), run=run,
              lexicon="storyline.annotate.actors.lexicon",
              doc="canonical actors (people, organisations, places, groups, unnamed "
                  "sources); every mention, pronouns and descriptions too, gets its actor")

__all__ = ["STAGE", "actor_id", "normalize_name", "resolve_actors"]
