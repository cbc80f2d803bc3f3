"""Unit tests for annotate.times on invented sentences, with a fixed reference date.

The reference 2022-02-08 is a Tuesday in ISO week 6.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.annotate.times.find import find_times
from storyline.annotate.times.periods import format_duration
from storyline.errors import DataError
from storyline.eval.timeml import read_tml
from storyline.eval.times import main, normalize_value, score, score_document

REF = "2022-02-08"


def _found(text: str, reference: str | None = REF, doc=None) -> dict[str, tuple[str | None, str]]:
    times = find_times(text, reference, article_id="a1", doc=doc)
    for item in times:
        assert text[item.start:item.end] == item.text
        assert item.article_id == "a1"
    return {item.text: (item.value, item.granularity) for item in times}


def _value(text: str, phrase: str, reference: str | None = REF, doc=None) -> str | None:
    found = _found(text, reference, doc)
    assert phrase in found, f"{phrase!r} not found in {found}"
    return found[phrase][0]


@pytest.mark.parametrize("text, phrase, value, granularity", [
    ("The envoys met on Tuesday.", "Tuesday", "2022-02-08", "day"),
    ("Prices rose last month.", "last month", "2022-01", "month"),
    ("The plan was drafted in 2014.", "2014", "2014", "year"),
    ("The talks ended August 31.", "August 31", "2021-08-31", "day"),
    ("The troops arrived last weekend.", "last weekend", "2022-W05-WE", "week"),
    ("Officials are meeting this week.", "this week", "2022-W06", "week"),
    ("The call starts at 10 a.m. ET.", "10 a.m. ET", "2022-02-08T10:00", "time"),
    ("The vote is expected next month.", "next month", "2022-03", "month"),
    ("Ministers gathered last week.", "last week", "2022-W05", "week"),
    ("The company was founded in 2011.", "2011", "2011", "year"),
    ("The treaty was signed February 08, 2022.", "February 08, 2022", "2022-02-08", "day"),
    ("The deadline is 2022-02-21.", "2022-02-21", "2022-02-21", "day"),
    ("The leaders spoke Dec. 7 by video.", "Dec. 7", "2021-12-07", "day"),
    ("The ministers met yesterday.", "yesterday", "2022-02-07", "day"),
    ("The summit opens today.", "today", "2022-02-08", "day"),
    ("The president speaks tonight.", "tonight", "2022-02-08", "day"),
    ("The envoy landed this morning.", "this morning", "2022-02-08TMO", "time"),
    ("The talks are now stalled.", "now", "PRESENT_REF", "reference"),
    ("The fighting lasted six months.", "six months", "P6M", "duration"),
    ("Peace came nearly six months after the war.", "nearly six months", "P6M", "duration"),
    ("The drills took three days.", "three days", "P3D", "duration"),
    ("The pact ran for two years.", "two years", "P2Y", "duration"),
    ("The strike lasted 5 1/2 hours.", "5 1/2 hours", "PT5H30M", "duration"),
    ("The market grew in the 1990s.", "the 1990s", "199", "decade"),
    ("Sales fell last summer.", "last summer", "2021-SU", "season"),
    ("Profit rose in the third quarter of 2021.", "the third quarter of 2021", "2021-Q3",
     "quarter"),
    ("The paper appears daily.", "daily", "P1D", "set"),
    ("The council meets every Monday.", "every Monday", "XXXX-WXX-1", "set"),
    ("He earns $50,000 a year.", "a year", "P1Y", "set"),
    ("The vote was held in March 1998.", "March 1998", "1998-03", "month"),
    ("The truce was signed two years ago.", "two years ago", "2020", "year"),
    ("Officials met three days ago.", "three days ago", "2022-02-05", "day"),
    ("The law passed in the 20th century.", "the 20th century", "19", "century"),
])
def test_expression_types(text, phrase, value, granularity):
    found = _found(text)
    assert phrase in found, found
    assert found[phrase] == (value, granularity)


def test_weekday_names_without_tense_take_the_nearest_and_are_ambiguous():
    times = find_times("Monday", REF)
    assert [t.value for t in times] == ["2022-02-07"]
    assert times[0].ambiguous and times[0].alternatives == ("2022-02-14",)
    assert find_times("Sunday", REF)[0].value == "2022-02-06"
    assert find_times("Friday", REF)[0].value == "2022-02-11"


def test_tense_picks_past_or_future_weekday():
    assert _value("The envoy arrived Friday.", "Friday") == "2022-02-04"
    assert _value("The envoy will arrive Friday.", "Friday") == "2022-02-11"
    assert _value("The talks may resume Monday.", "Monday") == "2022-02-14"


def test_tense_picks_past_or_future_month():
    assert _value("They met in June.", "June") == "2021-06"
    assert _value("They will meet in June.", "June") == "2022-06"
    assert _value("The plan is due as soon as January.", "January") == "2023-01"
    assert _value("Troops withdrew in December.", "December") == "2021-12"


def test_weekend_by_tense():
    assert _value("Protests erupted over the weekend.", "the weekend") == "2022-W05-WE"
    assert _value("Protests will spread over the weekend.", "the weekend") == "2022-W06-WE"


def test_anchor_relative_expressions():
    text = "The treaty was signed on March 3, 2019. Later that year it lapsed; the next day"
    found = _found(text)
    assert found["Later that year"] == ("2019", "year")
    assert found["the next day"] == ("2019-03-04", "day")


def test_spelled_out_years_and_year_words_without_context():
    assert _value("It ended in nineteen ninety-six.", "nineteen ninety-six") == "1996"
    assert _value("Goals for the year two thousand.", "the year two thousand") == "2000"
    assert _found("They sent two thousand soldiers.") == {}


def test_passive_voice_tense():
    assert _value("A new leader will be named in June.", "June") == "2022-06"
    assert _value("A new leader was named in June.", "June") == "2021-06"


def test_month_without_tense_is_ambiguous():
    times = find_times("Elections in March.", REF)
    assert times[0].value == "2022-03"
    assert times[0].ambiguous and times[0].alternatives == ("2021-03",)


def test_modal_may_is_not_the_month():
    assert _found("Russia may invade soon, officials said.") == {}
    assert _found("May God help us.") == {}
    assert _value("The vote is set for May 5.", "May 5") == "2022-05-05"
    assert _value("The vote was held in May.", "May") == "2021-05"
    assert _found("They may march in March.") == {"March": ("2022-03", "month")}


def test_numbers_that_are_not_years():
    assert _found("The army sent 2000 troops and $1990 in aid.") == {}
    assert "2000" in _found("The army left in 2000.")


def test_ages_are_not_durations():
    assert _found("The 52-year-old minister and a man 40 years old spoke.") == {}


def test_without_reference_relative_values_are_none():
    found = _found("They met Tuesday, in June and on March 3, 2021, for six months.", None)
    assert found["Tuesday"] == (None, "day")
    assert found["June"] == (None, "month")
    assert found["March 3, 2021"] == ("2021-03-03", "day")
    assert found["six months"] == ("P6M", "duration")


def test_reference_may_carry_a_time():
    assert _value("The envoys met yesterday.", "yesterday", "2022-02-08T13:37") == "2022-02-07"


def test_offsets_on_longer_text():
    text = ("On Monday, Oct. 26, 1998, the ministers met.\n\nA year earlier, talks had "
            "failed. Since then, every week brought news; now the 1980s look distant.")
    times = find_times(text, "1998-10-27", article_id="x")
    assert [t.text for t in times] == ["Monday, Oct. 26, 1998", "A year earlier",
                                       "every week", "now", "the 1980s"]
    for item in times:
        assert text[item.start:item.end] == item.text
    assert times[1].value == "1997-10-26"


def test_quarter_anchor_for_a_year_earlier():
    text = "Third-quarter profit rose 5% from a year earlier."
    found = _found(text, "1989-10-20")
    assert found["Third-quarter"] == ("1989-Q3", "quarter")
    assert found["a year earlier"] == ("1988-Q3", "quarter")


def test_a_year_earlier_after_a_duration_is_the_previous_year():
    text = "Third-quarter profit rose. For the nine months, sales rose from a year earlier."
    found = _found(text, "1989-10-20")
    assert found["the nine months"] == ("P9M", "duration")
    assert found["a year earlier"] == ("1988", "year")


def test_references_and_holidays():
    assert _value("Prices rose recently.", "recently") == "PAST_REF"
    assert _value("In the future, prices may rise.", "the future") == "FUTURE_REF"
    assert _value("Shops closed on Christmas.", "Christmas") == "2021-12-25"
    assert _value("He will vote on Election Day.", "Election Day") == "2022-11-08"


def test_format_duration():
    assert format_duration(2.5, "Y") == "P2Y6M"
    assert format_duration(None, "W") == "PXW"
    assert format_duration(3, "TH") == "PT3H"
    assert format_duration(2, "DE") == "P20Y"
    assert format_duration(0.5, "D") == "PT12H"


@pytest.mark.slow
def test_doc_tense_from_spacy(nlp):
    text = "The envoy arrived Friday, and the minister will visit Friday."
    doc = nlp(text)
    times = find_times(text, REF, doc=doc)
    assert [t.value for t in times] == ["2022-02-04", "2022-02-11"]
    text = "Ministers met in June and will meet again in June."
    assert [t.value for t in find_times(text, REF, doc=nlp(text))] == ["2021-06", "2022-06"]



_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>demo1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-04" temporalFunction="false"
functionInDocument="CREATION_TIME">05/04/2001</TIMEX3></DCT>
<TEXT>
The council <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2001-05-03"
functionInDocument="NONE">yesterday</TIMEX3> &amp; talked for <TIMEX3 tid="t2"
type="DURATION" value="P3H">three hours</TIMEX3> about <TIMEX3 tid="t3" type="DATE"
value="1999">1999</TIMEX3> and a plan for the coming <TIMEX3 tid="t4" type="DURATION"
value="FUTURE_REF">weeks</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timeml_reader_and_scorer(tmp_path: Path):
    path = tmp_path / "demo1.tml"
    path.write_text(_TML, encoding="utf-8")
    document = read_tml(path)
    assert document.dct == "2001-05-04"
    assert [t.text for t in document.timexes] == ["yesterday", "three hours", "1999", "weeks"]
    for timex in document.timexes:
        assert document.text[timex.start:timex.end] == timex.text
    assert "&" in document.text and "&amp;" not in document.text
    row = score_document(document)
    assert (row["gold"], row["strict"], row["relaxed"], row["value"]) == (4, 3, 4, 3)
    calls = []
    report = score(tmp_path, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 1)]
    assert report.rows[0]["doc"] == "demo1"
    assert main([str(tmp_path)]) == 0
    assert main([]) == 2
    assert report.metrics["strict_f1"] == pytest.approx(0.75)
    assert report.metrics["relaxed_f1"] == pytest.approx(1.0)
    assert report.metrics["value_accuracy"] == pytest.approx(0.75)
    assert report.metrics["value_f1"] == pytest.approx(0.75)


def test_scorer_rejects_a_folder_without_timeml(tmp_path: Path):
    with pytest.raises(DataError):
        score(tmp_path)
    with pytest.raises(DataError):
        score(tmp_path / "missing")


def test_normalize_value():
    assert normalize_value("1998-02-06T22:19:00") == "1998-02-06T22:19"
    assert normalize_value("196X") == normalize_value("196")
    assert normalize_value(" present_ref ") == "PRESENT_REF"
    assert normalize_value(None) == ""


# Tense of bare months and weekdays: each case below is an invented sentence for one class of
# error found on news text (a gerund or participle inherits the tense of its head verb,
# "after <gerund>" and "in the past" mark the past, scheduling verbs and clauses of time
# mark the future, and a cue in a following clause does not decide).
DEC6 = "2021-12-06"  # a Monday
FEB21 = "2022-02-21"  # a Monday

_DOC_CASES = [
    (("The mayor has often praised the port, saying after touring the docks in June that it "
      "works well."), "June", REF, "2021-06"),
    ("The envoy had defended the plan, telling donors in July that it was sound.",
     "July", REF, "2021-07"),
    ("She keeps telling voters about the dam after visiting it in July.", "July", REF,
     "2021-07"),
    ("In the past, the committee convenes in July.", "July", REF, "2021-07"),
    ("The committee convenes in July.", "July", REF, "2022-07"),
    ("During a visit in March, the mayor called the plan a disaster.", "March", DEC6,
     "2021-03"),
    ("The governor said in December that she would veto the bill.", "December", REF,
     "2021-12"),
    ("Analysts believed the army could move as soon as January.", "January", DEC6, "2022-01"),
    ("The chancellor is set for a tense phone call on Tuesday with the premier.", "Tuesday",
     DEC6, "2021-12-07"),
    ("When she sits down with the premier on Tuesday, she plans to raise the dispute.",
     "Tuesday", DEC6, "2021-12-07"),
    ("The union will make demands when it meets the owners on Tuesday.", "Tuesday", DEC6,
     "2021-12-07"),
    ("The council is meeting the builders on Friday.", "Friday", DEC6, "2021-12-10"),
    ("The agency said Sunday that it would act only if talks failed.", "Sunday", FEB21,
     "2022-02-20"),
    (("Warnings have grown louder, with the chief over the weekend stating that a strike "
      "could come soon."), "the weekend", REF, "2022-W05-WE"),
    ("There was no answer from the embassy on Sunday night, and the talks will go on.",
     "Sunday night", FEB21, "2022-02-20TNI"),
    ("Under the pact, signed Friday by both sides, the border will reopen.", "Friday", DEC6,
     "2021-12-03"),
    ("The vote, set for Friday, will decide the matter.", "Friday", DEC6, "2021-12-10"),
    ("A parade planned for Saturday was cancelled after the storm.", "Saturday", DEC6,
     "2021-12-04"),
    ("The audit arrives weeks after a fire at the depot on August 31.", "August 31", DEC6,
     "2021-08-31"),
    ("The bridge remains shut since the flood on July 4.", "July 4", REF, "2021-07-04"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, phrase, reference, value", _DOC_CASES)
def test_doc_tense_of_bare_months_and_weekdays(nlp, text, phrase, reference, value):
    times = find_times(text, reference, article_id="a1", doc=nlp(text))
    found = {t.text: t for t in times}
    assert phrase in found, f"{phrase!r} not found in {list(found)}"
    assert found[phrase].value == value
    assert text[found[phrase].start:found[phrase].end] == phrase
    if phrase in ("Tuesday", "June", "August 31"):
        assert not found[phrase].ambiguous


@pytest.mark.parametrize("text, phrase, reference, value", [
    ("The governor said in December that she would veto the bill.", "December", REF,
     "2021-12"),
    ("The pilot said after landing in July that the runway was fine.", "July", REF,
     "2021-07"),
    ("In the past the fair opens in July.", "July", REF, "2021-07"),
    ("The agency said Sunday that it would act only if talks failed.", "Sunday", FEB21,
     "2022-02-20"),
    ("There was no answer from the embassy on Sunday night \u2014 the talks will go on.",
     "Sunday night", FEB21, "2022-02-20TNI"),
    ("The chancellor is set for a phone call on Tuesday, aides hope.", "Tuesday", DEC6,
     "2021-12-07"),
    ("Analysts believed the army could move as soon as January.", "January", DEC6, "2022-01"),
    ("A March survey showed that voters were split.", "March", DEC6, "2021-03"),
])
def test_text_tense_without_a_parse(text, phrase, reference, value):
    assert _value(text, phrase, reference) == value


@pytest.mark.parametrize("text, phrase, reference, value", [
    ("The bridge was closed in 2011 and again in 2014.", "2011", DEC6, "2011"),
    ("The bridge was closed in 2011 and again in 2014.", "2014", DEC6, "2014"),
    ("The last convoy left the valley on August 31.", "August 31", DEC6, "2021-08-31"),
    ("The strike could begin as early as next month.", "next month", DEC6, "2022-01"),
    ("The general said last weekend that units had moved.", "last weekend", DEC6,
     "2021-W48-WE"),
    ("The board will vote at 10 a.m. ET.", "10 a.m. ET", "2021-12-07", "2021-12-07T10:00"),
    ("The ministers meet in Vienna this week.", "this week", FEB21, "2022-W08"),
    ("The spokesman said last week that no deal was near.", "last week", DEC6, "2021-W48"),
    ("The index sits just above Thursday's close.", "Thursday", DEC6, "2021-12-02"),
    ("The index sits just above Thursday\u2019s close.", "Thursday", DEC6, "2021-12-02"),
    ("The index sits just above its close on Thursday.", "Thursday", DEC6, "2021-12-09"),
    ("The board created a new post, effective March 1.", "March 1", DEC6, "2022-03-01"),
    ("The old tariff became effective March 1.", "March 1", DEC6, "2021-03-01"),
])
def test_news_expressions_against_the_publication_date(text, phrase, reference, value):
    assert _value(text, phrase, reference) == value


def test_the_future_of_something_is_not_a_time():
    assert "the future" not in _found("Voters worry about the future of the canal.")
    assert _value("The canal may close in the future.", "the future") == "FUTURE_REF"
    assert _value("The canal was busier in the past.", "the past") == "PAST_REF"
