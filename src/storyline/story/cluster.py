"""Online story clustering: each new article joins the most similar story or starts one.

An article is reduced to an :class:`ArticleProfile`: sublinear term frequencies (1 + ln n)
of its lowercased content words and years (light plural folding, no parser needed) and the
set of actors it names (from annotation mentions when given, else capitalized phrases).

:func:`assign_stories` is online and never revisits a decision. New articles are taken in
publication order (undated last; ties keep the given order). For each one the similarity to
every candidate story is

    sim = time_factor * ((1 - a) * cos(terms, story terms) + a * cos(actor words, story's))

with ``a = cluster_actor_weight``. Both cosines are TF-IDF cosines against the story
centroid (the sum of the members' unit vectors), with document frequencies counted over
every profile seen so far (existing members, earlier new articles and the article itself)
plus a prior of PRIOR_DOCS unrelated documents, so words shared by the whole collection
weigh little. Actor words are the content words of
the actor names (binary), which matches "Reid" with "Tara Reid". Measured on ECB+ (two
events per topic, sharing most of their vocabulary), actor words separate stories far
better than the bag of words, hence the weight above one half. The time factor is
``1 - cluster_time_weight * d / cluster_window_days`` with d the distance in days to the
nearest dated member; a story with no member within the window of a dated article is not a
candidate; undated sides are neutral (factor 1). The article joins the best story when
``sim >= cluster_threshold``, else starts the story ``stable_id("story", article id)``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..config import StorySettings
from ..pipeline import Stage
from ..records import Annotation, Article, stable_id

# Document frequencies are smoothed as if PRIOR_DOCS unrelated documents (none holding the
# word) had been seen too: with few articles seen, or a collection that is one story, words
# shared by every article keep some weight instead of an IDF of zero, and early decisions
# are less erratic.
PRIOR_DOCS = 5
NORM_REFRESH = 0.05
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT"})

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|\b(?:1[89]|20)\d\d\b")
_CAP_PHRASE = re.compile(
    r"\b[A-Z][a-zA-Z'\-]*[a-zA-Z](?:\s+(?:of\s+(?:the\s+)?|de\s+)?[A-Z][a-zA-Z'\-]*[a-zA-Z])*")

# An ordinary lowercase word in running prose (after a word and a space), so not a piece
# of a URL, e-mail, path or hyphenated slug (also when a tokenizer spaced those out).
_LOWER_WORD = re.compile(r"(?<=[A-Za-z,;:] )[a-z]{2,}\b(?![-/@.]\w)")
_CALENDAR = frozenset([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "dr", "today", "yesterday", "tomorrow",
    "tonight", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "am", "pm", "et", "est", "edt", "pst", "pdt", "gmt", "utc",
])

_EXTRA_STOP = frozenset([
    "said", "says", "say", "told", "would", "could", "also", "one", "two", "new", "year",
    "years", "mr", "mrs", "ms", "per", "cent", "percent", "like", "just", "get", "got",
    "make", "made", "week", "day", "time", "last", "first", "according", "including",
])


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _EXTRA_STOP


_STOP = _stop_words()


@dataclass(frozen=True, slots=True)
class ArticleProfile:
    """What clustering needs to know about one article."""

    article_id: str
    published: str | None
    terms: Mapping[str, float]
    actors: frozenset[str]
    title: str


# ---------------------------------------------------------------- profiles


def _fold(word: str) -> str:
    """Lowercase and fold a regular plural ("rallies" -> "rally", "troops" -> "troop")."""
    word = word.lower().replace("'s", "").strip("'-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_terms(text: str) -> dict[str, float]:
    """Sublinear term frequencies (1 + ln count) of the content words of ``text``."""
    counts = Counter(
        term for term in (_fold(w) for w in _WORD.findall(text))
        if len(term) > 2 and term not in _STOP)
    return {term: 1.0 + math.log(count) for term, count in counts.items()}


def normalize_actor(name: str) -> str:
    """A comparable form of an actor name: lowercase, no leading article or possessive."""
    name = re.sub(r"\s+", " ", name.strip().lower())
    name = re.sub(r"^(the|a|an)\s+", "", name)
    return re.sub(r"'s$", "", name).strip(" .,'\"")


def _trim_name(words: list[str], common: set[str]) -> list[str]:
    """Drop leading words that are stop, calendar or ordinary lowercase words of the text
    ("Leaves" heading a title-case headline), and trailing stop or calendar words."""
    while words and (words[0].lower() in _STOP or words[0].lower() in _CALENDAR
                     or words[0].lower() in common):
        words = words[1:]
    while words and (words[-1].lower() in _STOP or words[-1].lower() in _CALENDAR):
        words = words[:-1]
    return words


def capitalized_actors(text: str) -> frozenset[str]:
    """Capitalized phrases, normalized: a name is not a sentence-initial single word, and
    loses edge words the text also uses in lowercase ("Leaves" in a title-case headline)."""
    common = set(_LOWER_WORD.findall(text))
    found: set[str] = set()
    for match in _CAP_PHRASE.finditer(text):
        words = match.group(0).split()
        before = text[max(0, match.start() - 3):match.start()].rstrip()
        if len(words) == 1 and (not before or before[-1] in ".!?\n\"'`:"):
            continue
        name = normalize_actor(" ".join(_trim_name(words, common)))
        if len(name) > 2:
            found.add(name)
    return frozenset(found)


def _annotation_actors(annotation: Annotation) -> frozenset[str]:
    names = {a.id: normalize_actor(a.name) for a in annotation.actors}
    found = {name for name in names.values() if len(name) > 1}
    for mention in annotation.mentions:
        if mention.label not in ACTOR_LABELS:
            continue
        name = names.get(mention.actor_id or "") or normalize_actor(mention.text)
        if len(name) > 1:
            found.add(name)
    return frozenset(found)


def profile_article(article: Article, annotation: Annotation | None) -> ArticleProfile:
    """Reduce an article to terms and actors (annotation mentions when given, else text)."""
    text = article.text if not article.title else f"{article.title}\n{article.text}"
    if annotation is not None and (annotation.mentions or annotation.actors):
        actors = _annotation_actors(annotation)
    else:
        actors = capitalized_actors(text)
    title = article.title or article.text.strip().split("\n", 1)[0][:120]
    return ArticleProfile(article_id=article.id, published=article.published,
                          terms=content_terms(text), actors=actors, title=title)


# ---------------------------------------------------------------- similarity


def actor_tokens(actors: Iterable[str]) -> dict[str, float]:
    """The content words of actor names, each weighted 1 (a bag for the actor cosine)."""
    return {w: 1.0 for name in actors for w in name.split() if len(w) > 1 and w not in _STOP}


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {k: v / norm for k, v in vector.items()}


@dataclass(slots=True)
class _Centroid:
    """The sum of the members' unit vectors; its IDF-weighted norm is cached.

    The cached norm is reused until the number of profiles seen grows by NORM_REFRESH
    (IDF values then barely move), so scoring an article costs O(its words) per story.
    """

    sums: dict[str, float] = field(default_factory=dict)
    cached_at: int = -1
    cached_norm: float = 0.0

    def add(self, vector: Mapping[str, float]) -> None:
        for key, value in _unit(vector).items():
            self.sums[key] = self.sums.get(key, 0.0) + value
        self.cached_at = -1

    def norm(self, idf: _Idf) -> float:
        if self.cached_at < 0 or idf.n > self.cached_at * (1.0 + NORM_REFRESH):
            self.cached_norm = math.sqrt(sum((v * idf(k)) ** 2 for k, v in self.sums.items()))
            self.cached_at = idf.n
        return self.cached_norm


@dataclass(slots=True)
class _Story:
    """Running aggregates of one story (mutable, private to one assign_stories call)."""

    story_id: str
    terms: _Centroid = field(default_factory=_Centroid)
    actors: _Centroid = field(default_factory=_Centroid)
    days: list[int] = field(default_factory=list)
    size: int = 0

    def add(self, profile: ArticleProfile) -> None:
        self.terms.add(profile.terms)
        self.actors.add(actor_tokens(profile.actors))
        day = _day(profile.published)
        if day is not None:
            self.days.append(day)
        self.size += 1


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


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


class _Seen:
    """Document frequencies of the terms and of the actor words of every profile seen."""

    def __init__(self) -> None:
        self.terms = _Idf()
        self.actors = _Idf()

    def add(self, profile: ArticleProfile) -> None:
        self.terms.add(profile.terms)
        self.actors.add(actor_tokens(profile.actors))


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


def _time_factor(day: int | None, story: _Story, window: int, weight: float) -> float | None:
    """1 for undated sides, falling linearly with distance; None outside the window."""
    if day is None or not story.days:
        return 1.0
    distance = min(abs(day - d) for d in story.days)
    if distance > window:
        return None
    return 1.0 - weight * distance / max(window, 1)


@dataclass(frozen=True, slots=True)
class _Params:
    threshold: float
    window: int
    actor_weight: float
    time_weight: float


def _params(settings: StorySettings) -> _Params:
    return _Params(
        threshold=settings.cluster_threshold,
        window=settings.cluster_window_days,
        actor_weight=settings.cluster_actor_weight,
        time_weight=settings.cluster_time_weight,
    )


def story_similarity(profile: ArticleProfile, queries: tuple[_Query, _Query], story: _Story,
                     seen: _Seen, params: _Params) -> float | None:
    """The combined similarity of ``profile`` to ``story``; None if outside the window."""
    factor = _time_factor(_day(profile.published), story, params.window, params.time_weight)
    if factor is None:
        return None
    text = queries[0].cosine(story.terms, seen.terms)
    actors = queries[1].cosine(story.actors, seen.actors)
    return factor * ((1.0 - params.actor_weight) * text + params.actor_weight * actors)


# ---------------------------------------------------------------- assignment


def publication_order(profiles: Sequence[ArticleProfile]) -> list[ArticleProfile]:
    """Dated profiles by date, then undated ones; ties keep the given order."""
    return sorted(profiles, key=lambda p: (p.published is None, p.published or ""))


def _existing_stories(existing: Mapping[str, Sequence[ArticleProfile]],
                      seen: _Seen) -> list[_Story]:
    stories = []
    for story_id, members in existing.items():
        story = _Story(story_id)
        for member in members:
            story.add(member)
            seen.add(member)
        stories.append(story)
    return stories


def assign_stories(new: Sequence[ArticleProfile],
                   existing: Mapping[str, Sequence[ArticleProfile]],
                   settings: StorySettings, *,
                   progress: Callable[[int, int], None] | None = None) -> dict[str, str]:
    """Assign each new article to a story, online; returns article id -> story id.

    ``existing`` maps story id -> member profiles; those assignments never change. See the
    module docstring for the similarity. ``settings`` is a ``StorySettings`` (cluster_threshold,
    cluster_window_days, cluster_actor_weight, cluster_time_weight). ``progress(done, total)`` is called after each new article.
    """
    params = _params(settings)
    seen = _Seen()
    stories = _existing_stories(existing, seen)
    assigned: dict[str, str] = {}
    ordered = publication_order(new)
    for done, profile in enumerate(ordered, start=1):
        if profile.article_id not in assigned:
            assigned[profile.article_id] = _assign_one(profile, stories, seen, params)
        if progress:
            progress(done, len(ordered))
    return assigned


def _assign_one(profile: ArticleProfile, stories: list[_Story], seen: _Seen,
                params: _Params) -> str:
    """Add ``profile`` to the most similar story above the threshold, or to a new one."""
    seen.add(profile)
    queries = (_Query.of(profile.terms, seen.terms),
               _Query.of(actor_tokens(profile.actors), seen.actors))
    best, best_sim = None, params.threshold
    for story in stories:
        sim = story_similarity(profile, queries, story, seen, params)
        if sim is not None and sim >= best_sim:
            best, best_sim = story, sim
    if best is None:
        best = _Story(stable_id("story", profile.article_id))
        stories.append(best)
    best.add(profile)
    return best.story_id


def cluster_new(articles: Sequence[Article], annotations: Mapping[str, Annotation],
                memberships: Mapping[str, str], settings: StorySettings) -> dict[str, str]:
    """Assign every original article not yet in a story (``memberships``: article id ->
    story id, never changed) to a story; returns the new assignments."""
    originals = [a for a in articles if not a.duplicate_of]
    new = sorted((a for a in originals if a.id not in memberships),
                 key=lambda a: (a.published or "9999", a.id))
    if not new:
        return {}
    profiles = {a.id: profile_article(a, annotations.get(a.id)) for a in originals}
    existing: dict[str, list[ArticleProfile]] = {}
    for article_id, story_id in memberships.items():
        if article_id in profiles:
            existing.setdefault(story_id, []).append(profiles[article_id])
    return assign_stories([profiles[a.id] for a in new], existing, settings)


STAGE = Stage("cluster", "cluster-1", requires=("articles", "annotations", "memberships"),
              produces=("assignments",), run=cluster_new, settings="story",
              doc="online clustering: each new article joins the most similar story or opens one")
