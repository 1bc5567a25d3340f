"""Whether phones can reach the join address, and this machine's addresses they could use."""

from __future__ import annotations

import contextlib
import ipaddress
import socket

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
ROUTE_PROBE = ("192.0.2.1", 9)  # TEST-NET-1: a UDP "connect" picks the outgoing address, sends nothing


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` (a name or an address) is this machine only: no phone can reach it."""
    if not host or host.lower() in LOOPBACK_NAMES:
        return True
    with contextlib.suppress(ValueError):
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    return False


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses that other machines may reach (the outgoing route's first),
    loopback and link-local left out."""
    found = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(ROUTE_PROBE)
        found.append(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        found += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    usable = []
    for address in found:
        ip = ipaddress.ip_address(address)
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified) and address not in usable:
            usable.append(address)
    return usable
