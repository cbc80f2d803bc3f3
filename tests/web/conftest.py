from __future__ import annotations

import sys
import warnings
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))

from storyline_sample import fill_store

from storyline.config import Settings
from storyline.store import open_store
from storyline.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


BASE_URL = "http://127.0.0.1"  # the app serves loopback names and web.host only


@pytest.fixture
def store(tmp_path):
    store = open_store("sqlite:///" + str(tmp_path / "t.db"))
    store.migrate()
    yield store
    store.close()


@pytest.fixture
def story(store) -> dict:
    return fill_store(store)


def _client(store, **web) -> TestClient:
    settings = Settings()
    settings = replace(settings, web=replace(settings.web, **web))
    return TestClient(create_app(settings, store), base_url=BASE_URL)


@pytest.fixture
def make_client(store, story):
    """A factory of clients over the filled store with some web settings changed."""
    return lambda **web: _client(store, **web)


@pytest.fixture
def client(store, story) -> TestClient:
    return _client(store)
