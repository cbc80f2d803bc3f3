"""`storyline serve --workers N`: one session key for all workers, guards in every worker."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.config import Settings, as_dict, load_settings
from storyline.errors import UsageError
from storyline.store import open_store
from storyline.web import serve as serve_module
from storyline.web.serve import WORKER_SETTINGS_ENV, serve_settings, worker_app

BIN = Path(sys.executable).parent


def test_serve_settings_draw_one_session_key_and_check_workers():
    drawn = serve_settings(Settings(), None, "127.0.0.1", 8000, workers=2)
    assert len(drawn.web.session_secret) == 64 and drawn.web.workers == 2
    kept = serve_settings(load_settings(env={"STORYLINE_WEB_SESSION_SECRET": "k"}), None,
                          "127.0.0.1", 8000)
    assert kept.web.session_secret == "k" and kept.web.workers == 1
    with pytest.raises(UsageError):
        serve_settings(Settings(), None, "127.0.0.1", 8000, workers=0)


def test_worker_app_reads_the_parent_settings(tmp_path, monkeypatch):
    settings = serve_settings(load_settings(env={"STORYLINE_WEB_ALLOWED_HOSTS": "a.example"}),
                              f"sqlite:///{tmp_path / 'w.db'}", "127.0.0.1", 8123, workers=2)
    monkeypatch.setenv(WORKER_SETTINGS_ENV, json.dumps(as_dict(settings)))
    app = worker_app()
    assert app.state.settings == settings
    assert app.state.store.url.endswith("w.db")
    app.state.store.close()


def test_cli_passes_workers(monkeypatch, tmp_path):
    seen = {}
    monkeypatch.setattr(serve_module, "serve",
                        lambda settings, *args, **kwargs: seen.update(web=settings.web))
    db = _existing_db(tmp_path)
    result = CliRunner().invoke(cli, ["serve", "--workers", "3", "--port", "8009", "--db", db])
    assert result.exit_code == 0, result.output
    assert seen["web"].workers == 3 and seen["web"].port == 8009


def _existing_db(folder: Path) -> str:
    url = f"sqlite:///{folder / 's.db'}"
    open_store(url).close()
    return url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, host: str = "127.0.0.1") -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path, headers={"Host": host})
        return conn.getresponse().status
    finally:
        conn.close()


def test_two_workers_serve_and_guard(tmp_path):
    port = _free_port()
    env = {**os.environ, "STORYLINE_DB": _existing_db(tmp_path)}
    server = subprocess.Popen([str(BIN / "storyline"), "serve", "--port", str(port),
                               "--workers", "2"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert _get(port, "/api/v1/stories") == 200
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("the server did not start")
                time.sleep(0.2)
        statuses = {_get(port, "/api/v1/stories", host="evil.example") for _ in range(10)}
        assert statuses == {403}
    finally:
        os.killpg(server.pid, signal.SIGINT)
        _, err = server.communicate(timeout=30)
    assert b"Traceback" not in err
