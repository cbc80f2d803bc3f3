"""PLOVER-coded events: who did what to whom, when, with what modality."""

from __future__ import annotations

from collections.abc import Sequence

from ...pipeline import Stage
from ...records import Article, Event, Mention, SentenceDate, TimeExpression
from .find import EventFinding, find_event_findings, find_events

VERSION = "events-11"


def run(doc, article: Article, reference: str | None, mentions: Sequence[Mention],
        times: Sequence[TimeExpression], sentence_dates: Sequence[SentenceDate]
        ) -> tuple[Event, ...]:
    return find_events(doc, article.id, mentions, times=times, reference=reference,
                       sentence_dates=sentence_dates)


STAGE = Stage("events", VERSION, requires=("doc", "article", "reference", "mentions", "times",
                                      "sentence_dates"),
              produces=("events",), run=run, lexicon="storyline.annotate.events.lexicon",
              doc="PLOVER events from the parse, with source, target, date and modality")

__all__ = ["STAGE", "EventFinding", "find_event_findings", "find_events"]
