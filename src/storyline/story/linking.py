"""Story linking: every quote's speaker and claim's claimant as a story actor.

The article's linking stage found the article actor (``Annotation.links``); the story's
actor merge maps it to the story actor. A quote whose speaker the article could not
resolve, written as a description ("the president's press secretary said ... Jen Psaki
added"), goes to the one person of the story whose roles (``Actor.roles``, from every
article) hold the description's words. This is the only place the story's
``Quote.speaker_actor_id`` and ``Claim.claimed_by_actor_id`` are written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..annotate.actors.lexicon import TITLE_ABBREVIATIONS
from ..pipeline import Stage
from ..records import Actor, Annotation, Claim, Quote

_POSSESSOR = re.compile(r"^.*['’]s?\s+")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their"})


def _story_actor(actor_id: str | None, actor_map: Mapping[str, str]) -> str | None:
    return actor_map.get(actor_id, actor_id) if actor_id else None


def _words(text: str) -> list[str]:
    out = []
    for word in text.replace("-", " ").split():
        low = word.casefold().strip(".,;:")
        out.append(TITLE_ABBREVIATIONS.get(low, low))
    return out


def by_role(description: str | None, actors: Sequence[Actor]) -> str | None:
    """The one person whose roles hold every word of a description ("press secretary"
    of "the president's press secretary"), ending in the same title; None when none or
    several do."""
    if not description:
        return None
    words = [w for w in _words(_POSSESSOR.sub("", description)) if w not in _DETERMINERS]
    if not words or len(words) > 5:
        return None
    found = {actor.id for actor in actors if actor.kind == "person" and any(
        _words(role)[-1:] == words[-1:] and set(words) <= set(_words(role))
        for role in actor.roles)}
    return found.pop() if len(found) == 1 else None


def link_story(sources: Sequence[Annotation], actor_map: Mapping[str, str],
               actors: Sequence[Actor] = ()) -> tuple[tuple[Quote, ...], tuple[Claim, ...]]:
    """The story's quotes and claims, each pointing at its story actor."""
    quotes: list[Quote] = []
    claims: list[Claim] = []
    for annotation in sources:
        links = {(link.item_id, link.role): link.actor_id for link in annotation.links}
        for quote in annotation.quotes:
            actor = _story_actor(links.get((quote.id, "speaker")), actor_map)
            if actor is None and quote.speaker_text:
                actor = by_role(quote.speaker_text, actors)
            quotes.append(replace(quote, speaker_actor_id=actor))
        claims.extend(replace(c, claimed_by_actor_id=_story_actor(
            links.get((c.id, "claimant")), actor_map)) for c in annotation.claims)
    return tuple(quotes), tuple(claims)


STAGE = Stage("linking", "story-linking-2", requires=("sources", "actor_map", "actors"),
              produces=("quotes", "claims"), run=link_story,
              doc="quote speakers and claimants mapped to story actors; unresolved "
                  "descriptions by the roles story actors hold")
