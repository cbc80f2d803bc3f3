"""Numeric claims: figures with their unit, qualifier, subject, as-of date and claimant."""

from __future__ import annotations

from collections.abc import Sequence

from ...pipeline import Stage
from ...records import Article, Claim, Quote, TimeExpression
from .find import find_claims

VERSION = "claims-3"


def run(doc, article: Article, reference: str | None, quotes: Sequence[Quote],
        times: Sequence[TimeExpression]) -> tuple[Claim, ...]:
    return find_claims(doc, article.id, quotes=quotes, times=times, reference=reference)


STAGE = Stage("claims", VERSION, requires=("doc", "article", "reference", "quotes", "times"),
              produces=("claims",), run=run,
              doc="numbers worth tracking, with the claimant's words (the actor is linked later)")

__all__ = ["STAGE", "find_claims"]
