"""Rendered pages kept per story build: a story page is the same bytes until it is rebuilt.

A page that used the visitor's session (a form with a CSRF token) is never kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from fastapi import Request
from starlette.responses import Response

from .. import services
from .session import PERSONAL_KEY


class PageCache:
    """A small thread-safe LRU of response bodies by (path, story id, build id)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[bytes, str] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple, body: bytes, media_type: str) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = (body, media_type)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def cached_story_page(request: Request, story_id: str, render: Callable[[], Response]) -> Response:
    """``render()``'s response for this story build, rendered once per build and path."""
    cache: PageCache = request.app.state.page_cache
    key = (request.url.path, *services.story_key(request.app.state.store, story_id))
    found = cache.get(key)
    if found is not None:
        return Response(found[0], media_type=found[1])
    response = render()
    personal = getattr(request.state, PERSONAL_KEY, False)
    if response.status_code == 200 and not personal and response.media_type:
        cache.put(key, bytes(response.body), response.media_type)
    return response
