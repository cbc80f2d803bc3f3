"""Quote speakers and claimants linked to the actors of their article.

A quote's speaker is the actor of the mention its speaker span overlaps. A claim's
claimant is, in order: the actor a quote with the same speaker words was linked to, an
actor whose name or alias is those words (without a leading "the"), or the actor a
person's surname alone names when only one person of the article has it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...records import Actor, ActorLink, Claim, Mention, Quote


def _speaker_actor(quote: Quote, mentions: Sequence[Mention]) -> str | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    for mention in mentions:
        if mention.actor_id and mention.start < quote.speaker_end and \
                quote.speaker_start < mention.end:
            return mention.actor_id
    return None


def actor_names(actors: Sequence[Actor]) -> dict[str, str]:
    """Lower-cased names and aliases -> actor id; a person's surname too when unique."""
    names: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for actor in actors:
        for name in (actor.name, *actor.aliases):
            names.setdefault(name.lower(), actor.id)
        if actor.kind == "person" and " " in actor.name:
            surnames.setdefault(actor.name.split()[-1].lower(), set()).add(actor.id)
    for surname, ids in surnames.items():
        if len(ids) == 1:
            names.setdefault(surname, next(iter(ids)))
    return names


def _claimant(text: str, by_speaker: dict[str, str], by_name: dict[str, str]
              ) -> tuple[str | None, str]:
    if text in by_speaker:
        return by_speaker[text], "quote"
    key = text.lower().removeprefix("the ")
    if not key:
        return None, ""
    found = by_name.get(key) or by_name.get(key.split()[-1])
    return found, "name" if found else ""


def link_items(quotes: Sequence[Quote], claims: Sequence[Claim], mentions: Sequence[Mention],
               actors: Sequence[Actor]) -> tuple[ActorLink, ...]:
    """One link per quote (its speaker) and per claim with claimant words (its claimant)."""
    links: list[ActorLink] = []
    by_speaker: dict[str, str] = {}
    for quote in quotes:
        actor = _speaker_actor(quote, mentions)
        links.append(ActorLink(quote.id, "speaker", actor, "mention" if actor else ""))
        if actor and quote.speaker_text:
            by_speaker[quote.speaker_text] = actor
    by_name = actor_names(actors)
    for claim in claims:
        if claim.claimed_by_text:
            actor, method = _claimant(claim.claimed_by_text, by_speaker, by_name)
            links.append(ActorLink(claim.id, "claimant", actor, method))
    return tuple(links)
