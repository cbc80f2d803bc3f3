"""Nobody else writes into the store: Host allow-list, Origin checks, CSRF, signed sessions."""

from __future__ import annotations

import re
import warnings

import pytest
from storyline_htmlcheck import event_handlers, live_tags
from storyline_weberror import error_of as _error

from storyline import services
from storyline.config import Settings, WebSettings
from storyline.web.security import HostRule, same_origin
from storyline.web.session import COOKIE, Sessions

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ARTICLE = ("The harbor authority reopened the northern pier on Thursday after repairs. "
           "Officials said 14 ships were waiting to dock.")
EVIL = "https://evil.example"
SAME = "http://127.0.0.1"


def _files() -> list:
    return [("files", ("pier.txt", ARTICLE.encode(), "text/plain"))]


def _csrf(client) -> str:
    """The CSRF token of the login form (the client keeps the session cookie it gets)."""
    page = client.get("/login")
    assert page.status_code == 200
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


@pytest.fixture
def no_analyze(monkeypatch):
    calls = []
    monkeypatch.setattr(services, "analyze", lambda *a, **k: calls.append(a))
    return calls


def test_cross_origin_form_post_is_refused(client, store, no_analyze):
    before = store.count_articles()
    response = client.post("/api/v1/ingest", params={"analyze": "true"}, files=_files(),
                           headers={"Origin": EVIL, "Sec-Fetch-Site": "cross-site"})
    err = _error(response, 403, "forbidden")
    assert "evil.example" in err["message"] and err["hint"]
    assert store.count_articles() == before and no_analyze == []


@pytest.mark.parametrize("headers", [
    {"Origin": EVIL}, {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
    {"Origin": "http://127.0.0.1:9999"}, {"Origin": "http://localhost"},
    {"Origin": "file://"}, {"Origin": "garbage"}])
def test_foreign_origins_cannot_write(client, store, headers):
    before = store.count_articles()
    _error(client.post("/api/v1/ingest", files=_files(), headers=headers), 403, "forbidden")
    assert client.post("/login", data={"token": "x"}, headers=headers).status_code == 403
    assert store.count_articles() == before


def test_foreign_host_is_refused_everywhere(client):
    for path in ["/api/v1/stories", "/api/v1/openapi.json"]:
        _error(client.get(path, headers={"Host": "evil.example"}), 403, "forbidden")
    page = client.get("/", headers={"Host": "evil.example:8000"})
    assert page.status_code == 403 and "text/html" in page.headers["content-type"]
    _error(client.post("/api/v1/ingest", files=_files(), headers={"Host": "evil.example"}),
           403, "forbidden")
    assert client.get("/static/app.js", headers={"Host": "evil.example"}).status_code == 403


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000",
                                  "LOCALHOST", "[::1]:8000", "127.0.0.2"])
def test_loopback_hosts_are_served(client, host):
    assert client.get("/api/v1/stories", headers={"Host": host}).status_code == 200


def test_host_rule_reads_the_settings():
    rule = HostRule(WebSettings(host="news.example.org", allowed_hosts="a.example, .corp.example"))
    assert rule.allows("news.example.org") and rule.allows("a.example")
    assert rule.allows("wiki.corp.example") and rule.allows("corp.example")
    assert not rule.allows("evilcorp.example") and not rule.allows("evil.example")
    assert not rule.allows("192.168.1.4")
    assert HostRule(WebSettings(allowed_hosts="*")).allows("anything.example")


def test_configured_host_is_served(make_client):
    client = make_client(api_token="t", host="news.example.org", allowed_hosts="b.example")
    auth = {"Authorization": "Bearer t"}
    for host in ["news.example.org", "b.example:8443"]:
        assert client.get("/api/v1/stories", headers={**auth, "Host": host}).status_code == 200
    _error(client.get("/api/v1/stories", headers={**auth, "Host": "c.example"}), 403,
           "forbidden")


def test_same_origin():
    assert same_origin("http://127.0.0.1:8000", "127.0.0.1:8000", "http")
    assert same_origin("https://a.example", "a.example:443", "https")
    assert not same_origin("https://a.example", "a.example", "http")
    assert not same_origin("http://127.0.0.1:8001", "127.0.0.1:8000", "http")
    assert not same_origin("null", "127.0.0.1", "http")


def test_browser_write_needs_the_csrf_token(client, store):
    before = store.count_articles()
    origin = {"Origin": SAME}
    _error(client.post("/api/v1/ingest", files=_files(), headers=origin), 403, "forbidden")
    token = _csrf(client)
    _error(client.post("/api/v1/ingest", files=_files(), data={"csrf_token": "0" * 64},
                       headers=origin), 403, "forbidden")
    ok = client.post("/api/v1/ingest", files=_files(), data={"csrf_token": token},
                     headers=origin)
    assert ok.status_code == 200 and ok.json()["added"] == 1
    by_header = client.post("/api/v1/ingest", json={"articles": [{"text": ARTICLE + " More."}]},
                            headers={**origin, "X-CSRF-Token": token})
    assert by_header.status_code == 200 and by_header.json()["added"] == 1
    # pages sent with Referrer-Policy no-referrer post with "Origin: null"
    null = client.post("/api/v1/ingest", files=_files(), data={"csrf_token": token},
                       headers={"Origin": "null"})
    assert null.status_code == 200
    assert store.count_articles() == before + 2


def test_non_ascii_tokens_and_cookies_are_refused_cleanly(client, make_client):
    _csrf(client)
    _error(client.post("/api/v1/ingest", files=_files(), data={"csrf_token": "\u00e9t\u00e9"},
                       headers={"Origin": SAME}), 403, "forbidden")
    guarded = make_client(api_token="s3cret", host="0.0.0.0")
    cookie = f"{COOKIE}=caf\u00e9.1.a.x\u00e9".encode()
    _error(guarded.get("/api/v1/stories", headers={"Cookie": cookie}), 401, "unauthorized")
    _error(guarded.get("/api/v1/stories", headers={"Authorization": "Bearer caf\u00e9".encode()}),
           401, "unauthorized")
    _error(client.post("/api/v1/ingest", files=_files(), headers={
        "Origin": SAME, "X-CSRF-Token": "\u00e9".encode(), "Cookie": cookie}), 403, "forbidden")


def test_csrf_token_is_bound_to_its_session(client, make_client):
    token = _csrf(client)
    other = make_client()
    _csrf(other)  # a session of its own
    _error(other.post("/api/v1/ingest", files=_files(), data={"csrf_token": token},
                      headers={"Origin": SAME}), 403, "forbidden")


def test_programs_write_without_browser_marks_on_a_tokenless_loopback(client):
    response = client.post("/api/v1/ingest", json={"articles": [{"text": ARTICLE}]})
    assert response.status_code == 200


def test_with_a_token_browsers_write_only_signed_in(make_client, store):
    client = make_client(api_token="s3cret")
    origin = {"Origin": SAME}
    token = _csrf(client)  # an anonymous session
    _error(client.post("/api/v1/ingest", files=_files(), data={"csrf_token": token},
                       headers=origin), 401, "unauthorized")
    signed = client.post("/login", data={"token": "s3cret", "csrf_token": token},
                         headers=origin, follow_redirects=False)
    assert signed.status_code == 303
    token = _csrf(client)
    ok = client.post("/api/v1/ingest", files=_files(), data={"csrf_token": token},
                     headers=origin)
    assert ok.status_code == 200
    _error(client.post("/api/v1/ingest", files=_files(), headers=origin), 401, "unauthorized")


def test_session_cookie_is_signed_and_never_the_token(make_client):
    client = make_client(api_token="s3cret", host="0.0.0.0")
    signed = client.post("/login", data={"token": "s3cret"}, follow_redirects=False)
    header = signed.headers["set-cookie"]
    assert "s3cret" not in header and f"{COOKIE}=" in header
    assert "httponly" in header.lower() and "samesite=strict" in header.lower()
    assert "secure" not in header.lower()  # plain http
    value = client.cookies[COOKIE]
    assert client.get("/api/v1/stories").status_code == 200
    sid, issued, flag, signature = value.split(".")
    forged = ".".join([sid, issued, flag, signature[:-1] + ("0" if signature[-1] != "0" else "1")])
    client.cookies.set(COOKIE, forged)
    _error(client.get("/api/v1/stories"), 401, "unauthorized")
    client.cookies.set(COOKIE, "s3cret")
    _error(client.get("/api/v1/stories"), 401, "unauthorized")


def test_session_cookie_is_secure_over_https(store, story):
    settings = Settings()
    client = TestClient(_app(settings, store, api_token="s3cret"), base_url="https://127.0.0.1")
    assert "; secure" in client.get("/login").headers["set-cookie"].lower()
    signed = client.post("/login", data={"token": "s3cret"}, follow_redirects=False)
    assert "; secure" in signed.headers["set-cookie"].lower()


def _app(settings, store, **web):
    from dataclasses import replace

    from storyline.web.app import create_app

    return create_app(replace(settings, web=replace(settings.web, **web)), store)


def test_sessions_expire_and_end_with_a_new_token():
    sessions = Sessions("key", "token-1", max_age=60)
    session, value = sessions.issue(signed_in=True, now=1000)
    assert sessions.read(value, now=1030) == session
    assert sessions.read(value, now=1061) is None
    assert Sessions("key", "token-2", 60).read(value, now=1030) is None
    assert Sessions("other key", "token-1", 60).read(value, now=1030) is None
    for bad in ["", "a.b", "a.b.c.d.e", value.replace(".a.", ".-."), value + "\u00e9",
                "\u00e9.1.a.\u00e9", "x.\u0661\u0662.a.sig"]:
        assert sessions.read(bad, now=1030) is None
    assert not sessions.csrf_ok(session, "\u00e9" * 64)
    assert sessions.csrf_ok(session, sessions.csrf_token(session))
    assert not sessions.csrf_ok(None, sessions.csrf_token(session))


HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy",
           "x-frame-options")


def _assert_headers(response) -> None:
    for name in HEADERS:
        assert name in response.headers, (response.request.url, name)
    csp = response.headers["content-security-policy"]
    script = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_security_headers_on_every_response(client, story, store, monkeypatch):
    story_id = story["story"]["id"]
    article_id = story["articles"][0]["id"]
    for path in ["/", f"/stories/{story_id}", f"/articles/{article_id}", "/search?q=harbor",
                 "/login", "/static/app.js", "/api/v1/stories", "/api/v1/openapi.json",
                 "/nowhere", "/api/v1/nowhere", f"/stories/{story_id}/download/md"]:
        _assert_headers(client.get(path))
    _assert_headers(client.get("/", headers={"Host": "evil.example"}))
    _assert_headers(client.post("/api/v1/ingest", content=b"x",
                                headers={"content-type": "text/plain"}))
    _assert_headers(client.put("/api/v1/stories"))

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "list_stories", broken)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        crashing = TestClient(client.app, base_url=SAME, raise_server_exceptions=False)
    response = crashing.get("/api/v1/stories")
    _error(response, 500, "internal")
    _assert_headers(response)


def test_pages_hold_no_inline_script(client, story):
    story_id = story["story"]["id"]
    for path in ["/", f"/stories/{story_id}", f"/articles/{story['articles'][0]['id']}",
                 "/search?q=harbor", "/login", "/nowhere"]:
        html = client.get(path).text
        scripts = live_tags(html, ("script",))
        assert scripts and all(s.attrs.get("src", "").startswith("/static/") for s in scripts)
        assert event_handlers(html) == []
