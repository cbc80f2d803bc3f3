"""Cleaning the five seed articles: no real sentence lost, the noise gone, every one dated."""

from __future__ import annotations

import pytest

from storyline.config import IngestSettings
from storyline.eval import seeds
from storyline.eval.report import below_floor
from storyline.ingest.clean import clean_document
from storyline.ingest.metadata import load_sidecar
from storyline.ingest.sources import iter_documents
from storyline.records import Article

pytestmark = pytest.mark.quality
NOISE = ("1:40", "Source: CNN", "Getty Images", "Please enter your", "](#)",
         "fareed zakaria 1206")


def test_seeds_floor(seeds_dir) -> None:
    report = seeds.score(seeds_dir)
    assert report.metrics["sentences_lost"] == 0, [r.get("lost") for r in report.rows]
    assert report.metrics["sentences"] >= 100
    assert below_floor(report) == []


def test_seeds_are_clean_and_dated(seeds_dir) -> None:
    settings = IngestSettings()
    sidecar = load_sidecar(seeds_dir / "metadata.jsonl")
    articles = [clean_document(doc, sidecar, settings)
                for doc in iter_documents([str(seeds_dir)], settings)]
    assert len(articles) == 5 and all(isinstance(a, Article) for a in articles)
    for article in articles:
        for marker in NOISE:
            assert marker not in article.text, (article.source, marker)
        assert article.published, article.source
        assert "\n\n\n" not in article.text


def test_sentence_check_can_fail() -> None:
    raw = ("The first sentence here has more than six words.\n\n"
           "A second sentence also has more than six words.")
    assert seeds.lost_sentences(raw, raw) == []
    lost = seeds.lost_sentences(raw, "The first sentence here has more than six words.")
    assert lost == ["A second sentence also has more than six words."]
