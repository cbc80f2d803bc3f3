"""Story views and story pages are decoded and rendered once per story build."""

from __future__ import annotations

import dataclasses
import re
import sqlite3

from fastapi import Request
from starlette.responses import HTMLResponse
from storyline_sample import build_actors, build_annotations, build_articles, build_story

from storyline import services
from storyline.records import Story
from storyline.store import codec, open_store
from storyline.store.base import StoryBuild
from storyline.web.page_cache import cached_story_page
from storyline.web.session import csrf_token


def _record(store, story_id: str) -> Story:
    return store.get_story(story_id)


def test_story_view_is_decoded_once_per_build(store, story):
    story_id = story["story"]["id"]
    first = services.get_story(store, story_id)
    assert services.get_story(store, story_id) is first
    assert services.get_story(store, story_id[:6]) is first  # a prefix finds the same build
    old_key = services.story_key(store, story_id)
    changed = dataclasses.replace(_record(store, story_id), title="Harbor talks, day two")
    store.save_story(changed, StoryBuild())
    assert services.story_key(store, story_id)[1] != old_key[1]
    fresh = services.get_story(store, story_id)
    assert fresh is not first and fresh.story.title == "Harbor talks, day two"


def test_story_page_follows_a_rebuild(client, store, story):
    story_id = story["story"]["id"]
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    again = client.get(f"/stories/{story_id}")
    assert again.content == page.content and again.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in again.headers
    store.save_story(dataclasses.replace(_record(store, story_id), title="Rebuilt title"),
                     StoryBuild())
    assert "Rebuilt title" in client.get(f"/stories/{story_id}").text
    missing = client.get("/stories/nope")
    assert missing.status_code == 404


def test_pages_that_show_a_session_are_never_kept(make_client, story):
    client = make_client()
    app = client.app

    def route(request: Request, story_id: str):
        return cached_story_page(request, story_id,
                                 lambda: HTMLResponse(f"<p>{csrf_token(request)}</p>"))

    app.add_api_route("/stories/{story_id}/personal", route)
    other = make_client()
    path = f"/stories/{story['story']['id']}/personal"
    mine, theirs = client.get(path).text, other.get(path).text
    assert re.fullmatch(r"<p>[0-9a-f]{64}</p>", mine) and mine != theirs


def test_codec_round_trip_keeps_every_field():
    arts = build_articles()
    record = build_story(arts, build_annotations(arts, build_actors(arts)))
    assert codec.loads(Story, codec.dumps(record)) == record
    assert codec.from_plain(Story, None) is None


def test_migration_gives_old_stories_a_build_id(tmp_path, story, store):
    path = tmp_path / "t.db"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE stories SET build_id = ''")
        conn.execute("DELETE FROM schema_migrations WHERE version = 8")
    again = open_store(f"sqlite:///{path}")
    try:
        assert len(again.story_build_id(story["story"]["id"])) == 32
    finally:
        again.close()
