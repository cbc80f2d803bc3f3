"""The dating stage on invented sentences: the event's own date, forecasts, commentary."""

from __future__ import annotations

import pytest

from storyline.annotate.sentences import find_sentences
from storyline.annotate.times import find_sentence_dates, find_times

pytestmark = pytest.mark.slow
REFERENCE = "2031-12-06"


def dates(nlp, text: str, reference: str = REFERENCE):
    doc = nlp(text)
    sentences = find_sentences(doc, "a")
    found = find_sentence_dates(doc, sentences, find_times(text, reference, doc=doc),
                                reference)
    return [(d.kind, d.date, d.predicate) for d in found]


def test_a_date_before_a_noun_does_not_date_the_event(nlp) -> None:
    text = ("During an interview in March, the mayor called the governor a liar over the "
            "2030 budget.")
    assert dates(nlp, text) == [("happened", "2031-03", "call")]


def test_a_forecast_is_expected_with_the_date_it_points_to(nlp) -> None:
    text = "Officials said the river could flood the valley as soon as January."
    assert dates(nlp, text)[0][:2] == ("expected", "2032-01")


def test_an_undated_plan_is_expected_and_an_opinion_commentary(nlp) -> None:
    text = ("The council will vote on the bridge plan. "
            "The mayor can't afford another defeat, with his ratings falling since last "
            "year's vote. "
            "Is the bridge safe? "
            "There are already 4,000 commuters on the ferry. "
            "Engineers found cracks in the supports.")
    kinds = [kind for kind, _, _ in dates(nlp, text)]
    assert kinds == ["expected", "commentary", "commentary", "happened", "happened"]


def test_a_reported_clause_carries_the_claim(nlp) -> None:
    text = "Officials said on Friday that the dam had cracked."
    kind, day, predicate = dates(nlp, text)[0]
    assert (kind, day, predicate) == ("happened", "2031-12-05", "crack")


def test_the_main_clause_time_dates_the_event_over_an_earlier_subordinate_one(nlp) -> None:
    text = "The ferry pier, which reopened in March, was closed again on Tuesday."
    kind, day, predicate = dates(nlp, text)[0]
    assert (kind, day, predicate) == ("happened", "2031-12-02", "close")
