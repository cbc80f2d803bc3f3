"""Filters and paging of /api/v1/{actors,quotes,claims,events} (read from the store's item table)."""

from __future__ import annotations

import pytest

from storyline.store.base import StoryBuild
from storyline.store.schema import story_from_v1


def _actor_id(story: dict, name: str) -> str:
    return next(a["id"] for a in story["actors"] if a["name"] == name)


def _texts(client, kind: str, **params) -> list[str]:
    response = client.get(f"/api/v1/{kind}", params=params)
    assert response.status_code == 200, response.text
    key = "name" if kind == "actors" else "text"
    return [item[key] for item in response.json()["items"]]


def _speakers(client, **params) -> list[str]:
    return [q["speaker_text"] for q in client.get("/api/v1/quotes", params=params).json()["items"]]


def test_actor_filter_by_id_name_and_alias(client, story):
    velin = _actor_id(story, "Mara Velin")
    assert _speakers(client, actor=velin) == ["Velin", "she", "Velin"]
    assert _speakers(client, actor="Mara Velin") == ["Velin", "she", "Velin"]
    assert _speakers(client, actor="VELIN") == ["Velin", "she", "Velin"]  # alias, any case
    assert _speakers(client, actor="brask") == ["Brask"]
    assert _speakers(client, actor="Vel") == []  # whole names only
    assert _speakers(client, actor="nobody") == []
    assert _texts(client, "actors", actor="teo brask") == ["Teo Brask"]


def test_events_match_source_and_target_actor(client, story):
    ostrava = _actor_id(story, "Ostrava")
    by_id = _texts(client, "events", actor=ostrava)
    assert by_id == ["Ostrava threatened new sanctions",
                     "Velin accused Ostrava of provoking the crisis"]
    assert _texts(client, "events", actor="ostrava") == by_id
    assert _texts(client, "events", actor="Velin") == by_id[1:]


def test_outlet_filter(client):
    assert _speakers(client, outlet="coast herald") == ["Brask"]
    assert _texts(client, "claims", outlet="Daily Ledger") == ["40,000 troops"]
    assert _texts(client, "events", outlet="Coast Herald") == ["Ostrava threatened new sanctions"]
    assert _speakers(client, outlet="Nowhere Times") == []


@pytest.mark.parametrize("params, count", [
    ({"since": "2026-03-10"}, 3),
    ({"until": "2026-03-10"}, 2),
    ({"since": "2026-03-10", "until": "2026-03-20"}, 2),
    ({"since": "2026-03"}, 4),
    ({"until": "2026-03"}, 4),
    ({"since": "2027"}, 0),
])
def test_date_filters_on_quotes(client, params, count):
    assert len(_speakers(client, **params)) == count


def test_date_filters_on_events_and_undated_actors(client):
    assert _texts(client, "events", since="2026-03-15") == [
        "Velin accused Ostrava of provoking the crisis"]
    assert _texts(client, "events", until="2026-03-09") == ["Brask will meet envoys in Geneva"]
    assert _texts(client, "actors", since="2000") == []  # actors carry no date
    assert len(_texts(client, "actors")) == 4


def test_story_id_by_prefix_combines_with_filters(client, story):
    sid = story["story"]["id"]
    assert _speakers(client, story_id=sid[:6], actor="velin") == ["Velin", "she", "Velin"]
    items = client.get("/api/v1/claims", params={"story_id": sid[:6]}).json()["items"]
    assert {i["story_id"] for i in items} == {sid}
    other = client.get("/api/v1/stories", params={"q": "ferry"}).json()["items"][0]["id"]
    assert client.get("/api/v1/quotes", params={"story_id": other}).json() == {
        "items": [], "next": None}


def test_paging_walks_every_item_once(client, story):
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/quotes", params=params).json()
        assert len(body["items"]) <= 2
        seen.extend(q["id"] for q in body["items"])
        cursor = body["next"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(q["id"] for q in story["quotes"]) and len(set(seen)) == 4
    filtered = client.get("/api/v1/quotes", params={"actor": "velin", "limit": 2}).json()
    assert len(filtered["items"]) == 2 and filtered["next"] == "2"
    rest = client.get("/api/v1/quotes", params={"actor": "velin", "cursor": "2"}).json()
    assert len(rest["items"]) == 1 and rest["next"] is None


def test_items_follow_a_story_being_saved_again_and_deleted(client, store, story):
    changed = {**story, "quotes": story["quotes"][:1]}
    store.save_story(story_from_v1(changed), StoryBuild())
    assert len(_speakers(client)) == 1
    store.delete_story(story["story"]["id"])
    assert _speakers(client) == []
    assert _texts(client, "actors") == []


def test_bad_filters_are_refused(client):
    assert client.get("/api/v1/quotes", params={"since": "soon"}).status_code == 422
    assert client.get("/api/v1/quotes", params={"cursor": "x"}).status_code == 400
    assert client.get("/api/v1/events", params={"story_id": "nosuchstory"}).status_code == 404
