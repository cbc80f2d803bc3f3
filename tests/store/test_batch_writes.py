"""Batched writes: many articles and stories in few statements, as one at a time would."""

from __future__ import annotations

import pytest

from storyline.records import Article, DateSource, Story
from storyline.store import open_store
from storyline.store.base import StoryBuild

BUILD = StoryBuild((("stories", "1"),), "digest")


def _article(article_id: str, title: str = "Ferry vote", outlet: str = "Harbor Post") -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", text=f"The ferry vote {article_id}.",
                   title=title, outlet=outlet, published="2031-04-02",
                   published_from=DateSource.METADATA, content_hash="h-" + article_id)


def _story(story_id: str, *members: str) -> Story:
    return Story(id=story_id, title=f"Story {story_id}", first_published="2031-04-02",
                 last_published="2031-04-02", article_ids=members)


@pytest.fixture()
def store(tmp_path):
    s = open_store(str(tmp_path / "batch.db"))
    yield s
    s.close()


def test_a_batch_inserts_new_articles_and_updates_a_repeat(store):
    counts = store.upsert_articles([_article("a1"), _article("a2"), _article("a1", "Retitled")])
    assert (counts.added, counts.updated, counts.unchanged) == (2, 1, 0)
    assert store.get_article("a1").title == "Retitled"
    again = store.upsert_articles([_article("a2"), _article("a3"), _article("a1", "Retitled")])
    assert (again.added, again.updated, again.unchanged) == (1, 0, 2)
    assert store.count_articles() == 3


def test_saving_stories_in_a_batch_matches_saving_them_one_by_one(tmp_path, store):
    articles = [_article(f"a{i}", outlet=f"Outlet {i % 2}") for i in range(6)]
    built = [(_story("s1", "a0", "a1"), BUILD), (_story("s2", "a1", "a2", "a3", "a4"), BUILD),
             (_story("s1", "a0", "a1", "a5"), BUILD)]  # the last record of s1 wins, and a1
    single = open_store(str(tmp_path / "single.db"))
    try:
        for target in (store, single):
            target.upsert_articles(articles)
        store.save_stories(built)
        for story, build in built:
            single.save_story(story, build)
        for target in (store, single):
            assert target.get_story("s1").article_ids == ("a0", "a1", "a5")
        assert store.story_memberships() == single.story_memberships()
        assert store.story_of("a1") == "s1"
        assert (store.list_stories(None, 10).items == single.list_stories(None, 10).items)
        assert store.story_builds() == single.story_builds() == {"s1": BUILD, "s2": BUILD}
    finally:
        single.close()


def test_stale_stories_are_found_in_the_database_as_the_builds_compare(store):
    store.upsert_articles([_article(f"a{i}") for i in range(4)])
    newer = StoryBuild((("stories", "2"),), "digest")
    other_settings = StoryBuild((("stories", "1"),), "other")
    store.save_stories([(_story("s1", "a0"), BUILD), (_story("s2", "a1"), newer),
                        (_story("s3", "a2"), other_settings)])
    assert store.stale_story_ids(BUILD) == {"s2", "s3"}
    assert store.stale_story_ids(newer) == {"s1", "s3"}
    builds = store.story_builds_of(["s1", "s3", "missing"])
    assert set(builds) == {"s1", "s3"}
    assert store.stale_story_ids(BUILD) == {
        s for s, b in store.story_builds().items() if b != BUILD}
