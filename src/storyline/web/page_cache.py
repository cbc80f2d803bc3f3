"""Responses kept per story build: a story page or story document is the same bytes until the
story is rebuilt, and an article page the same until its article, annotation or story changes.
Listings and search results are kept while the store has not changed at all (SQLite's
change counter, ``store.data_version``); other stores keep none.

A kept story response carries an ``ETag`` made of the story's build id and the release, so a
client that sends it back in ``If-None-Match`` gets ``304 Not Modified`` without a body. A
page that used the visitor's session (a form with a CSRF token) is never kept and gets no
``ETag``.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from fastapi import Request
from starlette.responses import Response

from .. import __version__, services
from .session import PERSONAL_KEY

# pages of another release are other bytes: its ETags differ
RELEASE_TAG = hashlib.sha256(f"storyline {__version__}".encode()).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class Kept:
    """A response body kept for a key, with its ``ETag`` when it has one."""

    body: bytes
    media_type: str
    etag: str | None = None


class PageCache:
    """A small thread-safe LRU of response bodies by key (path, ids, build ids)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Kept] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Kept | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, kept: Kept) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = kept
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def story_etag(build_id: str) -> str:
    """The ``ETag`` of a response that depends only on a story build (and the release)."""
    return f'"{build_id[:32]}-{RELEASE_TAG}"'


def not_modified(request: Request, etag: str) -> bool:
    """True when the request's ``If-None-Match`` names ``etag`` (weak or strong) or ``*``."""
    given = request.headers.get("if-none-match")
    if not given:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in given.split(",")}
    return "*" in tags or etag in tags


def _validators(etag: str | None) -> dict[str, str]:
    # no-cache: a browser may keep the page but asks again (cheaply, with the ETag) each time
    return {"ETag": etag, "Cache-Control": "no-cache"} if etag else {}


def cached_page(request: Request, key: Hashable, render: Callable[[], Response],
                etag: str | None = None, cache: PageCache | None = None) -> Response:
    """``render()``'s response, rendered once per ``key`` and kept."""
    cache = request.app.state.page_cache if cache is None else cache
    found = cache.get(key)
    if found is not None:
        if found.etag and not_modified(request, found.etag):
            return Response(status_code=304, headers=_validators(found.etag))
        return Response(found.body, media_type=found.media_type,
                        headers=_validators(found.etag))
    response = render()
    personal = getattr(request.state, PERSONAL_KEY, False)
    if cache.size > 0 and response.status_code == 200 and not personal and response.media_type:
        cache.put(key, Kept(bytes(response.body), response.media_type, etag))
        response.headers.update(_validators(etag))  # only a kept response can be a 304
    return response


def cached_story_page(request: Request, story_id: str, render: Callable[[], Response]) -> Response:
    """``render()``'s response for this story build, rendered once per build and path."""
    story, build = services.story_key(request.app.state.store, story_id)
    return cached_page(request, (request.url.path, story, build), render, story_etag(build))


def cached_read(request: Request, render: Callable[[], Response]) -> Response:
    """``render()``'s response (a listing, a search), kept while the store is unchanged.

    The store's change counter is read before anything else, so a kept response is never
    older than the counter it is kept under."""
    version = request.app.state.store.data_version()
    if version is None:
        return render()
    key = (version, request.url.path, request.url.query)
    return cached_page(request, key, render, cache=request.app.state.read_cache)
