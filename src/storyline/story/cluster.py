"""Online story clustering: each new article joins the most similar story or starts one,
and an article that bridges two stories merges them.

Articles are reduced to profiles (:mod:`storyline.story.profiles`). New articles are taken
in publication order (undated last; ties keep the given order). For each one the
similarity to every candidate story is

    sim = time_factor * ((1 - a) * cos(terms, story terms) + a * cos(actor words, story's))

with ``a = cluster_actor_weight``. Both cosines are TF-IDF cosines against the story
centroid (the sum of the members' unit vectors), with document frequencies counted over
every profile seen so far (the neighbouring members given, earlier new articles and the
article itself) plus a prior of PRIOR_DOCS unrelated documents, so words shared by the
whole collection weigh little. Actor words are the content words of the actor names
(binary), which matches "Reid" with "Tara Reid". Measured on ECB+ (two events per topic,
sharing most of their vocabulary), actor words separate stories far better than the bag
of words, hence the weight above one half.

The time factor follows the story's nearest member in time (so a story that keeps being
reported for months stays open, and an article of last year's backfill finds the members
near its own date), with d the distance in days to the nearest dated member:

    time_factor = (1 - cluster_time_weight * d / cluster_window_days)
                  * (1 + cluster_recent_boost * max(0, 1 - d / cluster_recent_days))

A story with no member within the window of a dated article is not a candidate; undated
sides are neutral (factor 1). The second term is the evidence of news coverage: an article
within days of a story's latest reports is more likely to continue it (bursts). The
article joins the best story when ``sim >= cluster_threshold``, else starts the story
``stable_id("story", article id)``. When it is also at least ``cluster_merge_threshold``
similar to other stories, it bridges them: they merge into the largest (ties: the smaller
id), whose id stays; the merged ids are reported so that the store can redirect them.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..config import StorySettings
from ..pipeline import Stage
from ..records import Annotation, Article, stable_id
from .profiles import (
    _STOP,
    ACTOR_LABELS,
    ArticleProfile,
    capitalized_actors,
    content_terms,
    normalize_actor,
    profile_article,
    profile_day,
)

__all__ = [
    "ACTOR_LABELS",
    "STAGE",
    "ArticleProfile",
    "actor_tokens",
    "assign_stories",
    "capitalized_actors",
    "cluster_new",
    "cluster_profiles",
    "content_terms",
    "normalize_actor",
    "profile_article",
    "publication_order",
]

# Document frequencies are smoothed as if PRIOR_DOCS unrelated documents (none holding the
# word) had been seen too: with few articles seen, or a collection that is one story, words
# shared by every article keep some weight instead of an IDF of zero.
PRIOR_DOCS = 5
NORM_REFRESH = 0.05


def actor_tokens(actors: Iterable[str]) -> dict[str, float]:
    """The content words of actor names, each weighted 1 (a bag for the actor cosine)."""
    return {w: 1.0 for name in actors for w in name.split() if len(w) > 1 and w not in _STOP}


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {k: v / norm for k, v in vector.items()}


class _Idf:
    """Document frequencies of every profile seen so far (smoothed with PRIOR_DOCS)."""

    def __init__(self) -> None:
        self.df: Counter = Counter()
        self.n = 0

    def add(self, terms: Iterable[str]) -> None:
        self.df.update(terms)
        self.n += 1

    def __call__(self, term: str) -> float:
        return math.log((self.n + PRIOR_DOCS) / (self.df.get(term, 0) + 0.5))


@dataclass(slots=True)
class _Centroid:
    """The sum of the members' unit vectors and its squared IDF-weighted norm.

    The norm is kept up to date as members are added (O(the member's words)) and computed
    afresh only when the number of profiles seen has grown by NORM_REFRESH since (IDF values
    then barely move), so scoring an article costs O(its words) per story."""

    sums: dict[str, float] = field(default_factory=dict)
    square: float = 0.0
    at: int = -1

    def add(self, unit: Mapping[str, float], idf: _Idf) -> None:
        sums = self.sums
        for key, value in unit.items():
            old = sums.get(key, 0.0)
            sums[key] = old + value
            if self.at >= 0:
                self.square += (2.0 * old * value + value * value) * idf(key) ** 2

    def absorb(self, other: _Centroid) -> None:
        for key, value in other.sums.items():
            self.sums[key] = self.sums.get(key, 0.0) + value
        self.at = -1

    def norm(self, idf: _Idf) -> float:
        if self.at < 0 or idf.n > self.at * (1.0 + NORM_REFRESH):
            self.square = sum((v * idf(k)) ** 2 for k, v in self.sums.items())
            self.at = idf.n
        return math.sqrt(max(self.square, 0.0))


class _Seen:
    """Document frequencies of the terms and of the actor words of every profile seen
    (each profile counts with its weights: a word used often counts more than once)."""

    def __init__(self) -> None:
        self.terms = _Idf()
        self.actors = _Idf()

    def add(self, terms: Mapping[str, float], actors: Mapping[str, float]) -> None:
        self.terms.add(terms)
        self.actors.add(actors)


@dataclass(slots=True)
class _Story:
    """Running aggregates of one story (mutable, private to one clustering call)."""

    story_id: str
    terms: _Centroid = field(default_factory=_Centroid)
    actors: _Centroid = field(default_factory=_Centroid)
    days: list[int] = field(default_factory=list)  # sorted
    size: int = 0

    def add(self, units: tuple[dict, dict], day: int | None, seen: _Seen) -> None:
        self.terms.add(units[0], seen.terms)
        self.actors.add(units[1], seen.actors)
        if day is not None:
            bisect.insort(self.days, day)
        self.size += 1

    def absorb(self, other: _Story) -> None:
        self.terms.absorb(other.terms)
        self.actors.absorb(other.actors)
        self.days = sorted(self.days + other.days)
        self.size += other.size

    def distance(self, day: int) -> int:
        """Days from ``day`` to the nearest dated member (the story has one)."""
        index = bisect.bisect_left(self.days, day)
        near = [abs(self.days[i] - day) for i in (index - 1, index) if 0 <= i < len(self.days)]
        return min(near)


@dataclass(frozen=True, slots=True)
class _Query:
    """One side of an IDF-weighted cosine, computed once per article: key -> v * idf^2."""

    scaled: Mapping[str, float]
    norm: float

    @classmethod
    def of(cls, vector: Mapping[str, float], idf: _Idf) -> _Query:
        weights = {k: idf(k) for k in vector}
        norm = math.sqrt(sum((v * weights[k]) ** 2 for k, v in vector.items()))
        return cls({k: v * weights[k] ** 2 for k, v in vector.items()}, norm)

    def cosine(self, centroid: _Centroid, idf: _Idf) -> float:
        """The IDF-weighted cosine of this article's vector and a story centroid."""
        sums = centroid.sums
        dot = sum(w * sums.get(k, 0.0) for k, w in self.scaled.items())
        if dot <= 0.0 or not self.norm:
            return 0.0
        norm_s = centroid.norm(idf)
        return dot / (self.norm * norm_s) if norm_s else 0.0


@dataclass(frozen=True, slots=True)
class _Params:
    threshold: float
    merge_threshold: float
    window: int
    actor_weight: float
    time_weight: float
    recent_days: int
    recent_boost: float


def _params(settings: StorySettings) -> _Params:
    return _Params(
        threshold=settings.cluster_threshold,
        merge_threshold=settings.cluster_merge_threshold,
        window=settings.cluster_window_days,
        actor_weight=settings.cluster_actor_weight,
        time_weight=settings.cluster_time_weight,
        recent_days=settings.cluster_recent_days,
        recent_boost=settings.cluster_recent_boost,
    )


def time_factor(day: int | None, story: _Story, params: _Params) -> float | None:
    """1 for undated sides; falls with the distance to the nearest member, raised for a
    story reported within the last ``recent_days``; None outside the window."""
    if day is None or not story.days:
        return 1.0
    distance = story.distance(day)
    if distance > params.window:
        return None
    factor = 1.0 - params.time_weight * distance / max(params.window, 1)
    if params.recent_days > 0:
        factor *= 1.0 + params.recent_boost * max(0.0, 1.0 - distance / params.recent_days)
    return factor


def story_similarity(day: int | None, queries: tuple[_Query, _Query], story: _Story,
                     seen: _Seen, params: _Params) -> float | None:
    """The combined similarity of an article to ``story``; None if outside the window."""
    factor = time_factor(day, story, params)
    if factor is None:
        return None
    text = queries[0].cosine(story.terms, seen.terms)
    actors = queries[1].cosine(story.actors, seen.actors)
    return factor * ((1.0 - params.actor_weight) * text + params.actor_weight * actors)


# ---------------------------------------------------------------- assignment


def publication_order(profiles: Sequence[ArticleProfile]) -> list[ArticleProfile]:
    """Dated profiles by date, then undated ones; ties keep the given order."""
    return sorted(profiles, key=lambda p: (p.published is None, p.published or ""))


def _units(profile: ArticleProfile) -> tuple[dict, dict]:
    return _unit(profile.terms), _unit(actor_tokens(profile.actors))


def _see(seen: _Seen, profile: ArticleProfile) -> None:
    """Count ``profile`` in the document frequencies (weighted by its term weights)."""
    seen.add(profile.terms, actor_tokens(profile.actors))


class _Clustering:
    """The stories of one clustering call, the merges made and the profiles seen."""

    def __init__(self, params: _Params) -> None:
        self.params = params
        self.seen = _Seen()
        self.stories: dict[str, _Story] = {}
        self.merged: dict[str, str] = {}

    def load(self, existing: Mapping[str, Sequence[ArticleProfile]]) -> None:
        for story_id, members in existing.items():
            story = self.stories.setdefault(story_id, _Story(story_id))
            for member in members:
                units = _units(member)
                _see(self.seen, member)
                story.add(units, profile_day(member.published), self.seen)

    def assign(self, profile: ArticleProfile) -> str:
        """Add ``profile`` to the most similar story above the threshold (merging the
        other stories it bridges into it), or to a new story."""
        units = _units(profile)
        _see(self.seen, profile)
        day = profile_day(profile.published)
        queries = (_Query.of(profile.terms, self.seen.terms),
                   _Query.of(units[1], self.seen.actors))
        scored = []
        for story in self.stories.values():
            sim = story_similarity(day, queries, story, self.seen, self.params)
            if sim is not None and sim >= self.params.threshold:
                scored.append((sim, story))
        if not scored:
            best = _Story(stable_id("story", profile.article_id))
            self.stories[best.story_id] = best
        else:
            scored.sort(key=lambda pair: -pair[0])
            best = self._merge(scored)
        best.add(units, day, self.seen)
        return best.story_id

    def _merge(self, scored: list[tuple[float, _Story]]) -> _Story:
        best = scored[0][1]
        limit = self.params.merge_threshold
        for sim, other in scored[1:]:
            if limit <= 0 or sim < limit:
                break
            keep, gone = sorted((best, other), key=lambda s: (-s.size, s.story_id))
            keep.absorb(gone)
            del self.stories[gone.story_id]
            self.merged[gone.story_id] = keep.story_id
            best = keep
        return best

    def final(self, story_id: str) -> str:
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id


def cluster_profiles(new: Sequence[ArticleProfile],
                     existing: Mapping[str, Sequence[ArticleProfile]],
                     settings: StorySettings, *,
                     progress: Callable[[int, int], None] | None = None
                     ) -> tuple[dict[str, str], dict[str, str]]:
    """Assign each new article to a story, online; returns (article id -> story id,
    merged story id -> the story id it now lives on).

    ``existing`` maps story id -> member profiles (those near the new articles in time
    suffice); members never leave their story, but a story may be merged into another.
    ``progress(done, total)`` is called after each new article."""
    clustering = _Clustering(_params(settings))
    clustering.load(existing)
    assigned: dict[str, str] = {}
    ordered = publication_order(new)
    for done, profile in enumerate(ordered, start=1):
        if profile.article_id not in assigned:
            assigned[profile.article_id] = clustering.assign(profile)
        if progress:
            progress(done, len(ordered))
    merges = {old: clustering.final(old) for old in clustering.merged}
    return {a: clustering.final(s) for a, s in assigned.items()}, merges


def assign_stories(new: Sequence[ArticleProfile],
                   existing: Mapping[str, Sequence[ArticleProfile]],
                   settings: StorySettings, *,
                   progress: Callable[[int, int], None] | None = None) -> dict[str, str]:
    """Article id -> story id for each new article (see :func:`cluster_profiles`)."""
    return cluster_profiles(new, existing, settings, progress=progress)[0]


def cluster_new(profiles: Mapping[str, ArticleProfile],
                neighbours: Mapping[str, Sequence[ArticleProfile]],
                settings: StorySettings) -> tuple[dict[str, str], dict[str, str]]:
    """Cluster the new articles' ``profiles`` among the ``neighbours`` (story id -> the
    member profiles near them in time); returns (assignments, merges)."""
    if not profiles:
        return {}, {}
    new = sorted(profiles.values(), key=lambda p: (p.published or "9999", p.article_id))
    return cluster_profiles(new, neighbours, settings)


def cluster_articles(articles: Sequence[Article], annotations: Mapping[str, Annotation],
                     settings: StorySettings) -> dict[str, str]:
    """All ``articles`` clustered from scratch (article id -> story id)."""
    new = [profile_article(a, annotations.get(a.id)) for a in articles if not a.duplicate_of]
    return assign_stories(new, {}, settings)


STAGE = Stage("cluster", "cluster-2", requires=("profiles", "neighbours"),
              produces=("assignments", "merges"), run=cluster_new, settings="story",
              doc="online clustering: each new article joins the most similar story or "
                  "opens one; an article that bridges two stories merges them")
