"""Frozen, slotted, typed records for every stage of storyline.

Standard library only. Every extracted item points back to its evidence through
``(article_id, start, end)`` character offsets into the cleaned article text, so that
``article.text[start:end] == item.text`` always holds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum


def stable_id(*parts: object, length: int = 16) -> str:
    """A deterministic id: the hex digest of the parts joined by NUL."""
    joined = "\x00".join(str(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


# ---------------------------------------------------------------- ingest


class RejectReason(str, Enum):
    """Why an input could not become an article. Values are stable codes."""

    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    TRUNCATED = "truncated"
    MALFORMED = "malformed"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"
    UNSUPPORTED = "unsupported"
    NO_TEXT = "no_text"
    SPECIAL_FILE = "special_file"
    SYMLINK_LOOP = "symlink_loop"
    OUTSIDE_INPUT = "outside_input"
    BAD_NAME = "bad_name"
    DECOMPRESSED_TOO_LARGE = "decompressed_too_large"
    TOO_MANY_LINES = "too_many_lines"
    LINE_TOO_LONG = "line_too_long"
    TOO_MANY_ENTRIES = "too_many_entries"
    TOO_DEEP = "too_deep"
    XML_ENTITIES = "xml_entities"
    ARTICLE_TOO_LONG = "article_too_long"
    TIMEOUT = "timeout"


class DateSource(str, Enum):
    """Where an article's publication date came from."""

    METADATA = "metadata"
    HTML = "html"
    TEXT = "text"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input item before cleaning: a file, or one entry of a feed/JSON list.

    ``source`` names where it came from (a path, with ``#n`` for the n-th entry of a
    container). ``kind`` is ``text`` (plain scraped text) or ``html``; ``text`` is the
    decoded body. ``fields`` carries metadata the reader found (title, url, published,
    outlet, authors) as strings.
    """

    source: str
    kind: str
    text: str
    fields: tuple[tuple[str, str], ...] = ()

    def field(self, name: str) -> str | None:
        for key, value in self.fields:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line that cleaning removed, with the rule that removed it."""

    line: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``text`` is the cleaned text every offset points into."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    published: str | None = None
    published_from: DateSource = DateSource.UNKNOWN
    published_confidence: float | None = None
    removed: tuple[RemovedLine, ...] = ()
    duplicate_of: str | None = None
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not become an article, and why."""

    source: str
    reason: RejectReason
    detail: str = ""


# ---------------------------------------------------------------- annotate


@dataclass(frozen=True, slots=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention. ``label`` is the spaCy label (PERSON, ORG, GPE, ...)."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression normalized against the article's reference date.

    ``value`` is ISO 8601 / TimeML (``2021-12-07``, ``2021-06``, ``2014``, ``2021-W49``,
    ``P6M``, ``PRESENT_REF``...) or None when it cannot be resolved; ``granularity`` is one
    of day, week, month, quarter, half, season, year, decade, century, time, duration, set,
    reference. ``ambiguous`` expressions list the other readings in ``alternatives``.
    """

    article_id: str
    start: int
    end: int
    text: str
    value: str | None
    granularity: str
    ambiguous: bool = False
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SentenceDate:
    """When the event a sentence tells of happened, or is expected to happen.

    ``kind`` is ``happened`` (a past or current event), ``expected`` (a plan, forecast or
    expectation) or ``commentary`` (no event: opinion, analysis, a hypothetical).
    ``date``/``granularity`` come from the sentence's own time expression that dates its
    event (``2021-03``, "month"), None/"" when the sentence has none; ``predicate`` is the
    lemma of the verb that carries the event (or the main verb)."""

    article_id: str
    start: int
    end: int
    kind: str = "happened"
    date: str | None = None
    granularity: str = ""
    predicate: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    direct: bool
    cue: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity in the text: a value or a range, its normalized unit, the change it
    states and the concept it measures.

    ``value`` is the figure (the low bound of a range, signed for "-1.3%"); ``low`` and
    ``high`` are a range's bounds as written ("from 2,415 to 2,315" keeps that order) and
    None for a single figure. ``unit`` is normalized: an ISO 4217 code for money ("USD"),
    "percent", "percentage point", "point", "times", a pint unit name for measures
    ("kilometer", "mile / hour", "year") or the singular noun a count counts ("troop").
    ``dimension`` says what kind of figure it is: currency, percent, points, multiplier,
    count, age, number, fraction or a physical dimension (length, mass, duration, speed, ...).
    ``scale`` is the scale word folded into the value (1e9 for "$2 billion"). ``change`` is
    one of ``=``, ``~`` (about), ``>`` (more than, at least), ``<`` (fewer than, at most),
    ``up`` and ``down`` (a stated rise or fall). ``vague`` marks an order of magnitude
    ("tens of thousands": 10,000 to 100,000). ``noun`` is the counted noun as written and
    ``concept`` the words naming what the figure measures."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    value: float
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    dimension: str = "number"
    unit_text: str | None = None
    scale: float = 1.0
    change: str = "="
    vague: bool = False
    noun: str | None = None
    concept: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    qualifier: str | None = None
    subject: str | None = None
    as_of: str | None = None
    claimed_by_text: str | None = None
    claimed_by_actor_id: str | None = None
    modality: str = "reported"  # reported | estimate | projection | target | hypothetical
    low: float | None = None  # a range's bounds ("between 70,000 and 100,000",
    high: float | None = None  # "tens of thousands"); None for a single figure
    change: str = "="  # = ~ > < up down, as the quantity states it
    dimension: str = "count"  # count, currency, percent, length, ... (see Quantity)
    concept: str | None = None  # what the figure measures: "Russian troops near the border"
    owner: str | None = None  # whose quantity: "Russian", "U.S."
    quantity_id: str | None = None  # the Quantity this claim rests on
    vague: bool = False  # an order of magnitude ("tens of thousands"), not a figure


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor. ``kind`` is person, org, place, group (a collective: "voters",
    "Democrats") or anonymous (an unnamed source: "a senior administration official").
    ``roles`` are titles seen with the name ("Secretary of State"). ``affiliations`` are
    the ids of the actors it belongs to or speaks for: an institution's country (the
    Kremlin: Russia), the owner of a role ("Putin's adviser Yuri Ushakov": Putin), an
    unnamed source's institution. ``salience`` ranks a story's actors by how much each
    does and says in it (0 in an article)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mention_count: int = 0
    article_ids: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    salience: float = 0.0


@dataclass(frozen=True, slots=True)
class ActorLink:
    """Who an item is attributed to, within its article: the speaker of a quote
    (``role="speaker"``) or the claimant of a claim (``role="claimant"``). ``actor_id`` is
    an actor of the same annotation, or None when no actor could be found; ``method`` says
    how it was found (``mention``, ``name``, ``quote``)."""

    item_id: str
    role: str
    actor_id: str | None
    method: str = ""


@dataclass(frozen=True, slots=True)
class Annotation:
    """Everything the annotate stages found in one article. ``versions`` holds each
    stage's key (see ``pipeline.stage_keys``): a stage whose key changed runs again."""

    article_id: str
    versions: tuple[tuple[str, str], ...]
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    links: tuple[ActorLink, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    sentence_dates: tuple[SentenceDate, ...] = ()

    def actor_of(self, item_id: str, role: str = "speaker") -> str | None:
        """The actor id the linking stage gave ``item_id`` in ``role``, or None."""
        for link in self.links:
            if link.item_id == item_id and link.role == role:
                return link.actor_id
        return None


# ---------------------------------------------------------------- story


@dataclass(frozen=True, slots=True)
class Citation:
    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims about one quantity: the same concept of the same owner, the same kind of
    figure. ``key`` names that quantity (its series key: kind of figure, concept head,
    owner); ``unit`` is the members' normalized unit. ``status`` is ``conflicting`` when
    sources disagree on one period, ``updated`` when a later period's figure differs,
    ``consistent`` otherwise (projections and vague ranges count for neither)."""

    id: str
    subject: str
    claim_ids: tuple[str, ...]
    status: str  # consistent | updated | conflicting
    key: str = ""
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    text: str
    source_actor_id: str | None = None
    target_actor_id: str | None = None
    date: str | None = None
    modality: str = "asserted"
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One date of a story's timeline. ``expected`` entries tell of plans and forecasts
    that point to the date, not of events that happened on it."""

    date: str
    granularity: str
    summary: str
    citations: tuple[Citation, ...] = ()
    expected: bool = False


@dataclass(frozen=True, slots=True)
class BriefSentence:
    text: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    first_published: str | None = None
    last_published: str | None = None
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    claim_groups: tuple[ClaimGroup, ...] = ()
    events: tuple[Event, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    brief: tuple[BriefSentence, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)


# ---------------------------------------------------------------- edges


@dataclass(frozen=True, slots=True)
class StoryView:
    """What an edge shows of a story: the record, its member articles (in the story's
    order; the article text lives once, in the article) and whether stages or settings
    changed since it was built (``stale``)."""

    story: Story
    articles: tuple[Article, ...]
    stale: bool = False

    def article(self, article_id: str) -> Article | None:
        for article in self.articles:
            if article.id == article_id:
                return article
        return None


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One actor, quote, claim or event of a stored story, in a listing across stories
    (``kind``: actors, quotes, claims, events; ``group_id``: a claim's group)."""

    story_id: str
    kind: str
    item: Actor | Quote | Claim | Event
    group_id: str | None = None
