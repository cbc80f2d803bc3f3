"""Sentences: spaCy's sentence spans, stripped, never across a paragraph break."""

from __future__ import annotations

from ...pipeline import Stage
from ...records import Article, Sentence
from ...text.paragraphs import split_at_breaks
from ..parse import doc_sentences, doc_text

VERSION = "sentences-1"


def find_sentences(doc, article_id: str) -> tuple[Sentence, ...]:
    """The sentences of ``doc``: spaCy's sentence spans, stripped, split at blank lines."""
    text = doc_text(doc)
    sentences: list[Sentence] = []
    for sent in doc_sentences(doc):
        for start, end in split_at_breaks(text, sent.start_char, sent.end_char):
            sentences.append(Sentence(article_id, len(sentences), start, end, text[start:end]))
    return tuple(sentences)


def run(doc, article: Article) -> tuple[Sentence, ...]:
    return find_sentences(doc, article.id)


STAGE = Stage("sentences", VERSION, requires=("doc", "article"), produces=("sentences",),
              run=run, doc="sentence spans of the parse, split at paragraph breaks")
