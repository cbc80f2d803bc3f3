"""find_quotes on invented paragraphs: marks, cues, speaker words, offsets (whom the
speaker words stand for: tests/annotate/test_speakers.py)."""

from __future__ import annotations

import pytest

from storyline.annotate.quotes.find import (
    find_attributions,
    find_quotes,
    quotes_from_attributions,
    rule_attributions,
)
from storyline.annotate.quotes.marks import find_quote_spans
from storyline.errors import ModelError
from storyline.eval.polnear import parse_ann
from storyline.eval.quotes import group_predictions, overlap_ratio, summarize
from storyline.records import stable_id

pytestmark = pytest.mark.slow


def quotes_of(nlp, text: str):
    quotes = find_quotes(nlp(text), "a1")
    for quote in quotes:
        assert text[quote.start:quote.end] == quote.text
        assert quote.id == stable_id("a1", quote.start, quote.end, "quote")
        assert quote.article_id == "a1" and quote.speaker_actor_id is None
        if quote.speaker_text is not None:
            assert text[quote.speaker_start:quote.speaker_end] == quote.speaker_text
    return quotes


def only(quotes):
    assert len(quotes) == 1, quotes
    return quotes[0]



@pytest.mark.parametrize("text", [
    "“We will not back down from this fight,” said Maria Lopez.",
    '"We will not back down from this fight," said Maria Lopez.',
])
def test_straight_and_curly_marks(nlp, text) -> None:
    quote = only(quotes_of(nlp, text))
    assert quote.text == "We will not back down from this fight"
    assert quote.direct and quote.cue == "said" and quote.speaker_text == "Maria Lopez"


def test_quote_spanning_sentences(nlp) -> None:
    text = "“The plan is ready. We start on Monday, and nobody can stop us,” Tom Reed said."
    quote = only(quotes_of(nlp, text))
    assert quote.text.startswith("The plan is ready. We start") and quote.speaker_text == "Tom Reed"


def test_quote_split_by_attribution_gives_two_adjacent_quotes(nlp) -> None:
    text = "“We are ready for the vote,” Lopez said, “and we will win it next week.”"
    first, second = quotes_of(nlp, text)
    assert first.text == "We are ready for the vote"
    assert second.text == "and we will win it next week."
    assert first.speaker_text == second.speaker_text == "Lopez"
    assert first.cue == second.cue == "said"


def test_speaker_in_previous_sentence_with_colon(nlp) -> None:
    text = "Lopez told reporters on Tuesday: “Nothing has changed in our position at all.”"
    quote = only(quotes_of(nlp, text))
    assert quote.speaker_text == "Lopez" and quote.cue == "told"


def test_continuation_quote_takes_previous_speaker(nlp) -> None:
    text = ("“The bridge will be closed for a month,” Tom Reed said. “Drivers should plan "
            "other routes until the repairs are finished.”")
    first, second = quotes_of(nlp, text)
    assert first.speaker_text == "Tom Reed"
    assert second.text.startswith("Drivers should plan")
    assert second.speaker_text == "Tom Reed" and second.direct


def test_short_second_half_of_a_split_quote_joins_the_first(nlp) -> None:
    """``"A," she said. "B."``: a second half too short to stand alone (no verb, under
    four words) is kept as the same attribution, with its cue and speaker."""
    text = "“The ferry is running again,” the harbor master said. “At last, finally.”"
    first, second = quotes_of(nlp, text)
    assert second.text == "At last, finally."
    assert (second.cue, second.speaker_text) == (first.cue, first.speaker_text) == (
        "said", "the harbor master")


def test_short_quote_in_the_next_paragraph_stays_out(nlp) -> None:
    text = "“The ferry is running again,” the harbor master said.\n\n“At last, finally.”"
    assert [q.text for q in quotes_of(nlp, text)] == ["The ferry is running again"]


@pytest.mark.parametrize("text, content", [
    ("Tom Reed said that the bridge would reopen in May.",
     "that the bridge would reopen in May"),
    ("Tom Reed said the bridge would reopen in May.", "the bridge would reopen in May"),
    ("The bridge would reopen in May, Tom Reed said.", "The bridge would reopen in May"),
])
def test_indirect_speech(nlp, text, content) -> None:
    quote = only(quotes_of(nlp, text))
    assert not quote.direct and quote.text == content
    assert quote.speaker_text == "Tom Reed" and quote.cue == "said"


def test_according_to(nlp) -> None:
    text = "According to Maria Lopez, the bridge will reopen in the middle of May."
    quote = only(quotes_of(nlp, text))
    assert quote.cue == "according to" and quote.speaker_text == "Maria Lopez"
    assert quote.text == "the bridge will reopen in the middle of May"


@pytest.mark.parametrize("verb", ["told reporters", "wrote", "added", "stressed", "argued",
                                  "explained", "warned", "insisted", "noted", "claimed",
                                  "announced", "acknowledged"])
def test_reporting_verbs(nlp, verb) -> None:
    text = f"Anna Berg {verb} that the city budget would be cut by a tenth next year."
    quote = only(quotes_of(nlp, text))
    assert quote.speaker_text == "Anna Berg"
    assert quote.cue == verb.split()[0]
    assert quote.text == "that the city budget would be cut by a tenth next year"


def test_calling_takes_the_subject_of_the_main_verb(nlp) -> None:
    text = "Anna Berg attacked the new budget, calling it “a costly mistake for the city.”"
    stance, quote = quotes_of(nlp, text)  # "attacked X" is a non-speech attribution
    assert quote.cue == "calling" and quote.speaker_text == "Anna Berg" and quote.direct
    assert quote.text == "a costly mistake for the city."
    assert stance.cue == "attacked" and stance.text == "the new budget" and not stance.direct
    assert stance.speaker_text == "Anna Berg"


def test_stating(nlp) -> None:
    text = "Anna Berg issued a short letter on Friday, stating that the mayor had misled voters."
    quote = only(quotes_of(nlp, text))
    assert quote.cue == "stating" and quote.speaker_text == "Anna Berg"
    assert quote.text == "that the mayor had misled voters"


def test_scare_quotes_are_not_quotes(nlp) -> None:
    assert quotes_of(nlp, "The minister's “red lines” were discussed at length on Monday.") == ()


def test_short_quote_linked_to_a_cue_is_a_quote(nlp) -> None:
    quote = only(quotes_of(nlp, "“Never,” Anna Berg said."))
    assert quote.text == "Never" and quote.speaker_text == "Anna Berg"


def test_partial_quote_inside_reported_clause_gives_the_clause(nlp) -> None:
    text = "Tom Reed said the council would make it “very, very difficult” for the plan to pass."
    quote = only(quotes_of(nlp, text))
    assert not quote.direct and quote.text.startswith("the council would make it “very")


@pytest.mark.parametrize("text", [
    "The States' plan and Ukraine's role since the '90s are not in doubt.",
    "The 'Orange' plan of the States' leaders is from the '90s, it's said.",
])
def test_apostrophes_are_not_quote_marks(text) -> None:
    assert find_quote_spans(text) == []


def test_apostrophes_inside_a_quote(nlp) -> None:
    text = "“The States' view of Ukraine's future since the '90s is clear,” Tom Reed said."
    quote = only(quotes_of(nlp, text))
    assert quote.text == "The States' view of Ukraine's future since the '90s is clear"


def test_doubled_apostrophes_act_as_quote_marks() -> None:
    text = "''It is over,'' he said. ''We go home.''"
    assert [text[s.start:s.end] for s in find_quote_spans(text)] == ["It is over", "We go home."]


def test_quote_left_open_at_paragraph_end(nlp) -> None:
    text = ("“We have waited for years and we will wait no longer,\n\n"
            "“The council must act now,” Anna Berg said.")
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == [
        "We have waited for years and we will wait no longer", "The council must act now"]


def test_a_pronoun_speaker_keeps_its_surface(nlp) -> None:
    quote = only(quotes_of(nlp, "“Prices will rise again next winter,” he said."))
    assert quote.speaker_text == "he" and quote.speaker_start is not None


def test_polnear_ann_parsing_and_overlap() -> None:
    ann = ("T1\tSource 0 3\tTom\nT2\tCue 4 8\tsaid\nT3\tContent 9 20;25 30\tx\n"
           "T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
           "T5\tContent 40 50\ty\nT6\tCue 51 54\tz\nE2\tAttribution-no-source:T6 Content:T5\n")
    first, second = parse_ann(ann)
    assert first.content == ((9, 20), (25, 30)) and first.source == ((0, 3),)
    assert second.source == () and second.content == ((40, 50),)
    assert overlap_ratio(first.content, ((9, 20),)) == pytest.approx(11 / 16)
    assert overlap_ratio(first.content, ((9, 20), (25, 30))) == 1.0
    assert overlap_ratio(first.content, ((100, 120),)) == 0.0


def test_quotes_of_one_cue_score_as_one_attribution(nlp) -> None:
    text = "“We are ready for the vote,” Lopez said, “and we will win it next week.”"
    doc = nlp(text)
    attributions = find_attributions(doc)
    preds = group_predictions(attributions, quotes_from_attributions(doc, "a1", attributions))
    assert len(attributions) == 2 and len(preds) == 1
    assert preds[0].content == tuple((a.start, a.end) for a in attributions)


def test_summarize_counts() -> None:
    row = {"document": "d", "gold": 4, "predicted": 2, "matched_pred": 2, "matched_gold": 2,
           "exact_gold": 1, "exact_pred": 1, "with_source": 2, "source_ok": 1,
           "source_ok_resolved": 1}
    metrics = summarize([row])
    assert metrics["precision"] == 1.0 and metrics["recall"] == 0.5
    assert metrics["f1"] == round(2 * 0.5 / 1.5, 4) and metrics["source_accuracy"] == 0.5


def test_parenthetical_cue_keeps_the_sentence(nlp) -> None:
    text = "The new bridge, Anna Berg said, would open to traffic in the spring."
    quote = only(quotes_of(nlp, text))
    assert quote.text == "The new bridge, Anna Berg said, would open to traffic in the spring"
    assert quote.speaker_text == "Anna Berg" and not quote.direct


def test_who_said_takes_the_noun_it_hangs_on(nlp) -> None:
    text = "The plan was backed by a local farmer who said the new road would help his business."
    quote = only(quotes_of(nlp, text))
    assert quote.speaker_text == "a local farmer"
    assert quote.text == "the new road would help his business"


def test_claim_noun_with_possessor(nlp) -> None:
    text = "Voters doubted Tom Reed's claim that the factory would reopen next year."
    quote = only(quotes_of(nlp, text))
    assert quote.speaker_text == "Tom Reed" and quote.cue == "claim"
    assert quote.text == "that the factory would reopen next year"


def test_name_and_colon_lead(nlp) -> None:
    text = "Berg: The city will not raise taxes this year\n\nThe council met on Monday."
    quote = only(quotes_of(nlp, text))
    assert quote.cue == ":" and quote.speaker_text == "Berg"
    assert quote.text == "The city will not raise taxes this year"


def test_dash_attribution_after_a_quote(nlp) -> None:
    text = "“The debate changed nothing for me and my family.” ― Vera Holm"
    quote = only(quotes_of(nlp, text))
    assert quote.speaker_text == "Vera Holm" and quote.direct


def test_closing_mark_used_as_an_opener() -> None:
    text = "”We will keep going no matter what.” said the coach."
    assert [text[s.start:s.end] for s in find_quote_spans(text)] == [
        "We will keep going no matter what."]


def test_indirect_clause_stays_in_its_paragraph(nlp) -> None:
    text = ("Many council members believe the plan is far too expensive for the city\n\n"
            "“We cannot afford it this year or next,” Anna Berg said on Monday.")
    quotes = quotes_of(nlp, text)
    direct = [q for q in quotes if q.direct]
    assert len(direct) == 1 and direct[0].speaker_text == "Anna Berg"
    assert all("\n\n" not in q.text for q in quotes)


def test_speaker_in_the_next_sentence(nlp) -> None:
    text = "“The vote was a clear win for the whole town.” Anna Berg said so after the count."
    quote = only(quotes_of(nlp, text))
    assert quote.speaker_text == "Anna Berg" and quote.direct


def test_empty_text_and_missing_parse(nlp) -> None:
    assert quotes_of(nlp, "") == ()
    unparsed = nlp.make_doc("“We will not back down from this fight,” said Maria Lopez.")
    with pytest.raises(ModelError):
        find_quotes(unparsed, "a1")


# ---------------------------------------------------------------- non-speech attributions


@pytest.mark.parametrize("text, cue, speaker, content", [
    ("Maria Lopez wants to double the size of the city library.", "wants", "Maria Lopez",
     "to double the size of the city library"),
    ("The union plans to strike at every depot next month.", "plans", "The union",
     "to strike at every depot next month"),
    ("Tom Reed hopes to finish the bridge before winter.", "hopes", "Tom Reed",
     "to finish the bridge before winter"),
])
def test_intention_family(nlp, text, cue, speaker, content) -> None:
    quote = only(quotes_of(nlp, text))
    assert (quote.cue, quote.speaker_text, quote.text) == (cue, speaker, content)
    assert not quote.direct


@pytest.mark.parametrize("text, cue, speaker, content", [
    ("The farmers' association endorsed the new water plan.", "endorsed",
     "The farmers' association", "the new water plan"),
    ("Anna Berg attacked the mayor's budget cuts.", "attacked", "Anna Berg",
     "the mayor's budget cuts"),
    ("The latest survey shows a narrow lead for the challenger.", "shows",
     "The latest survey", "a narrow lead for the challenger"),
])
def test_stance_and_evidence_family(nlp, text, cue, speaker, content) -> None:
    quote = only(quotes_of(nlp, text))
    assert (quote.cue, quote.speaker_text, quote.text) == (cue, speaker, content)
    assert not quote.direct


def test_topic_family_drops_the_preposition(nlp) -> None:
    quote = only(quotes_of(nlp, "Vera Holm talked about the rising cost of rent."))
    assert quote.cue == "talked" and quote.speaker_text == "Vera Holm"
    assert quote.text == "the rising cost of rent" and not quote.direct


@pytest.mark.parametrize("text", [
    "It shows a clear pattern.",                       # no real source
    "Vera Holm talked about it.",                       # a pronoun object
    "The museum was supported by the old donors.",      # passive: the subject is no source
])
def test_non_speech_families_need_a_source_and_content(nlp, text) -> None:
    assert quotes_of(nlp, text) == ()


def test_noun_cue_without_a_source(nlp) -> None:
    text = "There are fears that the old dam will not survive another flood."
    quote = only(quotes_of(nlp, text))
    assert quote.cue == "fears" and quote.speaker_text is None and quote.speaker_start is None
    assert quote.text == "that the old dam will not survive another flood"


def test_noun_cue_with_a_by_source(nlp) -> None:
    text = "The claim by Tom Reed that the mill will close was denied on Friday."
    quote = only(quotes_of(nlp, text))
    assert quote.cue == "claim" and quote.speaker_text == "Tom Reed"
    assert quote.text == "that the mill will close"


def test_reported_intention_is_one_attribution(nlp) -> None:
    text = "Anna Berg said she wants to rebuild the harbour wall."
    quote = only(quotes_of(nlp, text))
    assert quote.cue == "said" and quote.text == "she wants to rebuild the harbour wall"


@pytest.mark.parametrize("text, content", [
    ("Anna Berg slammed the new plan as far too costly for the town.",
     "the new plan as far too costly for the town"),
    ("The council criticized the mayor for delaying the vote, and then adjourned.",
     "the mayor for delaying the vote"),
])
def test_stance_object_keeps_what_is_said_of_it_up_to_a_comma(nlp, text, content) -> None:
    assert only(quotes_of(nlp, text)).text == content


def test_noun_topic_with_possessor(nlp) -> None:
    text = "Tom Reed's criticism of the new stadium deal surprised nobody in the council."
    quote = only(quotes_of(nlp, text))
    assert quote.cue == "criticism" and quote.speaker_text == "Tom Reed"
    assert quote.text == "the new stadium deal" and not quote.direct


def test_noun_topic_needs_a_possessor(nlp) -> None:
    assert quotes_of(nlp, "The criticism of the new stadium deal surprised nobody.") == ()


def test_a_cue_after_two_joined_clauses_reports_both(nlp) -> None:
    text = ("Berg had asked harbour staff to close the gate early, but the ferry company "
            "refused that request, the source added.")
    found = [q for q in quotes_of(nlp, text) if q.speaker_text == "the source"]
    assert found and found[0].text.startswith("Berg had asked harbour staff")


def test_a_relative_clause_after_an_object_is_left_out(nlp) -> None:
    text = ("Anna Berg acknowledged the cost of the new bridge, which makes her an outlier "
            "in her party.")
    found = [q for q in quotes_of(nlp, text) if q.speaker_text == "Anna Berg"]
    assert found and found[0].text == "the cost of the new bridge"


@pytest.mark.parametrize(("text", "content"), [
    ("Anna Berg called for more harbour investment in a statement on Monday.",
     "more harbour investment"),
    ("Tom Reed called for ferry crews to wear brighter vests at night.",
     "ferry crews to wear brighter vests at night"),
])
def test_called_for_takes_the_first_preposition_and_its_clause(nlp, text, content) -> None:
    found = [q for q in quotes_of(nlp, text) if q.cue == "called"]
    assert found and found[0].text == content


def test_pointed_out_reports_its_clause_and_point_to_does_not(nlp) -> None:
    quote = only(quotes_of(nlp, "The inspector pointed out that one ferry may carry "
                                "more than one crew."))
    assert quote.text == "that one ferry may carry more than one crew"
    assert quote.speaker_text == "The inspector"
    # "point to X" is no rule's cue; the fallback model may keep it (a learned stance)
    assert not [a for a in rule_attributions(nlp("These voters point to the harbour bill of "
                                                 "1994.")) if a.cue == "point"]
