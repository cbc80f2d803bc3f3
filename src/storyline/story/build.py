"""Compose the story stages into one Story. Only composition lives here."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..config import StorySettings
from ..records import Annotation, Article, Story
from . import actors as actors_stage
from . import brief as brief_stage
from . import claims as claims_stage
from . import events as events_stage
from . import timeline as timeline_stage

_ISO = re.compile(r"^\d{4}(-\d{2}){0,2}$")
_CALENDAR = {"day", "month", "year"}
STORY_TIMELINE_DATES = 15  # a story's timeline shows every dated point up to this many


def dated_sentences(articles: Sequence[Article], annotations: Mapping[str, Annotation]):
    """Every sentence with the dates it mentions, or its article's publication date."""
    out = []
    for article in articles:
        annotation = annotations.get(article.id)
        if annotation is None:
            continue
        for sentence in annotation.sentences:
            inside = [t for t in annotation.times
                      if t.start >= sentence.start and t.end <= sentence.end
                      and t.value and t.granularity in _CALENDAR and _ISO.match(t.value)]
            pairs = [(t.value, t.granularity, True) for t in inside]
            if not pairs and article.published:
                pairs = [(article.published, "day", False)]
            for date, granularity, mentioned in dict.fromkeys(pairs):
                out.append(timeline_stage.DatedSentence(
                    article_id=article.id, start=sentence.start, end=sentence.end,
                    text=sentence.text, date=date, granularity=granularity,
                    published=article.published, outlet=article.outlet, mentioned=mentioned))
    return out


def story_timeline(sentences):
    """The story's timeline: the method's own length, or every dated point of a small story.

    Benchmarks of the field (Timeline17) reward a few important dates; a reader of one story
    also wants the background dates a single article mentions (an annexation, a summit), so
    a story keeps up to STORY_TIMELINE_DATES dates, the most important first.
    """
    scores = timeline_stage.score_dates(sentences)
    wanted = max(timeline_stage.auto_length(scores), min(STORY_TIMELINE_DATES, len(scores)))
    return timeline_stage.build_timeline(sentences, max_dates=wanted)


def _story_title(articles: Sequence[Article]) -> str:
    titled = [a for a in articles if a.title]
    if titled:
        latest = max(titled, key=lambda a: (a.published or "", a.id))
        return latest.title or ""
    first = articles[0].text.strip().split("\n")[0] if articles else ""
    return first[:120]


def _remap(annotations: Sequence[Annotation], actor_map: Mapping[str, str]):
    quotes, claims, events = [], [], []
    for annotation in annotations:
        for q in annotation.quotes:
            quotes.append(replace(q, speaker_actor_id=actor_map.get(q.speaker_actor_id or "",
                                                                    q.speaker_actor_id)))
        for c in annotation.claims:
            claims.append(replace(c, claimed_by_actor_id=actor_map.get(
                c.claimed_by_actor_id or "", c.claimed_by_actor_id)))
        events.extend(annotation.events)
    return quotes, claims, events


def build_story(story_id: str, articles: Sequence[Article],
                annotations: Mapping[str, Annotation], settings: StorySettings) -> Story:
    """The whole story of ``articles`` (already clustered together) from their annotations."""
    ordered = sorted(articles, key=lambda a: (a.published or "9999", a.id))
    originals = [a for a in ordered if not a.duplicate_of]
    present = [annotations[a.id] for a in originals if a.id in annotations]
    actors, actor_map = actors_stage.merge_actors([a.actors for a in present])
    quotes, claims, events = _remap(present, actor_map)
    by_id = {a.id: a for a in ordered}
    timeline = story_timeline(dated_sentences(originals, annotations))
    sentences = [s for a in present for s in a.sentences]
    brief = brief_stage.write_brief(sentences, by_id, timeline=timeline,
                                    min_sentences=settings.brief_min,
                                    max_sentences=settings.brief_max)
    dates = sorted(a.published for a in ordered if a.published)
    return Story(
        id=story_id,
        title=_story_title(ordered),
        article_ids=tuple(a.id for a in ordered),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        actors=actors,
        quotes=tuple(quotes),
        claims=tuple(claims),
        claim_groups=claims_stage.group_claims(claims, by_id),
        events=events_stage.merge_events(events, actor_map),
        timeline=timeline,
        brief=brief,
    )
