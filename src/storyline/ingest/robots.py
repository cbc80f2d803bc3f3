"""robots.txt, read as RFC 9309 says: rules from a 2xx answer, everything allowed after a
4xx (there are no rules), nothing allowed after a 5xx or when the server cannot be reached.

Rules are parsed with protego (wildcards, ``$``, ``Allow``, ``Crawl-delay``) and kept per
origin (scheme, host and port) for the life of one fetcher.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 512_000  # RFC 9309: parse at least the first 500 KiB
AGENT_TOKEN = "storyline"

#: (status, body) of ``/robots.txt`` for an origin; None when it cannot be had at all.
RobotsGetter = Callable[[str], "tuple[int, bytes] | None"]


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules of one origin: ``parsed`` (None: ``allow_all`` decides everything)."""

    parsed: Protego | None
    allow_all: bool
    why: str

    def allows(self, url: str) -> bool:
        if self.parsed is None:
            return self.allow_all
        return self.parsed.can_fetch(url, AGENT_TOKEN)

    def crawl_delay(self) -> float:
        delay = self.parsed.crawl_delay(AGENT_TOKEN) if self.parsed is not None else None
        return float(delay or 0.0)


def rules_from_answer(answer: tuple[int, bytes] | None) -> RobotsRules:
    """What one answer to ``/robots.txt`` means for the origin."""
    if answer is None:
        return RobotsRules(None, False, "robots.txt could not be fetched")
    status, body = answer
    if 200 <= status < 300:
        text = body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace")
        return RobotsRules(Protego.parse(text), True, "robots.txt disallows it")
    if 400 <= status < 500:
        return RobotsRules(None, True, f"no robots.txt ({status})")
    return RobotsRules(None, False, f"robots.txt answered {status}")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class RobotsCache:
    """The rules of each origin, fetched once through ``get``."""

    get: RobotsGetter
    _rules: dict[str, RobotsRules] = field(default_factory=dict)

    def rules_for(self, url: str) -> RobotsRules:
        origin = origin_of(url)
        if origin not in self._rules:
            self._rules[origin] = rules_from_answer(self.get(origin + "/robots.txt"))
            log.debug("robots.txt of %s: %s", origin, self._rules[origin].why)
        return self._rules[origin]
