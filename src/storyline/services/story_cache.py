"""Decoded stories kept in memory, keyed by story id and build id.

A stored story only changes when it is rebuilt, and then its ``build_id`` changes; a reader
asks the store for that id (one small query) and decodes the story and its articles only
when it has not seen the build. One cache per open store, shared by the threads of a server.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable

from ..records import StoryView
from ..store import SqlStore

DEFAULT_SIZE = 32


class StoryCache:
    """A small thread-safe LRU of story views by (story id, build id)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], StoryView] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str], make: Callable[[], StoryView]) -> StoryView:
        with self._lock:
            view = self._items.get(key)
            if view is not None:
                self._items.move_to_end(key)
                return view
        view = make()
        if self.size > 0:
            with self._lock:
                self._items[key] = view
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return view


_CACHES: weakref.WeakKeyDictionary[SqlStore, StoryCache] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def cache_of(store: SqlStore, size: int | None = None) -> StoryCache:
    """The story cache of ``store`` (``size`` resizes it; the default holds 32 stories)."""
    with _LOCK:
        cache = _CACHES.get(store)
        if cache is None:
            cache = _CACHES[store] = StoryCache(DEFAULT_SIZE if size is None else size)
        elif size is not None:
            cache.size = size
        return cache
