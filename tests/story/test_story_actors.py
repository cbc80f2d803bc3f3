from __future__ import annotations

from storyline.annotate.actors import actor_id
from storyline.records import Actor
from storyline.story.actors import merge_actors, same_spelling


def actor(name: str, kind: str, article: str, count: int = 1, aliases=(), roles=()) -> Actor:
    return Actor(id=actor_id(kind, name), name=name, kind=kind,
                 aliases=tuple(dict.fromkeys((name, *aliases))), roles=tuple(roles),
                 mention_count=count, article_ids=(article,))


def test_same_id_merges_and_sums():
    a = actor("Ivo Karsk", "person", "a", 3, aliases=("Karsk",), roles=("President",))
    b = actor("Ivo Karsk", "person", "b", 2, roles=("Nordland President",))
    actors, ids = merge_actors([(a,), (b,)])
    assert len(actors) == 1
    merged = actors[0]
    assert merged.id == a.id and ids == {a.id: a.id}
    assert merged.mention_count == 5
    assert merged.article_ids == ("a", "b")
    assert merged.roles == ("President", "Nordland President")
    assert merged.aliases == ("Ivo Karsk", "Karsk")


def test_surname_only_actor_links_to_the_full_name_of_another_article():
    full = actor("Ivo Karsk", "person", "a", 2)
    short = actor("Karsk", "person", "b", 4)
    mislabeled = actor("Karsk", "place", "c", 1)
    other = actor("Lena Borg", "person", "c", 1)
    actors, ids = merge_actors([(full,), (short,), (mislabeled, other)])
    assert len(actors) == 2
    karsk = next(a for a in actors if a.name == "Ivo Karsk")
    assert karsk.kind == "person" and karsk.mention_count == 7
    assert ids[short.id] == ids[mislabeled.id] == ids[full.id] == karsk.id
    assert set(karsk.article_ids) == {"a", "b", "c"}


def test_ambiguous_surname_stays_apart():
    actors, ids = merge_actors([
        (actor("Ann Vosk", "person", "a"),), (actor("Per Vosk", "person", "b"),),
        (actor("Vosk", "person", "c"),),
    ])
    assert len(actors) == 3
    assert len(set(ids.values())) == 3


def test_near_identical_spellings_merge():
    a = actor("Volodymyr Zelensky", "person", "a", 3)
    b = actor("Volodymyr Zelenskyy", "person", "b", 1)
    c = actor("Zelenskyy", "person", "c", 2)
    actors, ids = merge_actors([(a,), (b,), (c,)])
    assert len(actors) == 1
    assert actors[0].name == "Volodymyr Zelensky"
    assert len(set(ids.values())) == 1 and set(ids) == {a.id, b.id, c.id}


def test_distinct_names_and_kinds_are_not_merged():
    assert not same_spelling("Austria", "Australia", "place")
    assert not same_spelling("Iran", "Iraq", "place")
    assert not same_spelling("John Smith", "Joan Smith", "person")
    assert same_spelling("Zelensky", "Zelenskyy", "person")
    actors, _ = merge_actors([(actor("Russia", "place", "a"), actor("Russian", "group", "a"),
                               actor("Washington", "place", "b", 5),
                               actor("Ann Washington", "person", "b"))])
    assert len(actors) == 4


def test_story_ids_are_stable_and_map_covers_every_input():
    per_article = [(actor("Ivo Karsk", "person", "a"), actor("NATO", "org", "a")),
                   (actor("Karsk", "person", "b"), actor("NATO", "org", "b", 2))]
    first = merge_actors(per_article)
    second = merge_actors(list(reversed(per_article)))
    assert {a.id for a in first[0]} == {a.id for a in second[0]}
    assert set(first[1]) == {a.id for arts in per_article for a in arts}
    assert first[0][0].name in {"Ivo Karsk", "NATO"}


def test_same_name_with_another_kind_and_short_forms_merge():
    per_article = [
        (actor("Betty Vale Center", "org", "a", 5),),
        (actor("Betty Vale Center", "person", "b", 1),),
        (actor("Mark Jay Quell", "person", "a", 10),),
        (actor("Mark Quell", "person", "b", 2), actor("Quell", "place", "b", 4)),
        (actor("Associated Press", "org", "c", 2), actor("AP", "org", "d", 1)),
        (actor("Gulf of Aden", "place", "c", 9), actor("Gulf of Eden", "place", "d", 1)),
    ]
    actors, ids = merge_actors(per_article)
    names = {a.name: a for a in actors}
    assert set(names) == {"Betty Vale Center", "Mark Jay Quell", "Associated Press",
                          "Gulf of Aden"}
    assert names["Betty Vale Center"].kind == "org"
    assert names["Mark Jay Quell"].kind == "person"
    assert names["Mark Jay Quell"].mention_count == 16
    assert len(set(ids.values())) == 4


def test_a_frequent_place_is_not_taken_for_a_rare_surname():
    per_article = [(actor("Washington", "place", "a", 12),),
                   (actor("Ann Washington", "person", "b", 1),)]
    actors, _ = merge_actors(per_article)
    assert len(actors) == 2
