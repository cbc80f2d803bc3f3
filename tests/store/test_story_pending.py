"""What a killed run leaves to do is in the store: clustered stories never saved, and
stories whose members or member annotations changed (marked stale in the same
transaction), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from storyline.records import Annotation, Article, DateSource, Sentence, Story
from storyline.services.stories import is_stale
from storyline.store.base import StoryBuild

BUILD = StoryBuild((("members", "k1"),), "digest")
TEXT = "The ferry crews stayed ashore. The council called both sides to talks."


def _article(article_id: str, duplicate_of: str | None = None) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", text=TEXT, title="Ferry strike",
                   outlet="Gazette", published="2031-03-04",
                   published_from=DateSource.METADATA, content_hash="h-" + article_id,
                   duplicate_of=duplicate_of)


def _annotation(article_id: str) -> Annotation:
    return Annotation(article_id=article_id, versions=(("model", "x"),),
                      sentences=(Sentence(article_id, 0, 0, 30, TEXT[:30]),))


def _story(story_id: str, *article_ids: str) -> Story:
    return Story(id=story_id, title="Ferry strike", article_ids=article_ids,
                 first_published="2031-03-04", last_published="2031-03-04")


@pytest.fixture
def store(sqlite_or_postgres_store):
    return sqlite_or_postgres_store


def _stale(store, story_id: str) -> bool:
    return is_stale(store.story_builds()[story_id], BUILD)


def test_a_clustered_story_never_saved_is_found(store):
    store.upsert_articles([_article("a1"), _article("a2")])
    store.apply_clustering({"a1": "s1", "a2": "s2"}, {})
    assert store.unbuilt_story_ids() == {"s1", "s2"}
    store.save_story(_story("s1", "a1"), BUILD)
    assert store.unbuilt_story_ids() == {"s2"}
    assert not _stale(store, "s1")


def test_new_members_and_merges_mark_the_stored_story_stale(store):
    store.upsert_articles([_article("a1"), _article("a2"), _article("a3")])
    store.apply_clustering({"a1": "s1", "a3": "s3"}, {})
    store.save_story(_story("s1", "a1"), BUILD)
    store.save_story(_story("s3", "a3"), BUILD)
    store.apply_clustering({"a2": "s1"}, {})
    assert _stale(store, "s1") and not _stale(store, "s3")
    store.save_story(_story("s1", "a1", "a2"), BUILD)
    assert not _stale(store, "s1")
    store.apply_clustering({}, {"s3": "s1"})
    assert _stale(store, "s1") and "s3" not in store.story_builds()
    assert store.unbuilt_story_ids() == set()


def test_saving_annotations_marks_the_stories_of_the_articles_stale(store):
    store.upsert_articles([_article("a1"), _article("a2"), _article("c1", duplicate_of="a1")])
    store.apply_clustering({"a1": "s1", "a2": "s2"}, {})
    store.save_story(_story("s1", "a1"), BUILD)
    store.save_story(_story("s2", "a2"), BUILD)
    store.save_annotated([(_annotation("a2"), None)])
    assert _stale(store, "s2") and not _stale(store, "s1")
    store.save_annotated([(_annotation("c1"), None)])  # a copy: the story of its original
    assert _stale(store, "s1")
