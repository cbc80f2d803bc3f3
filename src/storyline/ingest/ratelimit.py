"""A per-host pace: at least a given delay between two requests to the same host."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class HostPacer:
    """Waits before a request until ``delay`` seconds have passed since the last request to
    the same host (the larger of the setting and the host's robots.txt Crawl-delay)."""

    delay: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _extra: dict[str, float] = field(default_factory=dict)

    def set_host_delay(self, host: str, seconds: float) -> None:
        """A host asks for a longer delay (Crawl-delay)."""
        self._extra[host] = max(0.0, seconds)

    def wait(self, host: str) -> float:
        """Sleep as long as ``host`` needs; returns the seconds slept."""
        delay = max(self.delay, self._extra.get(host, 0.0))
        last = self._last.get(host)
        pause = 0.0 if last is None else max(0.0, last + delay - self.clock())
        if pause > 0:
            self.sleep(pause)
        self._last[host] = self.clock()
        return pause
