"""The quantity layer on invented sentences: values, ranges, units, change, what is no
quantity, and exact offsets."""

from __future__ import annotations

import pytest

from storyline.annotate.quantities import find_quantities
from storyline.annotate.quantities.numbers import number_phrases
from storyline.annotate.quantities.units import normalize, same_unit
from storyline.records import stable_id

pytestmark = pytest.mark.slow

TEXT = (
    "The ferry carried between 1 and 1.5 tonnes of grain and sailed 252 to 287 miles.\n\n"
    "Shares in Brask Mills rose 4.5% while the Tolvin index fell 0.8 per cent to 1,203.\n\n"
    "The council will spend $10 to $15 billion, or about €9 billion, over ten years.\n\n"
    "Tens of thousands of fans and thousands of stewards came; four to five thousand stayed.\n\n"
    "More than 6 million homes and fewer than 300 schools lost power for 3 hours.\n\n"
    "The 72-year-old pilot flew at 155mph over a 2,900 year-old wall, 40 kilometres long.\n\n"
    "Exports grew more than sixfold to HK $3.7 billion while the Parx 20 -1.3% slipped.\n\n"
    "Nearly two-thirds of the 4.3M sales were online, and one of the best shops sold 12 bikes.\n"
)
NOT_QUANTITIES = (
    "In 2016 the Tolvin 50 and the iPhone 11 met at 10:30 a.m. on February 11.\n\n"
    "Call 555-123-4567, see page 12, and note the 2-2 draw in Game 2 of the 21st season.\n\n"
    "1. Open the door.\n"
)


@pytest.fixture(scope="module")
def found(nlp):
    return find_quantities(nlp(TEXT), "q1")


def by_text(found, text):
    (quantity,) = [q for q in found if q.text == text]
    return quantity


def test_offsets_and_ids_are_exact(found):
    assert found
    for q in found:
        assert TEXT[q.start:q.end] == q.text
        assert q.id == stable_id("q1", q.start, q.end, "quantity")


def test_ranges_with_units_scales_and_words(found):
    tonnes = by_text(found, "1 and 1.5 tonnes")
    assert (tonnes.low, tonnes.high, tonnes.unit, tonnes.dimension) == (1, 1.5, "metric_ton",
                                                                       "mass")
    miles = by_text(found, "252 to 287 miles")
    assert (miles.low, miles.high, miles.unit) == (252, 287, "mile")
    dollars = by_text(found, "$10 to $15 billion")
    assert (dollars.low, dollars.high, dollars.unit, dollars.scale) == (1e10, 1.5e10, "USD", 1.0)
    stayed = by_text(found, "four to five thousand")
    assert (stayed.low, stayed.high) == (4000, 5000)


def test_vague_magnitudes_are_ranges(found):
    fans = by_text(found, "Tens of thousands")
    assert (fans.low, fans.high, fans.vague, fans.unit, fans.dimension) == (
        1e4, 1e5, True, "fan", "count")
    stewards = by_text(found, "thousands")
    assert (stewards.low, stewards.high, stewards.noun) == (1e3, 1e4, "stewards")


def test_percent_change_and_signs(found):
    assert (by_text(found, "4.5%").change, by_text(found, "4.5%").unit) == ("up", "percent")
    fell = by_text(found, "0.8 per cent")
    assert (fell.change, fell.concept) == ("down", "Tolvin index")
    level = by_text(found, "1,203")
    assert (level.value, level.unit, level.change) == (1203, None, "=")
    signed = by_text(found, "-1.3%")
    assert (signed.value, signed.change) == (-1.3, "down")


def test_bounds_and_approximations(found):
    assert by_text(found, "6 million").change == ">"
    assert by_text(found, "6 million").value == 6e6
    assert by_text(found, "300").change == "<"
    assert by_text(found, "€9 billion").change == "~"
    assert by_text(found, "€9 billion").unit == "EUR"
    assert by_text(found, "sixfold").unit == "times"
    assert by_text(found, "sixfold").change == ">"
    assert by_text(found, "HK $3.7 billion").unit == "HKD"


def test_measures_ages_and_counts(found):
    assert by_text(found, "3 hours").unit == "hour"
    assert by_text(found, "3 hours").dimension == "duration"
    assert (by_text(found, "72-year-old").unit, by_text(found, "72-year-old").dimension) == (
        "year", "age")
    assert by_text(found, "2,900 year-old").dimension == "age"
    assert by_text(found, "155mph").unit == "mile / hour"
    assert by_text(found, "40 kilometres").unit == "kilometer"
    assert by_text(found, "ten years").value == 10
    assert by_text(found, "12").unit == "bike" and by_text(found, "12").dimension == "count"
    assert by_text(found, "two-thirds").value == pytest.approx(2 / 3)
    assert by_text(found, "4.3M").value == 4.3e6
    one = by_text(found, "one")
    assert (one.value, one.unit) == (1, "shop")


def test_dates_times_names_codes_and_markers_are_no_quantities(nlp):
    found = find_quantities(nlp(NOT_QUANTITIES), "q2")
    assert found == (), [q.text for q in found]


def test_units_normalize_through_pint():
    assert normalize("kilometer") == ("kilometer", "length")
    assert normalize("mile / hour")[1] == "speed"
    assert same_unit("mile_per_hour", "mile / hour")
    assert not same_unit("kilometer", "mile")
    assert normalize("no such unit at all") is None


def test_malformed_unit_expressions_are_not_units():
    # pint's parser raises AssertionError or TypeError on these, not a PintError
    for text in ("mile/", "*", "inch-per", "/hour"):
        assert normalize(text) is None, text


def test_number_words_are_read():
    text = "There are twenty-eight thousand six hundred forty-two students and a dozen cats."
    values = [p.value for p in number_phrases(text)]
    assert values == [28642, 12]
