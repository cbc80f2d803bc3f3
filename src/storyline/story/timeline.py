"""The story's timeline: the dates that matter, each with a short cited summary.

``dated_sentences`` (a stage) dates every sentence of the story's original articles by the
annotate ``dating`` stage's reading of it (``records.SentenceDate``): a sentence whose own
time expression dates its event gets that date; a sentence that tells of an event without
a date of its own gets its article's publication day; plans and forecasts are kept apart
as *expected*, dated by the date they point to (an undated forecast points nowhere and is
left out); commentary is no timeline material. The Timeline17 scorer runs this same path.

``timeline`` (a stage) picks the dates: every candidate (a date, expected or not) scores
by how many distinct articles mention it (the "date reference" signal of Tran et al. 2013
and the mention-count baseline of Ghalandari & Ifrim 2020) plus a smaller credit per
article that dates an undated event sentence to it (its publication day), and a credit per
article published a week or more after the date that names it: news recalls the days that
mattered (the later references of Tran et al. 2013; a date that later articles still
name outranks a busy news day nobody looks back to); month and year dates compete at a
discount. Each chosen date gets a short extractive summary: the
sentences closest to the TF-IDF centroid of the sentences about that date, none too close
to one chosen before for any date (``timeline_summary``), so no two entries of a day say
the same thing; the news as first reported counts more, quoted words less (the entry
narrates the event). Every tunable, and the constraints of an evaluation protocol (a date
range, days only, a number of dates and sentences), are ``StorySettings``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date as Date

from ..pipeline import Stage
from ..records import Annotation, Article, Citation, SentenceDate, TimelineEntry
from .timeline_summary import SentenceVectors, summarize_date

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")

Key = tuple[str, bool]  # (date, expected)


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence and the date of its event. ``mentioned``: the date is the sentence's own
    (not its article's publication day); ``expected``: a plan or forecast for the date."""

    article_id: str
    start: int
    end: int
    text: str
    date: str
    granularity: str
    published: str | None
    outlet: str | None
    mentioned: bool
    expected: bool = False
    position: int = 0  # the sentence's index in its article
    reference: bool = False  # a date the sentence names besides its event's date

    @property
    def key(self) -> Key:
        return (self.date, self.expected)


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


def in_range(value: str, start: str | None, end: str | None) -> bool:
    """Whether ISO ``value`` (day, month or year) lies inside ``start``..``end``."""
    width = len(value)
    if start and value < start[:width]:
        return False
    return not (end and value > end[:width])


# ---------------------------------------------------------------- dating sentences


def news_day(article: Article, dates: Sequence[SentenceDate], settings) -> str | None:
    """The day an article's news happened: the publication day, or a day shortly before it
    that the article's own event sentences name at least ``timeline_news_day_mentions``
    times ("said Sunday", "on Sunday night" in Monday's paper)."""
    pub = normalize_date(article.published)
    if pub is None or pub[1] != "day":
        return None
    if settings is None or settings.timeline_news_day_window <= 0:
        return pub[0]
    published = Date.fromisoformat(pub[0])
    counts: dict[str, int] = defaultdict(int)
    for dated in dates:
        if dated.kind == "happened" and dated.granularity == "day" and dated.date:
            try:
                gap = (published - Date.fromisoformat(dated.date[:10])).days
            except ValueError:
                continue
            if 0 < gap <= settings.timeline_news_day_window:
                counts[dated.date[:10]] += 1
    named = [d for d, n in counts.items() if n >= settings.timeline_news_day_mentions]
    return max(named, key=lambda d: (counts[d], d)) if named else pub[0]


def _article_sentences(article: Article, annotation: Annotation, settings
                       ) -> list[DatedSentence]:
    pub = normalize_date(article.published)
    pub_day = pub[0] if pub and pub[1] == "day" else None
    day = news_day(article, annotation.sentence_dates, settings)
    dates: dict[tuple[int, int], SentenceDate] = {
        (d.start, d.end): d for d in annotation.sentence_dates}
    named = _named_dates(annotation) if settings is not None and (
        settings.timeline_reference_dates) else {}
    out: list[DatedSentence] = []
    for sentence in annotation.sentences:
        found = dates.get((sentence.start, sentence.end))
        kind = found.kind if found is not None else "happened"
        own = normalize_date(found.date) if found is not None else None
        if kind == "commentary" and not (settings is not None and settings.timeline_commentary):
            continue
        if own is not None or (kind != "expected" and day):
            value, granularity = own if own is not None else (day, "day")
            out.append(DatedSentence(article.id, sentence.start, sentence.end, sentence.text,
                                     value, granularity, pub_day, article.outlet,
                                     own is not None, kind == "expected", sentence.index))
        for other, granularity in named.get((sentence.start, sentence.end), ()):
            if own is None or other != own[0]:
                out.append(DatedSentence(article.id, sentence.start, sentence.end,
                                         sentence.text, other, granularity, pub_day,
                                         article.outlet, True, False, sentence.index, True))
    return out


def _named_dates(annotation: Annotation) -> dict[tuple[int, int], list[tuple[str, str]]]:
    """The calendar dates each sentence's time expressions name, in text order."""
    out: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for sentence in annotation.sentences:
        found: list[tuple[str, str]] = []
        for t in annotation.times:
            if sentence.start <= t.start and t.end <= sentence.end:
                normalized = normalize_date(t.value)
                if normalized and normalized not in found:
                    found.append(normalized)
        if found:
            out[(sentence.start, sentence.end)] = found
    return out


def dated_sentences(members: Sequence[Article], annotations: Mapping[str, Annotation],
                    settings=None) -> tuple[DatedSentence, ...]:
    """The event sentences of the story's original articles, each with its event's date
    (an undated event sentence takes its article's news day, see :func:`news_day`).
    The one path that dates sentences, for the story timeline and the Timeline17 scorer."""
    out: list[DatedSentence] = []
    for article in members:
        annotation = annotations.get(article.id)
        if annotation is not None and not article.duplicate_of:
            out.extend(_article_sentences(article, annotation, settings))
    return tuple(out)


# ---------------------------------------------------------------- choosing dates


def recalls(sentence: DatedSentence, days: int) -> bool:
    """Whether ``sentence`` names a past day from an article published ``days`` or more
    days after it: a later article that recalls the day says that it mattered."""
    if days <= 0 or not sentence.published or sentence.granularity != "day":
        return False
    try:
        gap = Date.fromisoformat(sentence.published[:10]) - Date.fromisoformat(sentence.date)
    except ValueError:
        return False
    return gap.days >= days


def score_dates(sentences: Iterable[DatedSentence], settings) -> dict[Key, float]:
    """Importance of each (date, expected). A date scores one per distinct article that
    mentions it (as an event or a forecast: both say the date matters) plus
    ``timeline_published_weight`` per article that dates an undated event to it, plus
    ``timeline_recall_weight`` per article published ``timeline_recall_days`` or more after
    the day that names it (:func:`recalls`: news recalls the days that mattered); a forecast
    entry scores by the articles that forecast it, times ``timeline_expected_weight``; month
    and year dates times ``timeline_coarse_weight``."""
    mentions: dict[str, set[str]] = defaultdict(set)
    forecasts: dict[str, set[str]] = defaultdict(set)
    published: dict[str, set[str]] = defaultdict(set)
    recalled: dict[str, set[str]] = defaultdict(set)
    granularity: dict[str, str] = {}
    keys: set[Key] = set()
    for s in sentences:
        granularity[s.date] = s.granularity
        keys.add(s.key)
        if s.mentioned:
            mentions[s.date].add(s.article_id)
            if s.expected:
                forecasts[s.date].add(s.article_id)
            elif recalls(s, settings.timeline_recall_days):
                recalled[s.date].add(s.article_id)
        else:
            published[s.date].add(s.article_id)
    scores = {}
    for key in keys:
        value, expected = key
        if expected:
            score = settings.timeline_expected_weight * len(forecasts[value])
        else:
            score = (len(mentions[value])
                     + settings.timeline_published_weight * len(published[value])
                     + settings.timeline_recall_weight * len(recalled[value]))
        coarse = 1.0 if granularity[value] == "day" else settings.timeline_coarse_weight
        scores[key] = score * coarse
    return scores


def auto_length(scores: Mapping[Key, float], settings) -> int:
    """How many dates to keep when nobody says: grows with the root of the well-supported
    dates (those scoring at least ``timeline_min_support``), at least a few."""
    supported = sum(1 for score in scores.values() if score >= settings.timeline_min_support)
    return max(min(3, len(scores)), round(math.sqrt(supported) * settings.timeline_auto_factor))


def _superseded(sentences: Sequence[DatedSentence]) -> set[str]:
    """Dates that articles published on or after them report events for: a forecast for
    such a date has been overtaken by what happened."""
    return {s.date for s in sentences if not s.expected and s.granularity == "day"
            and s.published and s.published[:10] >= s.date}


def _kept(sentences: Iterable[DatedSentence], settings) -> list[DatedSentence]:
    """Sentences inside the settings' range and granularity, in ISO form, text not blank;
    forecasts for a date that later articles report on are left out."""
    out = []
    start, end = settings.timeline_start or None, settings.timeline_end or None
    for s in sentences:
        normalized = normalize_date(s.date)
        if normalized is None or not s.text.strip():
            continue
        if normalized != (s.date, s.granularity):
            s = replace(s, date=normalized[0], granularity=normalized[1])
        if settings.timeline_days_only and s.granularity != "day":
            continue
        if s.expected and not settings.timeline_expected:
            continue
        if in_range(s.date, start, end):
            out.append(s)
    overtaken = _superseded(out)
    return [s for s in out if not (s.expected and s.date in overtaken)]


def _wanted(scores: Mapping[Key, float], settings) -> int:
    if settings.timeline_dates > 0:
        return settings.timeline_dates
    return max(auto_length(scores, settings), min(settings.timeline_min_dates, len(scores)))


def build_timeline(sentences: Sequence[DatedSentence], settings, reporting: bool = True
                   ) -> tuple[TimelineEntry, ...]:
    """The timeline of ``sentences`` under ``settings`` (a ``StorySettings``). Without
    ``reporting`` each day's sentences are ranked by content alone, without the weights
    that favour the plain first report (``timeline_summary.reporting_weight``)."""
    kept = _kept(sentences, settings)
    scores = score_dates(kept, settings)
    if not scores:
        return ()
    count = _wanted(scores, settings)
    per_date = max(settings.timeline_sentences or settings.timeline_auto_sentences, 1)
    by_key: dict[Key, list[DatedSentence]] = defaultdict(list)
    for s in kept:
        by_key[s.key].append(s)
    vectors = SentenceVectors(kept)
    chosen: list[int] = []
    entries = []
    for key in sorted(scores, key=lambda k: (-scores[k], k)):
        if len(entries) >= count:
            break
        own = [s for s in by_key[key] if not s.reference]  # a named date is no event of it
        picked = summarize_date(own, vectors, per_date, chosen, settings, reporting)
        if picked:
            entries.append(_entry(key, picked))
    return tuple(sorted(entries, key=lambda e: (e.date, e.expected)))


def _entry(key: Key, picked: Sequence[DatedSentence]) -> TimelineEntry:
    return TimelineEntry(
        date=key[0],
        granularity=picked[0].granularity,
        summary=" ".join(s.text for s in picked),
        citations=tuple(Citation(s.article_id, s.start, s.end) for s in picked),
        expected=key[1],
    )


def story_timeline(dated_sentences: Sequence[DatedSentence], settings
                   ) -> tuple[TimelineEntry, ...]:
    """The story's timeline. ``settings.timeline_dates`` > 0 asks for that many dates;
    0 lets the method choose (``auto_length``), keeping at least
    ``settings.timeline_min_dates`` dated points when the story has them: benchmarks of the
    field reward a few important dates, while a reader of one story also wants the
    background dates a single article mentions (an annexation, a summit)."""
    return build_timeline(dated_sentences, settings)


DATED_SENTENCES = Stage("dated_sentences", "dated-sentences-2",
                        requires=("members", "annotations"), produces=("dated_sentences",),
                        run=dated_sentences, settings="story",
                        doc="every event sentence dated by its event; forecasts apart, "
                            "commentary left out")
STAGE = Stage("timeline", "timeline-6", requires=("dated_sentences",), produces=("timeline",),
              run=story_timeline, settings="story", lexicon="storyline.story.timeline_lexicon",
              doc="the important dates, each with a short cited summary; expected "
                  "entries marked")
