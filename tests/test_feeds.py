"""News feeds and sitemaps (issue [3/5] part 1): recognised by content, their pages ingested,
re-runs fetch only new or changed pages, the listing's title and date used where the page has
none, per-URL errors listed, and a polite fetcher (robots.txt, a delay between requests to one host).

The fixtures in tests/data/feeds (an RSS feed, an Atom feed, a sitemap index, a news sitemap, two
article pages, a page robots.txt forbids) were written for these tests: the places, people and
events in them are fictional. They are served from 127.0.0.1 by `feed_server`, which records every
request.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from http_fixtures import FixtureServer, QuietHandler

from corpus.feeds import listing_kind, parse_listing
from corpus.fetch import Fetcher
from corpus.readers import Article, ReadError, Unchanged, read_inputs

FIXTURES = Path(__file__).parent / "data" / "feeds"
TYPES = {".xml": "application/xml", ".html": "text/html; charset=utf-8", ".txt": "text/plain"}


class FeedServer(FixtureServer):
    """Serves tests/data/feeds with {BASE} replaced by the server's address; `pages` overrides a
    path's body; `hits` lists the paths requested, in order, with the time of each."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.hits: list[tuple[str, float]] = []
        server = self

        class Handler(QuietHandler):
            def do_GET(self):  # noqa: N802
                server.hits.append((self.path, time.monotonic()))
                found = server.body(self.path)
                if found is None:
                    self.start_response(404, length=0)
                    return
                content_type, body = found
                self.reply(200, body, content_type)

        super().__init__(Handler)
        self.base = self.url

    def body(self, path: str) -> tuple[str, bytes] | None:
        path = path.split("?", 1)[0]
        if path in self.pages:
            return self.pages[path]
        file = (FIXTURES / path.lstrip("/")).resolve()
        if FIXTURES.resolve() not in file.parents or not file.is_file():
            return None
        text = file.read_text(encoding="utf-8").replace("{BASE}", self.base)
        return TYPES.get(file.suffix, "application/octet-stream"), text.encode("utf-8")

    def paths(self) -> list[str]:
        return [p for p, _ in self.hits]


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.close()


def _read(*inputs, known=None, delay=0.0):
    results = list(read_inputs(list(inputs), fetcher=Fetcher(timeout=5, delay=delay), known=known))
    return ([r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, ReadError)],
            [r for r in results if isinstance(r, Unchanged)])


def test_listings_are_recognised_by_content_not_by_name():
    rss = (FIXTURES / "feed.xml").read_bytes()
    atom = (FIXTURES / "atom.xml").read_bytes()
    sitemap = (FIXTURES / "sitemap-news.xml").read_bytes()
    assert [listing_kind(x) for x in (rss, atom, sitemap)] == ["feed", "feed", "sitemap"]
    assert listing_kind((FIXTURES / "bai-1.html").read_bytes()) is None
    assert listing_kind(b"<?xml version='1.0'?><note>kh\xc3\xb4ng ph\xe1\xba\xa3i feed</note>") is None
    listing = parse_listing(rss.replace(b"{BASE}", b"http://x.test"), "http://x.test/feed.xml")
    assert listing.kind == "rss"
    assert [(p.url, p.date) for p in listing.pages] == [("http://x.test/bai-1.html", "2031-03-17"),
                                                        ("http://x.test/bai-2.html", "2031-03-20")]
    # 01:30 +0700 on the 20th is the 20th where the paper is, though the 19th in UTC
    assert listing.pages[1].title == "Xã Phú Thịnh phát động thi đua sản xuất, kinh doanh giỏi"


def test_an_rss_feed_gives_its_pages_with_the_feeds_title_and_date_where_the_page_has_none(feed_server):
    served = feed_server.base + "/tin-moi"  # no .xml in the name: recognised by content
    feed_server.pages["/tin-moi"] = ("text/html", feed_server.body("/feed.xml")[1])  # and a wrong type
    articles, errors, _ = _read(served)
    assert not errors, [str(e) for e in errors]
    by_url = {a.url: a for a in articles}
    one, two = by_url[feed_server.base + "/bai-1.html"], by_url[feed_server.base + "/bai-2.html"]
    assert one.title == "Huyện Tân Lạc ký kết giao ước thi đua năm 2031"  # the page's own
    assert one.date == "2031-03-17"
    assert two.title == "Xã Phú Thịnh phát động thi đua sản xuất, kinh doanh giỏi"  # the page has none
    assert two.date == "2031-03-20"  # the page has none: the feed's, in the feed's time zone
    assert "Hội Nông dân xã Phú Thịnh" in two.text
    assert two.metadata["listed"] == {"in": served, "url": feed_server.base + "/bai-2.html",
                                      "stamp": "Thu, 20 Mar 2031 01:30:00 +0700"}


def test_atom_feed_errors_per_url_and_robots_txt_honoured(feed_server):
    articles, errors, _ = _read(feed_server.base + "/atom.xml")
    assert [a.url for a in articles] == [feed_server.base + "/bai-2.html"]
    messages = {e.source.rsplit("/", 1)[1]: e.message for e in errors}
    assert set(messages) == {"bai-3.html", "khong-con.html"}
    assert "robots.txt" in messages["bai-3.html"]
    assert "404" in messages["khong-con.html"]
    assert "/noi-bo/bai-3.html" not in feed_server.paths()  # never requested
    assert feed_server.paths().count("/robots.txt") == 1  # read once per host


def test_a_sitemap_index_is_followed_and_a_news_sitemap_gives_title_and_date(feed_server):
    articles, errors, _ = _read(feed_server.base + "/sitemap-index.xml")
    assert not errors, [str(e) for e in errors]
    by_url = {a.url.rsplit("/", 1)[1]: a for a in articles}
    assert set(by_url) == {"bai-1.html", "bai-2.html"}
    assert by_url["bai-2.html"].title == "Xã Phú Thịnh phát động thi đua sản xuất, kinh doanh giỏi"
    assert by_url["bai-2.html"].date == "2031-03-20"
    assert by_url["bai-2.html"].metadata["listed"]["stamp"] == "2031-03-20T01:30:00+07:00"


def test_pages_with_the_stamp_last_ingested_are_not_fetched_again(feed_server):
    feed = feed_server.base + "/feed.xml"
    known = {feed_server.base + "/bai-1.html": "Mon, 17 Mar 2031 09:00:00 +0700",
             feed_server.base + "/bai-2.html": "an older stamp"}
    articles, errors, unchanged = _read(feed, known=known)
    assert [a.url for a in articles] == [feed_server.base + "/bai-2.html"] and not errors
    assert [u.source for u in unchanged] == [feed_server.base + "/bai-1.html"]
    assert "/bai-1.html" not in feed_server.paths()


def test_requests_to_one_host_are_spaced_by_the_delay(feed_server):
    _read(feed_server.base + "/feed.xml", delay=0.4)
    times = [t for _, t in feed_server.hits]
    assert feed_server.paths() == ["/robots.txt", "/feed.xml", "/bai-1.html", "/bai-2.html"]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.35, gaps


def test_a_crawl_delay_in_robots_txt_is_honoured(feed_server):
    # whole seconds: urllib.robotparser reads no fractions
    feed_server.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nCrawl-delay: 1\n")
    _read(feed_server.base + "/bai-1.html", feed_server.base + "/bai-2.html", delay=0.0)
    times = [t for p, t in feed_server.hits if p.startswith("/bai")]
    assert times[1] - times[0] >= 0.95


def _civic(*args: str) -> tuple[int, dict]:
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", *args, "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.returncode, json.loads(proc.stdout)


def test_civic_ingest_of_a_feed_then_again_adds_nothing(feed_server, tmp_path):
    index = tmp_path / "index"
    feed = feed_server.base + "/feed.xml"
    code, first = _civic("ingest", feed, "--index", str(index))
    assert code == 0, first["errors"]
    assert (first["articles_added"], first["articles"]) == (2, 2)
    feed_server.hits.clear()
    code, again = _civic("ingest", feed, "--index", str(index))
    assert code == 0 and again["articles_added"] == 0 and again["articles_updated"] == 0
    assert again["articles_unchanged"] == 2 and again["articles"] == 2
    assert [p for p in feed_server.paths() if p.startswith("/bai")] == []  # stamps unchanged: not fetched


def test_a_changed_page_is_updated_and_a_new_one_added(feed_server, tmp_path):
    from assistant import Assistant

    assistant = Assistant(tmp_path / "index")
    feed = feed_server.base + "/feed.xml"
    assert assistant.ingest([feed]).articles_added == 2
    rss = feed_server.body("/feed.xml")[1].decode("utf-8")
    page = feed_server.body("/bai-2.html")[1].decode("utf-8")
    feed_server.pages["/bai-2.html"] = ("text/html", page.replace("hơn 200 hội viên", "hơn 250 hội viên").encode())
    extra = (f"<item><title>Tin mới: Phú Thịnh trao thưởng</title><link>{feed_server.base}/bai-4.html</link>"
             "<pubDate>Sat, 22 Mar 2031 10:00:00 +0700</pubDate></item>")
    rss = rss.replace("Thu, 20 Mar 2031 01:30:00 +0700", "Fri, 21 Mar 2031 08:00:00 +0700")
    feed_server.pages["/feed.xml"] = ("application/rss+xml", rss.replace("</channel>", extra + "</channel>").encode())
    feed_server.pages["/bai-4.html"] = ("text/html", page.replace("Chiều 20/3/2031", "Sáng 22/3/2031").replace(
        "lễ phát động phong trào thi đua", "lễ trao thưởng phong trào thi đua").encode())
    feed_server.hits.clear()
    stats = assistant.ingest([feed])
    assert (stats.articles_added, stats.articles_updated, stats.articles_unchanged) == (1, 1, 1), stats.to_dict()
    assert "/bai-1.html" not in feed_server.paths()
    assert assistant.stats()["articles"] == 3
    assert any("250 hội viên" in h.text for h in assistant.retrieve("Hội Nông dân xã Phú Thịnh hội viên", k=3))


def test_the_upload_tab_lists_a_feeds_page_errors_under_the_feed(feed_server, tmp_path):
    """The UI's "Nạp dữ liệu" takes a feed URL like a page: one row for the feed, its pages'
    errors in that row's note, the rest ingested."""
    from assistant import Assistant
    from assistant.app import _upload_inputs, ingest_rows

    feed = feed_server.base + "/atom.xml"
    inputs, names, rejected = _upload_inputs(None, feed + "\n")
    assert inputs == [feed] and not rejected
    stats = Assistant(tmp_path / "index").ingest(inputs)
    [row] = ingest_rows(stats, inputs, names)
    assert row[:5] == [feed, 1, 0, 0, 2]
    assert "robots.txt" in row[5] and "404" in row[5]


def test_listing_stamps_survive_metadata_sqlite_cannot_parse(tmp_path):
    """An article whose metadata holds NaN (allowed in a JSON Lines record, refused by SQLite's JSON
    reader) must not break reading the stamps of listed pages (it broke every later ingest)."""
    from corpus.records import Article
    from index.catalog import Catalog

    catalog = Catalog(tmp_path / "catalog.sqlite")
    catalog.replace_article(Article("a", "Tiêu đề", "Nội dung.", metadata={"score": float("nan")}), "h1", [], [])
    catalog.replace_article(Article("b", "Tiêu đề", "Nội dung.", metadata={
        "listed": {"in": "http://x.test/feed.xml", "url": "http://x.test/b.html", "stamp": "2031-03-20"}}), "h2", [], [])
    assert catalog.listed_stamps() == {"http://x.test/b.html": "2031-03-20"}
