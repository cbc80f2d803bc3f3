"""Who said what: speaker words resolved to actors through the annotate and story stages.

Invented paragraphs go through ``annotate_article`` and ``build_story`` (the product path);
each test reads the story's quotes with their speaker actors.
"""

from __future__ import annotations

import pytest

from storyline.annotate import annotate_article
from storyline.config import Settings
from storyline.records import Actor, Article
from storyline.story.build import build_story
from storyline.story.linking import by_role

pytestmark = pytest.mark.slow


def story_of(nlp, *texts: str):
    articles = [Article(id=f"a{i}", source=f"a{i}", text=t) for i, t in enumerate(texts)]
    annotations = {a.id: annotate_article(a, nlp(a.text), "test-model") for a in articles}
    return build_story("s1", articles, annotations, Settings()), annotations


def speakers(nlp, *texts: str) -> list[tuple[str, Actor | None]]:
    """(quote text, speaker actor) of every quote of a one-story set of articles."""
    story, _ = story_of(nlp, *texts)
    actors = {a.id: a for a in story.actors}
    return [(q.text, actors.get(q.speaker_actor_id)) for q in story.quotes]


def speaker_of(nlp, text: str, words: str) -> Actor | None:
    found = [actor for quote, actor in speakers(nlp, text) if words in quote]
    assert found, f"no quote holds {words!r}"
    return found[0]


def name_of(actor: Actor | None) -> str | None:
    return actor.name if actor is not None else None


def test_pronoun_resolves_to_the_person_named_before(nlp) -> None:
    text = ("Anna Berg met the press on Monday. “We will not sign this deal in its "
            "current form,” she said.")
    assert name_of(speaker_of(nlp, text, "We will not sign")) == "Anna Berg"


def test_pronoun_agrees_in_gender(nlp) -> None:
    text = ("Anna Berg spoke with Tom Reed on Monday. “The talks went well for both sides "
            "today,” he said.")
    assert name_of(speaker_of(nlp, text, "The talks went well")) == "Tom Reed"


def test_pronoun_across_a_paragraph_break(nlp) -> None:
    text = ("Anna Berg spoke on Monday.\n\n"
            "“We will not sign this deal in its current form,” she said.")
    assert name_of(speaker_of(nlp, text, "We will not sign")) == "Anna Berg"


def test_pronoun_after_a_quote_goes_to_its_speaker_not_to_a_name_inside_it(nlp) -> None:
    text = ("“We think Tom Reed has decided already,” Anna Berg said on television. "
            "“But until the vote is taken, we keep talking,” she said.")
    assert name_of(speaker_of(nlp, text, "until the vote")) == "Anna Berg"


def test_description_resolves_to_the_title_holder(nlp) -> None:
    text = ("President Tom Reed spoke on Friday. “The deal is done and it will hold,” "
            "the president said.")
    assert name_of(speaker_of(nlp, text, "The deal is done")) == "Tom Reed"


def test_reporter_paraphrase_is_the_reporters_and_keeps_the_subject(nlp) -> None:
    text = ("Anna Berg says that Tom Reed is worried about the vote. She says this is Reed "
            "“trying to win back the voters he lost last year.”")
    found = speakers(nlp, text)
    paraphrase = [a for q, a in found if q.startswith("that Tom Reed is worried")]
    assert paraphrase and name_of(paraphrase[0]) == "Anna Berg"
    assert name_of(found[-1][1]) == "Anna Berg"


def test_possessive_role_chain_gives_the_named_head_with_role_and_owner(nlp) -> None:
    text = ("Governor Ola Dunn's chief of staff Piet Varga told reporters the budget would "
            "pass next week.")
    story, _ = story_of(nlp, text)
    actors = {a.id: a for a in story.actors}
    quote = next(q for q in story.quotes if "budget" in q.text)
    speaker = actors[quote.speaker_actor_id]
    assert speaker.name == "Piet Varga"
    assert any("chief of staff" in role for role in speaker.roles)
    assert [actors[a].name for a in speaker.affiliations] == ["Ola Dunn"]


def test_named_apposition_is_the_speaker(nlp) -> None:
    text = "A spokesman, Jan Kos, said the plan was final and would not change."
    assert name_of(speaker_of(nlp, text, "the plan was final")) == "Jan Kos"


@pytest.mark.parametrize("text, words", [
    ("A senior Norwegian official said the talks had stalled over the weekend.",
     "the talks had stalled"),
    ("People familiar with the talks said the two sides were far apart.",
     "the two sides were far apart"),
    ("Sources told the newspaper that the deal would be signed in March.",
     "the deal would be signed"),
])
def test_unnamed_sources_are_anonymous_actors(nlp, text, words) -> None:
    speaker = speaker_of(nlp, text, words)
    assert speaker is not None and speaker.kind == "anonymous"


def test_anonymous_source_keeps_its_affiliation_and_is_never_a_named_actor(nlp) -> None:
    text = ("Anna Berg met the minister on Monday. A senior Norwegian official said the talks "
            "had stalled. “We are far apart,” the official said.")
    story, _ = story_of(nlp, text)
    actors = {a.id: a for a in story.actors}
    quotes = [q for q in story.quotes if q.speaker_actor_id]
    kinds = {actors[q.speaker_actor_id].kind for q in quotes if "far apart" in q.text
             or "stalled" in q.text}
    assert kinds == {"anonymous"}
    official = next(a for a in story.actors if a.kind == "anonymous")
    assert [actors[a].name for a in official.affiliations] == ["Norway"]


def test_groups_speak_as_groups(nlp) -> None:
    assert speaker_of(nlp, "Critics say the plan is far too costly for the city.",
                      "the plan is far too costly").kind == "group"
    together = speaker_of(nlp, "Anna Berg and Tom Reed said the bill would pass this week.",
                          "the bill would pass")
    assert together.kind == "group"


def test_a_surname_joins_the_full_name_across_articles(nlp) -> None:
    story, _ = story_of(nlp, "Daniel Marsh, a fellow at the institute, said the talks failed.",
                        "Marsh said the next round would start in May.")
    people = [a for a in story.actors if a.kind == "person"]
    assert [a.name for a in people] == ["Daniel Marsh"]
    assert {q.speaker_actor_id for q in story.quotes} == {people[0].id}


def test_metonyms_demonyms_and_places(nlp) -> None:
    text = ("The Kremlin said Russian troops would stay. Moscow warned that talks were over. "
            "Ana Ruiz arrived in Moscow on Monday.")
    story, _ = story_of(nlp, text)
    names = {a.name: a for a in story.actors}
    assert "Russian" not in names
    assert names["Kremlin"].kind == "org"
    assert names["Russia"].id in names["Kremlin"].affiliations
    assert names["Moscow"].kind == "place"
    actors = {a.id: a for a in story.actors}
    warned = next(q for q in story.quotes if "talks were over" in q.text)
    assert actors[warned.speaker_actor_id].name == "Kremlin"


def test_a_description_resolves_through_roles_seen_in_the_story() -> None:
    actors = [Actor(id="p1", name="Ana Ruiz", kind="person", roles=("White House press secretary",)),
              Actor(id="p2", name="Tom Reed", kind="person", roles=("President",))]
    assert by_role("the president's press secretary", actors) == "p1"
    assert by_role("the governor", actors) is None


# ------------------------------------------------ the content keeps its meaning, per pattern

@pytest.mark.parametrize("text, content, speaker", [
    ("Importantly, Ana Ruiz notes, nobody at the agency is talking about a merger this year.",
     "nobody at the agency is talking about a merger this year", "Ana Ruiz"),
    ("Ana Ruiz said nobody at the agency is talking about a merger this year.",
     "nobody at the agency is talking about a merger this year", "Ana Ruiz"),
    ("Nobody at the agency is talking about a merger this year, Ana Ruiz said.",
     "Nobody at the agency is talking about a merger this year", "Ana Ruiz"),
    ("Ana Ruiz said the agency is not talking about a merger this year.",
     "the agency is not talking about a merger this year", "Ana Ruiz"),
    ("According to Ana Ruiz, no one at the agency wants a merger this year.",
     "no one at the agency wants a merger this year", "Ana Ruiz"),
    ("Ana Ruiz says that Tom Reed is worried about the vote next week.",
     "that Tom Reed is worried about the vote next week", "Ana Ruiz"),
])
def test_reported_content_keeps_its_subject_and_negation(nlp, text, content, speaker) -> None:
    found = speakers(nlp, text)
    assert [(q, name_of(a)) for q, a in found] == [(content, speaker)]


def test_quote_after_a_reporting_sentence_takes_its_speaker(nlp) -> None:
    text = ("The council may delay the vote until spring, Anna Berg said. “We have no other "
            "option left for the city this year.”")
    assert name_of(speaker_of(nlp, text, "no other option")) == "Anna Berg"


def test_a_title_inside_a_name_phrase_is_not_that_name(nlp) -> None:
    text = ("President Tom Reed spoke in Oslo on Monday. Anna Berg praised the plan.\n\n"
            "Lena Holm, one of the president's closest aides, was in the room. Later that "
            "day the president told reporters that the harbour would reopen in May.")
    assert name_of(speaker_of(nlp, text, "harbour would reopen")) == "Tom Reed"


def test_which_refers_to_the_noun_its_clause_hangs_on(nlp) -> None:
    _, annotations = story_of(nlp, "The Harbour Board met in Bergen on Monday. The new "
                                   "bridge, which opened in May, was built by Anna Berg.")
    which = [m for m in annotations["a0"].mentions if m.text == "which"]
    assert which and which[0].actor_id is None  # the bridge, no actor: not the board


def test_a_reporting_verb_parsed_as_a_noun_keeps_its_subject(nlp) -> None:
    text = ("Tom Trump's running mate, Anna Berg, plans to release her own returns soon.\n\n"
            "But Trump claims that he should be the exception.")  # "Trump claims": a noun
    assert name_of(speaker_of(nlp, text, "should be the exception")) == "Tom Trump"


def test_a_party_member_description_is_the_person_in_view(nlp) -> None:
    text = ("Tom Reed spoke in Ohio on Monday.\n\n"
            "The Republican said that the new tariffs would hurt local farmers.")
    assert name_of(speaker_of(nlp, text, "tariffs would hurt")) == "Tom Reed"


def test_a_possessed_account_is_its_possessors(nlp) -> None:
    text = ("Dr. Anna Berg examined the patient in March.\n\n"
            "According to her account, the patient was sent to the hospital at once.")
    assert name_of(speaker_of(nlp, text, "sent to the hospital")) == "Anna Berg"


def test_a_quote_after_a_colon_is_the_clauses_subject(nlp) -> None:
    text = ("On Monday, Tom Reed made the following comment:\n\n"
            "\"The harbour will stay open for every ship that needs it this winter.\"")
    assert name_of(speaker_of(nlp, text, "harbour will stay open")) == "Tom Reed"


def test_the_object_of_forced_is_the_one_who_admits(nlp) -> None:
    text = ("Senator Anna Berg questioned banker Tom Reed on Tuesday.\n\n"
            "The senator forced Reed to admit that no executive had been punished.")
    assert name_of(speaker_of(nlp, text, "no executive had been punished")) == "Tom Reed"


def test_a_persons_team_is_the_campaign(nlp) -> None:
    text = ("Tom Reed is running for governor of Ohio.\n\n"
            "The Reed team said that the new tariffs would hurt local farmers.")
    assert name_of(speaker_of(nlp, text, "tariffs would hurt")) == "Reed campaign"


def test_each_speaks_for_the_coordinated_subject(nlp) -> None:
    text = ("Tom Reed and Anna Berg met voters on Wednesday, each saying the other "
            "lacks the judgment to lead the state.")
    actor = speaker_of(nlp, text, "lacks the judgment")
    assert actor is not None and actor.kind == "group"


def test_three_coordinated_names_speak_together(nlp) -> None:
    text = ("Tom Reed, Anna Berg and Lars Holm all said that the harbour should "
            "stay open this winter.")
    actor = speaker_of(nlp, text, "harbour should stay open")
    assert actor is not None and actor.kind == "group"


def test_a_surname_in_a_headline_is_the_full_name_written_first(nlp) -> None:
    text = ("Mixed messages on Reed leave plan.\n\n"
            "Tom Reed's new proposal for paid leave is vague, experts say.\n\n"
            "Anna Reed, his eldest daughter, praised the plan. Anna Reed wrote an essay "
            "on it. Anna Reed spoke in Ohio.\n\n"
            "Reed says the plan would cost nothing.")
    assert name_of(speaker_of(nlp, text, "cost nothing")) == "Tom Reed"


def test_a_collective_of_people_speaks_as_a_group(nlp) -> None:
    text = ("A group of farmers in 2019 sent a letter to the mayor, calling the new "
            "harbour tax a danger to every family in the valley.")
    actor = speaker_of(nlp, text, "a danger to every family")
    assert actor is not None and actor.kind == "group"


def test_a_role_named_in_apposition_later_resolves_a_description_before_it(nlp) -> None:
    text = ("The council voted to fine Tom Reed, a former harbour clerk. The vote went "
            "ahead despite warnings from his attorney that the clerk would refuse to pay.\n\n"
            "An attorney for Reed, Jan Kos, said his client would appeal.")
    assert name_of(speaker_of(nlp, text, "the clerk would refuse")) == "Jan Kos"


def test_a_unique_title_prefers_a_person_without_another_role(nlp) -> None:
    text = ("Tom Reed is running for governor of Ohio, and he met voters in Akron on "
            "Sunday. Anna Berg, a conservative economist, wrote that his plan was vague.\n\n"
            "The Republican candidate says that the plan would cost nothing.")
    assert name_of(speaker_of(nlp, text, "cost nothing")) == "Tom Reed"


def test_an_indefinite_organisation_takes_the_one_named_next(nlp) -> None:
    text = ("A Senate panel said on Monday that the harbour audit was flawed.\n\n"
            "The Senate Finance Committee voted 12-9 to publish the audit. The Senate "
            "Ethics Committee met later.")
    assert name_of(speaker_of(nlp, text, "audit was flawed")) == "Senate Finance Committee"


def test_a_document_with_no_author_is_an_unnamed_source(nlp) -> None:
    text = "Tom Reed spoke in Ohio. Footage surfaced on Monday showing that the ferry was late."
    found = [a for quote, a in speakers(nlp, text) if "ferry was late" in quote]
    assert found and found[0] is not None and found[0].kind == "anonymous"


def test_coordinated_documents_of_two_authors_speak_together(nlp) -> None:
    text = ("According to a complaint filed by the Harbour Authority and a lawsuit by "
            "Ohio, the company hid losses from its investors for years.")
    actor = speaker_of(nlp, text, "hid losses")
    assert actor is not None and actor.kind == "group"


def test_a_capitalized_role_noun_in_a_headline_is_a_description(nlp) -> None:
    text = ("Reed Kept Illness From Voters, Former Navy Doctor Says.\n\n"
            "Dr. Jan Kos, who treated Reed for a decade, said the illness was hidden.")
    assert name_of(speaker_of(nlp, text, "Reed Kept Illness")) == "Jan Kos"
