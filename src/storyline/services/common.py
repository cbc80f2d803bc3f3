"""What every use case shares: the progress callback and opening the store."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..config import Settings
from ..store import SqlStore
from ..store import open_store as _open

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


def tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def open_store(settings: Settings) -> SqlStore:
    from .story_cache import cache_of

    store = _open(settings.store.url)
    cache_of(store, settings.store.story_cache)
    return store
