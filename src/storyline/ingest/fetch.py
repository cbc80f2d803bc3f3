"""Fetch documents over HTTP, politely and safely; every failure raises ``Reject``.

Polite: robots.txt is obeyed (``fetch.respect_robots``), requests to one host are spaced
(``fetch.host_delay_seconds``, or the host's Crawl-delay), the user agent names storyline
and its version, a document fetched before is asked for again conditionally (ETag,
Last-Modified) and a 304 answer reuses the stored copy. Safe: only http and https, only
public addresses unless ``fetch.allowed_networks`` holds them (checked at every connection,
after every redirect), at most ``fetch.max_redirects`` redirects, a body larger than
``fetch.max_bytes`` is refused while it streams in, and every read has a timeout as well
as a deadline for the whole download. Timeouts, network errors, 429 and 5xx answers are
tried again after a growing wait (``Retry-After`` honoured, capped).
"""

from __future__ import annotations

import email.utils
import logging
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, Self
from urllib.parse import urlsplit

import httpcore
import httpx

from .. import __version__
from ..config import FetchSettings
from ..records import FetchedPage, RejectReason
from .address import AddressPolicy, BlockedAddress, GuardedTransport, Resolver, system_resolver
from .guard import Reject
from .ratelimit import HostPacer
from .robots import ROBOTS_MAX_BYTES, RobotsCache

log = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/storyline-news/storyline"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
ACCEPT = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,"
            "text/xml;q=0.9,*/*;q=0.5",
    "sitemap": "application/xml,text/xml;q=0.9,application/gzip;q=0.8,*/*;q=0.5",
}
_TIMEOUTS = (httpx.TimeoutException, httpcore.TimeoutException, TimeoutError)
_NETWORK = (httpx.HTTPError, httpx.StreamError, httpcore.NetworkError, httpcore.ProtocolError,
            httpcore.UnsupportedProtocol, ssl.SSLError, OSError)


def user_agent(settings: FetchSettings) -> str:
    return settings.user_agent or f"storyline/{__version__} (+{PROJECT_URL})"


def check_url(url: str) -> str:
    """``url`` without its fragment, when it is an http or https URL with a host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise Reject(RejectReason.BAD_URL, f"not a URL: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise Reject(RejectReason.BAD_URL, "only http and https URLs are fetched")
    if not parts.hostname:
        raise Reject(RejectReason.BAD_URL, "the URL names no host")
    return parts._replace(fragment="").geturl()


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class PageCache(Protocol):
    """Where fetched documents are kept (the store), for conditional requests."""

    def stored(self, url: str) -> FetchedPage | None: ...

    def keep(self, page: FetchedPage, kind: str) -> None: ...

    def checked(self, url: str, when: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Answer:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when.timestamp() - time.time()), cap)


class Fetcher:
    """One fetching session: a connection pool, the robots rules and the pace per host."""

    def __init__(self, settings: FetchSettings, cache: PageCache | None = None, *,
                 resolve: Resolver = system_resolver,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.cache = cache
        self.sleep = sleep
        policy = AddressPolicy.from_networks(settings.allowed_networks, resolve)
        self.client = httpx.Client(
            transport=GuardedTransport(policy), trust_env=False, follow_redirects=False,
            timeout=httpx.Timeout(settings.timeout_seconds),
            headers={"User-Agent": user_agent(settings)})
        self.pacer = HostPacer(settings.host_delay_seconds, sleep=sleep)
        self.robots = RobotsCache(self._robots_answer)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # ------------------------------------------------------------ public

    def fetch(self, url: str, kind: str = "page") -> FetchedPage:
        """The document at ``url`` (from the store on a 304); raises ``Reject``."""
        url = check_url(url)
        stored = self.cache.stored(url) if self.cache is not None else None
        headers = {"Accept": ACCEPT.get(kind, "*/*")}
        if stored is not None and stored.etag:
            headers["If-None-Match"] = stored.etag
        if stored is not None and stored.last_modified:
            headers["If-Modified-Since"] = stored.last_modified
        answer = self._follow(url, headers, polite=True)
        when = now_iso()
        if answer.status == 304 and stored is not None:
            self.cache.checked(url, when)
            return FetchedPage(url, stored.final_url, 200, stored.content_type, stored.body,
                               stored.etag, stored.last_modified, stored.fetched_at, True)
        if not 200 <= answer.status < 300:
            raise Reject(RejectReason.HTTP_STATUS, f"HTTP {answer.status} from {answer.url}")
        page = FetchedPage(url, answer.url, answer.status,
                           answer.headers.get("content-type", ""), answer.body,
                           answer.headers.get("etag"), answer.headers.get("last-modified"),
                           when)
        if self.cache is not None:
            self.cache.keep(page, kind)
        return page

    # ------------------------------------------------------------ requests

    def _robots_answer(self, url: str) -> tuple[int, bytes] | None:
        try:
            answer = self._follow(url, {"Accept": "text/plain,*/*;q=0.5"}, polite=False,
                                  limit=ROBOTS_MAX_BYTES)
        except Reject as exc:
            if exc.reason is RejectReason.BLOCKED_ADDRESS:
                raise
            log.info("robots.txt at %s: %s", url, exc.detail)
            return None
        return answer.status, answer.body

    def _check_robots(self, url: str) -> None:
        if not self.settings.respect_robots:
            return
        rules = self.robots.rules_for(url)
        host = urlsplit(url).netloc
        self.pacer.set_host_delay(host, min(rules.crawl_delay(),
                                            self.settings.max_crawl_delay_seconds))
        if not rules.allows(url):
            raise Reject(RejectReason.ROBOTS, f"{rules.why}: {url}")

    def _follow(self, url: str, headers: dict[str, str], *, polite: bool,
                limit: int | None = None) -> Answer:
        """The answer at the end of at most ``max_redirects`` redirects."""
        for _ in range(self.settings.max_redirects + 1):
            if polite:
                self._check_robots(url)
            answer = self._with_retries(url, headers, limit)
            location = answer.headers.get("location")
            if answer.status not in REDIRECTS or not location:
                return answer
            try:
                url = check_url(str(httpx.URL(url).join(location)))
            except httpx.InvalidURL as exc:
                raise Reject(RejectReason.BAD_URL, f"bad redirect: {exc}") from exc
            headers = {k: v for k, v in headers.items() if not k.startswith("If-")}
        raise Reject(RejectReason.TOO_MANY_REDIRECTS,
                     f"more than {self.settings.max_redirects} redirects (fetch.max_redirects)")

    def _with_retries(self, url: str, headers: dict[str, str], limit: int | None) -> Answer:
        settings = self.settings
        for attempt in range(settings.retries + 1):
            wait = min(settings.backoff_seconds * 2 ** attempt, settings.max_backoff_seconds)
            last = attempt == settings.retries
            try:
                answer = self._once(url, headers, limit)
            except Reject as exc:
                if last or exc.reason not in (RejectReason.TIMEOUT, RejectReason.NETWORK):
                    raise
                log.info("%s: %s; trying again in %.1f s", url, exc.detail, wait)
            else:
                if answer.status not in RETRY_STATUSES or last:
                    return answer
                after = _retry_after(answer.headers.get("retry-after"),
                                     settings.max_backoff_seconds)
                wait = wait if after is None else max(wait, after)
                log.info("%s: HTTP %d; trying again in %.1f s", url, answer.status, wait)
            self.sleep(wait)
        raise AssertionError("unreachable")

    @contextmanager
    def _classified(self) -> Iterator[None]:
        """Errors of a request as ``Reject`` with the reason they stand for."""
        try:
            yield
        except BlockedAddress as exc:
            raise Reject(RejectReason.BLOCKED_ADDRESS, str(exc)) from exc
        except _TIMEOUTS as exc:
            raise Reject(RejectReason.TIMEOUT, f"no answer within "
                         f"{self.settings.timeout_seconds:g} s (fetch.timeout_seconds)") from exc
        except _NETWORK as exc:
            raise Reject(RejectReason.NETWORK,
                         f"{type(exc).__name__}: {exc}"[:300] or "network error") from exc

    def _once(self, url: str, headers: dict[str, str], limit: int | None) -> Answer:
        """One request; the body is read only for a 2xx answer, within the size cap."""
        self.pacer.wait(urlsplit(url).netloc)
        with self._classified(), self.client.stream("GET", url, headers=headers) as response:
            body = b""
            if 200 <= response.status_code < 300:
                body = self._read(response, limit)
            return Answer(str(response.url), response.status_code, response.headers, body)

    def post_json(self, url: str, payload: bytes) -> int:
        """POST ``payload`` (JSON) to ``url`` under the same address rules, no redirect
        followed; returns the status of a 2xx answer, raises ``Reject`` otherwise."""
        url = check_url(url)
        with self._classified():
            response = self.client.post(url, content=payload,
                                        headers={"Content-Type": "application/json"})
        if not 200 <= response.status_code < 300:
            raise Reject(RejectReason.HTTP_STATUS, f"HTTP {response.status_code} from {url}")
        return response.status_code

    def _read(self, response: httpx.Response, limit: int | None) -> bytes:
        """The body, refused once it passes ``fetch.max_bytes`` (a ``limit`` truncates
        instead) or takes longer than ``fetch.total_seconds``."""
        cap = limit or self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if limit is None and declared.isdigit() and int(declared) > cap:
            raise Reject(RejectReason.TOO_LARGE,
                         f"{declared} bytes announced > limit {cap} (fetch.max_bytes)")
        end = time.monotonic() + self.settings.total_seconds
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                if limit is not None:
                    break
                raise Reject(RejectReason.TOO_LARGE,
                             f"more than {cap} bytes (fetch.max_bytes)")
            if time.monotonic() > end:
                raise Reject(RejectReason.TIMEOUT, f"download took longer than "
                             f"{self.settings.total_seconds:g} s (fetch.total_seconds)")
        return b"".join(chunks)[:cap]
