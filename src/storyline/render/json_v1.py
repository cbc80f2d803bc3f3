"""Story JSON v1: the public output contract (see docs/story-json.md).

Fields may be added; none may be removed or renamed without a new schema version.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Actor, Article, Citation, Claim, Event, Quote, Story, StoryItem

SCHEMA = "storyline.story/v1"


def citation_json(citation: Citation) -> dict:
    return {"article_id": citation.article_id, "start": citation.start, "end": citation.end}


def article_json(article: Article) -> dict:
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "authors": list(article.authors),
        "url": article.url,
        "published": article.published,
        "published_from": article.published_from.value,
        "published_confidence": article.published_confidence,
        "text": article.text,
        "removed": [{"line": r.line, "reason": r.reason} for r in article.removed],
        "duplicate_of": article.duplicate_of,
    }


def actor_json(actor: Actor) -> dict:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "roles": list(actor.roles),
        "mention_count": actor.mention_count,
        "article_ids": list(actor.article_ids),
        "affiliations": list(actor.affiliations),
    }


def quote_json(quote: Quote) -> dict:
    return {
        "id": quote.id,
        "text": quote.text,
        "direct": quote.direct,
        "speaker_actor_id": quote.speaker_actor_id,
        "speaker_text": quote.speaker_text,
        "cue": quote.cue,
        "article_id": quote.article_id,
        "start": quote.start,
        "end": quote.end,
    }


def claim_json(claim: Claim, group_of: dict[str, str]) -> dict:
    return {
        "id": claim.id,
        "text": claim.text,
        "value": claim.value,
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "subject": claim.subject,
        "as_of": claim.as_of,
        "claimed_by_actor_id": claim.claimed_by_actor_id,
        "claimed_by_text": claim.claimed_by_text,
        "article_id": claim.article_id,
        "start": claim.start,
        "end": claim.end,
        "group_id": group_of.get(claim.id),
        "modality": claim.modality,
        "low": claim.low,
        "high": claim.high,
        "change": claim.change,
        "dimension": claim.dimension,
        "concept": claim.concept,
        "owner": claim.owner,
        "vague": claim.vague,
    }


def event_json(event: Event) -> dict:
    return {
        "id": event.id,
        "type": event.type,
        "source_actor_id": event.source_actor_id,
        "target_actor_id": event.target_actor_id,
        "date": event.date,
        "modality": event.modality,
        "text": event.text,
        "citations": [citation_json(c) for c in event.citations],
    }


def story_json(story: Story, articles: Sequence[Article]) -> dict:
    """The story JSON v1 document of ``story`` with the given member ``articles``."""
    group_of = {cid: g.id for g in story.claim_groups for cid in g.claim_ids}
    return {
        "schema": SCHEMA,
        "story": {
            "id": story.id,
            "title": story.title,
            "first_published": story.first_published,
            "last_published": story.last_published,
            "article_count": len(articles),
        },
        "articles": [article_json(a) for a in articles],
        "actors": [actor_json(a) for a in story.actors],
        "quotes": [quote_json(q) for q in story.quotes],
        "claims": [claim_json(c, group_of) for c in story.claims],
        "claim_groups": [
            {"id": g.id, "subject": g.subject, "claim_ids": list(g.claim_ids), "status": g.status,
             "key": g.key, "unit": g.unit}
            for g in story.claim_groups
        ],
        "events": [event_json(e) for e in story.events],
        "timeline": [
            {"date": t.date, "granularity": t.granularity, "summary": t.summary,
             "citations": [citation_json(c) for c in t.citations], "expected": t.expected}
            for t in story.timeline
        ],
        "brief": [
            {"text": b.text, "citations": [citation_json(c) for c in b.citations]}
            for b in story.brief
        ],
        **({"extra": story.extra} if story.extra else {}),
    }


def item_json(item: StoryItem) -> dict:
    """One story item of a listing across stories, with its ``story_id``."""
    if item.kind == "actors":
        data = actor_json(item.item)
    elif item.kind == "quotes":
        data = quote_json(item.item)
    elif item.kind == "claims":
        data = claim_json(item.item, {item.item.id: item.group_id} if item.group_id else {})
    else:
        data = event_json(item.item)
    return {**data, "story_id": item.story_id}
