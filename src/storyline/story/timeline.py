"""Timeline summarization: pick the dates that matter, summarize each from its sentences.

Date selection scores every candidate date by how many distinct articles mention it (the
"date reference" signal of Tran et al. 2013 and the mention-count baseline of Ghalandari &
Ifrim 2020) plus a smaller credit per article published that day; month and year dates
compete at a discount. ``RECENCY_DECAY`` can make a mention weigh less the farther it lies
from its article's publication date; it is off because a flat weight did better on
Timeline17 (retrospective mentions are a sign that a date mattered).
Each selected date gets a short extractive summary: the candidate sentences closest to the
TF-IDF centroid of the sentences about that date, skipping near-duplicates (see
``timeline_summary``). Nothing here does I/O; the time tagger is passed in.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date as Date

from ..pipeline import Stage
from ..records import Annotation, Article, Citation, TimeExpression, TimelineEntry
from .timeline_summary import SentenceVectors, summarize_date

TimesFn = Callable[[str, str | None], Sequence[TimeExpression]]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_CALENDAR = ("day", "month", "year")

PUBLISHED_WEIGHT = 0.25  # an article published on the date, per article
RECENCY_DECAY = 0.0      # how fast a mention's weight falls with its distance to publication
COARSE_WEIGHT = 0.35     # month/year dates compete with days at this discount
MIN_SUPPORT = 2.0        # a date needs this score to count as well supported
AUTO_DATES_FACTOR = 3.0  # automatic length: this times the root of the well-supported dates
AUTO_SENTENCES = 2       # sentences per date when nobody says


@dataclass(frozen=True, slots=True)
class DatedSentence:
    article_id: str
    start: int
    end: int
    text: str
    date: str
    granularity: str
    published: str | None
    outlet: str | None
    mentioned: bool


def normalize_date(value: str | None) -> tuple[str, str] | None:
    """``(iso, granularity)`` for a calendar value (a datetime is cut to its day)."""
    if not value:
        return None
    value = value.strip()
    if _DAY.match(value):
        return value[:10], "day"
    if _MONTH.match(value):
        return value, "month"
    if _YEAR.match(value):
        return value, "year"
    return None


def date_sentences(article_id: str, sentences: Sequence[tuple[int, int, str]],
                   published: str | None, outlet: str | None,
                   times_fn: TimesFn) -> list[DatedSentence]:
    """Date every sentence: by the calendar dates it mentions, else by publication date.

    ``sentences`` are ``(start, end, text)`` offsets into the article text; ``times_fn(text,
    reference)`` returns the time expressions of one sentence resolved against ``reference``.
    """
    pub = normalize_date(published)
    pub_day = pub[0] if pub and pub[1] == "day" else None
    out: list[DatedSentence] = []
    for start, end, text in sentences:
        found: dict[str, str] = {}
        for expression in times_fn(text, pub_day):
            if expression.granularity in _CALENDAR or expression.granularity == "time":
                normalized = normalize_date(expression.value)
                if normalized:
                    found.setdefault(*normalized)
        mentioned = bool(found)
        if not found and pub_day:
            found[pub_day] = "day"
        for value, granularity in found.items():
            out.append(DatedSentence(article_id, start, end, text, value, granularity,
                                     pub_day, outlet, mentioned))
    return out


def _to_day(value: str | None) -> Date | None:
    if value and _DAY.match(value):
        try:
            return Date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def in_range(value: str, start: str | None, end: str | None) -> bool:
    """Whether ISO ``value`` (day, month or year) lies inside ``start``..``end``."""
    width = len(value)
    if start and value < start[:width]:
        return False
    return not (end and value > end[:width])


def _mention_weight(sentence: DatedSentence) -> float:
    """A mention counts more when it is close to the article's publication date."""
    mentioned, published = _to_day(sentence.date), _to_day(sentence.published)
    if mentioned is None or published is None:
        return 0.5
    gap = abs((published - mentioned).days)
    return 1.0 / (1.0 + RECENCY_DECAY * math.log1p(gap))


def score_dates(sentences: Iterable[DatedSentence]) -> dict[str, float]:
    """Date importance: per distinct article, its best mention weight, plus publication credit."""
    mentions: dict[str, dict[str, float]] = defaultdict(dict)
    published: dict[str, set[str]] = defaultdict(set)
    granularity: dict[str, str] = {}
    for s in sentences:
        granularity[s.date] = s.granularity
        if s.mentioned:
            best = mentions[s.date].get(s.article_id, 0.0)
            mentions[s.date][s.article_id] = max(best, _mention_weight(s))
        else:
            published[s.date].add(s.article_id)
    scores = {}
    for value in set(mentions) | set(published):
        score = sum(mentions[value].values()) + PUBLISHED_WEIGHT * len(published[value])
        scores[value] = score * (1.0 if granularity[value] == "day" else COARSE_WEIGHT)
    return scores


def auto_length(scores: dict[str, float]) -> int:
    """How many dates to keep when nobody says: the well-supported ones, at least a few."""
    supported = sum(1 for score in scores.values() if score >= MIN_SUPPORT)
    return max(min(3, len(scores)), round(math.sqrt(supported) * AUTO_DATES_FACTOR))


def build_timeline(sentences: Sequence[DatedSentence], *, max_dates: int | None = None,
                   sentences_per_date: int | None = None, start: str | None = None,
                   end: str | None = None) -> tuple[TimelineEntry, ...]:
    """The timeline of ``sentences``: the important dates, each with a cited summary."""
    kept = [s for s in _normalized(sentences) if in_range(s.date, start, end)]
    scores = score_dates(kept)
    if not scores:
        return ()
    count = max_dates if max_dates is not None else auto_length(scores)
    per_date = sentences_per_date if sentences_per_date is not None else AUTO_SENTENCES
    ranked = sorted(scores, key=lambda value: (-scores[value], value))
    by_date: dict[str, list[DatedSentence]] = defaultdict(list)
    for s in kept:
        by_date[s.date].append(s)
    vectors = SentenceVectors(kept)
    chosen: list[dict[str, float]] = []
    entries = []
    for value in ranked:
        if len(entries) >= count:
            break
        picked = summarize_date(by_date[value], vectors, max(per_date, 1), chosen)
        if picked:
            entries.append(_entry(value, picked))
    return tuple(sorted(entries, key=lambda e: e.date))


def _normalized(sentences: Iterable[DatedSentence]) -> list[DatedSentence]:
    """Sentences with a calendar date in ISO form (a datetime cut to its day), text not blank."""
    out = []
    for s in sentences:
        normalized = normalize_date(s.date)
        if normalized is None or not s.text.strip():
            continue
        if normalized != (s.date, s.granularity):
            s = replace(s, date=normalized[0], granularity=normalized[1])
        out.append(s)
    return out


def _entry(value: str, picked: Sequence[DatedSentence]) -> TimelineEntry:
    return TimelineEntry(
        date=value,
        granularity=picked[0].granularity,
        summary=" ".join(s.text for s in picked),
        citations=tuple(Citation(s.article_id, s.start, s.end) for s in picked),
    )


def _calendar_dates(times: Sequence[TimeExpression]) -> dict[str, str]:
    """The calendar dates (ISO value -> granularity) of time expressions, in text order."""
    found: dict[str, str] = {}
    for expression in times:
        if expression.granularity in _CALENDAR or expression.granularity == "time":
            normalized = normalize_date(expression.value)
            if normalized:
                found.setdefault(*normalized)
    return found


def _article_sentences(article: Article, annotation: Annotation) -> list[DatedSentence]:
    pub = normalize_date(article.published)
    pub_day = pub[0] if pub and pub[1] == "day" else None
    times = sorted(annotation.times, key=lambda t: t.start)
    out: list[DatedSentence] = []
    for sentence in annotation.sentences:
        inside = [t for t in times if t.start >= sentence.start and t.end <= sentence.end]
        found = _calendar_dates(inside)
        mentioned = bool(found)
        if not found and pub_day:
            found[pub_day] = "day"
        out.extend(DatedSentence(article.id, sentence.start, sentence.end, sentence.text,
                                 value, granularity, pub_day, article.outlet, mentioned)
                   for value, granularity in found.items())
    return out


def dated_sentences(members: Sequence[Article], annotations: Mapping[str, Annotation]
                    ) -> tuple[DatedSentence, ...]:
    """Date every sentence of the story's original articles: by the calendar dates its
    time expressions resolve to, else by its article's publication day. The one path that
    dates sentences, for the story timeline and the Timeline17 scorer alike."""
    out: list[DatedSentence] = []
    for article in members:
        annotation = annotations.get(article.id)
        if annotation is not None and not article.duplicate_of:
            out.extend(_article_sentences(article, annotation))
    return tuple(out)


def story_timeline(dated_sentences: Sequence[DatedSentence], settings) -> tuple[
        TimelineEntry, ...]:
    """The story's timeline. ``settings.timeline_dates`` > 0 asks for that many dates;
    0 lets the method choose (``auto_length``), keeping at least
    ``settings.timeline_min_dates`` dated points when the story has them: benchmarks of the
    field reward a few important dates, while a reader of one story also wants the
    background dates a single article mentions (an annexation, a summit)."""
    if settings.timeline_dates > 0:
        wanted = settings.timeline_dates
    else:
        scores = score_dates(_normalized(dated_sentences))
        wanted = max(auto_length(scores), min(settings.timeline_min_dates, len(scores)))
    per_date = settings.timeline_sentences or None
    return build_timeline(dated_sentences, max_dates=wanted, sentences_per_date=per_date)


DATED_SENTENCES = Stage("dated_sentences", "dated-sentences-1",
                        requires=("members", "annotations"), produces=("dated_sentences",),
                        run=dated_sentences,
                        doc="every sentence dated by its own dates or its article's day")
STAGE = Stage("timeline", "timeline-1", requires=("dated_sentences",), produces=("timeline",),
              run=story_timeline, settings="story",
              doc="the important dates, each with a short cited summary")
