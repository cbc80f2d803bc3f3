"""Story linking: every quote's speaker and claim's claimant as a story actor.

The article's linking stage found the article actor (``Annotation.links``); the story's
actor merge maps it to the story actor. This is the only place the story's
``Quote.speaker_actor_id`` and ``Claim.claimed_by_actor_id`` are written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..pipeline import Stage
from ..records import Annotation, Claim, Quote


def _story_actor(actor_id: str | None, actor_map: Mapping[str, str]) -> str | None:
    return actor_map.get(actor_id, actor_id) if actor_id else None


def link_story(sources: Sequence[Annotation], actor_map: Mapping[str, str]
               ) -> tuple[tuple[Quote, ...], tuple[Claim, ...]]:
    """The story's quotes and claims, each pointing at its story actor."""
    quotes: list[Quote] = []
    claims: list[Claim] = []
    for annotation in sources:
        links = {(link.item_id, link.role): link.actor_id for link in annotation.links}
        quotes.extend(replace(q, speaker_actor_id=_story_actor(
            links.get((q.id, "speaker")), actor_map)) for q in annotation.quotes)
        claims.extend(replace(c, claimed_by_actor_id=_story_actor(
            links.get((c.id, "claimant")), actor_map)) for c in annotation.claims)
    return tuple(quotes), tuple(claims)


STAGE = Stage("linking", "story-linking-1", requires=("sources", "actor_map"),
              produces=("quotes", "claims"), run=link_story,
              doc="quote speakers and claimants mapped to story actors")
