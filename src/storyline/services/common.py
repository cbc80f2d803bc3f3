"""What every use case shares: the progress callback, opening the store, and the garbage
collector's thresholds while records are made in bulk."""

from __future__ import annotations

import ctypes
import gc
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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


# ---------------------------------------------------------------- garbage collection

#: How many new container objects the youngest garbage-collector generation takes before a
#: collection (Python's default is 700). The stages keep thousands of objects while they
#: annotate a document (its tokens, token columns, children and spans, read once per Doc,
#: and the records made from them); at the default the collector walks them again and
#: again, and now and then walks everything (the loaded model's 200,000 objects too): a
#: tenth to a sixth of a re-run's CPU time. At this threshold it costs little.
#: Garbage still goes at the next collection: what waits for one is at most this many
#: objects (a few articles' worth).
GC_YOUNG_THRESHOLD = 10_000

_gc_lock = threading.Lock()
_gc_users = 0
_gc_before: tuple[int, int, int] | None = None


def _sparser(thresholds: tuple[int, int, int]) -> tuple[int, int, int]:
    young, middle, old = thresholds
    return max(young, GC_YOUNG_THRESHOLD), middle, old


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the body with the youngest generation collected every
    :data:`GC_YOUNG_THRESHOLD` objects (never less often than already set); the previous
    thresholds come back when the last concurrent user leaves."""
    global _gc_users, _gc_before
    with _gc_lock:
        if _gc_users == 0:
            _gc_before = gc.get_threshold()
            gc.set_threshold(*_sparser(_gc_before))
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_before is not None:
                gc.set_threshold(*_gc_before)
                _gc_before = None


def collect_less_for_life() -> None:
    """The thresholds of :func:`fewer_collections` for the rest of this process (a worker
    process that only makes records)."""
    gc.set_threshold(*_sparser(gc.get_threshold()))


def give_back_memory() -> None:
    """Hand the free memory at the top of the C heap back to the system (glibc's
    ``malloc_trim``; nothing elsewhere): a chunk's parse frees far more than it keeps,
    and without this a worker stays at the size of its largest chunk."""
    global _TRIM
    if _TRIM is None:
        try:
            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM = None


def lean_before_fork() -> None:
    """Collect garbage and hand free memory back before worker processes are forked: a
    forked worker starts with a copy of this process's pages, so what this process holds
    then is counted again in every worker."""
    gc.collect()
    give_back_memory()
