"""Story events: actor ids mapped to story actors, same events merged across articles."""

from __future__ import annotations

from storyline.records import Citation, Event
from storyline.story.events import merge_events


def event(eid: str, kind: str, source: str | None, target: str | None, date: str | None,
          article: str, start: int, modality: str = "asserted") -> Event:
    return Event(id=eid, type=kind, text=f"sentence {eid}", source_actor_id=source,
                 target_actor_id=target, date=date, modality=modality,
                 citations=(Citation(article, start, start + 10),))


ACTOR_MAP = {"a1:russia": "S:russia", "a2:moscow": "S:russia", "a1:nato": "S:nato",
             "a2:nato": "S:nato"}


def test_same_event_in_two_articles_merges_with_all_citations():
    one = event("e1", "REQUEST", "a1:russia", "a1:nato", "2030-01-05", "a1", 100)
    two = event("e2", "REQUEST", "a2:moscow", "a2:nato", "2030-01-05", "a2", 40)
    (merged,) = merge_events([two, one], ACTOR_MAP)
    assert merged.source_actor_id == "S:russia" and merged.target_actor_id == "S:nato"
    assert merged.citations == (Citation("a1", 100, 110), Citation("a2", 40, 50))
    assert merged.id == "e1"  # the earliest-cited event, whatever the input order
    assert merge_events([one, two], ACTOR_MAP) == (merged,)


def test_different_type_date_or_target_stay_apart_and_sort_by_date():
    base = event("e1", "REQUEST", "a1:russia", "a1:nato", "2030-01-05", "a1", 0)
    later = event("e2", "REQUEST", "a2:moscow", "a2:nato", "2030-02-01", "a2", 0)
    other_type = event("e3", "THREATEN", "a1:russia", "a1:nato", "2030-01-05", "a1", 50)
    undated = event("e4", "CONSULT", "a1:russia", None, None, "a1", 90)
    early = event("e5", "CONSULT", "a1:nato", "unknown:x", "2029-12-30", "a1", 70)
    merged = merge_events([undated, later, other_type, base, early], ACTOR_MAP)
    assert [e.id for e in merged] == ["e5", "e1", "e3", "e2", "e4"]
    assert merged[0].target_actor_id == "unknown:x"  # unknown ids are kept


def test_events_without_actors_never_merge():
    one = event("e1", "ASSAULT", None, None, "2030-01-05", "a1", 0)
    two = event("e2", "ASSAULT", None, None, "2030-01-05", "a2", 0)
    assert len(merge_events([one, two], {})) == 2


def test_modality_of_a_merge_is_the_majority_then_the_firmest():
    events = [event("e1", "THREATEN", "x", "y", "2030-01-05", "a1", 0, "threatened"),
              event("e2", "THREATEN", "x", "y", "2030-01-05", "a2", 0, "threatened"),
              event("e3", "THREATEN", "x", "y", "2030-01-05", "a3", 0, "reported")]
    assert merge_events(events, {})[0].modality == "threatened"
    tie = [event("e1", "AID", "x", "y", None, "a1", 0, "reported"),
           event("e2", "AID", "x", "y", None, "a2", 0, "asserted")]
    assert merge_events(tie, {})[0].modality == "asserted"


def test_inputs_are_not_mutated_and_empty_is_empty():
    one = event("e1", "REQUEST", "a1:russia", "a1:nato", "2030-01-05", "a1", 0)
    merge_events([one], ACTOR_MAP)
    assert one.source_actor_id == "a1:russia"
    assert merge_events([], ACTOR_MAP) == ()


def test_the_same_action_merges_within_the_date_window_keeping_its_first_date():
    monday = event("e1", "REQUEST", "a1:russia", "a1:nato", "2030-01-05", "a1", 0)
    tuesday = event("e2", "REQUEST", "a2:moscow", "a2:nato", "2030-01-06", "a2", 0)
    month_later = event("e3", "REQUEST", "a2:moscow", "a2:nato", "2030-02-06", "a2", 30)
    merged = merge_events([tuesday, monday, month_later], ACTOR_MAP, window_days=3)
    assert [(e.date, len(e.citations)) for e in merged] == [("2030-01-05", 2),
                                                            ("2030-02-06", 1)]
    assert len(merge_events([tuesday, monday], ACTOR_MAP, window_days=0)) == 2
