"""Claims: the quantities worth tracking, with hedge, modality, as-of date, owner and the
claimant's words (the actor is linked later)."""

from __future__ import annotations

from collections.abc import Sequence

from ...pipeline import Stage
from ...records import Article, Claim, Quantity, Quote, TimeExpression
from .find import find_claims

VERSION = "claims-4"


def run(doc, article: Article, reference: str | None, quotes: Sequence[Quote],
        times: Sequence[TimeExpression], quantities: Sequence[Quantity]) -> tuple[Claim, ...]:
    return find_claims(doc, article.id, quantities=quantities, quotes=quotes, times=times,
                       reference=reference)


STAGE = Stage("claims", VERSION,
              requires=("doc", "article", "reference", "quotes", "times", "quantities"),
              produces=("claims",), run=run, lexicon="storyline.annotate.claims.lexicon",
              doc="the quantities worth tracking, with modality, as-of date and claimant")

__all__ = ["STAGE", "find_claims"]
