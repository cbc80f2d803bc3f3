"""What the story stages read of an annotation, and nothing more.

A story is built from every member's annotation at once, so what a story build holds grows
with the story. ``story_reads`` keeps, of one stored annotation, only what the stages of
``STAGES`` read, with the small values every record repeats (the article id, labels, names,
offsets) shared as one object:

* sentences, times, sentence dates, quotes, claims, actors, events and links: all of them;
* mentions: only those of an actor (``actor_id`` set, an actor label): the brief's facts
  read no other (``brief_facts.sentence_facts``);
* quantities and the stage keys (``versions``): no story stage reads them.

Date inference (``story.dates``), which runs before a story is built when members have no
publication date, reads only the time expressions (``date_reads``).

A stage that starts reading more of an annotation says so here; the tests build stories
from full and from reduced annotations and compare them (``tests/story/test_story_workers.py``
on invented articles, ``tests/e2e/test_seeds.py`` on the annotated seeds).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..records import Annotation
from .brief_facts import ACTOR_LABELS

#: strings up to this long are shared (ids, labels, names); longer ones (sentences) are
#: seldom repeated
SHARED_CHARS = 40


class Shared:
    """One object per repeated small value (strings, integers) across the records of a
    story: decoding makes a new object for each occurrence."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._ints: dict[int, int] = {}

    def value(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return self._strings.setdefault(value, value) if len(value) <= SHARED_CHARS \
                else value
        if kind is int:
            return self._ints.setdefault(value, value)
        if kind is tuple:
            return tuple([self.value(v) for v in value])
        if dataclasses.is_dataclass(value):
            return self.record(value)
        return value

    def record(self, record: Any) -> Any:
        """A copy of ``record`` whose fields share the values met before."""
        return type(record)(**{f.name: self.value(getattr(record, f.name))
                               for f in dataclasses.fields(record)})


def story_reads(annotation: Annotation, shared: Shared | None = None) -> Annotation:
    """``annotation`` reduced to what the story stages read (see the module's notes)."""
    shared = shared or Shared()
    kept = dataclasses.replace(
        annotation, versions=(), quantities=(),
        mentions=tuple(m for m in annotation.mentions
                       if m.actor_id and m.label in ACTOR_LABELS))
    return shared.record(kept)


def date_reads(annotation: Annotation) -> Annotation:
    """``annotation`` reduced to what date inference reads (``story.dates``): its time
    expressions."""
    return Annotation(annotation.article_id, (), times=annotation.times)


__all__ = ["SHARED_CHARS", "Shared", "date_reads", "story_reads"]
