"""Long articles are parsed in pieces: exact offsets, one merged parse, a hard cap."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from storyline import services
from storyline.annotate.parse import from_bytes, parse_texts, piece_bounds, to_bytes
from storyline.config import Settings
from storyline.records import Article, RejectReason
from storyline.services.annotate import too_large
from storyline.store import open_store

PARAGRAPH = ("Mayor Ilsa Varn met the dock workers of Orsk on Tuesday. \"We will not accept "
             "the cuts,\" said Tomas Reld, who leads the union. Nearly 2,000 workers walked "
             "out, the port authority said.")


def _long_text(paragraphs: int) -> str:
    return "\n\n".join(f"{PARAGRAPH} Day {i}." for i in range(paragraphs))


def test_pieces_cover_the_text_and_end_at_paragraphs():
    text = _long_text(40)
    bounds = piece_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(end - start <= 1000 for start, end in bounds)
    assert all(text[end - 2:end] == "\n\n" for _, end in bounds[:-1])
    one_line = "word " * 500
    cuts = piece_bounds(one_line, 300)
    assert "".join(one_line[s:e] for s, e in cuts) == one_line
    assert all(one_line[e - 1] == " " for _, e in cuts[:-1])
    assert piece_bounds("short", 1000) == [(0, 5)]


@pytest.mark.slow
def test_pieces_merge_into_one_parse_that_round_trips(nlp):
    texts = [_long_text(30), "A short one. Said Varn.", _long_text(12)]
    docs = list(parse_texts(nlp, texts, 800, 4))
    assert [d.text for d in docs] == texts
    whole = nlp(texts[0])
    assert len(list(docs[0].sents)) == len(list(whole.sents))
    back = from_bytes(to_bytes(docs[0]), nlp.vocab)
    assert back.text == texts[0]
    assert [(e.start_char, e.end_char, e.label_) for e in back.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in docs[0].ents]


@pytest.mark.slow
def test_annotations_of_a_long_article_keep_exact_offsets(tmp_path):
    base = Settings()
    settings = dataclasses.replace(base, annotate=dataclasses.replace(
        base.annotate, piece_chars=700))
    text = _long_text(25)
    store = open_store(str(tmp_path / "long.db"))
    try:
        store.upsert_articles([Article(id="long", source="long.txt", text=text,
                                       published="2031-03-04", content_hash="h")])
        report = services.annotate_pending(store, settings)
        assert report.parsed == 1
        annotation = store.get_annotation("long")
        assert len(annotation.quotes) >= 20
        for item in (*annotation.quotes, *annotation.mentions, *annotation.sentences):
            assert text[item.start:item.end] == item.text
    finally:
        store.close()


def test_an_article_over_the_cap_is_rejected_with_a_reason(tmp_path):
    base = Settings()
    small = dataclasses.replace(base, ingest=dataclasses.replace(base.ingest,
                                                                 max_article_chars=500))
    article = Article(id="big", source="big.txt", text=_long_text(5), content_hash="h")
    rejected = too_large(article, small.ingest)
    assert rejected.reason is RejectReason.ARTICLE_TOO_LONG
    assert "ingest.max_article_chars" in rejected.detail
    assert too_large(article, base.ingest) is None
    store = open_store(str(tmp_path / "cap.db"))
    try:  # stored under a larger cap, then annotated under a smaller one
        store.upsert_articles([article])
        report = services.annotate_pending(store, small)
        assert [r.reason for r in report.rejected] == [RejectReason.ARTICLE_TOO_LONG]
        assert report.annotated == 0 and store.get_annotation("big") is None
    finally:
        store.close()
