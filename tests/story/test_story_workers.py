"""The story stage's workers read their stories from the store and save them: the process
that hands out the work never loads an annotation nor holds a story, and the stories are
those a single process builds."""

from __future__ import annotations

import dataclasses

import pytest

from storyline.config import Settings
from storyline.records import (
    Actor,
    Annotation,
    Article,
    DateSource,
    Mention,
    Sentence,
    SentenceDate,
    TimeExpression,
    stable_id,
)
from storyline.services.stories import build_stories, load_story
from storyline.store import open_store
from storyline.story.build import build_story
from storyline.story.profiles import profile_article, profile_day, profile_to_plain

TOPICS = {
    "harbour": ("Mara Lindqvist", ("The harbour pilots of Vell stopped work on {day} March "
                                   "after talks on their night shifts failed again.")),
    "orchard": ("Tomas Berg", ("The orchard growers of Ostrin asked the council on {day} "
                               "March for help after the late frost killed the blossom.")),
}


def _article(topic: str, index: int) -> tuple[Article, Annotation]:
    name, template = TOPICS[topic]
    day = 3 + index
    first = template.format(day=day)
    second = f"{name} said the matter would be settled within the week by both sides."
    text = f"{first} {second}"
    aid = stable_id("workers", topic, str(index))
    article = Article(id=aid, source=f"{topic}-{index}.txt", text=text, title=topic.title(),
                      outlet=f"Gazette {index}", published=f"2031-03-{day:02d}",
                      published_from=DateSource.METADATA, content_hash=stable_id(text),
                      language="en")
    at = len(first) + 1
    when = text.index(f"{day} March")
    actor = Actor(stable_id(aid, name), name, "person", article_ids=(aid,), mention_count=1)
    annotation = Annotation(
        article_id=aid, versions=(("model", "x"),),
        sentences=(Sentence(aid, 0, 0, len(first), first),
                   Sentence(aid, 1, at, len(text), second)),
        mentions=(Mention(aid, at, at + len(name), name, "PERSON", actor.id),
                  Mention(aid, when, when + len(f"{day} March"), f"{day} March", "DATE")),
        times=(TimeExpression(aid, when, when + len(f"{day} March"), f"{day} March",
                              f"2031-03-{day:02d}", "day"),),
        actors=(actor,),
        sentence_dates=(SentenceDate(aid, 0, len(first), "happened", f"2031-03-{day:02d}",
                                     "day", "stop"),
                        SentenceDate(aid, at, len(text), "expected", None, "", "settle")))
    return article, annotation


def _fill(store, per_topic: int = 3) -> list[str]:
    """``per_topic`` articles of each topic, profiled and clustered, no story built."""
    made = [_article(topic, i) for topic in TOPICS for i in range(per_topic)]
    store.upsert_articles([a for a, _ in made])
    store.save_annotated([(ann, None) for _, ann in made])
    store.save_profiles([(a.id, profile_day(a.published), a.published,
                          profile_to_plain(profile_article(a, ann))) for a, ann in made])
    store.apply_clustering({a.id: stable_id("story", a.source.split("-")[0]) for a, _ in made},
                           {})
    return sorted({stable_id("story", topic) for topic in TOPICS})


def _settings(workers: int) -> Settings:
    settings = Settings()
    return dataclasses.replace(settings, annotate=dataclasses.replace(settings.annotate,
                                                                      workers=workers))


def _no_annotations(*_args, **_kwargs):
    raise AssertionError("the process that hands out the work read annotations")


def _no_saving(*_args, **_kwargs):
    raise AssertionError("the process that hands out the work saved a story")


@pytest.fixture
def store(sqlite_or_postgres_store):
    return sqlite_or_postgres_store


def test_workers_read_their_stories_from_the_store(store, monkeypatch):
    story_ids = _fill(store)
    expected = {}
    for story_id in story_ids:
        articles = load_story(store, story_id)[0]
        full = store.get_annotations(a.id for a in articles)
        expected[story_id] = build_story(story_id, articles, full, Settings())
    monkeypatch.setattr(store, "get_annotations", _no_annotations)
    monkeypatch.setattr(store, "save_story", _no_saving)
    monkeypatch.setattr(store, "save_stories", _no_saving)
    report = build_stories(store, _settings(2))
    assert sorted(report.story_ids) == story_ids
    assert {s: store.get_story(s) for s in story_ids} == expected
    assert set(store.story_builds_of(story_ids)) == set(story_ids)


def test_an_in_memory_store_builds_in_its_own_process():
    store = open_store("sqlite://")
    story_ids = _fill(store, 2)
    report = build_stories(store, _settings(2))
    assert sorted(report.story_ids) == story_ids


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_reads_keep_what_the_story_stages_read(topic):
    from storyline.story.reads import story_reads

    made = [_article(topic, i) for i in range(3)]
    articles = [a for a, _ in made]
    full = {ann.article_id: ann for _, ann in made}
    reduced = {k: story_reads(v) for k, v in full.items()}
    assert all(len(r.mentions) == 1 and not r.versions for r in reduced.values())
    assert build_story("s", articles, reduced, Settings()) == build_story("s", articles, full,
                                                                           Settings())
