"""What a sentence states, for the brief: its figures, dates, named actors and main claim.

A brief sentence cites other sentences only when they support it: every number, date and
named actor of the brief sentence occurs (normalized) in the cited sentence, and the cited
sentence makes the same main claim (the same predicate, or an event of the same type). The
same facts tell the brief what a sentence covers (a figure, a demand, a threat, an offer)
and when two sentences carry the same information. ``storyline eval citations`` checks the
brief's citations with :func:`support` over these facts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import Annotation, Event, Sentence

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(million|billion|"
                     r"thousand|trillion|bn|m)\b)?", re.IGNORECASE)
_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "trillion": 1e12}
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
DEMANDS = frozenset({"REQUEST"})
THREATS = frozenset({"THREATEN", "SANCTION", "COERCE", "ASSAULT"})
OFFERS = frozenset({"AGREE", "CONCEDE", "AID"})


_EMPTY: frozenset = frozenset()
_SETS = ("numbers", "figures", "dates", "actors", "event_types", "events")


@dataclass(frozen=True, slots=True)
class Facts:
    """The checkable content of one sentence."""

    numbers: frozenset[float] = frozenset()
    figures: frozenset[float] = frozenset()  # values of the numeric claims it makes
    dates: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    predicate: str = ""
    event_types: frozenset[str] = frozenset()
    events: frozenset[tuple] = frozenset()  # (type, source, target) of its events
    threatened: bool = False
    kind: str = "happened"  # the dating stage's reading: happened, expected, commentary

    def __post_init__(self) -> None:
        # most of a sentence's sets are empty: they share one empty set (a story keeps
        # the facts of every sentence)
        for name in _SETS:
            if not getattr(self, name):
                object.__setattr__(self, name, _EMPTY)

    @property
    def covers(self) -> frozenset[str]:
        """What a reader needs that the sentence gives: figure, demand, threat, offer."""
        found = set()
        if self.figures:
            found.add("figure")
        if self.event_types & DEMANDS:
            found.add("demand")
        if self.event_types & THREATS or self.threatened:
            found.add("threat")
        if self.event_types & OFFERS:
            found.add("offer")
        return frozenset(found)


def numbers_in(text: str, skip: Sequence[tuple[int, int]] = ()) -> frozenset[float]:
    """The figures written in digits ("4,000", "1.5 million"), years and the spans of
    ``skip`` (time expressions: "10 a.m.", "May 5") left out."""
    found = set()
    for match in _NUMBER.finditer(text):
        if any(a <= match.start() < b for a, b in skip):
            continue
        digits, scale = match.group(1), (match.group(2) or "").lower()
        value = float(digits.replace(",", "")) * _SCALE.get(scale, 1.0)
        if not scale and "," not in digits and 1900 <= value <= 2100 and "." not in digits:
            continue  # a year: the dates part checks it
        found.add(value)
    return frozenset(found)


def sentence_facts(sentence: Sentence, annotation: Annotation,
                   actor_map: Mapping[str, str], events: Sequence[Event] = ()) -> Facts:
    """The facts of ``sentence`` from its annotation (``actor_map``: article actor id ->
    story actor id; ``events``: the annotation's events that cite the sentence)."""
    start, end = sentence.start, sentence.end
    times = [t for t in annotation.times if start <= t.start and t.end <= end]
    dates = frozenset(t.value for t in times
                      if t.value and t.granularity in ("day", "month", "year", "time"))
    figures = frozenset(c.value for c in annotation.claims
                        if start <= c.start and c.end <= end)
    actors = frozenset(actor_map.get(m.actor_id, m.actor_id) for m in annotation.mentions
                       if m.actor_id and m.label in ACTOR_LABELS
                       and start <= m.start and m.end <= end)
    dated = next((d for d in annotation.sentence_dates if d.start <= start < d.end), None)
    skip = [(t.start - start, t.end - start) for t in times]
    return Facts(
        numbers=numbers_in(sentence.text, skip), figures=figures,
        dates=frozenset(v[:10] for v in dates),
        actors=actors, predicate=dated.predicate if dated else "",
        event_types=frozenset(e.type for e in events),
        events=frozenset((e.type, _mapped(e.source_actor_id, actor_map),
                          _mapped(e.target_actor_id, actor_map)) for e in events),
        threatened=any(e.modality == "threatened" for e in events),
        kind=dated.kind if dated else "happened")


def _mapped(actor_id: str | None, actor_map: Mapping[str, str]) -> str | None:
    return actor_map.get(actor_id, actor_id) if actor_id else None


def same_claim(a: Facts, b: Facts) -> bool:
    """Whether two sentences make the same main claim: one predicate or one event type,
    and both tell of what happened or both of what is expected."""
    if (a.kind == "expected") != (b.kind == "expected"):
        return False
    if a.predicate and a.predicate == b.predicate:
        return True
    return bool(a.event_types & b.event_types)


def support(claim: Facts, cited: Facts) -> dict[str, bool]:
    """Which parts of the support check a cited sentence passes for a brief sentence."""
    return {"numbers": claim.numbers <= cited.numbers,
            "dates": claim.dates <= cited.dates,
            "actors": claim.actors <= cited.actors,
            "claim": same_claim(claim, cited)}


def supports(claim: Facts, cited: Facts) -> bool:
    return all(support(claim, cited).values())


def same_information(a: Facts, b: Facts) -> bool:
    """Whether two sentences carry the same information: the events of one are all events
    of the other with no figure the other lacks, or one tells of the same named actors on
    the same dates with the same figures as the other (at least two actors and a date or a
    figure, all found in the other)."""
    small, large = (a, b) if _size(a) <= _size(b) else (b, a)
    if small.events and small.events <= large.events and small.numbers <= large.numbers:
        return True
    if len(small.actors) < 2 or not (small.dates or small.numbers):
        return False
    return (small.actors <= large.actors and small.dates <= large.dates
            and small.numbers <= large.numbers)


def _size(facts: Facts) -> int:
    return len(facts.actors) + len(facts.dates) + len(facts.numbers) + len(facts.events)
