from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.annotate.claims.find import find_claims
from storyline.records import Quote, TimeExpression, stable_id

pytestmark = pytest.mark.slow

TEXT = (
    "Officials said nearly 40,000 sailors had left the port on Monday.\n\n"
    "The fund will spend $2.5 billion on new roads, the minister said.\n\n"
    "Some 2 million people live in the valley, according to the census office.\n\n"
    "Almost 3,000 volunteers joined, up from fewer than 900 volunteers last year.\n\n"
    "About 14 percent of the farmers sold land, while 31% of the herders kept theirs.\n\n"
    "Dozens of protesters gathered while tens of thousands of residents watched.\n\n"
    "At least 15 people were injured in the crash, police told reporters.\n\n"
    "Eleven fishing boats sank and half a dozen ferries were damaged.\n\n"
    "The slick covers about 580 sq miles while 7,000 barrels of oil spilled into the bay.\n\n"
    "The repairs will cost hundreds of millions of dollars, engineers warned.\n"
)
NOT_CLAIMS = (
    "In 1998 the treaty was signed, and the 2020 election was close on March 3, 2021.\n\n"
    "Call 555-123-4567 for details or see page 12 for the chart.\n\n"
    "The meeting starts at 10:30 and the video lasts 1:40.\n\n"
    "1. Open the door.\n\n"
    "He was the first to arrive, and one of the leaders said the two men would meet.\n\n"
    "The Boeing 737 landed in the 3rd week of the 21st century.\n\n"
    "12 articles\n\n"
    "A 75-ton cap and a two-man crew arrived at 11.28 BST after waiting over 360 days.\n\n"
    "He finished in the top 10 list and ranked number 4 of the season.\n"
)


@pytest.fixture(scope="module")
def claims(nlp):
    return {round(c.value): c for c in find_claims(nlp(TEXT), "a1", reference="2021-05-01")}



def test_offsets_ids_and_text(nlp, claims):
    for claim in claims.values():
        assert TEXT[claim.start:claim.end] == claim.text
        assert claim.id == stable_id("a1", claim.start, claim.end, "claim")
        assert claim.article_id == "a1"
    assert claims[40000].text == "nearly 40,000 sailors"
    assert claims[14].text == "About 14 percent of the farmers"


@pytest.mark.parametrize("value,unit,qualifier,subject", [
    (40000, None, "nearly", "sailors"),
    (2_500_000_000, "USD", None, None),
    (2_000_000, None, "about", "people"),
    (3000, None, "almost", "volunteers"),
    (900, None, "fewer than", "volunteers"),
    (14, "percent", "about", "farmers"),
    (31, "percent", None, "herders"),
    (10000, None, "tens of", "residents"),
    (15, None, "at least", "people"),
    (11, None, None, "fishing boats"),
    (6, None, None, "ferries"),
    (580, "mile ** 2", "about", None),
    (7000, "barrel", None, "oil"),
    (100_000_000, "USD", "hundreds of", None),
])
def test_values_units_qualifiers_subjects(claims, value, unit, qualifier, subject):
    claim = claims[value]
    assert claim.unit == unit
    assert claim.qualifier == qualifier
    assert claim.subject == subject


def test_vague_magnitudes_are_ranges(claims):
    dozens = claims[24]
    assert dozens.qualifier == "dozens of" and dozens.subject == "protesters"
    assert dozens.text == "Dozens of protesters"
    assert (dozens.low, dozens.high, dozens.vague) == (24, 144, True)
    tens = claims[10000]
    assert tens.text == "tens of thousands of residents"
    assert (tens.low, tens.high, tens.vague, tens.modality) == (10000, 100000, True, "estimate")


def test_attribution_and_reference_date(claims):
    assert claims[40000].claimed_by_text == "Officials"
    assert claims[2_500_000_000].claimed_by_text == "the minister"
    assert claims[2_000_000].claimed_by_text == "the census office"
    assert claims[15].claimed_by_text == "police"
    assert claims[3000].claimed_by_text is None
    assert claims[3000].as_of == "2021-05-01"
    assert claims[100_000_000].claimed_by_text == "engineers"
    assert claims[100_000_000].text == "hundreds of millions of dollars"
    assert claims[7000].text == "7,000 barrels of oil"


def test_not_claims(nlp):
    found = find_claims(nlp(NOT_CLAIMS), "a2")
    assert found == (), [c.text for c in found]


def test_as_of_from_times_and_speaker_from_quotes(nlp):
    text = ('Rescuers said on Monday that 250 miners were trapped. '
            '"We saw 80 trucks," Ola Berg said.')
    monday = text.index("Monday")
    times = [TimeExpression("a3", monday, monday + 6, "Monday", "2021-06-07", "day")]
    q_start = text.index('"We')
    q_end = text.index('," Ola') + 1
    quote = Quote("q1", "a3", q_start, q_end, text[q_start:q_end], True, "said", "Ola Berg")
    found = {round(c.value): c for c in find_claims(nlp(text), "a3", quotes=[quote], times=times,
                                                      reference="2021-06-09")}
    assert found[250].as_of == "2021-06-07" and found[250].claimed_by_text == "Rescuers"
    assert found[80].as_of == "2021-06-09" and found[80].claimed_by_text == "Ola Berg"
    assert found[80].subject == "trucks"


def test_claims_on_the_seeds(nlp, seeds_dir: Path):
    all_claims = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        for claim in find_claims(doc, path.stem):
            assert text[claim.start:claim.end] == claim.text
            all_claims.append(claim)
            year_like = claim.value.is_integer() and 1900 <= claim.value <= 2100
            bare_year = re.fullmatch(r"\d{4}", claim.text)
            assert not (year_like and claim.unit is None and bare_year), claim
    by_value: dict[float, list] = {}
    for claim in all_claims:
        by_value.setdefault(claim.value, []).append(claim)
    for troops in (70000, 100000, 150000, 175000):
        subjects = [c.subject or "" for c in by_value.get(troops, [])]
        assert any(re.search(r"troops|soldiers", s) for s in subjects), (troops, subjects)
    for share in (49, 17, 58, 27):
        percents = [c for c in by_value.get(share, []) if c.unit == "percent"]
        assert percents and all(c.subject for c in percents), share
    assert any("voters" in (c.subject or "") for c in by_value[49])
    dates = {int(c.value) for c in all_claims if c.unit is None and 1900 <= c.value <= 2100}
    assert not dates


def test_forecast_dates_are_not_as_of_and_governing_verb_wins(nlp):
    text = ("Some 9,000 guards could be sent next month, Pia Lund said on Monday, "
            "sources told the paper.")
    nxt, mon = text.index("next month"), text.index("Monday")
    times = [TimeExpression("a4", nxt, nxt + 10, "next month", "2021-07", "month"),
             TimeExpression("a4", mon, mon + 6, "Monday", "2021-06-07", "day")]
    indirect = Quote("q2", "a4", 0, len(text) - 1, text[:-1], False, "told", "sources")
    (claim,) = find_claims(nlp(text), "a4", quotes=[indirect], times=times,
                           reference="2021-06-09")
    assert claim.text == "Some 9,000 guards" and claim.qualifier == "about"
    assert claim.as_of == "2021-06-07"
    assert claim.claimed_by_text == "Pia Lund"


def test_week_as_of_values_become_days():
    from storyline.annotate.claims.when import calendar_value as _calendar_value

    assert _calendar_value("2024-W10") == "2024-03-04"
    assert _calendar_value("2021-W48-WE") == "2021-12-04"
    assert _calendar_value("2021-12-06") == "2021-12-06"
    assert _calendar_value("2024-W99") == "2024-W99"


def test_now_on_the_figure_beats_a_date_on_the_saying_verb(nlp):
    text = ("Norway has now gathered nearly 9,000 guards at the pass, a general said last "
            "weekend. Rescuers said on Monday that 250 miners were trapped.")
    weekend = text.index("last weekend")
    monday = text.index("Monday")
    times = [TimeExpression("a5", weekend, weekend + 12, "last weekend", "2021-06-05", "day"),
             TimeExpression("a5", monday, monday + 6, "Monday", "2021-06-07", "day")]
    found = {round(c.value): c for c in find_claims(nlp(text), "a5", times=times,
                                                      reference="2021-06-09")}
    assert found[9000].as_of == "2021-06-09" and found[9000].owner == "Norway"
    assert found[250].as_of == "2021-06-07"


@pytest.mark.parametrize("sentence,figure,modality", [
    ("As many as 12,000 guards could be involved in the drill.", 12000, "projection"),
    ("Officials expect 4,000 visitors to arrive next week.", 4000, "projection"),
    ("The goal is to plant 500 trees along the river.", 500, "target"),
    ("If the dam fails, 80,000 residents would have to leave.", 80000, "hypothetical"),
    ("About 700 sailors were seen at the port.", 700, "estimate"),
    ("Police counted 340 protesters in the square.", 340, "reported"),
])
def test_modality(nlp, sentence, figure, modality):
    found = {round(c.value): c for c in find_claims(nlp(sentence), "a6")}
    assert found[figure].modality == modality


def test_ages_durations_and_years_are_quantities_not_claims(nlp):
    text = ("The 54-year-old captain has sailed for 30 years and joined in 1998. "
            "She is one of the crew and the two officers agreed.")
    assert find_claims(nlp(text), "a7") == ()


def test_casualties_and_poll_answers_get_their_own_concepts(nlp):
    text = ("Thirteen Norland soldiers were killed on the bridge. A survey found that 58% "
            "of residents oppose the plan, compared to 27% who back it.")
    found = {round(c.value): c for c in find_claims(nlp(text), "a8")}
    assert found[13].concept.endswith("killed") and found[13].owner == "Norland"
    assert found[58].concept != found[27].concept
    assert "back" in found[27].concept
