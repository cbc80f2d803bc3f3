"""Time expressions, normalized against the reference date (TimeML values), and the date
and kind (happened, expected, commentary) of every sentence's event."""

from __future__ import annotations

from collections.abc import Sequence

from ...pipeline import Stage
from ...records import Article, Sentence, SentenceDate, TimeExpression
from .dating import find_sentence_dates
from .find import find_times

VERSION = "times-3"
DATING_VERSION = "dating-3"
LEXICON = "storyline.annotate.times.lexicon"


def run(doc, article: Article, reference: str | None) -> tuple[TimeExpression, ...]:
    return find_times(article.text, reference, article_id=article.id, doc=doc)


def run_dating(doc, sentences: Sequence[Sentence], times: Sequence[TimeExpression],
               reference: str | None) -> tuple[SentenceDate, ...]:
    return find_sentence_dates(doc, sentences, times, reference)


STAGE = Stage("times", VERSION, requires=("doc", "article", "reference"), produces=("times",),
              run=run, lexicon=LEXICON,
              doc="time expressions with ISO/TimeML values against the reference date")
DATING = Stage("dating", DATING_VERSION, requires=("doc", "sentences", "times", "reference"),
               produces=("sentence_dates",), run=run_dating, lexicon=LEXICON,
               doc="each sentence's event: its date, and whether it happened, is expected "
                   "or is commentary")

__all__ = ["DATING", "STAGE", "find_sentence_dates", "find_times"]
