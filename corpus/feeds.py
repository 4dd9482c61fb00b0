"""News feeds and sitemaps: recognise one by its content and list the pages it names.

- RSS 0.9x/1.0/2.0 and Atom are parsed by `feedparser`: each entry's link, title and date.
- XML sitemaps (`<urlset>`, and `<sitemapindex>` naming further sitemaps) are read with lxml's
  parser set never to resolve entities or touch the network (trafilatura's sitemap helper drops
  `<lastmod>`, which re-runs need to skip unchanged pages); Google News sitemap entries give
  a title and a publication date too. Gzipped sitemaps are unpacked up to a size limit.

A listing is recognised by its content, never by its name or Content-Type: an XML document whose
root element is `rss`, `rdf:RDF` or `feed` is a feed; `urlset` or `sitemapindex` a sitemap.
"""
from __future__ import annotations

import email.utils
import gzip
import io
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime

MAX_LISTED_PAGES = 50_000  # one sitemap file holds at most 50,000 URLs (sitemaps.org)
MAX_LISTING_BYTES = 50 * 1024 * 1024  # one sitemap may be 50 MB uncompressed
MAX_CHILD_SITEMAPS = 100
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"

_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?[^>]*\?>\s*)*<",
                        re.DOTALL | re.IGNORECASE)


@dataclass
class ListedPage:
    """One page a feed or sitemap lists: its URL and what the listing says about it."""

    url: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD: the publication date, else the last change
    stamp: str | None = None  # the listing's version of the page (updated / lastmod), for re-runs


@dataclass
class Listing:
    """What a feed or sitemap lists."""

    kind: str  # "rss", "atom", "sitemap" or "sitemapindex"
    pages: list[ListedPage] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # child sitemaps of a sitemap index
    title: str | None = None


class NotAListing(ValueError):
    """The XML document is neither a feed nor a sitemap."""


def gunzip(raw: bytes, limit: int = MAX_LISTING_BYTES) -> bytes | None:
    """The unpacked bytes of a gzip body (None when larger than `limit`); other bodies unchanged."""
    if not raw.startswith(b"\x1f\x8b"):
        return raw
    out = gzip.GzipFile(fileobj=io.BytesIO(raw)).read(limit + 1)
    return None if len(out) > limit else out


def listing_kind(raw: bytes) -> str | None:
    """"feed" or "sitemap" when `raw` is an XML feed or sitemap, else None (cheap: reads the root)."""
    if not _XML_START.match(raw[:4096]):
        return None
    root = _root_name(raw)
    if root in ("rss", "RDF", "feed"):
        return "feed"
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    return None


def parse_listing(raw: bytes, base_url: str) -> Listing:
    """The pages (and child sitemaps) listed by a feed or sitemap; raises `NotAListing`."""
    kind = listing_kind(raw)
    if kind == "feed":
        return _parse_feed(raw, base_url)
    if kind == "sitemap":
        return _parse_sitemap(raw, base_url)
    raise NotAListing("not an RSS/Atom feed or an XML sitemap")


def _root_name(raw: bytes) -> str | None:
    from lxml import etree

    try:
        for _event, element in etree.iterparse(io.BytesIO(raw), events=("start",), resolve_entities=False,
                                               no_network=True, load_dtd=False, huge_tree=False):
            return etree.QName(element).localname
    except etree.XMLSyntaxError:
        return None
    return None


def _parse_feed(raw: bytes, base_url: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(raw)  # bytes: parsed as a document, never fetched
    version = str(parsed.get("version") or "")
    listing = Listing("atom" if version.startswith("atom") else "rss",
                      title=(parsed.get("feed") or {}).get("title") or None)
    for entry in parsed.entries[:MAX_LISTED_PAGES]:
        link = entry.get("link") or _alternate_link(entry)
        if not link:
            continue
        published = _entry_date(entry, "published") or _entry_date(entry, "updated")
        stamp = entry.get("updated") or entry.get("published") or None
        listing.pages.append(ListedPage(_absolute(base_url, link), (entry.get("title") or "").strip() or None,
                                        published, stamp))
    return listing


def _alternate_link(entry) -> str | None:
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _entry_date(entry, key: str) -> str | None:
    """The entry's date as the feed wrote it (its own time zone: a Vietnamese paper's 01:30 +0700
    is that day, not the UTC day before), else feedparser's UTC reading."""
    text = entry.get(key)
    if text:
        found = _date_of(str(text))
        if found:
            return found
    parsed = entry.get(f"{key}_parsed")
    if parsed:
        try:
            return time.strftime("%Y-%m-%d", parsed)
        except (TypeError, ValueError):
            return None
    return None


def _date_of(text: str) -> str | None:
    text = text.strip()
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return Date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    return None


def _parse_sitemap(raw: bytes, base_url: str) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True,
                             huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise NotAListing(f"unreadable sitemap: {exc}") from exc
    if root is None:
        raise NotAListing("unreadable sitemap")
    name = etree.QName(root).localname
    listing = Listing(name)
    for item in root:
        if not isinstance(item.tag, str):
            continue  # comments, processing instructions
        fields = {etree.QName(child).localname: (child.text or "").strip()
                  for child in item.iter() if isinstance(child.tag, str) and child is not item}
        loc = fields.get("loc")
        if not loc or not loc.lower().startswith(("http://", "https://")):
            continue
        url = _absolute(base_url, loc)
        if name == "sitemapindex":
            if len(listing.sitemaps) < MAX_CHILD_SITEMAPS:
                listing.sitemaps.append(url)
            continue
        lastmod = fields.get("lastmod") or None  # when the page last changed: a stamp, not its date
        published = fields.get("publication_date") or None  # Google News sitemaps
        listing.pages.append(ListedPage(url, fields.get("title") or None, _date_of(published) if published else None,
                                        lastmod or published))
        if len(listing.pages) >= MAX_LISTED_PAGES:
            break
    return listing


def _absolute(base_url: str, link: str) -> str:
    return urllib.parse.urljoin(base_url, link.strip())
