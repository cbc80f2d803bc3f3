"""Near-duplicate linking through the store's index: the same links as linking everything
at once, in any batch order, and a cost per new article that does not read the store."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from edge_articles import distinct_article, write_text
from sqlalchemy import delete

from storyline import services
from storyline.config import Settings
from storyline.ingest.dedupe import band_ranges, find_duplicates
from storyline.store import SqlStore, open_store
from storyline.store.schema import dedupe_bands, dedupe_signatures


def body(seed: int) -> str:
    """About 170 invented words (four paragraphs of distinct_article)."""
    return " ".join(distinct_article(seed * 10 + k).split("\n\n")[1] for k in range(4))


def edited(text: str, rng: random.Random, edits: int) -> str:
    words = text.split(" ")
    for _ in range(edits):
        words[rng.randrange(len(words))] = rng.choice(["quay", "gale", "pier", "tide", "reef"])
    return " ".join(words)


def write_corpus(folder: Path, seed: int, count: int = 48) -> list[str]:
    """Originals, exact copies, near copies and chains of edits, some dated, in random order."""
    rng = random.Random(seed)
    texts: list[str] = []
    for n in range(count):
        kind = rng.random()
        if not texts or kind < 0.3:
            texts.append(body(seed * 1000 + n))
        elif kind < 0.45:
            texts.append(rng.choice(texts))
        else:
            texts.append(edited(rng.choice(texts), rng, rng.choice([1, 3, 6, 12, 30])))
    paths = []
    for n, text in enumerate(texts):
        date = f"date 2031-03-{rng.randint(1, 28):02d} " if rng.random() < 0.6 else ""
        paths.append(str(write_text(folder / f"f{n:03d}.txt", f"{date}{text}")))
    rng.shuffle(paths)
    return paths


def count_ids(monkeypatch: pytest.MonkeyPatch, method: str) -> list[int]:
    """Spy on ``SqlStore.<method>(ids, ...)``: how many ids each call asks for."""
    calls: list[int] = []
    original = getattr(SqlStore, method)

    def spy(self, ids, *args):
        ids = list(ids)
        calls.append(len(ids))
        return original(self, ids, *args)

    monkeypatch.setattr(SqlStore, method, spy)
    return calls


def links_in(store: SqlStore) -> dict[str, str]:
    return {a.id: a.duplicate_of for a in store.iter_articles() if a.duplicate_of}


def expected_links(store: SqlStore, settings: Settings) -> dict[str, str]:
    return find_duplicates(list(store.iter_articles()), settings.ingest)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batches_in_any_order_give_the_links_of_linking_all_at_once(
        tmp_path: Path, settings: Settings, seed: int) -> None:
    paths = write_corpus(tmp_path / "in", seed)
    store = open_store(settings.store.url)
    cut = sorted(random.Random(seed).sample(range(1, len(paths)), 4))
    for start, end in zip([0, *cut], [*cut, len(paths)]):
        report = services.ingest_paths(store, paths[start:end], settings)
        want = expected_links(store, settings)
        assert links_in(store) == want
        assert report.duplicates == len(want)
    assert len(want) >= 10  # the corpus has duplicates to find
    store.close()


def test_a_new_article_never_reads_the_whole_store(tmp_path: Path, settings: Settings,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    base = body(77)
    paths = [str(write_text(tmp_path / "in" / f"n{i:03d}.txt", edited(base, rng, 2)))
             for i in range(120)]
    store = open_store(settings.store.url)
    services.ingest_paths(store, paths, settings)
    assert len(links_in(store)) == 119

    def whole_store(*args, **kwargs):
        raise AssertionError("linking one article read every article")

    for name in ("iter_articles", "unsigned_articles", "group_members_with"):
        monkeypatch.setattr(SqlStore, name, whole_store)
    fetched = count_ids(monkeypatch, "get_signatures")
    read_groups = count_ids(monkeypatch, "duplicate_groups")
    new = write_text(tmp_path / "more" / "late.txt", edited(base, rng, 2))
    report = services.ingest_paths(store, [str(new)], settings)
    assert report.articles_added == 1 and report.duplicates == 120
    bands = len(band_ranges(settings.ingest.near_duplicate_threshold, settings.ingest.num_perm))
    assert 1 <= sum(fetched) <= bands  # one representative per shared band key at most
    assert sum(read_groups) == 0  # the group's 120 members are never read
    store.close()


def test_other_settings_index_and_link_everything_again(tmp_path: Path,
                                                        settings: Settings) -> None:
    paths = write_corpus(tmp_path / "in", 9)
    store = open_store(settings.store.url)
    services.ingest_paths(store, paths, settings)
    strict = replace(settings, ingest=replace(settings.ingest, near_duplicate_threshold=0.95,
                                              num_perm=64))
    services.ingest_paths(store, paths[:1], strict)
    assert links_in(store) == expected_links(store, strict) != expected_links(store, settings)
    store.close()


def test_a_store_without_the_index_is_indexed_on_the_next_ingest(tmp_path: Path,
                                                                 settings: Settings) -> None:
    paths = write_corpus(tmp_path / "in", 4)
    store = open_store(settings.store.url)
    services.ingest_paths(store, paths[:-1], settings)
    with store.engine.begin() as conn:  # as a store made before the index existed
        conn.execute(delete(dedupe_bands))
        conn.execute(delete(dedupe_signatures))
    store.set_duplicates({a.id: None for a in store.iter_articles()})
    services.ingest_paths(store, paths[-1:], settings)
    assert links_in(store) == expected_links(store, settings)
    store.close()


def test_a_changed_date_picks_the_group_original_again(tmp_path: Path,
                                                       settings: Settings) -> None:
    text = body(3)
    first = write_text(tmp_path / "in" / "a.txt", f"date 2031-03-05 {text}")
    second = write_text(tmp_path / "in" / "b.txt", f"date 2031-03-09 {text}")
    store = open_store(settings.store.url)
    services.ingest_paths(store, [str(first), str(second)], settings)
    ids = {a.source: a.id for a in store.iter_articles()}
    assert links_in(store) == {ids[str(second)]: ids[str(first)]}
    sidecar = write_text(tmp_path / "meta.jsonl", '{"file": "b.txt", "published": "2031-03-01"}')
    services.ingest_paths(store, [str(second)], settings, metadata=str(sidecar))
    assert links_in(store) == {ids[str(first)]: ids[str(second)]}
    assert links_in(store) == expected_links(store, settings)
    third = write_text(tmp_path / "in" / "c.txt", f"date 2031-03-07 {text}")
    services.ingest_paths(store, [str(third)], settings)  # the group changed its original
    assert links_in(store) == expected_links(store, settings)
    assert len(links_in(store)) == 2
    store.close()
