"""Quotes: direct, indirect and mixed attributions with their cue and speaker span."""

from __future__ import annotations

from ...pipeline import Stage
from ...records import Article, Quote
from .find import Attribution, find_attributions, find_quotes, quotes_from_attributions

VERSION = "quotes-11"


def run(doc, article: Article) -> tuple[Quote, ...]:
    return find_quotes(doc, article.id)


STAGE = Stage("quotes", VERSION, requires=("doc", "article"), produces=("quotes",),
              run=run, lexicon="storyline.annotate.quotes.lexicon",
              doc="quote spans, cues and speaker spans (the speaker's actor is linked later)")

__all__ = ["STAGE", "Attribution", "find_attributions", "find_quotes",
           "quotes_from_attributions"]
