"""What a sentence states: figures, support between sentences, the same information."""

from __future__ import annotations

from storyline.eval.citations import actor_written
from storyline.records import Actor
from storyline.story.brief import redundant, redundant_pairs, word_overlap
from storyline.story.brief_facts import (
    Facts,
    numbers_in,
    same_claim,
    same_information,
    support,
    supports,
)


def test_numbers_are_normalized_and_years_and_times_left_out() -> None:
    text = "About 3,500 workers, up from 2,000 in 2031, met at 10 a.m. and 1.5 million watched."
    assert numbers_in(text) == {3500.0, 2000.0, 10.0, 1.5e6}
    assert numbers_in(text, skip=[(text.index("10 a.m."), text.index("10 a.m.") + 7)]) == {
        3500.0, 2000.0, 1.5e6}
    assert numbers_in("4,000") == numbers_in("4000")


def test_support_needs_every_number_actor_date_and_the_same_claim() -> None:
    claim = Facts(numbers=frozenset({3500.0}), actors=frozenset({"union"}),
                  dates=frozenset({"2031-03-05"}), predicate="strike")
    good = Facts(numbers=frozenset({3500.0, 2.0}), actors=frozenset({"union", "port"}),
                 dates=frozenset({"2031-03-05"}), predicate="strike")
    other_figure = Facts(numbers=frozenset({4000.0}), actors=frozenset({"union"}),
                         dates=frozenset({"2031-03-05"}), predicate="strike")
    assert supports(claim, good)
    assert support(claim, other_figure) == {"numbers": False, "dates": True, "actors": True,
                                            "claim": True}
    plan = Facts(actors=frozenset({"union"}), predicate="strike", kind="expected")
    assert not same_claim(Facts(predicate="strike"), plan)
    assert same_claim(Facts(event_types=frozenset({"REQUEST"})),
                      Facts(predicate="urge", event_types=frozenset({"REQUEST"})))


def test_same_information_by_events_or_by_actors_dates_and_figures() -> None:
    call = ("CONSULT", "biden", "putin")
    small = Facts(actors=frozenset({"biden", "putin"}), dates=frozenset({"2031-12-07"}),
                  events=frozenset({call}))
    large = Facts(actors=frozenset({"biden", "putin", "russia"}),
                  dates=frozenset({"2031-12-07"}),
                  events=frozenset({call, ("MOBILIZE", "russia", None)}))
    assert same_information(small, large) and same_information(large, small)
    undated = Facts(actors=frozenset({"biden", "putin"}))
    assert not same_information(undated, large)


def test_the_pinned_redundancy_check() -> None:
    a = "The harbor bridge will reopen in March after repairs to its supports."
    b = "After repairs to its supports, the harbor bridge will reopen in March."
    c = "Ferry queues grew longer at dawn as commuters waited."
    assert word_overlap(a, b) == 1.0 and redundant(a, b)
    assert not redundant(a, c)
    assert redundant_pairs([a, c, b]) == [(0, 2)]


def test_an_actor_is_written_under_its_name_an_alias_or_the_mention() -> None:
    hask = Actor("h", "Irena Hask", "person", aliases=("Hask",))
    assert actor_written(hask, "the minister", "Hask met both sides.")
    assert actor_written(None, "Velmar", "Ships wait off velmar.")
    assert not actor_written(hask, "Irena Hask", "The minister met both sides.")
