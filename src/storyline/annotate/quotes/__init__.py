"""Quotes: direct, indirect and mixed attributions with their cue and speaker span."""

from __future__ import annotations

from collections.abc import Sequence

from ...pipeline import Stage
from ...records import Article, Mention, Quote
from .find import Attribution, find_attributions, find_quotes, quotes_from_attributions

VERSION = "quotes-2"


def run(doc, article: Article, mentions: Sequence[Mention]) -> tuple[Quote, ...]:
    return find_quotes(doc, article.id, mentions)


STAGE = Stage("quotes", VERSION, requires=("doc", "article", "mentions"), produces=("quotes",),
              run=run,
              doc="quote spans, cues and speaker spans (the speaker's actor is linked later)")

__all__ = ["STAGE", "Attribution", "find_attributions", "find_quotes",
           "quotes_from_attributions"]
