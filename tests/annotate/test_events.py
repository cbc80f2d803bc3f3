"""Coded events on invented sentences: one per PLOVER family, and each modality."""

from __future__ import annotations

import pytest

from storyline.annotate.events.find import (
    EventFinding,
    find_event_findings,
    find_events,
)
from storyline.records import Mention, TimeExpression, stable_id

ARTICLE = "art-1"


def mentions_for(text: str, names: dict[str, str], article: str = ARTICLE) -> list[Mention]:
    """Hand-built mentions: every occurrence of each name, with an actor id per name."""
    found = []
    for name, label in names.items():
        start = text.find(name)
        while start >= 0:
            found.append(Mention(article, start, start + len(name), name, label,
                                 actor_id=f"actor:{name}"))
            start = text.find(name, start + 1)
    return sorted(found, key=lambda m: m.start)


def run(nlp, text: str, names: dict[str, str], **kwargs):
    doc = nlp(text)
    return find_event_findings(doc, ARTICLE, mentions_for(text, names), **kwargs)


def triples(findings) -> set[tuple]:
    return {(f.event.type, f.source.text if f.source else None,
             f.target.text if f.target else None) for f in findings}


FAMILIES = [
    ("Poland accused Germany of blocking the pipeline deal last week.",
     {"Poland": "GPE", "Germany": "GPE"}, ("ACCUSE", "Poland", "Germany")),
    ("Norway agreed to a ceasefire with Sweden on Friday.",
     {"Norway": "GPE", "Sweden": "GPE"}, ("AGREE", "Norway", "Sweden")),
    ("Canada sent weapons to Ukraine in March.",
     {"Canada": "GPE", "Ukraine": "GPE"}, ("AID", "Canada", "Ukraine")),
    ("Russia attacked Georgia in August.",
     {"Russia": "GPE", "Georgia": "GPE"}, ("ASSAULT", "Russia", "Georgia")),
    ("Iran detained Britain's ambassador for two days.",
     {"Iran": "GPE", "Britain": "GPE"}, ("COERCE", "Iran", "Britain")),
    ("Serbia conceded the disputed village to Kosovo.",
     {"Serbia": "GPE", "Kosovo": "GPE"}, ("CONCEDE", "Serbia", "Kosovo")),
    ("Macron spoke to Scholz by phone on Monday.",
     {"Macron": "PERSON", "Scholz": "PERSON"}, ("CONSULT", "Macron", "Scholz")),
    ("Japan cooperated with India on port security.",
     {"Japan": "GPE", "India": "GPE"}, ("COOPERATE", "Japan", "India")),
    ("Russia has amassed tanks near the border with Finland.",
     {"Russia": "GPE", "Finland": "GPE"}, ("MOBILIZE", "Russia", None)),
    ("Greenpeace protested against Shell in Rotterdam.",
     {"Greenpeace": "ORG", "Shell": "ORG", "Rotterdam": "GPE"},
     ("PROTEST", "Greenpeace", "Shell")),
    ("Hungary rejected the proposal from Brussels.",
     {"Hungary": "GPE", "Brussels": "GPE"}, ("REJECT", "Hungary", "Brussels")),
    ("Lithuania demanded an apology from Belarus.",
     {"Lithuania": "GPE", "Belarus": "GPE"}, ("REQUEST", "Lithuania", "Belarus")),
    ("Armenia withdrew its troops from Azerbaijan.",
     {"Armenia": "GPE", "Azerbaijan": "GPE"}, ("RETREAT", "Armenia", "Azerbaijan")),
    ("Washington imposed sanctions on Tehran.",
     {"Washington": "GPE", "Tehran": "GPE"}, ("SANCTION", "Washington", "Tehran")),
    ("Estonia reiterated its support for Ukraine.",
     {"Estonia": "GPE", "Ukraine": "GPE"}, ("SUPPORT", "Estonia", "Ukraine")),
    ("China threatened Taiwan with military action.",
     {"China": "GPE", "Taiwan": "GPE"}, ("THREATEN", "China", "Taiwan")),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "names", "expected"), FAMILIES,
                         ids=[f[2][0] for f in FAMILIES])
def test_each_plover_family(nlp, text, names, expected):
    assert expected in triples(run(nlp, text, names))


MODALITIES = [
    ("If Russia invades Ukraine, the talks will end.", "ASSAULT", "conditional"),
    ("Britain will impose sanctions on Iran if it enriches uranium.", "THREATEN",
     "threatened"),
    ("China warned Taiwan against holding the vote.", "THREATEN", "threatened"),
    ("Germany did not send weapons to Ukraine.", "AID", "negated"),
    ("Russia denied any intention of invading Ukraine.", "ASSAULT", "negated"),
    ("Officials said that Russia attacked Georgia.", "ASSAULT", "reported"),
    ("Russia reportedly attacked Georgia on Sunday.", "ASSAULT", "reported"),
    ("Russia attacked Georgia on Sunday.", "ASSAULT", "asserted"),
]
COUNTRIES = {"Russia": "GPE", "Ukraine": "GPE", "Britain": "GPE", "Iran": "GPE",
             "China": "GPE", "Taiwan": "GPE", "Germany": "GPE", "Georgia": "GPE"}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind", "modality"), MODALITIES,
                         ids=[m[2] + "-" + m[0][:12] for m in MODALITIES])
def test_modality(nlp, text, kind, modality):
    found = {(f.event.type, f.event.modality) for f in run(nlp, text, COUNTRIES)}
    assert (kind, modality) in found, found


@pytest.mark.slow
def test_threat_targets_the_party_of_the_condition(nlp):
    text = "The United States will impose severe consequences if Russia invades Ukraine."
    names = {"The United States": "GPE", "Russia": "GPE", "Ukraine": "GPE"}
    assert ("THREATEN", "The United States", "Russia") in triples(run(nlp, text, names))


@pytest.mark.slow
def test_negated_acceptance_is_a_rejection(nlp):
    text = "Denmark won't accept the terms that Norway offered last month."
    found = run(nlp, text, {"Denmark": "GPE", "Norway": "GPE"})
    assert "REJECT" in {f.event.type for f in found}


@pytest.mark.slow
def test_pronoun_subject_takes_the_earlier_subject(nlp):
    text = "While Moldova has denied the report, it has demanded guarantees from Romania."
    found = triples(run(nlp, text, {"Moldova": "GPE", "Romania": "GPE"}))
    assert ("REQUEST", "Moldova", "Romania") in found


@pytest.mark.slow
def test_talks_between_two_actors(nlp):
    text = "Everything depends on talks between Ortega and Lindqvist in Vienna this week."
    found = triples(run(nlp, text, {"Ortega": "PERSON", "Lindqvist": "PERSON"}))
    assert ("CONSULT", "Ortega", "Lindqvist") in found


@pytest.mark.slow
def test_records_cite_the_sentence_and_carry_actor_ids(nlp):
    text = "Rain fell all day.  Canada sent weapons to Ukraine in March. The rain stopped.\n"
    names = {"Canada": "GPE", "Ukraine": "GPE"}
    doc = nlp(text)
    events = find_events(doc, ARTICLE, mentions_for(text, names), reference="2022-03-01")
    assert [e.type for e in events] == ["AID"]
    event = events[0]
    (citation,) = event.citations
    assert text[citation.start:citation.end] == event.text
    assert event.text == "Canada sent weapons to Ukraine in March."
    assert event.source_actor_id == "actor:Canada"
    assert event.target_actor_id == "actor:Ukraine"
    assert event.date == "2022-03-01"
    assert event.id == stable_id(ARTICLE, citation.start, citation.end, "AID", "event")


@pytest.mark.slow
def test_date_comes_from_a_time_expression_in_the_sentence(nlp):
    text = "Nothing happened. Canada sent weapons to Ukraine in March."
    start = text.index("March")
    times = [TimeExpression(ARTICLE, start, start + 5, "March", "2022-03", "month"),
             TimeExpression(ARTICLE, 0, 7, "Nothing", None, "day")]
    found = run(nlp, text, {"Canada": "GPE", "Ukraine": "GPE"}, times=times,
                reference="2022-04-10")
    assert [f.event.date for f in found] == ["2022-03"]


@pytest.mark.slow
def test_mentions_without_actor_id_give_none(nlp):
    text = "Canada sent weapons to Ukraine in March."
    doc = nlp(text)
    mentions = [Mention(ARTICLE, m.start, m.end, m.text, m.label)
                for m in mentions_for(text, {"Canada": "GPE", "Ukraine": "GPE"})]
    (event,) = find_events(doc, ARTICLE, mentions)
    assert event.source_actor_id is None and event.target_actor_id is None


@pytest.mark.slow
def test_no_trigger_no_event_and_ids_unique(nlp):
    assert run(nlp, "The weather in Paris was mild on Sunday.", {"Paris": "GPE"}) == ()
    text = ("Macron met Scholz on Monday, and Draghi met Sanchez. "
            "Macron met Scholz again on Tuesday.")
    names = {n: "PERSON" for n in ("Macron", "Scholz", "Draghi", "Sanchez")}
    found = run(nlp, text, names)
    ids = [f.event.id for f in found]
    assert len(ids) == len(set(ids))
    assert {("CONSULT", "Macron", "Scholz"), ("CONSULT", "Draghi", "Sanchez")} <= triples(found)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("The withdrawal of Dutch troops from Mali ended in June.",
     ("RETREAT", "Dutch", "Mali")),
    ("Brazil's warnings to Argentina grew louder this week.",
     ("THREATEN", "Brazil", "Argentina")),
    ("Peru's demands to Chile went unanswered on Sunday.", ("REQUEST", "Peru", "Chile")),
    ("The invasion of Kuwait by Iraq shocked the region in 1990.",
     ("ASSAULT", "Iraq", "Kuwait")),
])
def test_event_nouns_read_their_roles(nlp, text, expected):
    names = {n: "GPE" for n in ("Mali", "Brazil", "Argentina", "Peru", "Chile", "Kuwait",
                                "Iraq")}
    names["Dutch"] = "NORP"
    assert expected in triples(run(nlp, text, names))


def test_expected_event_matching_needs_type_source_and_target():
    from storyline.eval.events import ExpectedEvent, matches
    from storyline.records import Event

    def finding(kind, source, target):
        mention = lambda name: Mention(ARTICLE, 0, len(name), name, "GPE") if name else None
        event = Event(id="e", type=kind, text="t")
        return EventFinding(event, mention(source), mention(target), "x", 0)

    wanted = ExpectedEvent("CONSULT", ("Biden",), ("Putin",))
    assert matches(wanted, finding("CONSULT", "Joe Biden", "Vladimir Putin"))
    assert not matches(wanted, finding("CONSULT", "Vladimir Putin", "Joe Biden"))
    assert not matches(wanted, finding("REQUEST", "Joe Biden", "Vladimir Putin"))
    assert not matches(wanted, finding("CONSULT", "Joe Biden", None))
    assert matches(ExpectedEvent("MOBILIZE", ("Russia",)), finding("MOBILIZE", "Russian", None))


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The meeting ended early because of the storm.",  # no actor: no event
    "Any country can join if Norway meets the criteria.",  # "meet" a criterion
    "In essence, Norway is giving Sweden a platform.",  # "In" is no particle of "give"
    "Norway said Sweden could forestall an invasion.",  # only light verbs lend the source
])
def test_no_false_event(nlp, text):
    found = run(nlp, text, {"Norway": "GPE", "Sweden": "GPE"})
    assert {f.event.type for f in found} <= {"ASSAULT"}
    assert all(f.source is None for f in found if f.event.type == "ASSAULT")


@pytest.mark.slow
def test_light_verb_lends_its_subject_to_the_event_noun(nlp):
    text = "Norway will hold a video call with Sweden on Tuesday."
    assert ("CONSULT", "Norway", "Sweden") in triples(run(nlp, text, {"Norway": "GPE",
                                                                      "Sweden": "GPE"}))


@pytest.mark.slow
def test_possessive_pronoun_points_to_the_subject(nlp):
    text = "Castillo said Brazil had ignored his demands."
    found = triples(run(nlp, text, {"Castillo": "PERSON", "Brazil": "GPE"}))
    assert ("REQUEST", "Castillo", None) in found


@pytest.mark.slow
def test_he_takes_the_main_subject_of_the_sentence_before(nlp):
    text = ("Castillo is unlikely to accept the offer. He spoke to Bolivia on Monday. "
            "Rain fell. He met Chile later.")
    found = triples(run(nlp, text, {"Castillo": "PERSON", "Bolivia": "GPE", "Chile": "GPE"}))
    assert ("CONSULT", "Castillo", "Bolivia") in found
    assert ("CONSULT", None, "Chile") in found  # too far back: no guess
