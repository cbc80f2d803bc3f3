from __future__ import annotations

import pytest

from storyline.config import DEFAULT_DB, load_settings
from storyline.errors import ConfigError


def test_defaults():
    settings = load_settings(env={})
    assert settings.store.url == DEFAULT_DB
    assert settings.web.host == "127.0.0.1"


def test_precedence_file_env_flags(tmp_path):
    config = tmp_path / "s.toml"
    config.write_text("[ingest]\nmax_bytes = 10\n[web]\nport = 9000\n")
    env = {"STORYLINE_INGEST_MAX_BYTES": "20", "STORYLINE_DB": "sqlite:///x.db"}
    settings = load_settings(config, env=env, overrides={"ingest": {"max_bytes": 30}})
    assert settings.ingest.max_bytes == 30
    assert settings.web.port == 9000
    assert settings.store.url == "sqlite:///x.db"
    assert load_settings(config, env=env).ingest.max_bytes == 20
    assert load_settings(config, env={}).ingest.max_bytes == 10


def test_none_flags_do_not_override():
    settings = load_settings(env={"STORYLINE_WEB_PORT": "8123"}, overrides={"web": {"port": None}})
    assert settings.web.port == 8123


@pytest.mark.parametrize("env", [{"STORYLINE_WEB_PORT": "eighty"},
                                 {"STORYLINE_WEB_NOSUCH": "1"}])
def test_bad_values_raise_config_error(env):
    with pytest.raises(ConfigError) as info:
        load_settings(env=env)
    assert info.value.hint


def test_unreadable_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[ingest\n")
    with pytest.raises(ConfigError):
        load_settings(bad, env={})
