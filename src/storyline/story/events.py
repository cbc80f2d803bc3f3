"""Story events: per-article events mapped to story actors and merged across articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..pipeline import Stage
from ..records import Annotation, Citation, Event

# when merged events disagree on modality and none is the majority, the firmer reading wins
MODALITY_ORDER = ("asserted", "reported", "threatened", "conditional", "negated")


def merge_events(events: Sequence[Event], actor_map: Mapping[str, str]) -> tuple[Event, ...]:
    """Map actor ids to story actors and merge the same (type, source, target, date).

    ``actor_map`` maps a per-article actor id to its story actor id; unknown ids are kept.
    Events with neither a source nor a target are never merged (nothing says they are the
    same event). The result is sorted by date (undated last), then type.
    """
    groups: dict[tuple, list[Event]] = {}
    for position, event in enumerate(events):
        mapped = replace(event, source_actor_id=_map(event.source_actor_id, actor_map),
                         target_actor_id=_map(event.target_actor_id, actor_map))
        groups.setdefault(_key(mapped, position), []).append(mapped)
    merged = [_merge(group) for group in groups.values()]
    return tuple(sorted(merged, key=_order))


def _map(actor_id: str | None, actor_map: Mapping[str, str]) -> str | None:
    if actor_id is None:
        return None
    return actor_map.get(actor_id, actor_id)


def _key(event: Event, position: int) -> tuple:
    if event.source_actor_id is None and event.target_actor_id is None:
        return ("unmerged", position)
    return (event.type, event.source_actor_id, event.target_actor_id, event.date)


def _merge(group: list[Event]) -> Event:
    ordered = sorted(group, key=_first_citation)
    first = ordered[0]
    if len(group) == 1:
        return first
    citations: list[Citation] = []
    for event in ordered:
        citations.extend(c for c in event.citations if c not in citations)
    return replace(first, citations=tuple(citations), modality=_modality(group))


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


def story_events(sources: Sequence[Annotation], actor_map: Mapping[str, str]
                 ) -> tuple[Event, ...]:
    return merge_events([e for a in sources for e in a.events], actor_map)


STAGE = Stage("events", "story-events-1", requires=("sources", "actor_map"),
              produces=("events",), run=story_events,
              doc="events mapped to story actors and merged across articles")
