"""Time expressions, normalized against the article's reference date (TimeML values)."""

from __future__ import annotations

from ...pipeline import Stage
from ...records import Article, TimeExpression
from .find import find_times

VERSION = "times-3"


def run(doc, article: Article, reference: str | None) -> tuple[TimeExpression, ...]:
    return find_times(article.text, reference, article_id=article.id, doc=doc)


STAGE = Stage("times", VERSION, requires=("doc", "article", "reference"), produces=("times",),
              run=run,
              doc="time expressions with ISO/TimeML values against the reference date")

__all__ = ["STAGE", "find_times"]
