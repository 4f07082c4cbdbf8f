"""Where the room listens: the laptop's address on the local network, and the room key.

The server binds to that one address, never to all interfaces (``0.0.0.0``), so the room is
not offered on a VPN or any other network the laptop is on. The address is found the usual
way: a UDP socket is "connected" towards an address in the documentation range (192.0.2.0/24,
which nobody uses); connecting a UDP socket only asks the routing table which interface would
be used and sends nothing. A laptop with no route at all (its own hotspot with no uplink, say)
has no such interface: then the caller names the address (``host=``).

The room key goes into the join address, ``http://ADDRESS:PORT/KEY/``; every request without
it is refused. Eight characters of 31 letters and digits (almost 40 bits) with no look-alikes
(no 0/o, 1/l/i), so it can be typed from the sheet; guessing it over the network would take
hundreds of billions of requests, far more than a workshop lasts.
"""

from __future__ import annotations

import ipaddress
import secrets
import socket

from dialogi.errors import UsageError

KEY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # 31 letters and digits; no 0 o 1 l i
KEY_LENGTH = 8
PROBE = "192.0.2.1"  # TEST-NET-1: routed like any address, owned by nobody; nothing is sent


def room_key() -> str:
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))


def lan_address() -> str:
    """The IPv4 address of the interface the laptop would use for the local network.

    Raises :class:`~dialogi.errors.UsageError` (``room.no_network``) when there is none.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect((PROBE, 9))  # UDP: chooses a route, sends no packet
        address = probe.getsockname()[0]
    except OSError:
        address = ""
    finally:
        probe.close()
    if not address or ipaddress.ip_address(address).is_loopback or ipaddress.ip_address(address).is_unspecified:
        raise UsageError("room.no_network")
    return address


def check_host(host: str) -> str:
    """An address given by the caller: an IP address of this machine's, never "all interfaces"."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        raise UsageError("room.bad_address", address=host) from None
    if ip.is_unspecified:
        raise UsageError("room.bad_address", address=host)
    return str(ip)


def url(host: str, port: int, key: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/{key}/"
