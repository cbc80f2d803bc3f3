from __future__ import annotations

from storyline.config import IngestSettings
from storyline.ingest.dedupe import find_duplicates
from storyline.ingest.ids import article_id, content_hash
from storyline.records import Article

SETTINGS = IngestSettings()
BASE = ("Dockworkers in the port of Velmar walked out on Monday after talks on a new contract "
        "broke down, the union said. The port authority put the number of striking workers at "
        "2,000 and said cargo ships were waiting outside the harbour. The transport minister "
        "called on both sides to return to the table before the end of the week, warning that "
        "the stoppage was costing the economy millions every day. Union leader Tomas Vell said "
        "his members would stay out until the pay offer was improved.")


def make(source: str, text: str, published: str | None) -> Article:
    return Article(id=article_id(source, text), source=source, text=text, published=published,
                   content_hash=content_hash(text))


def test_exact_duplicates_link_to_the_earliest() -> None:
    late = make("a.txt", BASE, "2031-03-05")
    early = make("b.txt", BASE.upper(), "2031-03-04")
    undated = make("c.txt", BASE, None)
    links = find_duplicates([late, early, undated], SETTINGS)
    assert links == {late.id: early.id, undated.id: early.id}


def test_near_duplicates_are_linked_and_nothing_is_dropped() -> None:
    original = make("a.txt", BASE, "2031-03-04")
    near = make("b.txt", BASE.replace("Monday", "Monday morning"), "2031-03-04")
    other = make("c.txt", "A different story entirely about the harvest festival in the "
                 "northern hills, where farmers gathered to sell apples and cheese.", "2031-03-04")
    articles = [near, original, other]
    links = find_duplicates(articles, SETTINGS)
    expected_original = min(original.id, near.id)
    duplicate = near.id if expected_original == original.id else original.id
    assert links == {duplicate: expected_original}
    assert len(articles) == 3


def test_below_threshold_is_not_linked() -> None:
    first = make("a.txt", BASE, "2031-03-04")
    half = BASE[: len(BASE) // 2] + " An entirely new second half follows with fresh reporting " \
        "on ferry timetables, bus strikes and the weather on the islands over the weekend."
    assert find_duplicates([first, make("b.txt", half, "2031-03-05")], SETTINGS) == {}
