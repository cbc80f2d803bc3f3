"""A synthetic archive for the scale benchmarks: invented words, no article text copied.

``fill(store, n)`` writes ``n`` articles in stories of ``STORY_SIZE`` members, ``PER_DAY``
articles a day (so the archive's time span grows with its size, as a real archive's does),
each with a one-paragraph annotation (sentences for search), a clustering profile and its
story membership; ``build_stories=True`` (or a ``build``) also stores every story record.
"""

from __future__ import annotations

import functools
import random
from datetime import date, timedelta

from storyline.records import Annotation, Article, DateSource, Sentence, Story, stable_id
from storyline.store.base import StoryBuild
from storyline.story.profiles import ArticleProfile, profile_day, profile_to_plain

STORY_SIZE = 20
PER_DAY = 20
START = date(2001, 1, 1)
PAGE = 50 * STORY_SIZE  # articles written per batch: whole stories only
SYLLABLES = ["ka", "lo", "mi", "ten", "var", "ost", "rin", "bel", "su", "dra", "pe", "nor"]


def word(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


@functools.lru_cache(maxsize=4096)
def story_words(story: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A story's own topic words and actor names (fixed by its number)."""
    rng = random.Random(story)
    return (tuple(word(rng) for _ in range(12)),
            tuple(word(rng, 2).title() + " " + word(rng).title() for _ in range(3)))


def article(index: int, story: int, day: int, rng: random.Random) -> tuple[Article, Annotation,
                                                                             ArticleProfile]:
    topic, actors = story_words(story)
    common = [word(rng) for _ in range(6)]
    sentences = [f"{actors[i % 3]} said the {topic[i]} and {topic[i + 3]} of {common[i]} "
                 f"were {topic[(i + 5) % 12]} on day {day}." for i in range(5)]
    text = " ".join(sentences)
    published = (START + timedelta(days=day)).isoformat()
    art = Article(id=stable_id("synthetic", str(index)), source=f"synthetic/{index}",
                  text=text, title=f"{topic[0]} {topic[1]} {index}", outlet=f"Outlet {story % 7}",
                  published=published, published_from=DateSource.METADATA,
                  content_hash=stable_id("text", text))
    spans, start = [], 0
    for i, sentence in enumerate(sentences):
        spans.append(Sentence(art.id, i, start, start + len(sentence), sentence))
        start += len(sentence) + 1
    terms = {w: 1.0 for s in sentences for w in s.lower().rstrip(".").split() if len(w) > 3}
    profile = ArticleProfile(art.id, published, terms,
                             frozenset(a.lower() for a in actors), art.title or "")
    return art, Annotation(art.id, (("synthetic", "1"),), sentences=tuple(spans)), profile


def story_of(index: int) -> int:
    return index // STORY_SIZE


def day_of(index: int) -> int:
    return index // PER_DAY


def fill(store, count: int, *, build_stories: bool = False, build: StoryBuild | None = None,
         seed: int = 1) -> None:
    """Write ``count`` articles a page at a time through the store's batch calls (a page
    holds whole stories, so no story is written twice); stories are stored as made by
    ``build`` (none given: by no known build, so the story stage would rebuild them)."""
    rng = random.Random(seed)
    if build_stories and build is None:
        build = StoryBuild()
    batch: list = []
    for index in range(count):
        batch.append(article(index, story_of(index), day_of(index), rng))
        if len(batch) == PAGE or index == count - 1:
            _write(store, batch, build)
            batch = []


def _write(store, batch: list, build: StoryBuild | None) -> None:
    store.upsert_articles([a for a, _, _ in batch])
    store.save_annotated([(ann, None) for _, ann, _ in batch])
    store.save_profiles([(p.article_id, profile_day(p.published), p.published,
                          profile_to_plain(p)) for _, _, p in batch])
    assignments = {a.id: story_id(int(a.source.split("/")[1])) for a, _, _ in batch}
    store.apply_clustering(assignments, {})
    if build is not None:
        groups: dict[str, list[Article]] = {}
        for a, _, _ in batch:
            groups.setdefault(assignments[a.id], []).append(a)
        store.save_stories([(_story(key, members), build)
                            for key, members in groups.items()])


def story_id(index: int) -> str:
    """The id of the story holding article ``index``."""
    return stable_id("story", "synthetic", str(story_of(index)))


def _story(key: str, members: list[Article]) -> Story:
    dates = sorted(a.published for a in members if a.published)
    return Story(id=key, title=members[0].title, first_published=dates[0],
                 last_published=dates[-1], article_ids=tuple(a.id for a in members))
