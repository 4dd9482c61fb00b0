"""Reading http(s) URLs: a page (HTML, or text when served as text/plain), or an RSS/Atom feed or
XML sitemap (recognised by content, `corpus.feeds`) whose listed pages are read, with the
listing's title and date where a page has none. Every request goes through one polite
`corpus.fetch.Fetcher`; a listed page whose stamp is the one last ingested is not fetched
(`Unchanged`)."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping

from ..errors import ReadError, mb, printable
from ..feeds import MAX_LISTING_BYTES, ListedPage, NotAListing, gunzip, listing_kind, parse_listing
from ..fetch import Fetcher, Response
from ..records import ORIGIN_FILE, Article
from .common import host
from .html import looks_like_html, read_html_bytes
from .limits import MAX_SITEMAP_DEPTH, MAX_URL_BYTES
from .results import LISTED_KEY, ReadResult, Unchanged
from .text import read_text_bytes

_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_XML_TYPES = {"text/xml", "application/xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/gzip", "application/x-gzip"}  # feeds and sitemaps (recognised by content)


def _accept(content_type: str) -> str | None:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type and media_type not in _TEXT_TYPES | _HTML_TYPES | _XML_TYPES:
        return f"not an HTML or text page, feed or sitemap (Content-Type: {printable(content_type)[:100]})"
    return None


def _size_limit(content_type: str) -> int:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return MAX_LISTING_BYTES if media_type in _XML_TYPES else MAX_URL_BYTES


def read_url(url: str, timeout: float | None = None, fetcher: Fetcher | None = None,
             known: Mapping[str, str] | None = None, *, allow_private: bool = True,
             fetch_delay: float | None = None) -> Iterator[ReadResult]:
    """Fetch an http(s) URL and read it: an RSS/Atom feed or an XML sitemap (recognised by its
    content) gives the articles of the pages it lists; any other response is read as HTML (or
    plain text when served as text/plain).

    `timeout` (default `corpus.fetch.URL_TIMEOUT_S`) bounds connecting, every read, and the whole
    download of each request. `fetcher` (default: a new polite `Fetcher`, `fetch_delay` seconds
    between requests to one host, default `corpus.fetch.FETCH_DELAY_S`) spaces requests to one
    host and honours robots.txt. `known` maps listed page URLs to the listing's version of them
    (its updated / lastmod stamp) as last ingested: such pages are not fetched again while the
    listing shows the same stamp (an `Unchanged` is yielded instead). `allow_private=False` (for a
    new fetcher): connect only to public addresses, on every request and redirect
    (`corpus.urlguard`)."""
    fetcher = fetcher or Fetcher(timeout=timeout, delay=fetch_delay, allow_private=allow_private)
    response = fetcher.fetch(url, _size_limit, accept=_accept)
    if isinstance(response, ReadError):
        yield response
        return
    body = _unpacked(response)
    if isinstance(body, ReadError):
        yield body
        return
    if listing_kind(body):
        yield from _read_listing(url, response.final_url, body, fetcher, known or {}, depth=0)
        return
    yield from _read_page(url, response, body)


def _unpacked(response: Response) -> bytes | ReadError:
    try:
        body = gunzip(response.body)
    except (OSError, EOFError, ValueError) as exc:
        return ReadError(printable(response.url), f"cannot unpack gzip body: {printable(str(exc))[:200]}")
    if body is None:
        return ReadError(printable(response.url), f"unpacked response larger than {mb(MAX_LISTING_BYTES)}")
    return body


def _read_page(url: str, response: Response, raw: bytes, listed: ListedPage | None = None,
               listing_url: str | None = None) -> Iterator[ReadResult]:
    source = printable(url)
    if len(raw) > MAX_URL_BYTES:
        yield ReadError(source, f"response larger than {mb(MAX_URL_BYTES)}")
        return
    if not raw.strip():
        yield ReadError(source, "empty response")
        return
    final_url = response.final_url
    article_id = "url-" + hashlib.sha1(final_url.encode("utf-8", "backslashreplace")).hexdigest()[:16]
    as_text = response.media_type in _TEXT_TYPES or (not response.media_type and not looks_like_html(raw))
    if as_text:
        results = read_text_bytes(raw, source=source, article_id=article_id)
    else:
        results = read_html_bytes(raw, source=source, article_id=article_id, url=final_url,
                                  charset=response.charset, hints=listed)
    for result in results:
        if isinstance(result, Article):
            if as_text:
                result.url = final_url
                result.source = host(final_url)
                if listed is not None and listed.date and not result.date:
                    result.date = listed.date  # a text page's first line is its title; the date is the listing's
            result.metadata = {**result.metadata, ORIGIN_FILE: printable(final_url)}
            if listed is not None:
                result.metadata = {**result.metadata,
                                   LISTED_KEY: {"in": listing_url, "url": listed.url, "stamp": listed.stamp}}
        yield result


def _read_listing(url: str, final_url: str, raw: bytes, fetcher: Fetcher, known: Mapping[str, str],
                  depth: int) -> Iterator[ReadResult]:
    """The articles of the pages a feed or sitemap lists (child sitemaps of an index followed)."""
    source = printable(url)
    try:
        listing = parse_listing(raw, final_url)
    except NotAListing as exc:
        yield ReadError(source, str(exc))
        return
    for child in listing.sitemaps:
        if depth + 1 >= MAX_SITEMAP_DEPTH:
            yield ReadError(printable(child), "sitemap nested too deeply; not followed")
            continue
        response = fetcher.fetch(child, MAX_LISTING_BYTES, accept=_accept)
        body = response if isinstance(response, ReadError) else _unpacked(response)
        if isinstance(body, ReadError):
            yield body
            continue
        if listing_kind(body) != "sitemap":
            yield ReadError(printable(child), "listed in a sitemap index, but not a sitemap")
            continue
        yield from _read_listing(child, response.final_url, body, fetcher, known, depth + 1)  # type: ignore[union-attr]
    if not listing.pages and not listing.sitemaps:
        yield ReadError(source, f"the {'feed' if listing.kind in ('rss', 'atom') else 'sitemap'} lists no pages")
        return
    seen: set[str] = set()
    for page in listing.pages:
        if page.url in seen:
            continue
        seen.add(page.url)
        if not re.match(r"^https?://", page.url, re.IGNORECASE):
            yield ReadError(printable(page.url), "listed link is not an http(s) URL; skipped")
            continue
        if page.stamp and known.get(page.url) == page.stamp:
            yield Unchanged(printable(page.url))
            continue
        response = fetcher.fetch(page.url, MAX_URL_BYTES, accept=_accept)
        if isinstance(response, ReadError):
            yield response
            continue
        yield from _read_page(page.url, response, response.body, listed=page, listing_url=final_url)
