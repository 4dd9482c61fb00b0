"""Fetching only public addresses: the guard against server-side request forgery (SSRF).

A web UI that fetches URLs for its users must not become their way into the machine or its
network: `http://127.0.0.1:…`, `http://[::1]/`, `http://169.254.169.254/` (cloud metadata), a host
name that resolves to `10.0.0.5`, or a public page that redirects to any of these. With
`public_opener()` every connection — the first and the one after each redirect — resolves the host,
refuses it when any address it resolves to is not a public unicast address, and then connects to
the address it checked (so a second DNS answer cannot swap in another one). No proxy is used, so
the address checked is the address connected to.

Refused: loopback, private (RFC 1918, unique local), link-local (which holds the metadata address
169.254.169.254), shared (100.64.0.0/10, Alibaba's metadata 100.100.100.200), unspecified (0.0.0.0,
::), multicast, broadcast, reserved and documentation ranges — everything that is not globally
routable — also when written inside an IPv6 address (::ffff:127.0.0.1, 64:ff9b::7f00:1, 2002:7f00:1::).
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.request

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddress(OSError):
    """A connection refused because the host resolves to an address that is not public."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        shown_host = host if host == address else f"{host} ({address})"
        super().__init__(f"{shown_host} is not a public address ({kind}); only public addresses are fetched here")
        self.host, self.address, self.kind = host, address, kind


def address_kind(address: IPAddress) -> str | None:
    """Why `address` may not be fetched ("loopback", "private", …), or None when it is public."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return address_kind(embedded)
    for kind, test in (("loopback", address.is_loopback), ("unspecified", address.is_unspecified),
                       ("link-local (cloud metadata)", address.is_link_local), ("multicast", address.is_multicast),
                       ("private", address.is_private), ("reserved", address.is_reserved)):
        if test:
            return kind
    return None if address.is_global else "non-public"


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def public_addresses(host: str, port: int) -> list[tuple]:
    """`getaddrinfo` results for (host, port) over TCP; BlockedAddress when any is not public."""
    infos = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    for _family, _type, _proto, _name, sockaddr in infos:
        text = str(sockaddr[0]).split("%", 1)[0]  # an IPv6 zone (fe80::1%eth0)
        kind = address_kind(ipaddress.ip_address(text))
        if kind:
            raise BlockedAddress(host, text, kind)
    return infos


def connect_public(address: tuple[str, int], timeout: object = socket._GLOBAL_DEFAULT_TIMEOUT,
                   source_address: tuple[str, int] | None = None) -> socket.socket:
    """`socket.create_connection`, connecting only to the public addresses it checked."""
    host, port = address
    error: OSError | None = None
    for family, type_, proto, _name, sockaddr in public_addresses(host, port):
        sock = None
        try:
            sock = socket.socket(family, type_, proto)
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)  # type: ignore[arg-type]
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            if sock is not None:
                sock.close()
    raise error or OSError(f"cannot connect to {host}")


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = connect_public


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = connect_public


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=self._context,
                            check_hostname=self._check_hostname)


def public_opener(*handlers: urllib.request.BaseHandler) -> urllib.request.OpenerDirector:
    """A urllib opener (with `handlers`, e.g. a redirect policy) that connects directly — no proxy —
    and only to public addresses, on the first request and on every redirect."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _PublicHTTPHandler, _PublicHTTPSHandler,
                                       *handlers)
