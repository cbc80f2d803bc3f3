"""Kept responses: validators on story responses, article pages that follow their record,
annotation and story, and the record codec's memo of decoded texts."""

from __future__ import annotations

import dataclasses
import json

from storyline.records import Annotation, Article, Story
from storyline.store import codec, open_store
from storyline.store.base import StoryBuild

STORY_PATHS = ("/stories/{}", "/api/v1/stories/{}")


def _rebuild(store, story_id: str, title: str) -> None:
    store.save_story(dataclasses.replace(store.get_story(story_id), title=title), StoryBuild())


def test_story_responses_carry_an_etag_and_answer_304(client, store, story):
    story_id = story["story"]["id"]
    for template in STORY_PATHS:
        path = template.format(story_id)
        first = client.get(path)
        etag = first.headers["etag"]
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        assert "content-security-policy" in again.headers  # the guard's headers on 304 too
        weak = client.get(path, headers={"If-None-Match": f'"other", W/{etag}'})
        assert weak.status_code == 304
        other = client.get(path, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200 and other.content == first.content


def test_a_rebuilt_story_gets_a_new_etag_and_body(client, store, story):
    story_id = story["story"]["id"]
    before = {t: client.get(t.format(story_id)) for t in STORY_PATHS}
    _rebuild(store, story_id, "Harbor talks, rebuilt")
    for template, old in before.items():
        fresh = client.get(template.format(story_id),
                           headers={"If-None-Match": old.headers["etag"]})
        assert fresh.status_code == 200 and fresh.headers["etag"] != old.headers["etag"]
        assert "Harbor talks, rebuilt" in fresh.text
    document = json.loads(client.get(f"/api/v1/stories/{story_id}").content)
    assert "Harbor talks, rebuilt" in json.dumps(document)


def test_kept_story_document_equals_a_fresh_one(make_client, story):
    story_id = story["story"]["id"]
    kept = make_client()
    kept.get(f"/api/v1/stories/{story_id}")
    fresh = make_client(page_cache=0)
    assert kept.get(f"/api/v1/stories/{story_id}").json() == \
        fresh.get(f"/api/v1/stories/{story_id}").json()
    assert "etag" not in fresh.get(f"/api/v1/stories/{story_id}").headers  # nothing kept


def test_article_page_follows_its_annotation_and_story(client, store, story):
    article_id = story["articles"][0]["id"]
    path = f"/articles/{article_id}"
    page = client.get(path)
    assert page.status_code == 200 and 'class="sent"' in page.text
    assert client.get(path).text == page.text
    annotation = store.get_annotation(article_id)
    store.save_annotation(dataclasses.replace(annotation, sentences=(), mentions=()))
    changed = client.get(path)
    assert changed.status_code == 200 and 'class="sent"' not in changed.text
    store.save_annotation(annotation)
    assert client.get(path).text == page.text
    story_id = store.story_of(article_id)
    record = store.get_story(story_id)
    actor = record.actors[0]
    renamed = dataclasses.replace(actor, name="Renamed Actor Zq")
    store.save_story(dataclasses.replace(record, actors=(renamed, *record.actors[1:])),
                     StoryBuild())
    assert "Renamed Actor Zq" in client.get(path).text


def test_codec_memo_gives_one_record_per_text_and_stays_bounded():
    story = Story("s1", "A title", ("a1",))
    text = codec.dumps(story)
    try:
        codec.keep_decoded(0)
        assert codec.loads(Story, text) is not codec.loads(Story, text)
        codec.keep_decoded(len(text) * 2)
        first = codec.loads(Story, text)
        assert codec.loads(Story, text) is first and first == story
        other = codec.dumps(dataclasses.replace(story, title="Another title"))
        codec.loads(Story, other)
        codec.loads(Story, codec.dumps(dataclasses.replace(story, title="A third")))
        assert codec.loads(Story, text) is not first  # pushed out: over the bound
        assert codec.loads(Annotation, codec.dumps(Annotation("a1", ()))) == Annotation("a1", ())
    finally:
        codec.keep_decoded(0)


def test_story_key_takes_whole_ids_and_prefixes(store, story):
    story_id = story["story"]["id"]
    build = store.story_build_id(story_id)
    assert store.story_key(story_id) == (story_id, build)
    assert store.story_key(story_id[:8]) == (story_id, build)
    assert store.resolve_article_id(story["articles"][0]["id"][:6]) == story["articles"][0]["id"]


def _new_article(article_id: str, title: str) -> Article:
    text = f"The {title.lower()} opened on Monday. Officials said the crowd was large."
    return Article(id=article_id, source=f"{article_id}.txt", text=text, title=title,
                   published="2026-04-01", content_hash=article_id)


def _titles(client) -> set[str]:
    return {a["title"] for a in client.get("/api/v1/articles?limit=200").json()["items"]}


def test_listings_and_search_follow_every_change_to_the_store(client, store, story, tmp_path):
    assert store.data_version() is not None
    before = _titles(client), client.get("/").text
    assert client.get("/api/v1/articles?limit=200").content == \
        client.get("/api/v1/articles?limit=200").content
    store.upsert_articles([_new_article("bazaar1", "Night bazaar")])  # a pooled connection
    assert "Night bazaar" in _titles(client) - before[0]
    other = open_store(store.url)  # another process would see the same file
    try:
        other.upsert_articles([_new_article("bazaar2", "Winter bazaar")])
        assert "Winter bazaar" in _titles(client)
        record = other.get_story(story["story"]["id"])
        other.save_story(dataclasses.replace(record, title="Retitled by another writer"),
                         StoryBuild())
    finally:
        other.close()
    assert "Retitled by another writer" in client.get("/").text != before[1]
    stories = client.get("/api/v1/stories").json()["items"]
    assert "Retitled by another writer" in {s["title"] for s in stories}


def test_in_memory_stores_have_no_change_counter():
    memory = open_store("sqlite://")
    try:
        assert memory.data_version() is None
    finally:
        memory.close()


def test_codec_memo_tokens_name_one_stored_text():
    text = codec.dumps(Story("s1", "A title", ("a1",)))
    try:
        codec.keep_decoded(len(text) * 2)
        first = codec.loads(Story, text)
        token = codec.decoded_token(first)
        assert token is not None and codec.decoded_token(codec.loads(Story, text)) == token
        codec.loads(Story, codec.dumps(Story("s2", "Another title", ("a2",))))
        codec.loads(Story, codec.dumps(Story("s3", "A third title", ("a3",))))
        assert codec.decoded_token(first) is None  # no longer kept: no token
        again = codec.loads(Story, text)
        assert codec.decoded_token(again) not in (None, token)  # never given twice
        assert codec.decoded_token(Story("s1", "A title", ("a1",))) is None
    finally:
        codec.keep_decoded(0)


def test_article_pages_are_rendered_afresh_without_the_memo(make_client, store, story):
    client = make_client(read_cache=0)
    codec.keep_decoded(0)  # what create_app turned on: now nothing tells one decode from another
    path = f"/articles/{story['articles'][0]['id']}"
    page = client.get(path).text
    annotation = store.get_annotation(story["articles"][0]["id"])
    store.save_annotation(dataclasses.replace(annotation, sentences=(), mentions=()))
    assert client.get(path).text != page
