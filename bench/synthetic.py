"""A synthetic archive for the scale benchmarks: invented words, no article text copied.

``fill(store, n)`` writes ``n`` articles in stories of ``STORY_SIZE`` members, ``PER_DAY``
articles a day (so the archive's time span grows with its size, as a real archive's does),
each with a one-paragraph annotation (sentences for search), a clustering profile and its
story membership; ``build_stories=True`` also stores every story record.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from storyline.records import Annotation, Article, DateSource, Sentence, Story, stable_id
from storyline.store.base import StoryBuild
from storyline.story.profiles import ArticleProfile, profile_day, profile_to_plain

STORY_SIZE = 20
PER_DAY = 20
START = date(2001, 1, 1)
SYLLABLES = ["ka", "lo", "mi", "ten", "var", "ost", "rin", "bel", "su", "dra", "pe", "nor"]


def word(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def story_words(story: int) -> tuple[list[str], list[str]]:
    """A story's own topic words and actor names (fixed by its number)."""
    rng = random.Random(story)
    return [word(rng) for _ in range(12)], [word(rng, 2).title() + " " + word(rng).title()
                                             for _ in range(3)]


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


def fill(store, count: int, *, build_stories: bool = False, seed: int = 1) -> None:
    rng = random.Random(seed)
    batch: list = []
    for index in range(count):
        batch.append(article(index, story_of(index), day_of(index), rng))
        if len(batch) == 500 or index == count - 1:
            _write(store, batch, build_stories)
            batch = []


def _write(store, batch: list, build_stories: bool) -> None:
    store.upsert_articles([a for a, _, _ in batch])
    store.save_annotated([(ann, None) for _, ann, _ in batch])
    store.save_profiles([(p.article_id, profile_day(p.published), p.published,
                          profile_to_plain(p)) for _, _, p in batch])
    assignments = {a.id: stable_id("story", "synthetic", str(story_of(int(a.source.split("/")[1]))))
                   for a, _, _ in batch}
    store.apply_clustering(assignments, {})
    if build_stories:
        groups: dict[str, list[Article]] = {}
        for a, _, _ in batch:
            groups.setdefault(assignments[a.id], []).append(a)
        for story_id, members in groups.items():
            _save_story(store, story_id, members)


def _save_story(store, story_id: str, members: list[Article]) -> None:
    old = []
    try:
        old = list(store.get_story(story_id).article_ids)
    except Exception:  # noqa: BLE001 - a story not stored yet
        old = []
    ids = old + [a.id for a in members]
    dates = sorted(a.published for a in members if a.published)
    story = Story(id=story_id, title=members[0].title, first_published=dates[0],
                  last_published=dates[-1], article_ids=tuple(ids))
    store.save_story(story, StoryBuild())
