from __future__ import annotations

import pytest

from storyline.config import Settings, load_settings
from storyline.errors import UsageError
from storyline.web.auth import is_loopback
from storyline.web.serve import serve_settings


@pytest.mark.parametrize("host, expected", [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.4", False), ("example.org", False),
])
def test_is_loopback(host, expected):
    assert is_loopback(host) is expected


def test_public_host_needs_a_token():
    with pytest.raises(UsageError) as caught:
        serve_settings(Settings(), None, "0.0.0.0", 8000)
    assert "STORYLINE_API_TOKEN" in caught.value.hint


def test_serve_settings_carry_host_port_and_store():
    settings = load_settings(env={"STORYLINE_API_TOKEN": "t"})
    done = serve_settings(settings, "sqlite:///x.db", "0.0.0.0", 9000)
    assert (done.web.host, done.web.port, done.store.url) == ("0.0.0.0", 9000, "sqlite:///x.db")
    local = serve_settings(Settings(), None, "127.0.0.1", 8001)
    assert local.store.url == Settings().store.url
