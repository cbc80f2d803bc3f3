from __future__ import annotations

from pathlib import Path

import pytest

from storyline.annotate.actors.resolve import (
    compatible_names,
    last_word_of,
    name_tokens,
    normalize_name,
    partial_name_of,
    resolve_actors,
)
from storyline.annotate.mentions.find import find_mentions
from storyline.records import Mention, stable_id


def build(text: str, spans: list[tuple[str, str]]) -> list[Mention]:
    """Mentions for (surface, label) pairs, found left to right in ``text``."""
    mentions, cursor = [], 0
    for surface, label in spans:
        start = text.index(surface, cursor)
        mentions.append(Mention("a1", start, start + len(surface), surface, label))
        cursor = start + len(surface)
    return mentions


def by_name(actors):
    return {a.name: a for a in actors}



def test_person_forms_merge_with_roles_and_longest_name():
    text = ("Nordland President Ivo Karsk met Foreign Minister Lena Borg. "
            "Mr. Karsk said Borg agreed. Ivo Karsk left; Karsk smiled.")
    mentions = build(text, [("Ivo Karsk", "PERSON"), ("Lena Borg", "PERSON"),
                            ("Karsk", "PERSON"), ("Borg", "ORG"), ("Ivo Karsk", "PERSON"),
                            ("Karsk", "GPE")])
    actors, resolved = resolve_actors(mentions, text, "a1")
    names = by_name(actors)
    assert set(names) == {"Ivo Karsk", "Lena Borg"}
    karsk = names["Ivo Karsk"]
    assert karsk.kind == "person" and karsk.mention_count == 4
    assert "Nordland President" in karsk.roles
    assert {"Ivo Karsk", "Karsk"} <= set(karsk.aliases)
    assert names["Lena Borg"].roles == ("Foreign Minister",)
    assert names["Lena Borg"].kind == "person"
    assert karsk.id == stable_id("actor", "person", "ivo karsk")
    assert all(m.actor_id for m in resolved)
    assert [m.actor_id for m in resolved].count(karsk.id) == 4
    for mention in resolved:
        assert text[mention.start:mention.end] == mention.text


def test_titles_inside_the_entity_become_roles():
    text = "Yesterday President Tomas Vell spoke. Vell is tired."
    mentions = build(text, [("President Tomas Vell", "PERSON"), ("Vell", "PERSON")])
    actors, _ = resolve_actors(mentions, text, "a1")
    assert len(actors) == 1
    assert actors[0].name == "Tomas Vell" and actors[0].roles == ("President",)


def test_a_nickname_inside_a_personal_name_is_no_part_of_it():
    text = 'Vito "The Owl" Sarro was seen. Vito Sarro left; Luis (Jerry) Orm stayed.'
    mentions = build(text, [('Vito "The Owl" Sarro', "PERSON"), ("Vito Sarro", "PERSON"),
                            ("Luis (Jerry) Orm", "PERSON")])
    actors, _ = resolve_actors(mentions, text, "a1")
    names = by_name(actors)
    assert set(names) == {"Vito Sarro", "Luis Orm"}
    assert names["Vito Sarro"].mention_count == 2
    assert 'Vito "The Owl" Sarro' in names["Vito Sarro"].aliases


def test_multiword_role_phrases_and_role_fragments():
    text = ("Talks between Secretary of State Ana Ruiz and the envoy. "
            "Coastland press secretary Jo Pell spoke. Army Chief of Staff Gen. Ray Tull nodded.")
    mentions = build(text, [("State", "ORG"), ("Ana Ruiz", "PERSON"), ("Coastland", "GPE"),
                            ("Jo Pell", "PERSON"), ("Ray Tull", "PERSON")])
    actors, resolved = resolve_actors(mentions, text, "a1")
    names = by_name(actors)
    assert names["Ana Ruiz"].roles == ("Secretary of State",)
    assert names["Jo Pell"].roles == ("Coastland press secretary",)
    assert names["Ray Tull"].roles == ("Army Chief of Staff",)
    assert "State" not in names
    assert resolved[0].actor_id is None


def test_no_role_from_a_neighbouring_name_or_a_preposition():
    text = "A call between Ivo Karsk and Lena Borg. A top adviser to Borg left."
    mentions = build(text, [("Ivo Karsk", "PERSON"), ("Lena Borg", "PERSON"), ("Borg", "PERSON")])
    actors, _ = resolve_actors(mentions, text, "a1")
    assert all(actor.roles == () for actor in actors)


def test_kind_is_voted_across_mentions():
    text = "Pell. Pell. Pell. Pell."
    mentions = build(text, [("Pell", "ORG"), ("Pell", "PERSON"), ("Pell", "PERSON"),
                            ("Pell", "PERSON")])
    actors, _ = resolve_actors(mentions, text, "a1")
    assert len(actors) == 1 and actors[0].kind == "person"


def test_country_aliases_merge_and_demonyms_point_at_their_country():
    text = "the U.S. and US and America and the United States; Russian troops; Russians; Russia."
    mentions = build(text, [("U.S.", "GPE"), ("US", "GPE"), ("America", "GPE"),
                            ("United States", "GPE"), ("Russian", "NORP"), ("Russians", "NORP"),
                            ("Russia", "GPE")])
    actors, _ = resolve_actors(mentions, text, "a1")
    names = by_name(actors)
    assert names["United States"].kind == "place"
    assert names["United States"].mention_count == 4
    assert {"U.S.", "US", "America"} <= set(names["United States"].aliases)
    assert "Russian" not in names  # an attribute of Russia, not an actor
    assert names["Russians"].kind == "group" and names["Russians"].mention_count == 1
    assert names["Russia"].kind == "place" and names["Russia"].mention_count == 2
    assert names["Russians"].affiliations == (names["Russia"].id,)
    assert len(actors) == 3


def test_surname_is_not_linked_when_ambiguous():
    text = "Ann Vosk and Per Vosk met. Vosk spoke."
    mentions = build(text, [("Ann Vosk", "PERSON"), ("Per Vosk", "PERSON"), ("Vosk", "PERSON")])
    actors, _ = resolve_actors(mentions, text, "a1")
    assert {a.name for a in actors} == {"Ann Vosk", "Per Vosk", "Vosk"}


def test_same_id_in_every_article():
    text_a = "Ivo Karsk arrived."
    text_b = "Later Ivo Karsk and Karsk's aide left."
    a, _ = resolve_actors(build(text_a, [("Ivo Karsk", "PERSON")]), text_a, "a")
    spans_b = [("Ivo Karsk", "PERSON"), ("Karsk", "PERSON")]
    b, _ = resolve_actors(build(text_b, spans_b), text_b, "b")
    assert a[0].id == b[0].id
    assert b[0].article_ids == ("b",)


def test_normalize_name():
    assert normalize_name("The U.S.") == "us"
    assert normalize_name("Zelenskyy’s") == "zelenskyy's"
    assert normalize_name("  José   Ruiz ") == "jose ruiz"


@pytest.mark.slow
def test_actor_merging_on_the_seeds(nlp, seeds_dir: Path):
    roles: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    putin_actors = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        actors, resolved = resolve_actors(find_mentions(nlp(text), path.stem), text, path.stem)
        for mention in resolved:
            assert text[mention.start:mention.end] == mention.text
        for actor in actors:
            roles.setdefault(actor.name, set()).update(actor.roles)
            kinds.setdefault(actor.name, set()).add(actor.kind)
        putins = [a for a in actors if "Putin" in a.aliases]
        assert len(putins) <= 1, putins
        putin_actors += putins
    assert putin_actors and all("Vladimir Putin" in a.aliases for a in putin_actors)
    assert len({a.id for a in putin_actors}) == 1
    assert any("Secretary of State" in r for r in roles["Antony Blinken"])
    assert any("press secretary" in r for r in roles["Jen Psaki"])
    biden = [k for name, k in kinds.items() if name.endswith("Biden")]
    assert biden and all(k == {"person"} for k in biden)


def test_short_forms_link_to_the_unique_longer_name():
    text = ("Mark Jay Quell met Mark Quell's lawyer; Quell, Quell and Quell nodded. "
            "The Associated Press and AP reported on the Boston Red Sox and the Red Sox.")
    mentions = build(text, [("Mark Jay Quell", "PERSON"), ("Mark Quell", "PERSON"),
                            ("Quell", "ORG"), ("Quell", "ORG"), ("Quell", "ORG"),
                            ("Associated Press", "ORG"), ("AP", "ORG"),
                            ("Boston Red Sox", "ORG"), ("Red Sox", "ORG")])
    actors, _ = resolve_actors(mentions, text, "a1")
    names = by_name(actors)
    assert set(names) == {"Mark Jay Quell", "Associated Press", "Boston Red Sox"}
    assert names["Mark Jay Quell"].kind == "person"
    assert names["Mark Jay Quell"].mention_count == 5
    assert names["Associated Press"].mention_count == 2
    assert "Red Sox" in names["Boston Red Sox"].aliases


def test_demonym_tagged_as_place_points_at_its_country():
    text = "Ukrainian troops and Ukrainian officials."
    mentions = build(text, [("Ukrainian", "GPE"), ("Ukrainian", "NORP")])
    actors, resolved = resolve_actors(mentions, text, "a1")
    assert [(a.name, a.kind) for a in actors] == [("Ukraine", "place")]
    assert {m.actor_id for m in resolved} == {actors[0].id}


def test_appositive_roles_and_no_role_from_a_plain_word_before_for():
    text = ("Ana Ruiz, the agency's chief economist, spoke. Lawyers for Dr Tomas Vell left. "
            "Ivo Karsk, who said little, left.")
    mentions = build(text, [("Ana Ruiz", "PERSON"), ("Tomas Vell", "PERSON"),
                            ("Ivo Karsk", "PERSON")])
    names = by_name(resolve_actors(mentions, text, "a1")[0])
    assert names["Ana Ruiz"].roles == ("agency's chief economist",)
    assert names["Tomas Vell"].roles == ("Dr",)
    assert names["Ivo Karsk"].roles == ()


def test_abbreviations_and_generation_suffixes_are_normalized():
    assert normalize_name("Mt. Vell") == normalize_name("Mount Vell") == "mount vell"
    assert normalize_name("St Ormond") == "saint ormond"
    assert normalize_name("Ft Arlo") == "fort arlo"
    assert normalize_name("Harbour St") == "harbour st"  # a street, not a saint
    assert name_tokens("Ivo Pel Karsk Jr.") == ["ivo", "pel", "karsk"]
    assert name_tokens("Ivo Karsk III") == ["ivo", "karsk"]
    assert name_tokens("Ann Jr") == ["ann", "jr"]  # too short to hold a suffix


def test_given_name_forms():
    assert partial_name_of(["fred", "karsk"], ["frederick", "ivo", "karsk"])
    assert partial_name_of(["f", "karsk"], ["frederick", "ivo", "karsk"])
    assert not partial_name_of(["ann", "karsk"], ["per", "ivo", "karsk"])
    assert compatible_names(["w", "mark", "velt"], ["william", "mark", "velt"])
    assert not compatible_names(["ann", "velt"], ["joan", "velt"])
    assert not compatible_names(["ann", "velt"], ["ann", "velt"])


def test_one_word_team_name_links_to_the_longer_org_name():
    text = "The Port Elver Gulls won. The Gulls cheered; Gulls fans sang. Elver Bank of Ruritania."
    mentions = build(text, [("Port Elver Gulls", "ORG"), ("Gulls", "ORG"), ("Gulls", "ORG"),
                            ("Elver Bank of Ruritania", "ORG")])
    actors = resolve_actors(mentions, text, "a1")[0]
    assert len(actors) == 2
    gulls = next(a for a in actors if "Gulls" in a.aliases)
    assert "Port Elver Gulls" in gulls.aliases and gulls.mention_count == 3
    assert not last_word_of(["ruritania"], "Elver Bank of Ruritania")


def test_a_name_standing_for_the_facility_named_after_it_leaves_it_its_kind(nlp):
    text = ("Ann Vale checked into the Orla Brisk Center on Monday. She went back to Orla "
            "Brisk after a week, and she stayed at Orla Brisk for a month.")
    mentions = build(text, [("Ann Vale", "PERSON"), ("Orla Brisk Center", "FAC"),
                            ("Orla Brisk", "PERSON"), ("Orla Brisk", "PERSON")])
    actors, resolved = resolve_actors(mentions, text, "a1", nlp(text))
    clinic = [a for a in actors if a.name.startswith("Orla Brisk")]
    assert len(clinic) == 1 and clinic[0].kind == "place"
    assert {m.actor_id for m in resolved if m.text.startswith("Orla")} == {clinic[0].id}
    vale = by_name(actors)["Ann Vale"]
    assert all(m.actor_id == vale.id for m in resolved if m.text.lower() == "she")


def test_names_the_recognizer_labelled_wrong_are_read_with_their_own_label(nlp):
    text = ("Ivo Karsk beat Teo Marn. Karsk said he was ready. Mary Brisk joined the Gullers "
            "on Monday, and Brisk said the Gullers would win. KLX reported the deal.")
    mentions = build(text, [("Ivo Karsk", "PERSON"), ("Teo Marn", "PERSON"),
                            ("Karsk", "NORP"), ("Mary Brisk", "GPE"), ("Gullers", "PERSON"),
                            ("Brisk", "PERSON"), ("Gullers", "PERSON"), ("KLX", "PERSON")])
    actors, _ = resolve_actors(mentions, text, "a1", nlp(text))
    named = by_name(actors)
    assert named["Ivo Karsk"].mention_count >= 2  # "Karsk" as NORP is the surname
    assert named["Mary Brisk"].kind == "person"  # a given name and a surname beside "Brisk"
    assert named["Gullers"].kind == "org"  # "the Gullers": a team, not one person
    assert named["KLX"].kind == "org"  # initials


def test_a_pronoun_in_a_quote_is_not_its_speaker_and_takes_the_nearest_subject(nlp):
    text = ("Ann Vale left the clinic on Monday. Her lawyer, Mia Lund, spoke out. "
            "\"She has finished her treatment there,\" Lund said. "
            "Lund said Vale was tired when she came home.")
    mentions = build(text, [("Ann Vale", "PERSON"), ("Mia Lund", "PERSON"),
                            ("She", "PRON"), ("Lund", "PERSON"), ("Lund", "PERSON"),
                            ("Vale", "PERSON"), ("she", "PRON")])
    actors, resolved = resolve_actors(mentions, text, "a1", nlp(text))
    vale = by_name(actors)["Ann Vale"]
    pronouns = [m for m in resolved if m.label == "PRON"]
    assert [m.actor_id for m in pronouns] == [vale.id, vale.id]
