"""Story events: per-article events mapped to story actors and merged across articles.

Two events are one action when they have the same type, source and target and their dates
lie within ``events_merge_days`` of each other (the same month or year for coarser
dates); the merged event keeps every citation, its earliest date and the modality most of
its mentions have.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date as Date

from ..pipeline import Stage
from ..records import Annotation, Citation, Event

# when merged events disagree on modality and none is the majority, the firmer reading wins
MODALITY_ORDER = ("asserted", "reported", "threatened", "conditional", "negated")


def merge_events(events: Sequence[Event], actor_map: Mapping[str, str],
                 window_days: int = 0) -> tuple[Event, ...]:
    """Map actor ids to story actors and merge the same action across articles.

    ``actor_map`` maps a per-article actor id to its story actor id; unknown ids are kept.
    Events with neither a source nor a target are never merged (nothing says they are the
    same event). Same (type, source, target) events merge when their dates are at most
    ``window_days`` apart. The result is sorted by date (undated last), then type.
    """
    groups: dict[tuple, list[Event]] = {}
    for position, event in enumerate(events):
        mapped = replace(event, source_actor_id=_map(event.source_actor_id, actor_map),
                         target_actor_id=_map(event.target_actor_id, actor_map))
        groups.setdefault(_key(mapped, position), []).append(mapped)
    merged = [_merge(run) for group in groups.values()
              for run in _windows(group, window_days)]
    return tuple(sorted(merged, key=_order))


def _day(value: str | None) -> Date | None:
    if value and len(value) >= 10:
        try:
            return Date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _near(a: str | None, b: str | None, window_days: int) -> bool:
    if a == b:
        return True
    day_a, day_b = _day(a), _day(b)
    if day_a is None or day_b is None:
        return False
    return abs((day_a - day_b).days) <= window_days


def _windows(group: list[Event], window_days: int) -> list[list[Event]]:
    """The events of one (type, source, target) in runs of dates close to each other."""
    ordered = sorted(group, key=lambda e: (e.date is None, e.date or ""))
    runs: list[list[Event]] = []
    for event in ordered:
        if runs and _near(runs[-1][-1].date, event.date, window_days):
            runs[-1].append(event)
        else:
            runs.append([event])
    return runs


def _map(actor_id: str | None, actor_map: Mapping[str, str]) -> str | None:
    if actor_id is None:
        return None
    return actor_map.get(actor_id, actor_id)


def _key(event: Event, position: int) -> tuple:
    if event.source_actor_id is None and event.target_actor_id is None:
        return ("unmerged", position)
    return (event.type, event.source_actor_id, event.target_actor_id)


def _merge(group: list[Event]) -> Event:
    ordered = sorted(group, key=_first_citation)
    first = ordered[0]
    if len(group) == 1:
        return first
    citations: list[Citation] = []
    for event in ordered:
        citations.extend(c for c in event.citations if c not in citations)
    dates = sorted(e.date for e in group if e.date)
    return replace(first, citations=tuple(citations), modality=_modality(group),
                   date=dates[0] if dates else None)


def _modality(group: list[Event]) -> str:
    counts = Counter(e.modality for e in group)
    best = max(counts.values())
    tied = [m for m, n in counts.items() if n == best]
    return min(tied, key=lambda m: MODALITY_ORDER.index(m) if m in MODALITY_ORDER else 99)


def _first_citation(event: Event) -> tuple:
    if not event.citations:
        return ("\uffff", 0, 0, event.id)
    c = event.citations[0]
    return (c.article_id, c.start, c.end, event.id)


def _order(event: Event) -> tuple:
    return (event.date is None, event.date or "", event.type, _first_citation(event))


def story_events(sources: Sequence[Annotation], actor_map: Mapping[str, str], settings
                 ) -> tuple[Event, ...]:
    return merge_events([e for a in sources for e in a.events], actor_map,
                        settings.events_merge_days)


STAGE = Stage("events", "story-events-2", requires=("sources", "actor_map"),
              produces=("events",), run=story_events, settings="story",
              doc="events mapped to story actors and merged across articles")
