"""Article profiles: what story clustering knows about one article.

An article is reduced to an :class:`ArticleProfile`: sublinear term frequencies (1 + ln n)
of its lowercased content words and years (light plural folding, no parser needed) and the
set of actors it names (from annotation mentions when given, else capitalized phrases).
Profiles are kept in the store (as plain JSON, :func:`profile_to_plain`), so clustering a
new article never re-reads the text or annotations of the old ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..pipeline import Stage
from ..records import Annotation, Article

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


def profile_day(published: str | None) -> int | None:
    """The day ordinal of an ISO date (None when undated or unreadable)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def profile_to_plain(profile: ArticleProfile) -> dict:
    """A profile as JSON-ready values (terms rounded to four decimals)."""
    return {"terms": {k: round(v, 4) for k, v in profile.terms.items()},
            "actors": sorted(profile.actors), "title": profile.title}


def profile_from_plain(article_id: str, published: str | None, plain: Mapping) -> ArticleProfile:
    return ArticleProfile(article_id=article_id, published=published,
                          terms=dict(plain.get("terms") or {}),
                          actors=frozenset(plain.get("actors") or ()),
                          title=plain.get("title") or "")


def profile_articles(articles: Sequence[Article],
                     annotations: Mapping[str, Annotation]) -> dict[str, ArticleProfile]:
    """The profile of every original article (duplicates join their original's story)."""
    return {a.id: profile_article(a, annotations.get(a.id)) for a in articles
            if not a.duplicate_of}


STAGE = Stage("profile", "profile-1", requires=("articles", "annotations"),
              produces=("profiles",), run=profile_articles,
              doc="each new article as terms and actor names, kept for clustering")
