"""Timeline metrics on tiny hand-made timelines, with values computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.eval.rouge import (
    TokenConfig,
    align_rouge,
    approx_rouge1_f,
    date_prf,
    porter_stem,
    rouge_counts,
    tokens,
)
from storyline.eval.timeline17 import line_sentences, parse_timeline

RAW = TokenConfig(stem=False, drop_stopwords=False)
D1, D2, D3, D4 = (date(2020, 1, day) for day in (1, 2, 3, 4))


@pytest.mark.parametrize("word,stem", [
    ("caresses", "caress"), ("ponies", "poni"), ("agreed", "agre"), ("hopping", "hop"),
    ("filing", "file"), ("happy", "happi"), ("relational", "relat"),
    ("generalizations", "gener"), ("adjustment", "adjust"), ("adoption", "adopt"),
    ("controll", "control"), ("rate", "rate"),
])
def test_porter_stemmer_matches_the_paper(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


def test_tokens_lowercase_split_punctuation_drop_stopwords_and_stem() -> None:
    assert tokens("The Ministers, agreed!", RAW) == ["the", "ministers", "agreed"]
    assert tokens("The Ministers, agreed!") == ["minist", "agre"]


def test_rouge_counts_clip_repeated_ngrams() -> None:
    hits, pred, ref = rouge_counts(["a a b"], ["a b c"], 1, RAW)
    assert (hits, pred, ref) == (2, 3, 3)
    hits, pred, ref = rouge_counts(["a b c", "d e"], ["b c d e"], 2, RAW)
    # bigrams stay inside a sentence: (c, d) is not formed on the predicted side
    assert (hits, pred, ref) == (2, 3, 3)


def test_align_rouge_exact_date_and_date_weighted_recall() -> None:
    predicted = {D1: ["a b c d"]}
    reference = {D1: ["a b x y"], D3: ["c d"]}
    r1 = align_rouge(predicted, reference, 1, RAW)
    # precision: D1 -> D1, 2 hits of 4; recall: 2 hits at D1 + 2 hits at D3 weighted 1/3, of 6
    assert r1.precision == pytest.approx(0.5)
    assert r1.recall == pytest.approx(4 / 9)
    assert r1.f1 == pytest.approx(8 / 17)
    r2 = align_rouge(predicted, reference, 2, RAW)
    assert r2.precision == pytest.approx(1 / 3)
    assert r2.recall == pytest.approx((1 + 1 / 3) / 4)
    assert r2.f1 == pytest.approx(1 / 3)


def test_align_rouge_content_can_pull_a_date_to_a_farther_reference_date() -> None:
    predicted = {D2: ["c d"]}
    reference = {D1: ["a b"], D4: ["c d"]}
    result = align_rouge(predicted, reference, 1, RAW)
    # D2 -> D4 costs (1 - 1/3) * (1 - 1) = 0 < D1's 0.5 * 1: 2 hits weighted 1/3
    assert result.precision == pytest.approx(1 / 3)
    assert result.recall == pytest.approx(1 / 6)
    assert result.f1 == pytest.approx(2 / 9)


def test_align_rouge_many_to_one_and_empty_sides() -> None:
    predicted = {D1: ["a"], D2: ["a"]}
    reference = {D1: ["a"]}
    result = align_rouge(predicted, reference, 1, RAW)
    assert result.precision == pytest.approx((1 + 0.5) / 2)
    assert result.recall == pytest.approx(1.0)
    assert align_rouge({}, reference, 1, RAW).f1 == 0.0
    assert align_rouge(predicted, {}, 1, RAW).f1 == 0.0


def test_approx_rouge1_is_case_sensitive_whitespace_f1() -> None:
    assert approx_rouge1_f(["a b"], ["a c"]) == pytest.approx(0.5)
    assert approx_rouge1_f(["A"], ["a"]) == 0.0


def test_date_f1() -> None:
    result = date_prf([D1, D2, D3], [D2, D3, D4, date(2020, 1, 5)])
    assert (result.precision, result.recall) == pytest.approx((2 / 3, 1 / 2))
    assert result.f1 == pytest.approx(4 / 7)
    assert date_prf([], [D1]).f1 == 0.0


def test_parse_timeline_merges_lines_and_skips_malformed_dates() -> None:
    text = ("2020-01-03\nThe bridge reopens .\n-----------\n"
            "2020-01-0\nBroken block .\n-----------\n"
            "2020-01-01\nThe bridge closes .\nRepairs start .\n-----------\n")
    timeline = parse_timeline(text, "invented")
    assert timeline.dates == (D1, D3)
    assert timeline.as_mapping()[D1] == ["The bridge closes .", "Repairs start ."]
    assert timeline.sentences_per_date() == pytest.approx(1.5)


def test_line_sentences_keep_offsets() -> None:
    text = "  First line here .\n\nSecond one .  \n"
    sentences = line_sentences(text)
    assert [s[2] for s in sentences] == ["First line here .", "Second one ."]
    assert all(text[start:end] == body for start, end, body in sentences)
