from __future__ import annotations

from storyline.annotate.actors import actor_id
from storyline.records import Actor
from storyline.story.actors import generic_tail_of, head_of, merge_actors, same_spelling


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


def test_one_word_team_name_joins_the_unique_longer_name_but_places_do_not():
    per_article = [(actor("Port Elver Gulls", "place", "a", 2),),
                   (actor("Gulls", "person", "b", 6), actor("Vestlands", "place", "b", 3)),
                   (actor("North Vestlands", "place", "c", 1),)]
    actors, ids = merge_actors(per_article)
    assert len(actors) == 3
    gulls = next(a for a in actors if "Gulls" in a.aliases)
    assert "Port Elver Gulls" in gulls.aliases and gulls.mention_count == 8
    assert ids[actor("Vestlands", "place", "b").id] != ids[actor("North Vestlands", "place",
                                                                 "c").id]


def test_initials_clipped_names_and_suffixes_merge():
    per_article = [(actor("W. Mark Velt", "person", "a", 5),),
                   (actor("William Mark Velt", "person", "b", 1),),
                   (actor("Fred Orrin Quist", "person", "c", 1), actor("Frederick Orrin Quist",
                                                                       "person", "d", 3)),
                   (actor("Ivo Pel Karsk Jr.", "person", "e", 2),
                    actor("Ivo Pel Karsk", "person", "f", 2))]
    actors, _ = merge_actors(per_article)
    assert len(actors) == 3
    assert {a.mention_count for a in actors} == {6, 4}


def test_a_surname_joins_a_dominant_full_name_only():
    per_article = [(actor("Mark Velt", "person", "a", 20), actor("Joan Velt", "person", "a", 2)),
                   (actor("Velt", "person", "b", 9),),
                   (actor("Ann Dosk", "person", "c", 6), actor("Per Dosk", "person", "c", 3),
                    actor("Dosk", "person", "d", 4))]
    actors, _ = merge_actors(per_article)
    names = {a.name: a for a in actors}
    assert names["Mark Velt"].mention_count == 29 and names["Joan Velt"].mention_count == 2
    assert {"Ann Dosk", "Per Dosk", "Dosk"} <= set(names)


def test_a_surname_tagged_as_a_group_joins_the_person_but_peoples_do_not():
    per_article = [(actor("Dravko", "group", "a", 9), actor("Ivo Dravko", "person", "a", 5)),
                   (actor("Russian", "group", "b", 4), actor("Ivo Russian", "person", "b", 1),
                    actor("Russia", "place", "b", 3))]
    actors, _ = merge_actors(per_article)
    names = {a.name: a for a in actors}
    assert names["Ivo Dravko"].mention_count == 14 and names["Ivo Dravko"].kind == "person"
    assert {"Russian", "Russia", "Ivo Russian"} <= set(names)
    assert names["Russian"].kind == "group"


def test_mount_and_mt_are_one_place():
    actors, _ = merge_actors([(actor("Mt Vell", "place", "a", 2),),
                              (actor("Mount Vell", "place", "b", 1),)])
    assert len(actors) == 1 and actors[0].mention_count == 3


def test_short_forms_of_names_with_of_and_generic_tails():
    assert head_of("Vell Academy", "Vell Academy of Arts")
    assert head_of("Palmora", "City of Palmora")
    assert not head_of("Arts", "Vell Academy of Arts")
    assert generic_tail_of(["qarsh"], ["qarsh", "island"])
    assert not generic_tail_of(["qarsh"], ["qarsh", "tower"])
    per_article = [(actor("Vell Academy of Arts", "org", "a", 2), actor("Qarsh Island", "place",
                                                                        "a", 1)),
                   (actor("Vell Academy", "org", "b", 3), actor("Qarsh", "place", "b", 2)),
                   (actor("Ostrian", "group", "c", 2), actor("Ostrian Sea", "place", "c", 2),
                    actor("Arts", "org", "c", 1))]
    actors, _ = merge_actors(per_article)
    counts = sorted(a.mention_count for a in actors)
    assert counts == [1, 3, 4, 5]


def test_a_one_word_name_taken_for_a_person_joins_a_company_with_a_generic_tail():
    per_article = [(actor("Vellcorp", "person", "a", 3),), (actor("Vellcorp Inc.", "org", "b"),),
                   (actor("Ann Orsk", "person", "c", 2), actor("Orsk", "person", "c"),
                    actor("Orsk Group", "org", "d"))]
    actors, _ = merge_actors(per_article)
    names = {a.name: a for a in actors}
    assert sum(a.mention_count for a in actors if "Vellcorp" in a.aliases) == 4
    assert len([a for a in actors if "Vellcorp" in a.aliases]) == 1
    assert names["Ann Orsk"].mention_count == 3 and names["Orsk Group"].mention_count == 1


def test_short_given_name_joins_the_one_person_with_the_full_name():
    full = actor("Maurice Karsk", "person", "a", 9)
    short = actor("Mo Karsk", "place", "b", 3)  # a nickname taken for a place
    katie = actor("Katie Vosk", "person", "c", 4)
    kathryn = actor("Kathryn Vosk", "person", "d", 2)
    actors, ids = merge_actors([(full,), (short,), (katie,), (kathryn,)])
    assert len(actors) == 2
    assert ids[short.id] == ids[full.id] and ids[katie.id] == ids[kathryn.id]
    karsk = next(a for a in actors if a.id == ids[full.id])
    assert karsk.kind == "person" and karsk.name == "Maurice Karsk"


def test_short_given_name_of_two_people_stays_apart():
    actors, _ = merge_actors([
        (actor("Katherine Vosk", "person", "a"),), (actor("Kathleen Vosk", "person", "b"),),
        (actor("Kate Vosk", "person", "c"),),
    ])
    assert len(actors) == 3


def test_misspelled_long_given_name_merges_but_a_short_one_does_not():
    assert same_spelling("Jermayne Karsk", "Jerymayne Karsk", "person")
    assert not same_spelling("Mark Karsk", "Mary Karsk", "person")


def test_surname_joins_the_person_written_with_the_same_title():
    jerry = actor("Jerry Vosk", "person", "a", 6, aliases=("Vosk", "Deputy Vosk"))
    rosa = actor("Rosa Vosk", "person", "b", 5, aliases=("Vosk",))
    short = actor("Vosk", "person", "c", 4, aliases=("Deputy Vosk",))
    _, ids = merge_actors([(jerry,), (rosa,), (short,)])
    assert ids[short.id] == ids[jerry.id] != ids[rosa.id]


def test_a_name_an_article_wrote_for_an_actor_joins_that_actor():
    team = actor("Kansas City", "org", "a", 4, aliases=("Kansas City Chiefs", "Chiefs"))
    full = actor("Kansas City Chiefs", "org", "b", 5)
    other = actor("Kansas City Royals", "org", "c", 2)
    _, ids = merge_actors([(team,), (full,), (other,)])
    assert ids[team.id] == ids[full.id] != ids[other.id]


def test_surname_joins_the_person_the_articles_call_by_it():
    vincent = [actor("Vin Vosk", "person", a, 20, aliases=("Vosk",)) for a in "abc"]
    louis = actor("Lou Vosk", "person", "d", 30)
    short = actor("Vosk", "person", "e", 4)
    _, ids = merge_actors([(v,) for v in vincent] + [(louis,), (short,)])
    assert ids[short.id] == ids[vincent[0].id] != ids[louis.id]


def test_swapped_letters_are_one_spelling_but_another_letter_is_not():
    assert same_spelling("Klitschko", "Klistchko", "person")
    assert not same_spelling("Hansena", "Hansona", "person")
    full = actor("Ivo Klitschko", "person", "a", 9)
    short = actor("Klistchko", "person", "b", 1)
    _, ids = merge_actors([(full,), (short,)])
    assert ids[short.id] == ids[full.id]


def test_a_nickname_clipping_a_given_name_and_surname_joins_the_person():
    from storyline.story.nicknames import clipped_name_of

    full = actor("Lena Borgan", "person", "a", 5)
    nick = actor("LeBo", "person", "b", 2)
    other = actor("Lars Borg", "person", "c", 1)
    _, ids = merge_actors([(full,), (nick,), (other,)])
    assert ids[nick.id] == ids[full.id] != ids[other.id]
    assert clipped_name_of("A-Rod", ["alex", "rodriguez"])
    assert not clipped_name_of("Borgan", ["lena", "borgan"])
