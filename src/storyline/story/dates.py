"""Publication dates for the undated articles of one story, inferred from the dated ones.

Method (per undated article U of a story):

1. Anchors. The days the story's dated articles talk about: each dated article's
   publication day and every day-granularity value its time expressions resolved to. The
   candidate window is [earliest dated - 7 days, latest dated + 7 days].
2. Relative evidence. The sentences of U that hold a weekday name or a day-relative word
   ("on Tuesday", "yesterday") are re-normalized with ``times_fn`` against every candidate
   reference day R of the window. A mention that resolves to a day only when a reference is
   given (it is relative) and lands on a day a dated article mentions (an event day, not
   merely a publication day) supports R. The references with the
   most support form groups that share the same resolved days; a single best group wins
   (a weekday that fits only one anchored week), ties between groups give nothing. Within
   the group the date is the first reference on or after the latest matched anchor day
   (news reports an event the day it happens or just after). Confidence grows with the
   number of matching mentions (0.5, 0.65, 0.8, capped at 0.9) and is divided by the
   square root of the number of references in the group (a weekday alone pins the week,
   not the day: seven references share its resolution).
3. Explicit evidence. Otherwise, the latest explicit full date U mentions (absolute values
   with day granularity, e.g. "December 7, 2021") inside the window, or anywhere when the
   story has no dated article: U was written on or after it. Confidence 0.45, 0.55 when it
   is also an anchor day, 0.3 without any dated article.

Articles that nothing supports are left out. The stage is pure: ``times_fn`` defaults to
:func:`storyline.annotate.times.find_times`, imported lazily.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..pipeline import Stage
from ..records import Annotation, Article, TimeExpression

log = logging.getLogger(__name__)

TimesFn = Callable[..., Sequence[TimeExpression]]

WINDOW_DAYS = 7
MAX_SENTENCES = 40

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T[\d:.]*)?$")
_RELATIVE_WORD = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:today|yesterday|tomorrow|tonight)\b"
    r"|\b(?:this|last|tomorrow|yesterday) (?:morning|afternoon|evening|night)\b",
    re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True, slots=True)
class _Support:
    """Relative mentions of one article that, against ``reference``, hit anchor days."""

    reference: date
    matched: tuple[date, ...]


def _as_day(value: str | None) -> date | None:
    if not value or not _DAY_VALUE.match(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _default_times_fn() -> TimesFn:
    from ..annotate.times import find_times

    return find_times


def story_anchors(dated: Sequence[Article], annotations: Mapping[str, Annotation], *,
                  published: bool = True) -> Counter:
    """Days the dated articles were published on (unless ``published=False``) or mention."""
    anchors: Counter = Counter()
    for article in dated:
        day = _as_day((article.published or "")[:10]) if published else None
        if day:
            anchors[day] += 1
        annotation = annotations.get(article.id)
        for expression in annotation.times if annotation else ():
            day = _as_day(expression.value) if not expression.ambiguous else None
            if day:
                anchors[day] += 1
    return anchors


def relative_snippet(text: str) -> str:
    """The sentences of ``text`` that hold a weekday name or a day-relative word."""
    sentences = [s for s in _SENTENCE_BREAK.split(text) if _RELATIVE_WORD.search(s)]
    return "\n".join(sentences[:MAX_SENTENCES])


def _relative_days(snippet: str, reference: date, absolute: set[tuple[int, int]],
                   article_id: str, times_fn: TimesFn) -> list[date]:
    days = []
    for expression in times_fn(snippet, reference.isoformat(), article_id=article_id):
        day = _as_day(expression.value)
        if day and (expression.start, expression.end) not in absolute:
            days.append(day)
    return days


def relative_support(article: Article, anchors: Counter, window: tuple[date, date],
                     times_fn: TimesFn) -> list[_Support]:
    """For each candidate reference day, the relative mentions that land on anchors."""
    snippet = relative_snippet(article.text)
    if not snippet:
        return []
    absolute = {(e.start, e.end) for e in times_fn(snippet, None, article_id=article.id)
                if e.value is not None}
    supports = []
    reference = window[0]
    while reference <= window[1]:
        days = _relative_days(snippet, reference, absolute, article.id, times_fn)
        matched = tuple(sorted(d for d in days if d in anchors))
        if matched:
            supports.append(_Support(reference, matched))
        reference += timedelta(days=1)
    return supports


def choose_relative(supports: Sequence[_Support]) -> tuple[date, float] | None:
    """The reference day of the single best-supported group, with a confidence."""
    if not supports:
        return None
    best = max(len(s.matched) for s in supports)
    groups: dict[tuple[date, ...], list[date]] = {}
    for support in supports:
        if len(support.matched) == best:
            groups.setdefault(tuple(sorted(set(support.matched))), []).append(support.reference)
    if len(groups) != 1:
        log.debug("relative evidence is ambiguous between %d groups", len(groups))
        return None
    (matched, references), = groups.items()
    latest = max(matched)
    after = [r for r in sorted(references) if r >= latest]
    chosen = after[0] if after else max(references)
    spread = 1.0 / math.sqrt(len(references))
    return chosen, min(0.9, 0.35 + 0.15 * best) * spread


def explicit_days(article: Article, annotation: Annotation | None,
                  times_fn: TimesFn) -> list[date]:
    """Absolute full dates the article mentions (resolved with no reference)."""
    if annotation is not None and annotation.times:
        expressions: Sequence[TimeExpression] = annotation.times
    else:
        expressions = times_fn(article.text, None, article_id=article.id)
    return [d for d in (_as_day(e.value) for e in expressions if not e.ambiguous) if d]


def choose_explicit(days: Sequence[date], anchors: Counter,
                    window: tuple[date, date] | None) -> tuple[date, float] | None:
    """The latest explicit date (inside the window when there is one), with a confidence."""
    if window is not None:
        days = [d for d in days if window[0] <= d <= window[1]]
    if not days:
        return None
    latest = max(days)
    if window is None:
        return latest, 0.3
    return latest, 0.55 if latest in anchors else 0.45


def _window(dated: Sequence[Article]) -> tuple[date, date] | None:
    days = [d for d in (_as_day((a.published or "")[:10]) for a in dated) if d]
    if not days:
        return None
    margin = timedelta(days=WINDOW_DAYS)
    return min(days) - margin, max(days) + margin


def infer_publication_dates(articles: Sequence[Article], annotations: Mapping[str, Annotation],
                            *, times_fn: TimesFn | None = None,
                            progress: Callable[[int, int], None] | None = None
                            ) -> dict[str, tuple[str, float]]:
    """Infer (ISO date, confidence) for the undated articles of ONE story; see the module.

    ``progress(done, total)`` is called after each article.
    """
    times_fn = times_fn or _default_times_fn()
    dated = [a for a in articles if a.published]
    window = _window(dated)
    anchors = story_anchors(dated, annotations)
    events = story_anchors(dated, annotations, published=False)
    inferred: dict[str, tuple[str, float]] = {}
    for done, article in enumerate(articles, start=1):
        if not article.published:
            found = _infer_one(article, annotations.get(article.id), (anchors, events), window,
                               times_fn)
            if found is not None:
                inferred[article.id] = (found[0].isoformat(), round(found[1], 3))
        if progress:
            progress(done, len(articles))
    return inferred


def _infer_one(article: Article, annotation: Annotation | None,
               anchor_sets: tuple[Counter, Counter], window: tuple[date, date] | None,
               times_fn: TimesFn) -> tuple[date, float] | None:
    """Relative evidence first (needs dated articles), then explicit dates.

    Relative mentions count only when they land on a day the dated articles *mention* (an
    event day): a weekday that merely falls on another article's publication day fits
    almost any week and is no evidence.
    """
    anchors, events = anchor_sets
    found = None
    if window is not None:
        found = choose_relative(relative_support(article, events, window, times_fn))
    if found is None:
        found = choose_explicit(explicit_days(article, annotation, times_fn), anchors, window)
    return found


def infer_story_dates(articles: Sequence[Article], annotations: Mapping[str, Annotation]
                      ) -> dict[str, tuple[str, float]]:
    if all(a.published for a in articles):
        return {}
    return infer_publication_dates(articles, annotations)


STAGE = Stage("dates", "dates-1", requires=("articles", "annotations"),
              produces=("inferred_dates",), run=infer_story_dates,
              doc="publication dates of undated articles, inferred from their story")
