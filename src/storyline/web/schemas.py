"""Pydantic response models of /api/v1: what every route returns, for OpenAPI and clients.

The story JSON v1 models spell out the public contract (docs/story-json.md). Fields may be
added to v1, so those models keep fields they do not name (``extra="allow"``); a test checks
that every field the exporter writes is named here. Annotation parts reuse the records
themselves (stdlib dataclasses), so they follow ``records.py``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..records import (
    Actor,
    ActorLink,
    Claim,
    DateSource,
    Event,
    Mention,
    Quantity,
    Quote,
    RejectReason,
    Sentence,
    SentenceDate,
    TimeExpression,
)

ISO_DATE = "ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD"


class Open(BaseModel):
    """A story JSON v1 part: fields may be added within v1."""

    model_config = ConfigDict(extra="allow")


# ------------------------------------------------------------------ story JSON v1


class CitationDoc(Open):
    """Character offsets into the cited article's cleaned ``text``."""

    article_id: str
    start: int
    end: int


class RemovedLineDoc(Open):
    line: str
    reason: str = Field(description="the cleaning rule that removed the line")


class ArticleFields(Open):
    id: str
    source: str = Field(description="where the article was read from (path, upload name)")
    outlet: str | None
    title: str | None
    authors: list[str]
    url: str | None
    published: str | None = Field(description=ISO_DATE)
    published_from: DateSource = Field(description="where the publication date came from")
    published_confidence: float | None = Field(description="0-1, for inferred dates")
    removed: list[RemovedLineDoc] = Field(description="lines cleaning removed, with the rule")
    duplicate_of: str | None = Field(description="the article this one repeats, if any")


class ArticleDoc(ArticleFields):
    text: str = Field(description="the cleaned text every offset points into")


class ArticleSummary(ArticleFields):
    """An article of a listing: everything but its text."""

    text_chars: int = Field(description="length of the cleaned text in characters")


class ActorDoc(Open):
    id: str
    name: str
    kind: str = Field(description="person, org, place, group or anonymous (an unnamed source)")
    aliases: list[str]
    roles: list[str] = Field(description="titles seen with the name")
    mention_count: int
    article_ids: list[str]
    affiliations: list[str] = Field(description="ids of the actors it belongs to or speaks "
                                                "for (the Kremlin: Russia)")


class QuoteDoc(Open):
    id: str
    text: str
    direct: bool
    speaker_actor_id: str | None
    speaker_text: str | None
    cue: str | None
    article_id: str
    start: int
    end: int


class ClaimDoc(Open):
    id: str
    text: str
    value: float
    unit: str | None
    qualifier: str | None
    subject: str | None
    as_of: str | None = Field(description=ISO_DATE)
    claimed_by_actor_id: str | None
    claimed_by_text: str | None
    article_id: str
    start: int
    end: int
    group_id: str | None
    modality: str = Field(description="reported, estimate, projection, target or hypothetical")
    low: float | None = Field(description="a range's lower bound; null for a single figure")
    high: float | None = Field(description="a range's upper bound; null for a single figure")
    change: str | None = Field(description="the change stated: =, ~, >, <, up or down")
    dimension: str | None = Field(description="currency, percent, count, length, ... ")
    concept: str | None = Field(description="the words naming what the figure measures")
    owner: str | None = Field(description="whose quantity it is (a place, a people)")
    vague: bool = Field(description="an order of magnitude (tens of thousands)")


class ClaimGroupDoc(Open):
    id: str
    subject: str
    claim_ids: list[str]
    status: str = Field(description="consistent, updated or conflicting")
    key: str = Field(description="the series key: kind of figure, concept and owner")
    unit: str | None


class EventDoc(Open):
    id: str
    type: str = Field(description="a PLOVER verb (ACCUSE, AGREE, ..., THREATEN)")
    source_actor_id: str | None
    target_actor_id: str | None
    date: str | None = Field(description=ISO_DATE)
    modality: str = Field(description="asserted, threatened, conditional, negated or reported")
    text: str
    citations: list[CitationDoc]


class TimelineEntryDoc(Open):
    date: str = Field(description=ISO_DATE)
    granularity: str = Field(description="day, month or year")
    summary: str
    citations: list[CitationDoc]
    expected: bool = Field(description="plans and forecasts pointing to the date, not what "
                                        "happened on it")


class BriefSentenceDoc(Open):
    text: str
    citations: list[CitationDoc]


class StoryHeader(Open):
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    article_count: int


class StoryDocument(Open):
    """Story JSON v1 (docs/story-json.md): one story with its articles and every item."""

    schema_: Literal["storyline.story/v1"] = Field(alias="schema")
    story: StoryHeader
    articles: list[ArticleDoc]
    actors: list[ActorDoc]
    quotes: list[QuoteDoc]
    claims: list[ClaimDoc]
    claim_groups: list[ClaimGroupDoc]
    events: list[EventDoc]
    timeline: list[TimelineEntryDoc]
    brief: list[BriefSentenceDoc]
    extra: dict | None = Field(default=None, description="optional extensions")


# ------------------------------------------------------------------ listings


class StorySummary(BaseModel):
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    article_count: int
    outlets: list[str]
    stale: bool = Field(description="built by other story stage versions or settings")


class InStory(BaseModel):
    story_id: str = Field(description="the story the item belongs to")


class ActorItem(ActorDoc, InStory):
    pass


class QuoteItem(QuoteDoc, InStory):
    pass


class ClaimItem(ClaimDoc, InStory):
    pass


class EventItem(EventDoc, InStory):
    pass


class SearchHit(BaseModel):
    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str = Field(description="the matching sentence")
    snippet: str = Field(description="the sentence with matches between \\u0002 and \\u0003")
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    href: str = Field(description="the page of the article at this sentence")


class Listing(BaseModel):
    next: str | None = Field(description="cursor of the next page; null on the last page")


class StoryList(Listing):
    items: list[StorySummary]


class ArticleList(Listing):
    items: list[ArticleSummary]


class ActorList(Listing):
    items: list[ActorItem]


class QuoteList(Listing):
    items: list[QuoteItem]


class ClaimList(Listing):
    items: list[ClaimItem]


class EventList(Listing):
    items: list[EventItem]


class SearchList(Listing):
    items: list[SearchHit]


ITEM_LISTS: dict[str, type[Listing]] = {"actors": ActorList, "quotes": QuoteList,
                                         "claims": ClaimList, "events": EventList}


# ------------------------------------------------------------------ articles and ingest


class AnnotationDoc(BaseModel):
    """Everything the annotate stages found in one article (the records of records.py)."""

    article_id: str
    versions: dict[str, str] = Field(description="each annotate stage's key")
    sentences: list[Sentence]
    mentions: list[Mention]
    times: list[TimeExpression]
    quotes: list[Quote]
    claims: list[Claim]
    actors: list[Actor]
    events: list[Event]
    links: list[ActorLink]
    quantities: list[Quantity]
    sentence_dates: list[SentenceDate]


class ArticleDetail(BaseModel):
    article: ArticleDoc
    annotation: AnnotationDoc | None = Field(description="null until the article is annotated")
    story_id: str | None


class RejectedInput(BaseModel):
    source: str
    reason: RejectReason
    detail: str


class IngestResult(BaseModel):
    added: int
    updated: int
    unchanged: int
    article_ids: list[str]
    rejected: list[RejectedInput]
    analyzed: bool = Field(description="whether ?analyze=true ran the analysis")
    story_ids: list[str] | None = Field(
        default=None, description="the stories built, when analyzed")
