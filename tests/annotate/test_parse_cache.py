"""What the parse helpers make of a Doc lives in the Doc, and batches are bounded by size."""

from __future__ import annotations

import sys

import pytest

from storyline.annotate import parse
from storyline.annotate.parse import (
    children_of,
    doc_sentences,
    doc_tokens,
    entities_within,
    lemma_lower_column,
    release,
    to_bytes,
    token_column,
    tokens_with_pos,
)

TEXT = "Mayor Ilsa Varn met the dock workers of Orsk. They walked out on Tuesday."


@pytest.fixture
def blank_doc():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(TEXT)


def _touch(doc) -> None:
    doc_tokens(doc), doc_sentences(doc), lemma_lower_column(doc), tokens_with_pos(doc, "")
    token_column(doc, "lower_"), token_column(doc, "idx"), entities_within(doc, 0, len(doc))
    children_of(doc[0]), parse.char_span(doc, 0, 5)


def test_helpers_make_each_thing_once_per_doc(blank_doc):
    assert doc_tokens(blank_doc) is doc_tokens(blank_doc)
    assert token_column(blank_doc, "lower_") is token_column(blank_doc, "lower_")
    assert token_column(blank_doc, "lower_")[0] == "mayor"
    assert token_column(blank_doc, "text") is not token_column(blank_doc, "lower_")


def test_nothing_outside_the_doc_keeps_it(blank_doc):
    before = sys.getrefcount(blank_doc)
    _touch(blank_doc)
    release(blank_doc)
    assert sys.getrefcount(blank_doc) == before  # no module cache holds the Doc
    assert not {parse._CACHE, parse._SPANS} & set(blank_doc.user_data)
    assert doc_tokens(blank_doc)[0].text == "Mayor"  # made again when asked for


def test_a_stored_parse_keeps_nothing_the_helpers_made(blank_doc):
    plain = to_bytes(blank_doc)
    _touch(blank_doc)
    assert to_bytes(blank_doc) == plain


def test_batches_hold_at_most_size_pieces_and_chars():
    pieces = [("x" * n, i) for i, n in enumerate([5, 5, 5, 30, 5, 5, 5, 5])]
    batches = list(parse._batches(iter(pieces), 3, 12))
    assert [[i for _, i in b] for b in batches] == [[0, 1], [2], [3], [4, 5], [6, 7]]
    assert [p for b in batches for p in b] == pieces
    assert [len(b) for b in parse._batches(iter(pieces), 3, 0)] == [3, 3, 2]


@pytest.mark.slow
def test_a_piece_parses_the_same_in_any_batch(nlp):
    texts = [TEXT * k for k in (1, 9, 3, 20, 2)]
    one = [to_bytes(d) for d in parse.parse_texts(nlp, texts, 400, 8)]
    small = [to_bytes(d) for d in parse.parse_texts(nlp, texts, 400, 8, batch_chars=500)]
    assert one == small
