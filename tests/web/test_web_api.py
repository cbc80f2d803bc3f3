from __future__ import annotations

import json

import pytest

from storyline import services


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}
    assert body["error"]["code"] == code
    return body["error"]


def test_list_stories_and_paging(client, story):
    first = client.get("/api/v1/stories", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next"]
    assert first["items"][0]["id"] == story["story"]["id"]  # newest first
    assert first["items"][0]["article_count"] == 4
    second = client.get("/api/v1/stories", params={"limit": 1, "cursor": first["next"]}).json()
    assert second["items"][0]["title"] == "River ferry resumes" and second["next"] is None
    everything = client.get("/api/v1/stories").json()
    assert [s["id"] for s in everything["items"]] == [first["items"][0]["id"],
                                                       second["items"][0]["id"]]


@pytest.mark.parametrize("params, titles", [
    ({"actor": "velin"}, ["Harbor"]),
    ({"actor": "Teo Brask"}, ["Harbor"]),
    ({"outlet": "valley post"}, ["River"]),
    ({"since": "2026-03-01"}, ["Harbor"]),
    ({"until": "2026-02-15"}, ["River"]),
    ({"q": "ferry"}, ["River"]),
    ({"actor": "nobody"}, []),
])
def test_story_filters(client, params, titles):
    items = client.get("/api/v1/stories", params=params).json()["items"]
    assert [s["title"].split()[0] for s in items] == titles


def test_get_story_is_story_json_v1(client, story):
    body = client.get(f"/api/v1/stories/{story['story']['id']}").json()
    assert body["schema"] == "storyline.story/v1"
    assert body == json.loads(json.dumps(story))


def test_missing_things_are_404(client):
    _error(client.get("/api/v1/stories/doesnotexist"), 404, "not_found")
    _error(client.get("/api/v1/articles/doesnotexist"), 404, "not_found")
    _error(client.get("/api/v1/quotes", params={"story_id": "doesnotexist"}), 404, "not_found")
    _error(client.get("/api/v1/nothing-here"), 404, "not_found")


@pytest.mark.parametrize("path, params", [
    ("/api/v1/stories", {"since": "last week"}),
    ("/api/v1/stories", {"since": "2021-13"}),
    ("/api/v1/stories", {"until": "2022-02-30"}),
    ("/api/v1/articles", {"since": "2021-00"}),
    ("/api/v1/quotes", {"until": "2023-02-29"}),
    ("/api/v1/search", {"q": "troops", "since": "2021-04-31"}),
    ("/api/v1/stories", {"limit": 0}),
    ("/api/v1/stories", {"limit": "many"}),
    ("/api/v1/stories", {"cursor": "9" * 40}),
    ("/api/v1/articles", {"cursor": "9" * 19}),
    ("/api/v1/claims", {"cursor": "9" * 40}),
    ("/api/v1/search", {"q": "troops", "cursor": "9" * 40}),
    ("/api/v1/stories", {"cursor": "a b"}),
    ("/api/v1/search", {}),
])
def test_invalid_parameters_are_422_in_the_error_shape(client, path, params):
    _error(client.get(path, params=params), 422, "validation")


def test_impossible_dates_name_the_parameter(client):
    err = _error(client.get("/api/v1/stories", params={"since": "2021-13"}), 422, "validation")
    assert "since" in err["message"] and "2021-13" in err["message"]
    assert err["message"].count("Value error") == 0 and err["hint"]


def test_real_dates_pass(client):
    for value in ("2026", "2026-03", "2024-02-29"):
        assert client.get("/api/v1/stories", params={"since": value}).status_code == 200


def test_limits_and_cursors(client):
    err = _error(client.get("/api/v1/stories", params={"limit": 201}), 422, "validation")
    assert "200" in err["message"] and "limit" in err["message"]
    assert client.get("/api/v1/stories", params={"limit": 200}).status_code == 200
    _error(client.get("/api/v1/stories", params={"cursor": "abc"}), 400, "usage")
    _error(client.get("/api/v1/quotes", params={"cursor": "-1"}), 400, "usage")
    past_the_end = client.get("/api/v1/stories", params={"cursor": "9" * 18}).json()
    assert past_the_end == {"items": [], "next": None}
    _error(client.get("/api/v1/search", params={"q": "!!!"}), 400, "usage")
    _error(client.delete("/api/v1/stories"), 405, "method_not_allowed")


def test_articles_list_and_detail(client, story):
    listing = client.get("/api/v1/articles", params={"limit": 2}).json()
    assert len(listing["items"]) == 2 and listing["next"] == "2"
    assert "text" not in listing["items"][0] and listing["items"][0]["text_chars"] > 0
    rest = client.get("/api/v1/articles", params={"cursor": listing["next"]}).json()
    assert len(listing["items"]) + len(rest["items"]) == 5
    only = client.get("/api/v1/articles", params={"outlet": "Coast Herald"}).json()["items"]
    assert [a["title"] for a in only] == ["Geneva talks end without a deal"]
    members = client.get("/api/v1/articles",
                         params={"story_id": story["story"]["id"]}).json()["items"]
    assert len(members) == 4
    article_id = story["articles"][0]["id"]
    body = client.get(f"/api/v1/articles/{article_id}").json()
    assert body["article"]["text"] == story["articles"][0]["text"]
    assert body["story_id"] == story["story"]["id"]
    sentences = body["annotation"]["sentences"]
    assert sentences and all(body["article"]["text"][s["start"]:s["end"]] == s["text"]
                             for s in sentences)
    assert body["annotation"]["quotes"][0]["speaker_text"] == "Velin"


def _item_date(story: dict, kind: str, item: dict) -> str | None:
    published = {a["id"]: a["published"] for a in story["articles"]}
    if kind == "events":
        return item["date"]
    if kind == "actors":
        return None
    return (item.get("as_of") if kind == "claims" else None) or published[item["article_id"]]


@pytest.mark.parametrize("kind", ["actors", "quotes", "claims", "events"])
def test_story_item_listings(client, story, kind):
    sid = story["story"]["id"]
    items = client.get(f"/api/v1/{kind}", params={"story_id": sid}).json()["items"]
    assert [i["id"] for i in items] == [i["id"] for i in story[kind]]  # story order
    assert all(i["story_id"] == sid for i in items)
    assert [{k: v for k, v in i.items() if k != "story_id"} for i in items] == story[kind]
    everywhere = client.get(f"/api/v1/{kind}").json()
    assert len(everywhere["items"]) == len(story[kind])  # the other story has none
    by_date = sorted(story[kind], key=lambda i: (_item_date(story, kind, i) is None,
                                                 _item_date(story, kind, i) or ""))
    assert [i["id"] for i in everywhere["items"]] == [i["id"] for i in by_date]
    page = client.get(f"/api/v1/{kind}", params={"limit": 1}).json()
    assert len(page["items"]) == 1 and page["next"] == "1"
    last = client.get(f"/api/v1/{kind}",
                      params={"limit": 1, "cursor": str(len(story[kind]) - 1)}).json()
    assert last["next"] is None and last["items"][0]["id"] == by_date[-1]["id"]


def test_quotes_keep_their_offsets(client, story):
    texts = {a["id"]: a["text"] for a in story["articles"]}
    for quote in client.get("/api/v1/quotes").json()["items"]:
        assert texts[quote["article_id"]][quote["start"]:quote["end"]] == quote["text"]


def test_search(client, story):
    body = client.get("/api/v1/search", params={"q": "troops"}).json()
    assert len(body["items"]) >= 3
    hit = body["items"][0]
    assert "\x02" in hit["snippet"] and hit["href"] == f"/articles/{hit['article_id']}#s-{hit['start']}"
    texts = {a["id"]: a["text"] for a in story["articles"]}
    assert all(texts[h["article_id"]][h["start"]:h["end"]] == h["text"] for h in body["items"])
    herald = client.get("/api/v1/search", params={"q": "troops", "outlet": "Coast Herald"}).json()
    assert {h["outlet"] for h in herald["items"]} == {"Coast Herald"}
    brask = client.get("/api/v1/search", params={"q": "diplomacy", "actor": "Brask"}).json()
    assert len(brask["items"]) == 1
    paged = client.get("/api/v1/search", params={"q": "troops", "limit": 1}).json()
    assert len(paged["items"]) == 1 and paged["next"] == "1"
    late = client.get("/api/v1/search", params={"q": "troops", "since": "2026-03-15"}).json()
    assert {h["published"] for h in late["items"]} == {"2026-03-20"}


def test_openapi_lists_every_route(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path in ["/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/articles",
                 "/api/v1/articles/{article_id}", "/api/v1/actors", "/api/v1/quotes",
                 "/api/v1/claims", "/api/v1/events", "/api/v1/search", "/api/v1/ingest"]:
        assert path in spec["paths"], path
    body = spec["paths"]["/api/v1/ingest"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(body)
    assert not any(p.startswith("/stories") for p in spec["paths"])  # pages stay out
    assert "/api/v1/docs" not in spec["paths"]


ARTICLE = ("The harbor authority reopened the northern pier on Thursday after repairs. "
           "Officials said 14 ships were waiting to dock.")


def test_ingest_json_body(client, store):
    before = store.count_articles()
    body = {"articles": [{"text": ARTICLE, "title": "Pier reopens", "outlet": "Port News",
                          "published": "2026-04-02", "url": "https://port.example/1"}]}
    result = client.post("/api/v1/ingest", json=body).json()
    assert result["added"] == 1 and result["rejected"] == [] and len(result["article_ids"]) == 1
    assert store.count_articles() == before + 1
    again = client.post("/api/v1/ingest", json=body).json()
    assert again["added"] == 0 and again["unchanged"] == 1
    article = client.get(f"/api/v1/articles/{result['article_ids'][0]}").json()["article"]
    assert article["title"] == "Pier reopens" and article["text"] == ARTICLE


def test_ingest_multipart_reports_rejections(client):
    files = [("files", ("pier.txt", ARTICLE.encode(), "text/plain")),
             ("files", ("empty.txt", b"", "text/plain")),
             ("files", ("blob.bin", bytes(range(256)) * 4, "application/octet-stream"))]
    result = client.post("/api/v1/ingest", files=files).json()
    assert result["added"] == 1
    reasons = {r["source"].split("/")[-1]: r["reason"] for r in result["rejected"]}
    assert "empty.txt" in reasons and len(reasons) == 2


def test_ingest_errors(make_client):
    client = make_client(max_upload_bytes=100)
    big = {"articles": [{"text": "x" * 500}]}
    _error(client.post("/api/v1/ingest", json=big), 413, "too_large")
    files = [("files", ("a.txt", b"y" * 500, "text/plain"))]
    _error(client.post("/api/v1/ingest", files=files), 413, "too_large")
    client = make_client()
    _error(client.post("/api/v1/ingest", json={"articles": []}), 400, "usage")
    _error(client.post("/api/v1/ingest", json={"articles": [{"title": "no text"}]}), 400, "usage")
    _error(client.post("/api/v1/ingest", content=b"{not json",
                       headers={"content-type": "application/json"}), 400, "usage")
    _error(client.post("/api/v1/ingest", content=b"text",
                       headers={"content-type": "text/plain"}), 400, "usage")


def test_ingest_can_run_the_analysis(client, monkeypatch):
    calls = []

    class Done:
        class stories:
            story_ids = ("s1",)

    def fake_analyze(store, settings, **kwargs):
        calls.append(store)
        return Done()

    monkeypatch.setattr(services, "analyze", fake_analyze)
    body = {"articles": [{"text": ARTICLE}]}
    result = client.post("/api/v1/ingest", params={"analyze": "true"}, json=body).json()
    assert len(calls) == 1 and result["analyzed"] is True and result["story_ids"] == ["s1"]
    result = client.post("/api/v1/ingest", json=body).json()
    assert len(calls) == 1 and result["analyzed"] is False


def test_token_guards_writes_only_on_loopback(make_client):
    client = make_client(api_token="s3cret")
    body = {"articles": [{"text": ARTICLE}]}
    err = _error(client.post("/api/v1/ingest", json=body), 401, "unauthorized")
    assert "Bearer" in err["hint"]
    assert client.post("/api/v1/ingest", json=body).headers["www-authenticate"] == "Bearer"
    _error(client.post("/api/v1/ingest", json=body,
                       headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
    ok = client.post("/api/v1/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200
    assert client.get("/api/v1/stories").status_code == 200
    assert client.get("/").status_code == 200


def test_token_guards_everything_off_loopback(make_client):
    client = make_client(api_token="s3cret", host="0.0.0.0")
    _error(client.get("/api/v1/stories"), 401, "unauthorized")
    assert client.get("/").status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    assert client.get("/api/v1/stories", headers=auth).status_code == 200
    assert client.get("/", headers=auth).status_code == 200


def test_browser_sign_in_sets_a_read_only_cookie(make_client):
    client = make_client(api_token="s3cret", host="0.0.0.0")
    assert "Sign in" in client.get("/login").text
    refused = client.post("/login", data={"token": "nope"})
    assert refused.status_code == 401 and 'href="/login"' in refused.text
    assert client.get("/").status_code == 401
    signed = client.post("/login", data={"token": "s3cret"}, follow_redirects=False)
    assert signed.status_code == 303 and "httponly" in signed.headers["set-cookie"].lower()
    assert client.get("/").status_code == 200  # the cookie now lets reads through
    assert client.get("/api/v1/stories").status_code == 200
    body = {"articles": [{"text": ARTICLE}]}
    _error(client.post("/api/v1/ingest", json=body), 401, "unauthorized")  # writes need Bearer


def test_openapi_documents_the_error_body(client):
    spec = client.get("/api/v1/openapi.json").json()
    responses = spec["paths"]["/api/v1/stories/{story_id}"]["get"]["responses"]
    for status in ["404", "422", "401"]:
        ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ErrorBody")
    assert "HTTPValidationError" not in json.dumps(responses)
