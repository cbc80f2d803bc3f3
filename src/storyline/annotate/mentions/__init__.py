"""Named-entity mentions (people, organisations, places, groups, named events)."""

from __future__ import annotations

from ...pipeline import Stage
from ...records import Article, Mention
from .find import find_mentions, headline_pieces, is_headline, trim_mention, word_stems

VERSION = "mentions-10"


def run(doc, article: Article) -> tuple[Mention, ...]:
    return find_mentions(doc, article.id)


STAGE = Stage("mentions", VERSION, requires=("doc", "article"), produces=("entity_mentions",),
              run=run, lexicon="storyline.annotate.mentions.lexicon",
              doc="entity spans of the parse, cut at headline words, and the pronouns, "
                  "descriptions, unnamed sources and groups; no actor yet")

__all__ = ["STAGE", "find_mentions", "headline_pieces", "is_headline", "trim_mention",
           "word_stems"]
