"""Quantities: every figure in the text with its value or range, normalized unit, stated
change and concept (the layer under the claims)."""

from __future__ import annotations

from ...pipeline import Stage
from ...records import Article, Quantity
from .find import find_quantities

VERSION = "quantities-1"


def run(doc, article: Article) -> tuple[Quantity, ...]:
    return find_quantities(doc, article.id)


STAGE = Stage("quantities", VERSION, requires=("doc", "article"), produces=("quantities",),
              run=run, lexicon="storyline.annotate.quantities.lexicon",
              doc="every quantity: value or range, normalized unit, change and concept")

__all__ = ["STAGE", "find_quantities"]
