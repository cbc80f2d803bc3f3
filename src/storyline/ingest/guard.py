"""Bounds on hostile input: each check raises ``Reject`` with the reason code of its bound.

Every bound is an ``IngestSettings`` value (see docs/configuration.md). Most checks run on
the raw bytes or text before a parser sees them, each in one linear pass in C
(``bytes.count``, ``str.split``, a regex), so that a bad file is refused quickly; JSON
nesting is measured on each parsed value. ``deadline`` is the per-file watchdog.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..config import IngestSettings
from ..records import RejectReason


class Reject(Exception):
    """An input that breaks a bound or cannot be read; becomes a ``Rejected``."""

    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class Timeout(BaseException):
    """The watchdog fired. A BaseException, so that a library's ``except Exception``
    cannot swallow it half way through a parse."""


def _bound(settings: IngestSettings, name: str, value: int, reason: RejectReason,
           what: str) -> None:
    """Raise ``Reject(reason)`` when ``value`` passes the setting ``name``."""
    limit = getattr(settings, name)
    if value > limit:
        raise Reject(reason, f"{what} > limit {limit} (ingest.{name})")


def check_line_count(data: bytes, settings: IngestSettings) -> None:
    """Refuse more than ``max_lines`` lines (counted on the raw bytes, before decoding)."""
    lines = data.count(b"\n")
    _bound(settings, "max_lines", lines, RejectReason.TOO_MANY_LINES, f"{lines} lines")


def check_line_length(text: str, settings: IngestSettings) -> None:
    """Refuse a line longer than ``max_line_chars`` characters."""
    longest = max(map(len, text.split("\n")), default=0)
    _bound(settings, "max_line_chars", longest, RejectReason.LINE_TOO_LONG,
           f"a line of {longest} characters")


ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)


def check_no_entities(text: str) -> None:
    """Refuse markup that declares XML entities: no external entities, no billion laughs."""
    if ENTITY_DECLARATION.search(text):
        raise Reject(RejectReason.XML_ENTITIES,
                     "the document declares XML entities (<!ENTITY ...>); they are never "
                     "expanded or fetched")


def value_depth(value: object) -> int:
    """How deeply the lists and objects of a parsed JSON value nest (no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def check_json_depth(value: object, settings: IngestSettings, outer: int = 0) -> None:
    """Refuse a parsed JSON value nested deeper than ``max_json_depth`` (``outer``: the
    levels around it, 1 for an element of a list). Deeper than the parser itself goes is
    refused while parsing (jsonread)."""
    depth = value_depth(value) + outer
    _bound(settings, "max_json_depth", depth, RejectReason.TOO_DEEP,
           f"JSON nested {depth} levels deep")


def check_entry_count(count: int, settings: IngestSettings) -> None:
    """Refuse a container once it has shown more than ``max_entries`` entries."""
    _bound(settings, "max_entries", count, RejectReason.TOO_MANY_ENTRIES,
           f"at least {count} entries")


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(_signum, _frame) -> None:
    raise Timeout()


@contextmanager
def deadline(seconds: float) -> Iterator[Callable[[], None]]:
    """The watchdog: yields ``check()``, which raises ``Timeout`` once ``seconds`` passed
    (``seconds <= 0``: no watchdog).

    In the main thread a timer signal also interrupts a long parse (it raises as soon as the
    interpreter runs again); elsewhere (a web worker thread) only ``check()`` calls stop the
    work, between documents and stages. Code inside must do no store writes.
    """
    end = time.monotonic() + seconds

    def check() -> None:
        if time.monotonic() > end:
            raise Timeout()

    if seconds <= 0:
        yield lambda: None
        return
    if not _can_alarm():
        yield check
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
