"""Compose the per-article annotate stages into one Annotation (pure: no I/O)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..records import Annotation, Article, Mention, Quote
from . import actors as actors_stage
from . import claims as claims_stage
from . import events as events_stage
from . import mentions as mentions_stage
from . import quotes as quotes_stage
from . import times as times_stage


def stage_versions(model_version: str, reference: str | None) -> dict[str, str]:
    """The versions an annotation depends on; a change re-annotates the article."""
    return {
        "model": model_version,
        "mentions": getattr(mentions_stage, "MENTIONS_VERSION", "0"),
        "actors": getattr(actors_stage, "ACTORS_VERSION", "0"),
        "times": getattr(times_stage, "TIMES_VERSION", "0"),
        "quotes": getattr(quotes_stage, "QUOTES_VERSION", "0"),
        "claims": getattr(claims_stage, "CLAIMS_VERSION", "0"),
        "events": getattr(events_stage, "EVENTS_VERSION", "0"),
        "reference": reference or "",
    }


def _speaker_actor(quote: Quote, mentions: Sequence[Mention]) -> str | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    for mention in mentions:
        if mention.actor_id and mention.start < quote.speaker_end and \
                quote.speaker_start < mention.end:
            return mention.actor_id
    return None


def _link_quotes(quotes: Sequence[Quote], mentions: Sequence[Mention]) -> tuple[Quote, ...]:
    return tuple(replace(q, speaker_actor_id=_speaker_actor(q, mentions)) for q in quotes)


def _actor_by_name(actors) -> dict[str, str]:
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


def _claimer_id(text: str, by_speaker: dict, by_name: dict) -> str | None:
    if text in by_speaker:
        return by_speaker[text]
    key = text.lower().removeprefix("the ")
    return by_name.get(key) or by_name.get(key.split()[-1]) if key else None


def _claimer_ids(claims, quotes: Sequence[Quote], actors):
    by_speaker = {q.speaker_text: q.speaker_actor_id for q in quotes if q.speaker_actor_id}
    by_name = _actor_by_name(actors)
    return tuple(replace(c, claimed_by_actor_id=_claimer_id(c.claimed_by_text, by_speaker,
                                                             by_name))
                 if c.claimed_by_text and not c.claimed_by_actor_id else c for c in claims)


def annotate_article(article: Article, doc, versions: Mapping[str, str]) -> Annotation:
    """Every annotate stage over one article and its spaCy ``doc`` of ``article.text``."""
    article_id, reference = article.id, article.published
    sentences = mentions_stage.find_sentences(doc, article_id)
    raw_mentions = mentions_stage.find_mentions(doc, article_id)
    actors, mentions = actors_stage.resolve_actors(raw_mentions, article.text, article_id)
    times = times_stage.find_times(article.text, reference, article_id=article_id, doc=doc)
    quotes = _link_quotes(quotes_stage.find_quotes(doc, article_id, mentions), mentions)
    claims = claims_stage.find_claims(doc, article_id, quotes=quotes, times=times,
                                      reference=reference)
    events = events_stage.find_events(doc, article_id, mentions, times=times,
                                      reference=reference)
    return Annotation(
        article_id=article_id,
        versions=tuple(sorted(versions.items())),
        sentences=sentences,
        mentions=mentions,
        times=times,
        quotes=quotes,
        claims=_claimer_ids(claims, quotes, actors),
        actors=actors,
        events=events,
    )
