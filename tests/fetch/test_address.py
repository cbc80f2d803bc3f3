"""Which addresses may be fetched, and the pace per host."""

from __future__ import annotations

import ipaddress

import pytest

from storyline.errors import ConfigError
from storyline.ingest.address import AddressPolicy, BlockedAddress, is_public
from storyline.ingest.ratelimit import HostPacer


@pytest.mark.parametrize("address,public", [
    ("8.8.8.8", True), ("2606:4700:4700::1111", True), ("93.184.216.34", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.9", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False),
    ("224.0.0.1", False), ("240.0.0.1", False), ("255.255.255.255", False), ("::1", False),
    ("fe80::1", False), ("fc00::1", False), ("::", False), ("::ffff:127.0.0.1", False),
    ("::ffff:10.0.0.1", False), ("2002:7f00:1::", False), ("ff02::1", False),
])
def test_public_addresses(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def test_allowed_networks_open_only_what_they_hold():
    policy = AddressPolicy.from_networks(["127.0.0.0/8"], lambda host, port: [host])
    assert policy.checked_addresses("127.0.0.5", 80) == ["127.0.0.5"]
    with pytest.raises(BlockedAddress):
        policy.checked_addresses("10.0.0.1", 80)
    mixed = AddressPolicy.from_networks(["127.0.0.0/8"],
                                        lambda host, port: ["127.0.0.1", "192.168.0.2"])
    with pytest.raises(BlockedAddress):
        mixed.checked_addresses("news.test", 80)


def test_bad_network_setting_is_a_config_error():
    with pytest.raises(ConfigError):
        AddressPolicy.from_networks(["not-a-network"])


def test_host_pacer_spaces_requests_per_host():
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    pacer = HostPacer(1.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait("a")
    pacer.wait("b")
    now[0] += 0.25
    pacer.wait("a")
    pacer.set_host_delay("b", 3.0)
    pacer.wait("b")
    assert waits == [0.75, 2.0]
