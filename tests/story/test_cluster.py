"""Online story clustering on hand-made articles about two invented stories."""

from __future__ import annotations

import dataclasses

import pytest

from storyline.config import StorySettings
from storyline.records import Annotation, Article, Mention, stable_id
from storyline.story.cluster import (
    ArticleProfile,
    assign_stories,
    capitalized_actors,
    profile_article,
)

DAM = [
    ("Engineers in Veltria warned that the Orsk dam was cracking. Mara Kessling, the chief "
    "engineer of the Orsk dam, ordered an evacuation of the valley below Veltria."),
    ("The Orsk dam failed overnight and water flooded the lower valley. Mara Kessling said "
    "the evacuation of Veltria had saved hundreds of lives."),
    ("Residents of Veltria returned to flooded homes below the broken Orsk dam. Officials "
    "praised Mara Kessling for the early evacuation."),
]
CHESS = [
    ("Oskar Brandt won the opening game of the Lindqvist Cup against Ilse Marow in Gravenport. "
    "Brandt sacrificed a rook on move twenty."),
    ("Ilse Marow levelled the Lindqvist Cup final in Gravenport. Oskar Brandt resigned after a "
    "long endgame."),
    ("Oskar Brandt took the Lindqvist Cup title in Gravenport after beating Ilse Marow in the "
    "deciding game."),
]
SETTINGS = StorySettings()


def _article(key: str, text: str, published: str | None = None) -> Article:
    return Article(id=key, source=f"test/{key}", text=text, published=published)


def _profiles(prefix: str, texts: list[str], start_day: int = 1) -> list[ArticleProfile]:
    return [profile_article(_article(f"{prefix}{i}", text, f"2024-03-{start_day + i:02d}"), None)
            for i, text in enumerate(texts)]


def test_two_invented_stories_cluster_apart() -> None:
    profiles = [p for pair in zip(_profiles("dam", DAM), _profiles("chess", CHESS)) for p in pair]
    assigned = assign_stories(profiles, {}, SETTINGS)
    dam = {assigned[f"dam{i}"] for i in range(3)}
    chess = {assigned[f"chess{i}"] for i in range(3)}
    assert len(dam) == 1 and len(chess) == 1 and dam != chess
    assert dam == {stable_id("story", "dam0")}
    assert chess == {stable_id("story", "chess0")}


def test_later_article_joins_existing_story_and_old_assignments_stay() -> None:
    first = _profiles("dam", DAM[:2]) + _profiles("chess", CHESS[:2])
    assigned = assign_stories(first, {}, SETTINGS)
    existing: dict[str, list[ArticleProfile]] = {}
    for profile in first:
        existing.setdefault(assigned[profile.article_id], []).append(profile)
    late = profile_article(_article("late", CHESS[2], "2024-03-05"), None)
    again = assign_stories([late], existing, SETTINGS)
    assert again == {"late": assigned["chess0"]}
    assert set(again) == {"late"}


def test_dissimilar_article_starts_a_new_story() -> None:
    existing = {"s1": _profiles("dam", DAM)}
    other = profile_article(_article("bake", "Bakers in Quillon celebrated a record "
                                      "harvest festival with Petra Saalbach.", "2024-03-02"),
                            None)
    assert assign_stories([other], existing, SETTINGS) == {"bake": stable_id("story", "bake")}


def test_article_outside_the_time_window_starts_a_new_story() -> None:
    existing = {"s1": _profiles("dam", DAM)}
    late = profile_article(_article("later", DAM[1], "2024-12-01"), None)
    near = profile_article(_article("near", DAM[1], "2024-03-20"), None)
    assert assign_stories([late], existing, SETTINGS)["later"] == stable_id("story", "later")
    assert assign_stories([near], existing, SETTINGS)["near"] == "s1"
    wide = dataclasses.replace(SETTINGS, cluster_window_days=400)
    assert assign_stories([late], existing, wide)["later"] == "s1"


def test_new_articles_are_taken_in_publication_order() -> None:
    late, early = _profiles("dam", DAM[:2])
    late = dataclasses.replace(late, published="2024-03-09")
    assigned = assign_stories([late, early], {}, SETTINGS)
    assert set(assigned.values()) == {stable_id("story", early.article_id)}


def test_profile_uses_annotation_mentions_when_given() -> None:
    text = "The envoy met Rhea Tolland in Sarnik on Monday."
    start = text.index("Rhea Tolland")
    mention = Mention("a1", start, start + len("Rhea Tolland"), "Rhea Tolland", "PERSON")
    assert text[mention.start:mention.end] == mention.text
    annotation = Annotation("a1", versions=(), mentions=(mention,))
    profile = profile_article(_article("a1", text), annotation)
    assert profile.actors == frozenset({"rhea tolland"})
    assert profile.terms["envoy"] > 0
    assert "the" not in profile.terms


def test_capitalized_actors_skip_sentence_starts_and_calendar_words() -> None:
    actors = capitalized_actors("Yesterday the Orsk Water Board met Mara Kessling on Monday. "
                                "Officials said so.")
    assert actors == frozenset({"orsk water board", "mara kessling"})


# ---------------------------------------------------------------- scorer maths and reader


def test_bcubed_on_a_hand_computed_case() -> None:
    from storyline.eval.clusters import bcubed

    precision, recall, f1 = bcubed(["a", "a", "b", "b"], ["x", "x", "x", "y"])
    assert precision == pytest.approx(2 / 3)
    assert recall == pytest.approx(3 / 4)
    assert f1 == pytest.approx(12 / 17)
    assert bcubed(["a", "a", "b"], ["y", "y", "x"]) == (1.0, 1.0, 1.0)


def test_adjusted_rand_index_on_hand_computed_cases() -> None:
    from storyline.eval.clusters import adjusted_rand_index

    assert adjusted_rand_index(["a", "a", "b", "b"], ["x", "x", "x", "y"]) == pytest.approx(0.0)
    gold, predicted = list("aaabbb"), list("xxyyzz")
    assert adjusted_rand_index(gold, predicted) == pytest.approx(0.8 / 3.3)
    assert adjusted_rand_index(list("aabb"), list("yyxx")) == pytest.approx(1.0)
    assert adjusted_rand_index(list("aabb"), list("xyxy")) < 0


def test_ecbplus_reader_builds_undated_articles(benchmarks_dir) -> None:
    from storyline.eval.ecbplus import read_topic, topic_dirs

    topics = topic_dirs(benchmarks_dir / "ecbplus-dev")
    documents = read_topic(topics[0])
    assert {d.gold for d in documents} == {"ecb", "ecbplus"}
    assert all(d.article.published is None and d.article.text for d in documents)
    assert len({d.article.id for d in documents}) == len(documents)


def test_capitalized_actors_trim_ordinary_words_heading_a_title_case_headline() -> None:
    text = "Evacuation Ordered In Veltria\nThe evacuation was ordered by the Orsk Water Board."
    assert capitalized_actors(text) == frozenset({"veltria", "orsk water board"})


def test_assign_stories_reports_progress() -> None:
    calls: list[tuple[int, int]] = []
    profiles = _profiles("dam", DAM)
    assign_stories(profiles, {}, SETTINGS, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
