"""End to end on the seed articles: who said what, and the actors a reader would list.

The seeds go through ``storyline analyze`` into a temp SQLite file; the story is read back
as story JSON v1 (``storyline export``) and as the stored record (for affiliations).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.config import load_settings
from storyline.services.common import open_store
from storyline.services.reading import all_stories

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir):
    db = str(tmp_path_factory.mktemp("seed-speakers") / "seeds.db")
    result = CliRunner().invoke(cli, ["analyze", str(seeds_dir), "--metadata",
                                      str(seeds_dir / "metadata.jsonl"), "--db", db],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def story(seeds_db):
    result = CliRunner().invoke(cli, ["export", "--all", "--format", "json", "--db", seeds_db],
                                catch_exceptions=False)
    value = json.loads(result.output)
    stories = value if isinstance(value, list) else [value]
    return max(stories, key=lambda s: s["story"]["article_count"])


@pytest.fixture(scope="module")
def record(seeds_db):
    store = open_store(load_settings(env={}, overrides={"store": {"url": f"sqlite:///{seeds_db}"}}))
    views = all_stories(store)
    return max(views, key=lambda v: len(v.story.article_ids)).story


def _actors(story) -> dict:
    return {a["id"]: a for a in story["actors"]}


def _speakers(story, *, words: str | None = None, speaker: str | None = None) -> list[dict]:
    actors = _actors(story)
    found = [actors.get(q["speaker_actor_id"]) for q in story["quotes"]
             if (words is None or words in q["text"])
             and (speaker is None or speaker in (q["speaker_text"] or ""))]
    assert found, (words, speaker)
    return found


def _names(actors: list[dict | None]) -> set[str | None]:
    return {a["name"] if a else None for a in actors}


def test_a_pronoun_goes_to_the_person_it_stands_for(story) -> None:
    assert _names(_speakers(story, words="lay out in detailed terms")) == {"Joe Biden"}


def test_the_head_of_a_possessive_chain_is_the_speaker(story, record) -> None:
    assert _names(_speakers(story, speaker="Ushakov")) == {"Yuri Ushakov"}
    assert _names(_speakers(story, speaker="Peskov")) == {"Dmitri Peskov"}
    actors = {a.id: a for a in record.actors}
    ushakov = next(a for a in record.actors if a.name == "Yuri Ushakov")
    assert any("adviser" in role for role in ushakov.roles)
    assert [actors[a].name for a in ushakov.affiliations] == ["Vladimir Putin"]


def test_a_reporters_paraphrase_is_the_reporters(story) -> None:
    assert _names(_speakers(story, words="Putin is worried")) == {"Maynes"}
    nobody = _speakers(story, words="nobody at NATO is talking about Ukraine joining")
    assert _names(nobody) == {"Maynes"}


def test_an_expletive_it_names_no_speaker(story) -> None:
    assert _names(_speakers(story, words="they would take the form of serious economic")) \
        == {None}


def test_surnames_descriptions_and_metonyms_get_their_actor(story) -> None:
    assert _names(_speakers(story, speaker="Logan")) == {"Justin Logan"}
    assert _names(_speakers(story, speaker="Fontaine")) == {"Richard Fontaine"}
    assert _names(_speakers(story, speaker="press secretary")) == {"Jen Psaki"}
    white_house = _speakers(story, speaker="The White House")
    assert {(a["name"], a["kind"]) for a in white_house} == {("White House", "org")}
    people = [a["name"] for a in story["actors"] if a["kind"] == "person"]
    assert "Logan" not in people and people.count("Justin Logan") == 1


def test_unnamed_sources_are_typed_with_their_affiliation(story, record) -> None:
    for words in ("a senior administration official", "people familiar with the discussions",
                  "sources"):
        assert {a["kind"] for a in _speakers(story, speaker=words)} == {"anonymous"}, words
    actors = {a.id: a for a in record.actors}
    us_official = next(a for a in record.actors if a.kind == "anonymous"
                       and a.name == "senior US official")
    assert [actors[a].name for a in us_official.affiliations] == ["United States"]


def test_groups_are_groups(story) -> None:
    assert {a["kind"] for a in _speakers(story, speaker="Americans")} == {"group"}


def test_the_actor_list_has_no_demonyms_and_places_are_places(story) -> None:
    by_name = {a["name"]: a for a in story["actors"]}
    for demonym in ("Russian", "Ukrainian", "American", "French", "Islamic"):
        assert demonym not in by_name, demonym
    assert by_name["Crimea"]["kind"] == "place"
    assert by_name["Kremlin"]["kind"] == "org"
    assert not any("Cold War" in name for name in by_name)
    assert by_name["Russia"]["kind"] == "place"
