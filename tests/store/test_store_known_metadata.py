"""Re-ingesting keeps what is known of an article unless the new input gives a value."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storyline.records import Article, DateSource
from storyline.store import open_store

TEXT = "The night ferry resumed on Monday after a week of repairs."


def sidecar_article(**fields) -> Article:
    base = Article(id="a1", source="a1.txt", text=TEXT, title="Ferry back", outlet="Bay Post",
                   authors=("R. Quill",), url="https://bay.example/1", published="2031-03-04",
                   published_from=DateSource.METADATA, content_hash="h1")
    return replace(base, **fields)


def bare(**fields) -> Article:
    """The same file read again without its sidecar: no outlet, URL, authors or date."""
    empty = {"title": None, "outlet": None, "authors": (), "url": None, "published": None,
             "published_from": DateSource.UNKNOWN}
    return replace(sidecar_article(), **{**empty, **fields})


@pytest.fixture()
def store(tmp_path):
    s = open_store(str(tmp_path / "t.db"))
    yield s
    s.close()


def test_a_bare_re_ingest_keeps_the_metadata(store):
    store.upsert_articles([sidecar_article()])
    counts = store.upsert_articles([bare()])
    assert (counts.added, counts.updated, counts.unchanged) == (0, 0, 1)
    assert store.get_article("a1") == sidecar_article()


def test_new_values_replace_old_ones(store):
    store.upsert_articles([sidecar_article()])
    counts = store.upsert_articles([sidecar_article(outlet="Coast Daily", title="Ferry runs",
                                                    published="2031-03-05")])
    assert counts.updated == 1
    stored = store.get_article("a1")
    assert (stored.outlet, stored.title, stored.published) == (
        "Coast Daily", "Ferry runs", "2031-03-05")
    assert stored.authors == ("R. Quill",) and stored.url == "https://bay.example/1"


def test_a_text_date_does_not_replace_the_sidecar_date(store):
    store.upsert_articles([sidecar_article()])
    store.upsert_articles([bare(published="2031-03-01", published_from=DateSource.TEXT)])
    stored = store.get_article("a1")
    assert (stored.published, stored.published_from) == ("2031-03-04", DateSource.METADATA)


def test_a_given_date_replaces_an_inferred_one(store):
    store.upsert_articles([bare()])
    store.set_published("a1", "2031-02", DateSource.INFERRED.value, 0.4)
    store.upsert_articles([bare()])  # still no date: the inferred one stays
    assert store.get_article("a1").published == "2031-02"
    store.upsert_articles([bare(published="2031-03-02", published_from=DateSource.TEXT)])
    stored = store.get_article("a1")
    assert (stored.published, stored.published_from, stored.published_confidence) == (
        "2031-03-02", DateSource.TEXT, None)


def test_a_changed_text_still_updates(store):
    store.upsert_articles([sidecar_article()])
    counts = store.upsert_articles([bare(text=TEXT + " Fares stay the same.",
                                         content_hash="h2")])
    stored = store.get_article("a1")
    assert counts.updated == 1 and stored.text.endswith("same.")
    assert (stored.outlet, stored.published) == ("Bay Post", "2031-03-04")
