"""Every bad request gets a 4xx in the error shape, never a 500: bodies, names, queries."""

from __future__ import annotations

import asyncio
import json

import pytest
from storyline_htmlcheck import event_handlers, live_tags
from storyline_weberror import error_of as _error

from storyline.store.base import STORY_ITEM_KINDS
from storyline.web.body import json_depth

LISTS = ["/api/v1/stories", "/api/v1/articles", "/api/v1/search?q=harbor",
         *(f"/api/v1/{kind}" for kind in STORY_ITEM_KINDS)]


def _post_json(client, raw: bytes, kind: str = "application/json"):
    return client.post("/api/v1/ingest", content=raw, headers={"content-type": kind})


def test_seven_list_endpoints():
    assert len(LISTS) == 7


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("cursor", ["1" * 40, "9" * 19, "1" * 30, "-1", "1e3", "0x10", " 5",
                                    "\u0661\u0662", "1" * 5000])
def test_cursors_out_of_range_are_400(client, path, cursor):
    sep = "&" if "?" in path else "?"
    err = _error(client.get(f"{path}{sep}limit=1", params={"cursor": cursor}))
    assert err["code"] in ("usage", "validation", "uri_too_long")


@pytest.mark.parametrize("path", LISTS)
def test_the_largest_cursor_is_an_empty_page(client, path):
    sep = "&" if "?" in path else "?"
    response = client.get(f"{path}{sep}cursor={'9' * 18}")
    assert response.status_code == 200 and response.json() == {"items": [], "next": None}


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("limit", ["0", "-1", "abc", "10" * 20, "100000", "1.5"])
def test_limits_out_of_range_are_4xx(client, path, limit):
    _error(client.get(path, params={"limit": limit}))


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("date", ["2022-02-30", "2022-13-01", "99999", "0000-00-00",
                                  "2022-02-28T25:00", "\u0662\u0660\u0662\u0662"])
def test_dates_never_fail_the_server(client, path, date):
    response = client.get(path, params={"since": date, "until": date})
    assert response.status_code < 500
    if response.status_code >= 400:
        _error(response)


@pytest.mark.parametrize("q", ['"', '"unbalanced', "NEAR(a b)", "a OR b", "a AND", "*", "^x",
                               "col:harbor", "'", "a -b", "(", ")", "\x00", "\u202e\u2028",
                               "harbor*" * 50, "&&||!!", "a" * 1000, " ".join(["w"] * 900)])
def test_hostile_search_syntax(client, q):
    for path in ["/api/v1/search", "/search"]:
        response = client.get(path, params={"q": q})
        assert response.status_code < 500, (path, q[:30], response.text[:200])
        if path.startswith("/api") and response.status_code >= 400:
            _error(response)


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%00", "%F0%9F", "harbor%25%"])
def test_undecodable_query_bytes(client, raw):
    for path in ["/api/v1/search", "/search", "/api/v1/stories", "/"]:
        response = client.get(f"{path}?q={raw}&actor={raw}")
        assert response.status_code < 500, (path, raw)


def test_huge_queries_are_414(client):
    err = _error(client.get("/api/v1/search", params={"q": "harbor " * 2000}), 414)
    assert err["code"] == "uri_too_long"
    page = client.get("/search", params={"q": "x" * 20000})
    assert page.status_code == 414 and "text/html" in page.headers["content-type"]


def test_deeply_nested_json_is_400(client, store):
    before = store.count_articles()
    for raw in [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
                b'{"articles": [' + b"[" * 50 + b"]" * 50 + b"]}"]:
        err = _error(_post_json(client, raw))
        assert err["code"] == "usage" and "nest" in err["message"]
    assert store.count_articles() == before


@pytest.mark.parametrize("raw", [b"", b"{", b"null", b"[]", b"{\"articles\": {}}",
                                 b"\xff\xfe{}", b'{"articles": [1]}', b'{"articles": [{}]}',
                                 b'{"articles": [{"text": 5}]}', b"1" * 5000, b"NaN",
                                 b'{"articles": "x"}'])
def test_malformed_json_is_400(client, raw):
    assert _error(_post_json(client, raw))["code"] == "usage"


@pytest.mark.parametrize("kind", ["text/plain", "application/xml", "", "multipart/mixed",
                                  "application/x-www-form-urlencoded", "image/png"])
def test_wrong_content_type_is_4xx(client, kind):
    _error(_post_json(client, b'{"articles": [{"text": "x"}]}', kind))


@pytest.mark.parametrize("raw, kind", [
    (b"--x\r\nContent-Disposition: form-data; name=\"files\"\r\n\r\nabc", "multipart/form-data"),
    (b"garbage", "multipart/form-data; boundary=zzz"),
    (b"--zzz--\r\n", "multipart/form-data; boundary=zzz"),
    (b"", "multipart/form-data; boundary="),
])
def test_malformed_multipart_is_4xx(client, raw, kind):
    _error(client.post("/api/v1/ingest", content=raw, headers={"content-type": kind}))


def test_lone_surrogates_in_json_text_are_400(client):
    body = b'{"articles": [{"text": "Talks resumed at the harbor on Monday \\ud800 after a ' \
           b'long pause in the port city.", "title": "Talks"}]}'
    err = _error(_post_json(client, body))
    assert "articles[0].text" in err["message"] and "surrogate" in err["message"]
    paired = body.replace(b"\\ud800", b"\\ud83d\\ude00")
    assert _post_json(client, paired).status_code == 200


def test_oversized_bodies_are_413(make_client):
    client = make_client(max_upload_bytes=1000)
    err = _error(_post_json(client, b'{"articles": [{"text": "' + b"x" * 2000 + b'"}]}'),
                 413)
    assert err["code"] == "too_large"
    page = client.post("/login", data={"token": "x" * 2000})
    assert page.status_code == 413


def _asgi_post(app, chunks: list[bytes], headers: list[tuple[bytes, bytes]]):
    """POST ``chunks`` as a chunked body straight to the ASGI app; (status, chunks read)."""
    scope = {"type": "http", "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/v1/ingest", "raw_path": b"/api/v1/ingest", "query_string": b"",
             "root_path": "", "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000),
             "headers": [(b"host", b"127.0.0.1:8000"), *headers]}
    read, sent = [0], []

    async def receive():
        if read[0] < len(chunks):
            read[0] += 1
            return {"type": "http.request", "body": chunks[read[0] - 1],
                    "more_body": read[0] < len(chunks)}
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, read[0], json.loads(body)


def test_chunked_uploads_stop_as_soon_as_they_pass_the_limit(make_client):
    app = make_client(max_upload_bytes=10_000).app
    boundary = b"b0undary"
    head = (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="files"; '
            b'filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n')
    chunks = [head] + [b"y" * 1000] * 1000
    kind = (b"content-type", b"multipart/form-data; boundary=" + boundary)
    status, read, body = _asgi_post(app, chunks, [kind, (b"transfer-encoding", b"chunked")])
    assert status == 413 and body["error"]["code"] == "too_large"
    assert read <= 12  # refused after about 10 KB of the 1 MB sent
    json_chunks = [b'{"articles": [{"text": "'] + [b"z" * 1000] * 1000
    status, read, _ = _asgi_post(app, json_chunks, [(b"content-type", b"application/json")])
    assert status == 413 and read <= 12


@pytest.mark.parametrize("name", ["../../../../tmp/escape.txt", "/etc/passwd", "..\\..\\x.txt",
                                  "a/../../b.txt", "\x00.txt", "....//....//c.txt", "",
                                  ".", "..", "x" * 5000])
def test_upload_names_cannot_escape(client, tmp_path, name):
    text = ("The harbor council met again on Friday to discuss the ferry line and its "
            "costs for the coming year.")
    files = [("files", (name, text.encode(), "text/plain"))]
    response = client.post("/api/v1/ingest", files=files)
    assert response.status_code < 500, response.text[:300]
    if response.status_code == 200:
        result = response.json()
        for article_id in result["article_ids"]:
            source = client.get(f"/api/v1/articles/{article_id}").json()["article"]["source"]
            assert source.startswith("upload/") and "/../" not in source


def test_json_depth_counts_without_recursion():
    deep: list = []
    node = deep
    for _ in range(50_000):
        node.append([])
        node = node[0]
    assert json_depth(deep, 10) == 11
    assert json_depth({"a": [1, {"b": 2}]}, 10) == 3 and json_depth(5, 10) == 0


def test_refusals_echo_hostile_input_inertly(client):
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    for response in [client.get("/", params={"cursor": hostile}),
                     client.get("/search", params={"q": "harbor", "cursor": hostile}),
                     client.get("/", headers={"Host": "evil.example"})]:
        assert response.status_code < 500 and "<script>alert" not in response.text
        assert live_tags(response.text, ("img",)) == [] and event_handlers(response.text) == []
    api = client.get("/api/v1/stories", params={"cursor": hostile})
    assert api.headers["content-type"].startswith("application/json")
    assert api.headers["x-content-type-options"] == "nosniff"
