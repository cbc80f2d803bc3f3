"""What the story macros show, built from a ``StoryView`` (the story record and its articles).

``story_page(view, link)`` numbers the citations in order of first use and resolves each to
its sentence, groups quotes by speaker, pairs claim groups with their charts, places the
timeline on a time axis and counts what every article contributes. The rows are records too;
the templates read their fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..records import (
    Actor,
    Article,
    BriefSentence,
    Citation,
    Claim,
    ClaimGroup,
    Event,
    Quote,
    Story,
    StoryView,
    TimelineEntry,
)
from .claim_chart import ClaimChart, claim_chart, status_words
from .display import fmt_range, fmt_value, iso_date, safe_url, shorten
from .timeaxis import AxisEntry, TimeAxis, time_axis

Linker = Callable[[str, "int | None"], "str | None"]


@dataclass(frozen=True, slots=True)
class CiteRef:
    """One numbered citation: where it points and what it says."""

    key: str
    number: int
    article_id: str
    start: int
    end: int
    href: str | None
    quote: str
    outlet: str
    date: str
    title: str


@dataclass
class Citations:
    """Numbers citations of one story in order of first use and resolves their sentence."""

    prefix: str
    articles: dict[str, Article]
    link: Linker
    refs: dict[tuple[str, int, int], CiteRef] = field(default_factory=dict)

    def ref(self, article_id: str, start: int, end: int) -> CiteRef:
        key = (article_id, start, end)
        found = self.refs.get(key)
        if found is None:
            found = self._make(key, len(self.refs) + 1)
            self.refs[key] = found
        return found

    def of(self, item: Citation | Quote | Claim) -> CiteRef:
        return self.ref(item.article_id, item.start, item.end)

    def many(self, cites: Sequence[Citation]) -> tuple[CiteRef, ...]:
        return tuple(self.of(c) for c in cites)

    def _make(self, key: tuple[str, int, int], number: int) -> CiteRef:
        article_id, start, end = key
        article = self.articles.get(article_id)
        text = article.text if article else ""
        return CiteRef(
            key=f"{self.prefix}c{number}", number=number, article_id=article_id,
            start=start, end=end, href=self.link(article_id, start),
            quote=shorten(text[start:end]) if text else "(article not in this story)",
            outlet=(article.outlet if article else None) or "unknown outlet",
            date=(article.published if article else None) or "undated",
            title=(article.title if article else None) or article_id,
        )


@dataclass(frozen=True, slots=True)
class BriefRow:
    sentence: BriefSentence
    cites: tuple[CiteRef, ...]


@dataclass(frozen=True, slots=True)
class TimelineRow:
    entry: TimelineEntry
    cites: tuple[CiteRef, ...]


@dataclass(frozen=True, slots=True)
class EventRow:
    event: Event
    source: str
    target: str
    cites: tuple[CiteRef, ...]


@dataclass(frozen=True, slots=True)
class QuoteRow:
    quote: Quote
    cite: CiteRef


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    speaker: str
    quotes: tuple[QuoteRow, ...]


@dataclass(frozen=True, slots=True)
class ClaimRow:
    claim: Claim
    cite: CiteRef
    outlet: str
    when: str
    subject: str

    @property
    def display_value(self) -> str:
        return fmt_range(self.claim.low, self.claim.high) or fmt_value(self.claim.value)

    @property
    def kind(self) -> str:
        """The claim's modality where it is not a plain report ("projection")."""
        return "" if self.claim.modality == "reported" else self.claim.modality


@dataclass(frozen=True, slots=True)
class ClaimGroupRow:
    group: ClaimGroup
    claims: tuple[ClaimRow, ...]
    chart: ClaimChart | None

    @property
    def status_words(self) -> str:
        return status_words(self.group.status)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    article: Article
    href: str | None
    safe_url: str | None
    cited: int
    cited_html: str | None = None  # the text with cited sentences marked (the report)


@dataclass(frozen=True, slots=True)
class StoryPage:
    prefix: str
    story: Story
    outlets: tuple[str, ...]
    brief: tuple[BriefRow, ...]
    timeline: tuple[TimelineRow, ...]
    axis: TimeAxis | None
    events: tuple[EventRow, ...]
    actors: tuple[Actor, ...]
    quote_groups: tuple[QuoteGroup, ...]
    claim_groups: tuple[ClaimGroupRow, ...]
    single_claims: tuple[ClaimRow, ...]
    citations: tuple[CiteRef, ...]
    articles: tuple[ArticleRow, ...]

    @property
    def quote_count(self) -> int:
        return len(self.story.quotes)

    @property
    def figure_count(self) -> int:
        return sum(len(g.claims) for g in self.claim_groups) + len(self.single_claims)

    @property
    def article_count(self) -> int:
        return len(self.articles)


def _when(day: str) -> tuple[date, str]:
    return iso_date(day) or date.max, day


def _quote_groups(story: Story, cites: Citations, names: dict[str, str]
                  ) -> tuple[QuoteGroup, ...]:
    groups: dict[str, list[QuoteRow]] = {}
    for quote in story.quotes:
        speaker = (names.get(quote.speaker_actor_id or "") or quote.speaker_text
                   or "Unattributed")
        groups.setdefault(speaker, []).append(QuoteRow(quote, cites.of(quote)))
    ordered = sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))
    return tuple(QuoteGroup(speaker, tuple(rows)) for speaker, rows in ordered)


def _claim_rows(claims: Sequence[Claim], subject: str, cites: Citations) -> list[ClaimRow]:
    rows = []
    for claim in claims:
        article = cites.articles.get(claim.article_id)
        rows.append(ClaimRow(claim, cites.of(claim),
                             (article.outlet if article else None) or "",
                             claim.as_of or (article.published if article else None) or "",
                             subject or claim.subject or ""))
    return sorted(rows, key=lambda r: (_when(r.when), r.claim.value))


def _claim_groups(view: StoryView, cites: Citations
                  ) -> tuple[tuple[ClaimGroupRow, ...], tuple[ClaimRow, ...]]:
    """(groups of two or more claims, rows of the single figures left over)."""
    story = view.story
    by_id = {c.id: c for c in story.claims}
    groups, singles, grouped = [], [], set()
    for group in story.claim_groups:
        members = [by_id[cid] for cid in group.claim_ids if cid in by_id]
        grouped.update(c.id for c in members)
        rows = _claim_rows(members, group.subject, cites)
        if len(members) > 1:
            chart = claim_chart(group, members, view.articles)
            groups.append(ClaimGroupRow(group, tuple(rows), chart))
        else:
            singles.extend(rows)
    singles += _claim_rows([c for c in story.claims if c.id not in grouped], "", cites)
    singles.sort(key=lambda r: (_when(r.when)[0], r.subject))
    return tuple(groups), tuple(singles)


def _article_rows(view: StoryView, link: Linker, cites: Citations) -> tuple[ArticleRow, ...]:
    counts: dict[str, int] = {}
    for ref in cites.refs.values():
        counts[ref.article_id] = counts.get(ref.article_id, 0) + 1
    rows = [ArticleRow(a, link(a.id, None), safe_url(a.url), counts.get(a.id, 0))
            for a in view.articles]
    return tuple(sorted(rows, key=lambda r: (r.article.published or "9999", r.article.id)))


def _axis(rows: Sequence[TimelineRow]) -> TimeAxis | None:
    return time_axis([AxisEntry(r.entry.date, shorten(r.entry.summary, 160),
                                r.cites[0].href if r.cites else None) for r in rows])


def story_page(view: StoryView, link: Linker, prefix: str = "") -> StoryPage:
    """Everything the story macros show of ``view``."""
    story = view.story
    cites = Citations(prefix, {a.id: a for a in view.articles}, link)
    names = {a.id: a.name or a.id for a in story.actors}
    brief = tuple(BriefRow(b, cites.many(b.citations)) for b in story.brief)
    timeline = tuple(TimelineRow(t, cites.many(t.citations)) for t in story.timeline)
    events = [EventRow(e, names.get(e.source_actor_id or "", ""),
                       names.get(e.target_actor_id or "", ""), cites.many(e.citations))
              for e in story.events]
    events.sort(key=lambda e: e.event.date or "9999")
    quote_groups = _quote_groups(story, cites, names)
    claim_groups, single_claims = _claim_groups(view, cites)
    return StoryPage(
        prefix=prefix, story=story,
        outlets=tuple(sorted({a.outlet for a in view.articles if a.outlet})),
        brief=brief, timeline=timeline, axis=_axis(timeline), events=tuple(events),
        actors=tuple(sorted(story.actors, key=lambda a: -a.mention_count)),
        quote_groups=quote_groups, claim_groups=claim_groups, single_claims=single_claims,
        citations=tuple(cites.refs.values()), articles=_article_rows(view, link, cites))
