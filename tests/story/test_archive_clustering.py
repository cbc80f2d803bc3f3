"""Long-running stories, late arrivals and merges, through the store (real SQLite files)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from storyline.config import Settings
from storyline.records import Article, DateSource, stable_id
from storyline.services.stories import cluster_pending
from storyline.store import open_store
from storyline.story.cluster import assign_stories
from storyline.story.profiles import profile_article

DAM = ("Engineers in Veltria warned that the Orsk dam was cracking. Mara Kessling, the chief "
       "engineer of the Orsk dam, ordered an evacuation of the valley below Veltria. ")
CHESS = ("Oskar Brandt won a game of the Lindqvist Cup against Ilse Marow in Gravenport. "
         "Brandt sacrificed a rook on move twenty. ")


def _day(offset: int) -> str:
    return (date(2031, 1, 1) + timedelta(days=offset)).isoformat()


def _article(key: str, body: str, offset: int) -> Article:
    return Article(id=key, source=f"test/{key}", text=body + f"Report number {offset}.",
                   title=body[:40], published=_day(offset), published_from=DateSource.METADATA,
                   content_hash=stable_id("h", key, body))


@pytest.fixture()
def store(tmp_path):
    s = open_store(str(tmp_path / "archive.db"))
    yield s
    s.close()


def _settings(**story) -> Settings:
    base = Settings()
    return dataclasses.replace(base, story=dataclasses.replace(base.story, **story))


def test_a_story_reported_for_months_stays_one_story(store):
    days = range(0, 400, 20)  # 20 days apart, over a year: far past the 90-day window
    store.upsert_articles([_article(f"dam{d}", DAM, d) for d in days])
    store.upsert_articles([_article(f"chess{d}", CHESS, d + 3) for d in range(0, 60, 20)])
    cluster_pending(store, Settings())
    members = store.story_memberships()
    assert len({members[f"dam{d}"] for d in days}) == 1
    assert {members[f"chess{d}"] for d in range(0, 60, 20)}.isdisjoint({members["dam0"]})


def test_a_backfill_joins_the_story_it_belongs_to(store):
    store.upsert_articles([_article(f"dam{d}", DAM, d) for d in (300, 330, 360)])
    cluster_pending(store, Settings())
    story = store.story_memberships()["dam300"]
    store.upsert_articles([_article(f"old{d}", DAM, d) for d in (310, 250, 200)])
    result = cluster_pending(store, Settings())
    assert set(result.assignments.values()) == {story}  # day 200 first opened its own,
    assert set(result.merges.values()) <= {story}  # which day 250 then merged in
    assert set(store.story_memberships().values()) == {story}


def test_an_article_that_bridges_two_stories_merges_them(store):
    store.upsert_articles([_article("early", DAM, 0), _article("early2", DAM, 2),
                           _article("late", DAM, 130)])
    settings = _settings(cluster_window_days=100)
    cluster_pending(store, settings)
    members = store.story_memberships()
    first, second = members["early"], members["late"]
    assert first != second  # 128 days apart: two stories
    store.upsert_articles([_article("bridge", DAM, 66)])
    result = cluster_pending(store, settings)
    assert result.merges == {second: first}  # the larger story keeps its id
    assert set(store.story_memberships().values()) == {first}
    assert store.redirect_of(second) == first
    assert store.resolve_story_id(second) == first


def test_merges_can_be_switched_off():
    profiles = [profile_article(_article(k, DAM, d), None)
                for k, d in (("a", 0), ("b", 130), ("c", 66))]
    on = assign_stories(profiles[:2], {}, _settings(cluster_window_days=100).story)
    assert len(set(on.values())) == 2
    off = _settings(cluster_window_days=100, cluster_merge_threshold=0.0).story
    existing = {on["a"]: [profiles[0]], on["b"]: [profiles[1]]}
    assert assign_stories([profiles[2]], existing, off)["c"] in {on["a"], on["b"]}


def test_clustering_reads_only_neighbours_in_time(store, monkeypatch):
    store.upsert_articles([_article(f"dam{d}", DAM, d) for d in range(0, 1000, 30)])
    cluster_pending(store, Settings())
    seen = []
    original = type(store).profiles_near

    def spy(self, first, last, undated=True):
        rows = original(self, first, last, undated)
        seen.append(len(rows))
        return rows

    monkeypatch.setattr(type(store), "profiles_near", spy)
    store.upsert_articles([_article("new", DAM, 1000)])
    cluster_pending(store, Settings())
    assert seen and max(seen) <= 7  # the members within 90 days of day 1000, not all 34
