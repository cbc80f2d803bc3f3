"""The SQL store against real SQLite files."""

from __future__ import annotations

import dataclasses
import json
import random
import sqlite3

import pytest
from sqlalchemy import create_engine, text

from storyline import services
from storyline.errors import NotFound, UsageError
from storyline.records import (
    Actor,
    Annotation,
    Article,
    Citation,
    Claim,
    ClaimGroup,
    DateSource,
    Event,
    Mention,
    Quote,
    Rejected,
    RejectReason,
    RemovedLine,
    Sentence,
    Story,
)
from storyline.store import ArticleFilter, StoryFilter, migrations, open_store, schema
from storyline.store.base import ItemFilter, StoryBuild
from storyline.store.migrations import MIGRATIONS
from storyline.store.schema import Member, story_item_rows

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
        versions = [v for v, _, _ in MIGRATIONS]
        assert [r[0] for r in conn.execute("SELECT version FROM schema_migrations")] == versions


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


def test_annotation_round_trip_and_versions(store):
    store.upsert_articles([make_article()])
    assert store.annotation_versions() == {}
    annotation = make_annotation()
    store.save_annotation(annotation)
    store.save_annotation(annotation)
    assert store.get_annotation("a1") == annotation
    assert store.get_annotations(["a1", "zz"]) == {"a1": annotation}
    assert store.annotation_versions() == {"a1": {"model": "x"}}


def test_parses_are_kept_per_article(store):
    store.upsert_articles([make_article(), make_article("a2")])
    store.save_parse("a1", "m:h-a1", b"\x00parse")
    store.save_parse("a1", "m:h-a1", b"\x00parse2")
    assert store.get_parse("a1").data == b"\x00parse2"
    assert store.get_parse("a2") is None
    assert store.parse_keys() == {"a1": "m:h-a1"}
    assert [p.article_id for p in store.iter_parses(["a1", "a2"])] == ["a1"]
    assert store.parse_bytes() == len(b"\x00parse2")
    assert store.delete_parses() == 1 and store.get_parse("a1") is None


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


def small_story(story_id="s1", article_id="a1") -> Story:
    return Story(id=story_id, title="Dock strike", article_ids=(article_id,),
                 first_published="2031-03-04", last_published="2031-03-04",
                 actors=(Actor(f"{story_id}-varn", "Ilsa Varn", "person", ("Varn",)),))


BUILD = StoryBuild((("actors", "k1"),), "digest")


def test_stories_membership_and_filters(store):
    store.upsert_articles([make_article()])
    story = small_story()
    store.save_story(story, BUILD)
    store.save_story(story, BUILD)
    assert store.get_story("s1") == story
    assert store.story_builds() == {"s1": BUILD}
    assert store.story_of("a1") == "s1"
    assert [s.id for s in store.list_stories(StoryFilter(actor="varn"), 10).items] == ["s1"]
    summary = store.list_stories(StoryFilter(outlet="harbor post"), 10).items[0]
    assert summary.outlets == ("Harbor Post",) and summary.build == BUILD
    assert summary.article_count == 1
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


# ---------------------------------------------------------------- story items


def items_story(story_id="s1", published="2031-03-04", outlet="Harbor Post", store=None):
    """A hand-made story with one item of each kind (two quotes); with ``store``, its
    article is stored too (the story rows read the outlet and date of their articles)."""
    article_id = f"{story_id}-a"
    if store is not None:
        store.upsert_articles([make_article(article_id, published=published, outlet=outlet)])
    varn, union = f"{story_id}-varn", f"{story_id}-union"
    return Story(
        id=story_id, title="Dock strike", article_ids=(article_id,),
        first_published=published, last_published=published,
        actors=(Actor(varn, "Ilsa Varn", "person", ("Varn",)),
                Actor(union, "Dock Union", "org")),
        quotes=(Quote(f"{story_id}-q1", article_id, 0, 11, "We stay out", True,
                      speaker_actor_id=union),
                Quote(f"{story_id}-q2", article_id, 12, 23, "Talks go on", True,
                      speaker_actor_id=varn)),
        claims=(Claim(f"{story_id}-c1", article_id, 0, 13, "2,000 workers", 2000.0,
                      as_of="2031-03-01"),),
        claim_groups=(ClaimGroup(f"{story_id}-g1", "workers", (f"{story_id}-c1",),
                                 "consistent"),),
        events=(Event(f"{story_id}-e1", "PROTEST", "We stay out", union, varn,
                      citations=(Citation(article_id, 0, 11),)),),
    )


def _ids(page) -> list[str]:
    return [item.item.id for item in page.items]


def test_story_items_filters_and_order(store):
    store.save_story(items_story("s1", "2031-03-04", "Harbor Post", store), BUILD)
    store.save_story(items_story("s2", "2031-02-01", "Coast Radio", store), BUILD)
    store.save_story(items_story("s1", "2031-03-04", "Harbor Post"), BUILD)  # again: no dupes
    assert _ids(store.list_story_items("quotes", None, 10)) == [
        "s2-q1", "s2-q2", "s1-q1", "s1-q2"]  # by date, then story, then position
    assert _ids(store.list_story_items("quotes", ItemFilter(actor="s1-varn"), 10)) == ["s1-q2"]
    assert _ids(store.list_story_items("quotes", ItemFilter(actor=" ilsa VARN "), 10)) == [
        "s2-q2", "s1-q2"]
    assert _ids(store.list_story_items("events", ItemFilter(actor="varn"), 10)) == [
        "s1-e1", "s2-e1"]  # target actor; undated, so by story
    claims = store.list_story_items("claims", ItemFilter(outlet="coast radio"), 10)
    assert _ids(claims) == ["s2-c1"] and claims.items[0].group_id == "s2-g1"
    assert _ids(store.list_story_items("claims", ItemFilter(until="2031-03-01"), 10)) == [
        "s1-c1", "s2-c1"]  # a claim's as_of wins over its article's date (s1: 2031-03-04)
    assert not store.list_story_items("claims", ItemFilter(since="2031-03-02"), 10).items
    assert _ids(store.list_story_items("quotes", ItemFilter(since="2031-03"), 10)) == [
        "s1-q1", "s1-q2"]
    assert _ids(store.list_story_items("actors", ItemFilter(story_id="s2"), 10)) == [
        "s2-varn", "s2-union"]  # one story: story order
    page = store.list_story_items("quotes", None, 3)
    assert page.next == "3" and page.items[0].story_id == "s2"
    assert isinstance(page.items[0].item, Quote)
    assert _ids(store.list_story_items("quotes", None, 3, page.next)) == ["s1-q2"]
    with pytest.raises(UsageError):
        store.list_story_items("brief", None, 10)
    with pytest.raises(UsageError):
        store.list_story_items("quotes", None, 10, "-3")


def test_story_items_leave_with_their_story(store):
    store.save_story(items_story("s1", store=store), BUILD)
    store.save_story(dataclasses.replace(items_story("s1"), quotes=()), BUILD)
    assert not store.list_story_items("quotes", None, 10).items
    store.delete_story("s1")
    assert not store.list_story_items("actors", None, 10).items


def test_story_item_rows_keep_the_contract():
    members = {"s1-a": Member("Harbor Post", "2031-03-04")}
    rows = story_item_rows(items_story(), members)
    assert [(r["kind"], r["position"]) for r in rows] == [
        ("actors", 0), ("actors", 1), ("quotes", 0), ("quotes", 1), ("claims", 0), ("events", 0)]
    event = rows[-1]
    assert event["actor_ids"] == "|s1-union|s1-varn|" and event["outlet"] == "Harbor Post"
    assert event["actor_names"] == "|dock union|ilsa varn|varn|" and event["date"] is None
    assert rows[0]["outlet"] is None and rows[0]["article_id"] is None
    assert rows[2]["date"] == "2031-03-04" and rows[4]["group_id"] == "s1-g1"
    assert json.loads(rows[2]["data"])["id"] == "s1-q1"


def v1_document(story_id="s1", outlet="Harbor Post", published="2031-03-04") -> dict:
    """A story as the stores of schema step 3 and earlier kept it: story JSON v1."""
    return {
        "schema": "storyline.story/v1",
        "story": {"id": story_id, "title": "Dock strike", "first_published": published,
                  "last_published": published, "article_count": 1},
        "articles": [{"id": f"{story_id}-a", "outlet": outlet, "published": published,
                      "text": "We stay out. Talks go on."}],
        "actors": [{"id": f"{story_id}-varn", "name": "Ilsa Varn", "kind": "person",
                    "aliases": ["Varn"], "roles": [], "mention_count": 1, "article_ids": []}],
        "quotes": [{"id": f"{story_id}-q1", "text": "We stay out", "direct": True,
                    "article_id": f"{story_id}-a", "speaker_actor_id": f"{story_id}-varn",
                    "speaker_text": "Varn", "cue": "said", "start": 0, "end": 11}],
        "claims": [], "claim_groups": [], "events": [], "timeline": [],
        "brief": [{"text": "We stay out.", "citations": [
            {"article_id": f"{story_id}-a", "start": 0, "end": 12}]}],
    }


def _insert_v1(store, document: dict) -> None:
    head = document["story"]
    with store.engine.begin() as conn:
        conn.execute(schema.stories.insert().values(
            id=head["id"], title=head["title"], first_published=head["first_published"],
            last_published=head["last_published"], article_count=1, outlets="", actors="",
            data=json.dumps(document), versions="", settings_digest=""))


def test_migration_4_keeps_old_stories_as_records(tmp_path, monkeypatch):
    url = str(tmp_path / "old.db")
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
    old = open_store(url)
    old.upsert_articles([make_article("s1-a")])
    _insert_v1(old, v1_document())
    old.close()
    monkeypatch.undo()
    store = open_store(url)
    try:
        story = store.get_story("s1")
        assert story.article_ids == ("s1-a",) and story.quotes[0].speaker_actor_id == "s1-varn"
        assert story.brief[0].citations == (Citation("s1-a", 0, 12),)
        assert store.story_builds()["s1"] == StoryBuild()  # stale: the next analyze rebuilds
        assert _ids(store.list_story_items("quotes", ItemFilter(actor="varn"), 10)) == ["s1-q1"]
        with store.engine.connect() as conn:
            versions = conn.execute(text("SELECT version FROM schema_migrations")).scalars()
            assert sorted(versions) == [v for v, _, _ in MIGRATIONS]
    finally:
        store.close()


def test_service_lists_items_by_story_prefix(store):
    store.save_story(items_story("story-one", store=store), BUILD)
    page = services.list_story_items(store, "quotes", ItemFilter(story_id="story-o"), 1)
    assert _ids(page) == ["story-one-q1"] and page.items[0].story_id == "story-one"
    with pytest.raises(UsageError):
        services.list_story_items(store, "timeline")
    with pytest.raises(NotFound):
        services.list_story_items(store, "quotes", ItemFilter(story_id="nope"))


# ---------------------------------------------------------------- PostgreSQL


@pytest.fixture()
def pg_store(postgres_url):
    store = open_store(postgres_url)
    yield store
    with store.engine.begin() as conn:
        for table in ("sentences", "annotations", "story_articles", "stories", "rejections",
                      "articles", "story_items", "parses", "dedupe_signatures",
                      "dedupe_bands", "dedupe_group_bands"):
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
    pg_store.save_story(small_story(), BUILD)
    assert pg_store.list_stories(StoryFilter(actor="ilsa varn"), 5).items[0].id == "s1"
    assert pg_store.get_story("s1") == small_story() and pg_store.story_builds()["s1"] == BUILD
    assert pg_store.story_of("a1") == "s1"
    pg_store.save_parse("a1", "m", b"\x00\xffparse")
    assert pg_store.get_parse("a1").data == b"\x00\xffparse"
    pg_store.save_story(items_story("s2", "2031-02-01", "Coast Radio", pg_store), BUILD)
    pg_store.save_story(items_story("s3", "2031-03-05", store=pg_store), BUILD)
    pg_store.save_story(items_story("s3", "2031-03-05"), BUILD)
    assert _ids(pg_store.list_story_items("quotes", None, 10)) == [
        "s2-q1", "s2-q2", "s3-q1", "s3-q2"]
    assert _ids(pg_store.list_story_items("quotes", ItemFilter(actor="ILSA varn"), 10)) == [
        "s2-q2", "s3-q2"]
    assert _ids(pg_store.list_story_items("events", ItemFilter(actor="s3-union"), 10)) == [
        "s3-e1"]
    flt = ItemFilter(outlet="coast radio", since="2031-01", until="2031-02-01")
    assert _ids(pg_store.list_story_items("quotes", flt, 1)) == ["s2-q1"]
    assert pg_store.list_story_items("quotes", flt, 1).next == "1"
    assert _ids(pg_store.list_story_items("actors", ItemFilter(story_id="s3"), 10)) == [
        "s3-varn", "s3-union"]
    pg_store.delete_story("s3")
    assert _ids(pg_store.list_story_items("claims", None, 10)) == ["s2-c1"]


def test_postgres_migration_4_keeps_old_stories(postgres_url, monkeypatch):
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS storyline_v1"))
        conn.execute(text("CREATE DATABASE storyline_v1"))
    url = postgres_url.rsplit("/", 1)[0] + "/storyline_v1"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
    old = open_store(url)
    old.upsert_articles([make_article("s1-a")])
    _insert_v1(old, v1_document())
    old.close()
    monkeypatch.undo()
    store = open_store(url)
    try:
        assert _ids(store.list_story_items("quotes", ItemFilter(actor="varn"), 10)) == ["s1-q1"]
        assert store.get_story("s1").title == "Dock strike"
    finally:
        store.close()
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE storyline_v1"))
        admin.dispose()


def _dedupe_articles() -> list[Article]:
    vocabulary = ("quay gale pier tide reef harbor crane ferry island union strike talks "
                  "mayor council budget bridge river market night shift")
    words = tuple(vocabulary.split())
    rng = random.Random(3)
    base = " ".join(f"{rng.choice(words)}{rng.randint(0, 9)}" for _ in range(160))
    near = base.replace(base.split()[80], "boat", 1)
    other = " ".join(f"{rng.choice(words)}{rng.randint(0, 9)}" for _ in range(160))
    texts = [("b", base, "2031-03-05"), ("a", near, "2031-03-01"), ("c", base, None),
             ("d", other, "2031-03-02")]
    return [Article(id=key, source=f"{key}.txt", text=text, published=published,
                    content_hash="h-" + ("same" if text == base else key))
            for key, text, published in texts]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_near_duplicate_index_round_trip(backend, tmp_path, request):
    from storyline.config import Settings
    from storyline.ingest.dedupe import find_duplicates, signature_of

    url = str(tmp_path / "d.db") if backend == "sqlite" else request.getfixturevalue("pg_store").url
    store = open_store(url)
    try:
        settings = Settings()
        articles = _dedupe_articles()
        store.upsert_articles(articles[:2])
        assert services.link_duplicates(store, settings, ["a", "b"]) == 1
        store.upsert_articles(articles[2:])
        assert services.link_duplicates(store, settings, ["c", "d"]) == 2
        stored = {a.id: a.duplicate_of for a in store.iter_articles()}
        assert stored == {"a": None, "b": "a", "c": "a", "d": None}
        assert {k: v for k, v in stored.items() if v} == find_duplicates(articles,
                                                                         settings.ingest)
        assert store.unsigned_articles("v1/128/5/0.8") == []
        assert store.band_groups(["no-such-key"]) == {}
        keys = signature_of(articles[0].text, settings.ingest).band_keys  # b's text
        by_key = store.band_groups(keys)
        assert set(by_key) == set(keys)  # one row per key and group, not per member
        assert all(groups == {"a": min(groups.values())} for groups in by_key.values())
        assert store.group_members_with("a", keys) == ["a", "b", "c"]
        assert store.group_members_with("d", keys) == []
        assert store.duplicate_info(["b", "x"]) == {"b": store.duplicate_groups(["b"])[1]}
        assert store.same_hash_articles(["h-same", "h-d"], "v1/128/5/0.8") == {
            "h-same": ["b", "c"], "h-d": ["d"]}
        assert [m.id for m in store.duplicate_groups(["c"])] == ["a", "b", "c"]
        assert [i.id for i in store.index_inputs(["d", "a"])] == ["d", "a"]
        assert store.count_duplicates() == 2
        store.clear_duplicates(["b", "c"])
        assert store.count_duplicates() == 0
    finally:
        store.close()
