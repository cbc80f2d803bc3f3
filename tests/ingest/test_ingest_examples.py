"""The bundled sample under examples/ goes through ingest cleanly and fully dated."""

from __future__ import annotations

from pathlib import Path

from storyline.config import IngestSettings
from storyline.ingest.clean import clean_document
from storyline.ingest.dedupe import find_duplicates
from storyline.ingest.metadata import load_sidecar
from storyline.ingest.sources import iter_documents
from storyline.records import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOISE = ("Source: KTV", "Getty Images", "Please enter your", "](#)", "velmar strike 0304",
         "(KTV) —", "*Harbour Post*")


def test_examples_ingest() -> None:
    settings = IngestSettings()
    sidecar = load_sidecar(EXAMPLES / "metadata.jsonl")
    articles = [clean_document(doc, sidecar, settings)
                for doc in iter_documents([str(EXAMPLES)], settings)]
    assert len(articles) == 6 and all(isinstance(a, Article) for a in articles)
    kinds = {Path(a.source.split("#")[0]).suffix for a in articles}
    assert kinds == {".txt", ".html", ".jsonl"}
    for article in articles:
        assert article.published and article.published.startswith("2024-03"), article.source
        assert article.outlet, article.source
        for marker in NOISE:
            assert marker not in article.text, (article.source, marker)
    joined = next(a for a in articles if a.source.endswith("02-harbour-post-strike-spreads.txt"))
    assert "that the federation had rejected" in joined.text
    assert find_duplicates(articles, settings) == {}
    assert len({a.id for a in articles}) == 6
