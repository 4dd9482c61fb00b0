"""Fetching http(s) URLs: one low-level GET (`http_get`) and a polite `Fetcher` over it.

Every request the product sends goes through `http_get` (pages, feeds, sitemaps, robots.txt):
a deadline for the whole download, a size limit, at most `MAX_REDIRECTS` redirects and only to
http(s), the body read in pieces so a trickling server cannot hold it past the deadline. Errors
are returned as `ReadError`s, never raised.

`Fetcher.fetch(url)` is the one entry point for "fetch a URL" in readers: it adds politeness on
top — robots.txt is read once per host and honoured (RFC 9309: a 4xx robots.txt allows
everything, a 5xx one forbids everything), and requests to one host are spaced by
`delay` seconds (default `FETCH_DELAY_S`, 1 s; a larger `Crawl-delay` in robots.txt wins, up to
`MAX_CRAWL_DELAY_S`). One `Fetcher` lives for one ingest. Nothing here reads the environment: the
caller passes the timeout and the delay (the assistant's settings: CIVIC_URL_TIMEOUT, CIVIC_FETCH_DELAY).
"""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import ReadError, mb, printable
from .urlguard import BlockedAddress, public_opener

USER_AGENT = "civic-assistant/0.1"
ROBOTS_AGENT = "civic-assistant"
URL_TIMEOUT_S = 15.0  # the whole fetch, unless the caller gives a timeout
FETCH_DELAY_S = 1.0  # between two requests to one host, unless the caller gives a delay
MAX_CRAWL_DELAY_S = 10.0
MAX_REDIRECTS = 10
MAX_ROBOTS_BYTES = 512 * 1024


class _Timeout(Exception):
    pass


@dataclass
class Response:
    """A fetched body with what the server said about it."""

    url: str  # as requested
    final_url: str  # after redirects
    content_type: str  # the Content-Type header as sent ("" when none)
    charset: str | None
    body: bytes

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows at most `MAX_REDIRECTS` redirects, and only to http(s) URLs."""

    max_redirections = MAX_REDIRECTS

    def __init__(self) -> None:
        super().__init__()
        self.last_url: str | None = None

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.last_url = newurl
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http(s) URL refused ({scheme}:)",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


SizeLimit = int | Callable[[str], int]


def http_get(
    url: str,
    timeout: float,
    max_bytes: SizeLimit,
    accept: Callable[[str], str | None] | None = None,
    allow_private: bool = True,
) -> Response | ReadError:
    """GET `url` within `timeout` seconds (connect, every read and the whole download).

    `accept(content_type)` may refuse a response before its body is read by returning the reason.
    A body longer than `max_bytes` (a number, or a function of the Content-Type) is an error.
    `allow_private=False`: connect directly (no proxy) and only to public addresses, checked after
    DNS resolution on the first request and on every redirect (`corpus.urlguard`)."""
    limit = max_bytes
    deadline = time.monotonic() + timeout
    source = printable(url)
    redirects = _RedirectHandler()
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        opener = urllib.request.build_opener(redirects) if allow_private else public_opener(redirects)
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "") or ""
            refusal = accept(content_type) if accept else None
            if refusal:
                return ReadError(source, refusal)
            limit = max_bytes(content_type) if callable(max_bytes) else max_bytes
            declared = response.headers.get("Content-Length")
            if declared and declared.strip().isdigit() and int(declared) > limit:
                return ReadError(source, f"response larger than {mb(limit)} ({mb(int(declared))})")
            charset = response.headers.get_content_charset()
            raw = _read_until(response, limit + 1, deadline)
            final_url = response.geturl()
    except _Timeout:
        return ReadError(source, f"timed out after {timeout:g} s")
    except urllib.error.HTTPError as exc:
        reason = str(exc.reason)
        if 300 <= exc.code < 400 and "infinite loop" in reason:
            return ReadError(source, f"too many redirects or a redirect loop (HTTP {exc.code})")
        if 300 <= exc.code < 400 and ("not allowed" in reason or "refused" in reason):
            return ReadError(source, "redirect to a non-http(s) URL refused: "
                                     f"{printable(str(exc.filename or exc.url or ''))[:200]}")
        return HTTPStatusError(source, f"HTTP error {exc.code}: {printable(reason)[:200]}", status=exc.code)
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, BlockedAddress):
            after = f" (redirected to {printable(redirects.last_url)[:200]})" if redirects.last_url else ""
            return ReadError(source, f"refused{after}: {printable(str(exc.reason))} — a server started with "
                                     "--allow-private-urls may fetch them")
        if isinstance(exc.reason, TimeoutError):
            return ReadError(source, f"timed out after {timeout:g} s")
        return ReadError(source, f"cannot fetch URL: {printable(str(exc.reason))[:200]}")
    except TimeoutError:
        return ReadError(source, f"timed out after {timeout:g} s")
    except Exception as exc:  # noqa: BLE001 - OSError, ValueError, http.client.HTTPException, OverflowError…
        reason = str(exc) or type(exc).__name__
        return ReadError(source, f"cannot fetch URL: {printable(reason)[:200]}")
    if len(raw) > limit:  # type: ignore[operator]
        return ReadError(source, f"response larger than {mb(limit)}")  # type: ignore[arg-type]
    return Response(url, final_url, content_type, charset, raw)


@dataclass
class HTTPStatusError(ReadError):
    """The server answered with an error status."""

    status: int = 0


def _read_until(response, limit: int, deadline: float) -> bytes:
    """At most `limit` bytes of the body, raising `_Timeout` once `deadline` has passed (a
    server trickling bytes would otherwise keep each single read within the socket timeout)."""
    pieces: list[bytes] = []
    total = 0
    while total < limit:
        if time.monotonic() > deadline:
            raise _Timeout()
        piece = response.read1(min(1 << 16, limit - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)


@dataclass
class _Host:
    robots: urllib.robotparser.RobotFileParser | None = None  # None: everything allowed
    refusal: ReadError | None = None  # robots.txt could not be read in a way that forbids fetching
    last_request: float = float("-inf")
    robots_read: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class Fetcher:
    """A polite client for one ingest: robots.txt honoured, a delay between requests to one host.
    `timeout` (default `URL_TIMEOUT_S`) bounds each request, `delay` (default `FETCH_DELAY_S`)
    spaces two requests to one host."""

    def __init__(self, timeout: float | None = None, delay: float | None = None,
                 robots: bool = True, allow_private: bool = True) -> None:
        self.timeout = URL_TIMEOUT_S if timeout is None else timeout
        self.allow_private = allow_private  # False: public addresses only (corpus.urlguard)
        self.delay = FETCH_DELAY_S if delay is None else delay
        self.robots = robots
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def fetch(self, url: str, max_bytes: SizeLimit,
              accept: Callable[[str], str | None] | None = None) -> Response | ReadError:
        """GET `url` politely (see the module docstring); errors as `ReadError`s."""
        key = _host_key(url)
        if key is None:  # not a URL with a host: let http_get say why
            return http_get(url, self.timeout, max_bytes, accept, self.allow_private)
        host = self._host(key)
        with host.lock:  # one request at a time per host, spaced by the delay
            if self.robots and not host.robots_read:
                self._read_robots(key, host)
            if host.refusal is not None:
                return ReadError(printable(url), host.refusal.message)
            if host.robots is not None and not host.robots.can_fetch(ROBOTS_AGENT, url):
                return ReadError(printable(url), "disallowed by the site's robots.txt; not fetched")
            self._wait(host)
            try:
                return http_get(url, self.timeout, max_bytes, accept, self.allow_private)
            finally:
                host.last_request = time.monotonic()

    def _host(self, key: str) -> _Host:
        with self._lock:
            return self._hosts.setdefault(key, _Host())

    def _delay_for(self, host: _Host) -> float:
        crawl = host.robots.crawl_delay(ROBOTS_AGENT) if host.robots is not None else None
        try:
            crawl_s = min(float(crawl), MAX_CRAWL_DELAY_S) if crawl is not None else 0.0
        except (TypeError, ValueError):
            crawl_s = 0.0
        return max(self.delay, crawl_s)

    def _wait(self, host: _Host) -> None:
        pause = host.last_request + self._delay_for(host) - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def _read_robots(self, key: str, host: _Host) -> None:
        host.robots_read = True
        robots_url = key + "/robots.txt"
        self._wait(host)
        try:
            result = http_get(robots_url, self.timeout, MAX_ROBOTS_BYTES, allow_private=self.allow_private)
        finally:
            host.last_request = time.monotonic()
        if isinstance(result, HTTPStatusError):
            if result.status >= 500:
                host.refusal = ReadError(robots_url, f"the site's robots.txt is unavailable (HTTP {result.status}); "
                                                     "not fetched")
            return  # 4xx: no robots.txt, everything allowed
        if isinstance(result, ReadError):
            if result.message.startswith(("cannot fetch", "timed out")):
                # The host did not answer: its pages would fail the same way.
                host.refusal = ReadError(robots_url, result.message)
            return  # an oversized or looping robots.txt: read as none
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(result.body.decode("utf-8", "replace").splitlines())
        host.robots = parser


def _host_key(url: str) -> str | None:
    """scheme://host[:port] of an http(s) URL, or None."""
    try:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        port = parts.port
    except ValueError:
        return None
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme.lower()}://{netloc}" + (f":{port}" if port else "")
