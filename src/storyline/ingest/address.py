"""Which network addresses storyline may fetch from, checked where the connection is made.

A host is resolved once per connection, every address it resolves to is checked, and the
connection goes to a checked address: a name that resolves to a private address on the
second look (DNS rebinding) never gets a request, and neither does a redirect to one.
Private, loopback, link-local, multicast, reserved, unspecified and shared (CGNAT)
addresses are refused unless a network in ``fetch.allowed_networks`` holds them.
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import httpcore
import httpx

from ..errors import ConfigError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


class BlockedAddress(Exception):
    """A host that resolves to an address storyline does not fetch from."""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _unwrapped(ip: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped or 6to4 IPv6 address, else ``ip``."""
    if isinstance(ip, ipaddress.IPv6Address):
        return ip.ipv4_mapped or ip.sixtofour or ip
    return ip


def is_public(ip: IPAddress) -> bool:
    """A globally routable unicast address (not private, loopback, link-local, ...)."""
    ip = _unwrapped(ip)
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified
                                 or ip.is_loopback or ip.is_link_local or ip.is_private)


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Public addresses, plus those inside ``allowed`` (networks given in the settings)."""

    allowed: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    resolve: Resolver = system_resolver

    @classmethod
    def from_networks(cls, networks: Iterable[str], resolve: Resolver = system_resolver
                      ) -> AddressPolicy:
        try:
            allowed = tuple(ipaddress.ip_network(n.strip(), strict=False) for n in networks)
        except ValueError as exc:
            raise ConfigError(f"fetch.allowed_networks: {exc}",
                              hint="give CIDR networks such as 127.0.0.0/8 or ::1/128") from exc
        return cls(allowed, resolve)

    def permits(self, ip: IPAddress) -> bool:
        ip = _unwrapped(ip)
        return is_public(ip) or any(ip.version == net.version and ip in net
                                    for net in self.allowed)

    def checked_addresses(self, host: str, port: int) -> list[str]:
        """The addresses of ``host``, every one permitted; raises ``BlockedAddress``."""
        try:
            found = self.resolve(host.strip("[]"), port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not found:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        for text in found:
            ip = ipaddress.ip_address(text.split("%", 1)[0])
            if not self.permits(ip):
                raise BlockedAddress(f"{host} resolves to {ip}, a private, loopback or "
                                     "reserved address (fetch.allowed_networks)")
        return list(found)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses the policy permits."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: typing.Iterable | None = None) -> httpcore.NetworkStream:
        addresses = self.policy.checked_addresses(host, port)
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address,
                                           socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"cannot connect to {host}")


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: typing.Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> typing.Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        if hasattr(self._stream, "close"):
            self._stream.close()


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport over a connection pool that uses ``GuardedBackend``: TLS still
    checks the certificate against the host name; no proxy from the environment is used.
    httpcore's own errors pass through (the fetcher classifies them)."""

    def __init__(self, policy: AddressPolicy, max_connections: int = 10) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), max_connections=max_connections,
            keepalive_expiry=5.0, network_backend=GuardedBackend(policy))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host,
                             port=request.url.port, target=request.url.raw_path),
            headers=request.headers.raw, content=request.stream,
            extensions=request.extensions)
        answer = self._pool.handle_request(core)
        return httpx.Response(status_code=answer.status, headers=answer.headers,
                              stream=_Body(answer.stream), extensions=answer.extensions)

    def close(self) -> None:
        self._pool.close()
