"""A live uvicorn server over a filled temp store, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))

from storyline_sample import clean_story, fill_store_view

from storyline.store.base import StoryBuild

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing and CI is set: install Debian's chromium package")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); CI is not set")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(store, settings=None) -> Iterator[str]:
    """Serve ``store`` with uvicorn in a thread on a free loopback port; yields the base URL."""
    import uvicorn

    from storyline.config import Settings
    from storyline.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(settings or Settings(), store), host="127.0.0.1",
                            port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _store(tmp_path_factory, name: str):
    from storyline.store import open_store

    return open_store("sqlite:///" + str(tmp_path_factory.mktemp(name) / "t.db"))


@pytest.fixture
def serve():
    """``serving(store, settings)`` for tests that need a server of their own."""
    return serving


@pytest.fixture
def fresh_store(tmp_path):
    """A filled store of this test's own."""
    from storyline_sample import fill_store

    store = _store_at(tmp_path)
    fill_store(store)
    yield store
    store.close()


def _store_at(folder: Path):
    from storyline.store import open_store

    return open_store("sqlite:///" + str(folder / "t.db"))


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """(base URL, StoryView) of a server over the sample story (hostile article included)."""
    store = _store(tmp_path_factory, "live")
    view = fill_store_view(store)
    with serving(store) as base:
        yield base, view
    store.close()


@pytest.fixture(scope="module")
def clean_live(tmp_path_factory):
    """(base URL, StoryView) of a server over the sample story without its hostile article."""
    store = _store(tmp_path_factory, "clean")
    arts, annotations, view = clean_story()
    store.upsert_articles(arts)
    for annotation in annotations:
        store.save_annotation(annotation)
    store.save_story(view.story, StoryBuild())
    with serving(store) as base:
        yield base, view
    store.close()


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def browser_page(browser, width: int = 1280, height: int = 900, **options):
    """A page in a fresh context of ``width`` x ``height``; ``page.js_errors`` collects
    script errors and dialogs."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.js_errors = errors
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser):
    with browser_page(browser) as page:
        yield page


@pytest.fixture
def open_page(browser):
    """``open_page(width, height, **context options)``: a page in a fresh context."""
    return lambda *size, **options: browser_page(browser, *size, **options)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
