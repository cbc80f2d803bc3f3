"""The SQL store against real SQLite files."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from storyline.errors import NotFound, UsageError
from storyline.records import (
    Actor,
    Annotation,
    Article,
    DateSource,
    Mention,
    Rejected,
    RejectReason,
    RemovedLine,
    Sentence,
)
from storyline.store import ArticleFilter, StoryFilter, open_store

TEXT = "Mayor Ilsa Varn met dock workers. Nearly 2,000 workers walked out on Tuesday."


def make_article(article_id="a1", text=TEXT, published="2031-03-04", outlet="Harbor Post"):
    return Article(id=article_id, source=f"{article_id}.txt", text=text, title="Strike",
                   outlet=outlet, authors=("R. Quill",), published=published,
                   published_from=DateSource.METADATA,
                   removed=(RemovedLine("Photo: Agency", "photo_credit"),),
                   content_hash="h-" + article_id)


def make_annotation(article_id="a1"):
    return Annotation(
        article_id=article_id, versions=(("model", "x"),),
        sentences=(Sentence(article_id, 0, 0, 33, TEXT[0:33]),
                   Sentence(article_id, 1, 34, len(TEXT), TEXT[34:])),
        mentions=(Mention(article_id, 6, 15, "Ilsa Varn", "PERSON", "act-varn"),),
        actors=(Actor("act-varn", "Ilsa Varn", "person", ("Varn",), ("Mayor",), 1,
                      (article_id,)),))


@pytest.fixture()
def store(tmp_path):
    s = open_store(str(tmp_path / "t.db"))
    yield s
    s.close()


def test_wal_mode_and_migrations_idempotent(tmp_path, store):
    store.migrate()
    store.migrate()
    with sqlite3.connect(tmp_path / "t.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == 1


def test_upsert_is_idempotent(store):
    article = make_article()
    assert store.upsert_articles([article]).added == 1
    assert store.upsert_articles([article]).unchanged == 1
    changed = make_article(outlet="Other")
    assert store.upsert_articles([changed]).updated == 1
    assert store.get_article("a1") == changed
    assert store.count_articles() == 1


def test_article_lookup_and_filters(store):
    store.upsert_articles([make_article("abc1"), make_article("abd2", published="2031-03-09",
                                                              outlet="Coast Radio")])
    assert store.resolve_article_id("abc") == "abc1"
    with pytest.raises(UsageError):
        store.resolve_article_id("ab")
    with pytest.raises(NotFound):
        store.get_article("zzz")
    page = store.list_articles(ArticleFilter(since="2031-03-05"), 10)
    assert [a.id for a in page.items] == ["abd2"]
    page = store.list_articles(ArticleFilter(outlet="coast radio"), 10)
    assert [a.id for a in page.items] == ["abd2"]
    first = store.list_articles(None, 1)
    assert first.next == "1" and len(first.items) == 1
    second = store.list_articles(None, 1, first.next)
    assert second.next is None and second.items[0].id != first.items[0].id


def test_annotation_round_trip_and_pending(store):
    store.upsert_articles([make_article()])
    assert store.pending_annotation({"model": "x"}) == ["a1"]
    annotation = make_annotation()
    store.save_annotation(annotation)
    store.save_annotation(annotation)
    assert store.get_annotation("a1") == annotation
    assert store.pending_annotation({"model": "x"}) == []
    assert store.annotation_versions() == {"a1": {"model": "x"}}


def test_full_text_search_with_filters(store):
    store.upsert_articles([make_article()])
    store.save_annotation(make_annotation())
    hits = store.search_sentences("walked", None, 10).items
    assert [(h.article_id, h.start, h.end) for h in hits] == [("a1", 34, len(TEXT))]
    assert "\x02walked\x03" in hits[0].snippet
    assert store.search_sentences("work", None, 10).items  # prefix match on the last word
    assert store.search_sentences("met", None, 10, actor="ilsa varn").items
    assert not store.search_sentences("met", None, 10, actor="nobody").items
    assert not store.search_sentences("met", ArticleFilter(outlet="Coast Radio"), 10).items
    with pytest.raises(UsageError):
        store.search_sentences("  ?! ", None, 10)


def test_stories_membership_and_filters(store):
    store.upsert_articles([make_article()])
    story = {"schema": "storyline.story/v1",
             "story": {"id": "s1", "title": "Dock strike", "first_published": "2031-03-04",
                       "last_published": "2031-03-04", "article_count": 1},
             "articles": [{"id": "a1", "outlet": "Harbor Post"}],
             "actors": [{"name": "Ilsa Varn", "aliases": ["Varn"]}]}
    store.save_story(story)
    store.save_story(story)
    assert store.get_story("s1") == story
    assert store.story_of("a1") == "s1"
    assert [s.id for s in store.list_stories(StoryFilter(actor="varn"), 10).items] == ["s1"]
    assert store.list_stories(StoryFilter(outlet="harbor post"), 10).items[0].outlets == (
        "Harbor Post",)
    assert not store.list_stories(StoryFilter(since="2031-04-01"), 10).items
    with pytest.raises(NotFound):
        store.get_story("nope")


def test_rejections_replace_by_source(store):
    store.record_rejections([Rejected("x.bin", RejectReason.BINARY, "NUL bytes")])
    store.record_rejections([Rejected("x.bin", RejectReason.EMPTY, "")])
    assert store.list_rejections() == [Rejected("x.bin", RejectReason.EMPTY, "")]
    store.clear_rejection(["x.bin"])
    assert store.list_rejections() == []


def test_bad_url_is_a_usage_error():
    with pytest.raises(UsageError):
        open_store("nosuchdialect://x")


# ---------------------------------------------------------------- PostgreSQL


@pytest.fixture()
def pg_store(postgres_url):
    store = open_store(postgres_url)
    yield store
    with store.engine.begin() as conn:
        for table in ("sentences", "annotations", "story_articles", "stories", "rejections",
                      "articles"):
            conn.execute(text(f"DELETE FROM {table}"))
    store.close()


def test_postgres_round_trip(pg_store):
    assert pg_store.engine.dialect.name == "postgresql"
    article = make_article()
    assert pg_store.upsert_articles([article]).added == 1
    assert pg_store.upsert_articles([article]).unchanged == 1
    assert pg_store.get_article("a1") == article
    pg_store.save_annotation(make_annotation())
    assert pg_store.get_annotation("a1") == make_annotation()
    hits = pg_store.search_sentences("walked", ArticleFilter(outlet="harbor post"), 10).items
    assert [(h.start, h.end) for h in hits] == [(34, len(TEXT))]
    pg_store.save_story({"story": {"id": "s1", "title": "Dock strike",
                                   "first_published": "2031-03-04",
                                   "last_published": "2031-03-04", "article_count": 1},
                         "articles": [{"id": "a1", "outlet": "Harbor Post"}],
                         "actors": [{"name": "Ilsa Varn", "aliases": []}]})
    assert pg_store.list_stories(StoryFilter(actor="ilsa varn"), 5).items[0].id == "s1"
    assert pg_store.story_of("a1") == "s1"
