"""The text toolkit: one tokenizer, stop-word list and stemmer; one TF-IDF and cosine."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.text.vectors import centroid, similarities, tfidf
from storyline.text.words import content_words, stem, stop_words, terms, tokens


def test_tokens_split_on_everything_but_letters_and_digits() -> None:
    assert tokens("The Mayor's plan, 2031-03-04!") == ["the", "mayor", "s", "plan", "2031",
                                                      "03", "04"]


def test_the_story_stage_gets_spacys_stop_words_without_importing_spacy() -> None:
    import subprocess
    import sys

    code = ("import sys, storyline.story, storyline.story.build; "
            "from storyline.text.words import _spacy_stop_words as words; "
            "print('spacy' in sys.modules, len(words()))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.split()
    from spacy.lang.en.stop_words import STOP_WORDS

    from storyline.text.words import _spacy_stop_words

    assert shown == ["False", str(len(STOP_WORDS))]
    assert _spacy_stop_words() == set(STOP_WORDS)


def test_stop_words_are_the_normalized_list() -> None:
    stop = stop_words()
    assert {"the", "and", "s"} <= stop
    assert all(" " not in word and "'" not in word for word in stop)
    assert content_words("The council and the mayor") == ["council", "mayor"]


@pytest.mark.parametrize("word,stemmed", [
    ("caresses", "caress"), ("ponies", "poni"), ("agreed", "agre"), ("hopping", "hop"),
    ("relational", "relat"), ("generalizations", "gener"), ("rate", "rate"), ("ran", "ran"),
])
def test_stem_is_porter_for_words_of_four_letters_or_more(word, stemmed) -> None:
    assert stem(word) == stemmed


def test_terms_are_stemmed_content_words() -> None:
    assert terms("The Ministers agreed!") == ["minist", "agre"]
    assert terms("The Ministers agreed!", stemmed=False) == ["ministers", "agreed"]
    assert terms("The Ministers", drop_stop_words=False) == ["the", "minist"]


def test_tfidf_rows_are_unit_length_and_cosines_symmetric() -> None:
    rows = tfidf(["The dam burst after rain.", "Rain made the dam burst.",
                  "Ferries carried commuters."])
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0, atol=1e-5)
    sims = similarities(rows)
    assert np.allclose(sims, sims.T, atol=1e-6)
    assert sims[0, 1] > 0.5 > sims[0, 2]
    center = centroid(rows[:2])
    assert float(np.linalg.norm(center)) == pytest.approx(1.0, abs=1e-5)


def test_tfidf_without_any_term_gives_zero_rows() -> None:
    rows = tfidf(["the and", "of"])
    assert rows.shape[0] == 2 and rows.nnz == 0
