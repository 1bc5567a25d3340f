"""Whether phones can reach the join address (issue 40: the board showed 127.0.0.1 without a word)."""

from __future__ import annotations

import ipaddress

import pytest

from fashion_lab.room.network import is_loopback, lan_addresses


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        (None, True),
        ("10.0.0.5", False),
        ("192.168.1.20", False),
        ("fashion-lab.example.org", False),
    ],
)
def test_loopback_hosts_are_told_apart(host, loopback):
    assert is_loopback(host) is loopback


def test_this_machines_addresses_are_reachable_ones():
    addresses = lan_addresses()
    assert len(addresses) == len(set(addresses))
    for address in addresses:
        ip = ipaddress.ip_address(address)
        assert ip.version == 4 and not ip.is_loopback and not ip.is_link_local
