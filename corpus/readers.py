"""Reading articles from JSON Lines, text/Markdown, HTML files, http(s) URLs and directories.

Every reader yields `Article`s and `ReadError`s: one bad line or file never stops the rest, and no
input, however broken or hostile, makes a reader raise. Text is NFC-normalised on read,
boilerplate lines and a repeated title are removed, and nothing else is changed.

Limits (each breach is a `ReadError` naming the file, and the line for JSON Lines):
- JSON Lines files are streamed line by line, so they may be of any size; one line may hold at
  most `MAX_LINE_BYTES` (a longer line is skipped without being held in memory).
- Any other file holds one article and may be at most `MAX_FILE_BYTES`; a URL response at most
  `MAX_URL_BYTES`, fetched within `URL_TIMEOUT_S` seconds (env `CIVIC_URL_TIMEOUT`).
- An article's text may be at most `MAX_ARTICLE_CHARS` characters.

URLs are fetched through one polite `corpus.fetch.Fetcher` per ingest (robots.txt, a delay between
requests to one host). A URL whose content is an RSS/Atom feed or an XML sitemap
(`corpus.feeds`) gives the articles of the pages it lists, with the listing's title and date where
a page has none; a listed page whose stamp is the one last ingested is not fetched (`Unchanged`).

Encodings: UTF-8 (with or without BOM; a character cut off at the very end of a truncated file is
dropped), UTF-16/UTF-32 with a BOM, UTF-16 without BOM, a charset declared by the page or the
server, and Windows-1258 (Vietnamese). Other legacy Vietnamese font encodings (TCVN3/ABC, VNI) are
refused with a clear error rather than stored as mojibake. JSON Lines must be UTF-8 (or UTF-16
with a BOM).
"""
from __future__ import annotations

import codecs
import hashlib
import html.parser
import io
import json
import os
import re
import stat
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Union

from .cleaning import NO_CONTENT, clean_body, has_content
from .dates import article_date
from .errors import ReadError, mb as _mb, printable as _printable, shown
from .feeds import MAX_LISTING_BYTES, ListedPage, NotAListing, gunzip, listing_kind, parse_listing
from .fetch import Fetcher, Response
from .normalize import nfc
from .records import ORIGIN_FILE, ORIGIN_LINE, Article

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
READABLE_SUFFIXES = JSONL_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES
MAX_FILE_BYTES = 8 * 1024 * 1024  # a file holding one article (.txt, .md, .html, …): parsing HTML takes ~30x its size in memory
MAX_LINE_BYTES = 16 * 1024 * 1024  # one JSON Lines record (JSON-escaped text can be 6 bytes a character)
MAX_ARTICLE_CHARS = 2_000_000  # about 600 printed pages; longer is not one news article
MAX_URL_BYTES = MAX_FILE_BYTES
URL_TIMEOUT_S = 15.0  # the whole fetch; overridden by env CIVIC_URL_TIMEOUT
MAX_LEADING_BAD_LINES = 50  # a "JSON Lines" file whose first 50 records are all bad is not one
MAX_HTML_DEPTH = 200  # wrapper elements nested deeper are dropped (the parser stops at 255 levels)
_FIELD_LIMITS = {"id": 256, "title": 1000, "source": 300, "url": 4096}
_TITLE_LINE_LIMIT = 1000  # a longer first line of a text file is a paragraph, not a title


@dataclass
class Unchanged:
    """A page a feed or sitemap lists with the same version stamp as when it was last ingested:
    not fetched again."""

    source: str


ReadResult = Union[Article, ReadError, Unchanged]
# Article.metadata key of a page read from a feed or sitemap: {"in": listing URL, "url": the listed
# URL, "stamp": the listing's version of it}. Not part of the article's content (see index/prepare.py).
LISTED_KEY = "listed"


def read_inputs(inputs: Iterable[str | os.PathLike[str]], fetcher: Fetcher | None = None,
                known: Mapping[str, str] | None = None, *, allow_private_urls: bool = True) -> Iterator[ReadResult]:
    """Articles and errors from every path, directory (recursive) or URL given (URLs through
    `fetcher`, one polite `Fetcher` for all of them by default; `known`: see `read_url`). With
    `allow_private_urls=False` (the web UI) URLs are fetched only from public addresses
    (`corpus.urlguard`)."""
    for item in inputs:
        text = os.fspath(item) if isinstance(item, (os.PathLike, bytes)) else str(item)
        if isinstance(text, bytes):
            text = os.fsdecode(text)
        if re.match(r"^https?://", text, re.IGNORECASE):
            if fetcher is None:
                fetcher = Fetcher(timeout=url_timeout(), allow_private=allow_private_urls)
            yield from read_url(text, fetcher=fetcher, known=known)
            continue
        name = _name(text)
        if not text.strip():
            yield ReadError(name or "''", "empty path")
            continue
        try:
            info = os.stat(text)
        except FileNotFoundError:
            reason = "broken symbolic link" if os.path.islink(text) else "no such file, directory or URL"
            yield ReadError(name, reason)
            continue
        except (OSError, ValueError) as exc:
            yield ReadError(name, f"cannot read: {_os_reason(exc)}")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from read_directory(Path(text))
        else:
            yield from read_file(Path(text))


def read_directory(root: Path) -> Iterator[ReadResult]:
    """Every readable file below `root`, in sorted order; hidden files and folders are skipped,
    symbolic links to folders are not followed, and unreadable folders are reported."""
    problems: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=problems.append):
        yield from _walk_errors(problems)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or path.suffix.lower() not in READABLE_SUFFIXES:
                continue
            yield from read_file(path)
    yield from _walk_errors(problems)


def _walk_errors(problems: list[OSError]) -> Iterator[ReadError]:
    while problems:
        exc = problems.pop(0)
        yield ReadError(_name(exc.filename or "?"), f"cannot read folder: {_os_reason(exc)}")


def read_file(path: Path) -> Iterator[ReadResult]:
    """Articles from one file, by its suffix (unknown suffixes: HTML when it looks like HTML, else text)."""
    source = _name(path)
    suffix = path.suffix.lower()
    try:
        try:
            info = path.stat()
        except FileNotFoundError:
            yield ReadError(source, "broken symbolic link" if path.is_symlink() else "no such file")
            return
        if not stat.S_ISREG(info.st_mode):
            yield ReadError(source, "not a regular file")
            return
        if info.st_size == 0:
            yield ReadError(source, "empty file")
            return
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
            return
        if info.st_size > MAX_FILE_BYTES:
            yield ReadError(source, f"file too large ({_mb(info.st_size)}; limit {_mb(MAX_FILE_BYTES)} for one "
                                    "article — use JSON Lines, which has no size limit, for many)")
            return
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:
        yield ReadError(source, f"cannot read file: {_os_reason(exc)}")
        return
    if len(raw) > MAX_FILE_BYTES:  # grew while being read
        yield ReadError(source, f"file too large (limit {_mb(MAX_FILE_BYTES)})")
        return
    article_id = article_id_text(_name(path.stem))  # NFC: file names from macOS are NFD
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(raw)):
        results = read_html_bytes(raw, source=source, article_id=article_id)
    else:
        results = read_text_bytes(raw, source=source, article_id=article_id)
    for result in results:
        if isinstance(result, Article):  # the file an id came from: two files never share one silently
            result.metadata = {**result.metadata, ORIGIN_FILE: _name(path.resolve())}
        yield result


# --- JSON Lines ----------------------------------------------------------------------------------
class _LineTooLong:
    def __init__(self, size: int) -> None:
        self.size = size


def read_jsonl(path: Path) -> Iterator[ReadResult]:
    """One article per JSON line: `text` required; `id`, `title`, `date`, `source`, `url` optional.

    Streamed: memory use does not grow with the file, and a line longer than `MAX_LINE_BYTES`
    is skipped without being held. When the first `MAX_LEADING_BAD_LINES` records are all bad
    the file is abandoned with one more error (it is not JSON Lines)."""
    source = _name(path)
    good = bad = 0
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
            handle.seek(0)
            if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
                yield ReadError(source, "JSON Lines must be UTF-8; this file is UTF-32 — convert it to UTF-8")
                return
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                lines: Iterator[tuple[int, object]] = _utf16_lines(handle)
            elif b"\x00" in head and not head.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"{"):
                yield ReadError(source, "binary file (contains NUL bytes), not UTF-8 JSON Lines")
                return
            else:
                lines = _utf8_lines(handle)
            origin = _name(path.resolve())
            for number, line in lines:
                result = _jsonl_record(line, source, number)
                if result is None:
                    continue
                if isinstance(result, Article):  # where it was read: never a field of the record
                    result.metadata = {**result.metadata, ORIGIN_FILE: origin, ORIGIN_LINE: number}
                    good += 1
                else:
                    bad += 1
                yield result
                if not good and bad >= MAX_LEADING_BAD_LINES:
                    yield ReadError(source, f"stopped reading: the first {bad} records are all bad — "
                                            "is this really a JSON Lines file?", number)
                    return
        if not good and not bad:
            yield ReadError(source, "no records (only blank lines)")
    except (OSError, ValueError) as exc:
        yield ReadError(source, f"cannot read file: {_os_reason(exc)}")


def _utf8_lines(handle) -> Iterator[tuple[int, object]]:
    number = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            size = len(raw)
            del raw
            while True:  # skip the rest of the line, one MB at a time
                piece = handle.readline(1 << 20)
                size += len(piece)
                if not piece or piece.endswith(b"\n"):
                    break
            yield number, _LineTooLong(size)
            continue
        if not raw.strip():
            continue
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield number, UnicodeError(f"not UTF-8 (invalid byte at column {exc.start + 1}); "
                                       "JSON Lines must be UTF-8")


def _utf16_lines(handle) -> Iterator[tuple[int, object]]:
    stream = io.TextIOWrapper(handle, encoding="utf-16", errors="strict", newline=None)
    number = 0
    limit = MAX_LINE_BYTES // 2
    try:
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith("\n"):
                size = len(line)
                while True:
                    piece = stream.readline(1 << 20)
                    size += len(piece)
                    if not piece or piece.endswith("\n"):
                        break
                yield number, _LineTooLong(size * 2)
                continue
            if line.strip():
                yield number, line
    except UnicodeDecodeError:
        yield number + 1, UnicodeError("invalid UTF-16 text; the rest of the file is skipped")
    finally:
        stream.detach()


def _jsonl_record(line: object, source: str, number: int) -> ReadResult | None:
    if isinstance(line, _LineTooLong):
        return ReadError(source, f"line too long ({_mb(line.size)}; limit {_mb(MAX_LINE_BYTES)}), skipped", number)
    if isinstance(line, UnicodeError):
        return ReadError(source, str(line), number)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(source, f"invalid JSON: {exc.msg} (column {exc.colno})", number)
    except RecursionError:
        return ReadError(source, "invalid JSON: nested too deeply", number)
    except ValueError as exc:  # e.g. an integer with more than 4300 digits
        return ReadError(source, f"invalid JSON: {exc}", number)
    return article_from_record(record, source=source, line=number)


def article_from_record(record: object, source: str, line: int | None = None) -> ReadResult:
    """An `Article` from one JSON object, or a `ReadError` naming the offending field."""
    if not isinstance(record, dict):
        return ReadError(source, f"expected a JSON object, got {type(record).__name__}", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        what = "missing" if text is None else ("empty" if isinstance(text, str) else "not a string")
        return ReadError(source, f"field 'text' is {what}", line)
    if len(text) > MAX_ARTICLE_CHARS:
        return ReadError(source, _too_long(len(text), "field 'text'"), line)
    for name in ("title", "date", "source", "url"):
        if record.get(name) is not None and not isinstance(record[name], str):
            return ReadError(source, f"field '{name}' must be a string", line)
    raw_id = record.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int))):
        return ReadError(source, "field 'id' must be a string or an integer", line)
    for name, limit in _FIELD_LIMITS.items():
        value = str(record.get(name)) if name == "id" and isinstance(raw_id, int) else record.get(name)
        if isinstance(value, str) and len(value) > limit:  # an integer id is checked as the text it becomes
            return ReadError(source, f"field '{name}' is too long ({len(value)} characters; limit {limit})", line)
    for name, value in record.items():
        if not _encodable(name) or not _encodable(value):
            return ReadError(source, f"field '{_printable(name)}' holds an invalid Unicode escape "
                                     "(a lone surrogate such as \\ud800)", line)
    date_value = record.get("date")
    if date_value:
        date_value = article_date(date_value)
        if date_value is None:
            return ReadError(source, f"field 'date' is not an ISO date (YYYY-MM-DD): {shown(record['date'])}", line)
    title = nfc(str(record.get("title") or "")).strip()
    body = clean_body(nfc(text), title or None)
    if not body:
        return ReadError(source, "field 'text' has no content after cleaning", line)
    if not has_content(body):
        return ReadError(source, f"field 'text' {NO_CONTENT}", line)
    article_id = article_id_text(raw_id) if raw_id not in (None, "") else _content_id(body)
    if not article_id:
        return ReadError(source, "field 'id' is blank", line)
    extra = _record_fields({k: v for k, v in record.items() if k not in {"id", "title", "text", "date", "source", "url"}})
    return Article(
        id=article_id,
        title=title or _title_from_body(body),
        text=body,
        date=date_value or None,
        source=nfc(str(record["source"])) if record.get("source") else None,
        url=str(record["url"]) if record.get("url") else None,
        metadata=_jsonable(extra),
    )


# --- text and HTML -------------------------------------------------------------------------------
def read_text_bytes(raw: bytes, source: str, article_id: str) -> Iterator[ReadResult]:
    """A `.txt`/`.md` article: the first non-empty line is the title, the rest the body (a first
    line longer than 1,000 characters is a paragraph: the title is then taken from it)."""
    text = _decode(raw, source)
    if isinstance(text, ReadError):
        yield text
        return
    if len(text) > MAX_ARTICLE_CHARS:
        yield ReadError(source, _too_long(len(text), "article text"))
        return
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))  # Windows and old Mac line ends
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        yield ReadError(source, "file has no text (only whitespace)")
        return
    if not has_content(text):
        yield ReadError(source, f"file {NO_CONTENT}")
        return
    if len(lines[0].strip()) > _TITLE_LINE_LIMIT:
        body = clean_body("\n".join(lines))
        title = _title_from_body(body) if body else ""
    else:
        title = lines[0].strip().lstrip("#").strip()
        body = clean_body("\n".join(lines[1:]), title)
    if not body or not has_content(body):
        yield ReadError(source, "file has a title line but no body" + (f" (the rest {NO_CONTENT})" if body else ""))
        return
    yield Article(id=article_id, title=title or _title_from_body(body), text=body)


def read_html_bytes(
    raw: bytes, source: str, article_id: str, url: str | None = None, charset: str | None = None,
    hints: ListedPage | None = None,
) -> Iterator[ReadResult]:
    """The main text, title and date of an HTML page (trafilatura). Scripts, styles, frames and
    event handlers never reach the text; pages nested deeper than the HTML parser allows are
    flattened first. `hints`: what a feed or sitemap said of the page, for the title and date
    when the page has none."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    html = _decode(raw, source, html=True, declared=charset)
    if isinstance(html, ReadError):
        yield html
        return
    # libxml2's HTML parser does not know these HTML5 empty elements and nests the rest of the
    # page inside them; trafilatura then drops an <embed> with the whole article in it.
    html = _HTML5_VOID.sub(r"<\1\2></\1>", html)
    html = _TEMPLATE.sub("", html)  # inert markup, never shown by a browser
    too_deep = _exceeds_parser_depth(html)
    if too_deep:
        html = _flatten_deep_html(html)
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        yield ReadError(source, f"cannot parse HTML: {_printable(str(exc))[:200]}")
        return
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        yield ReadError(source, "no article text found in HTML" + (" (elements nested too deeply)" if too_deep else ""))
        return
    if len(text) > MAX_ARTICLE_CHARS:
        yield ReadError(source, _too_long(len(text), "article text"))
        return
    title = nfc((getattr(document, "title", None) or "").strip())
    if len(title) > _FIELD_LIMITS["title"]:
        title = _title_from_body(title)
    body = clean_body(nfc(text), title or None)
    if not body or not has_content(body):
        yield ReadError(source, "no article text found in HTML" + (f" (the text {NO_CONTENT})" if body else ""))
        return
    page_url = url or getattr(document, "url", None)
    if page_url and len(page_url) > _FIELD_LIMITS["url"]:
        page_url = None
    site = nfc(getattr(document, "sitename", None) or "")[: _FIELD_LIMITS["source"]]
    hint_title = nfc(hints.title).strip()[: _FIELD_LIMITS["title"]] if hints is not None and hints.title else ""
    yield Article(
        id=article_id,
        title=title or hint_title or _title_from_body(body),
        text=body,
        date=article_date(str(getattr(document, "date", "") or "")) or (hints.date if hints is not None else None),
        source=site or (_host(url) if url else None),
        url=page_url or None,
    )


_TEMPLATE = re.compile(r"<template\b.*?</template\s*>", re.IGNORECASE | re.DOTALL)
_HTML5_VOID = re.compile(r"<(embed|source|track|wbr|keygen)\b([^<>]*)>", re.IGNORECASE)
_VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr", "keygen", "command", "basefont", "frame", "isindex"}
_WRAPPER_ELEMENTS = {"div", "span", "section", "article", "main", "font", "b", "i", "u", "em", "strong", "center",
                     "small", "big", "aside", "header", "footer", "nav", "figure", "blockquote", "a", "label",
                     "s", "strike", "sup", "sub", "mark", "abbr", "cite", "q", "tt", "code", "dl", "dd", "dt",
                     "fieldset", "form", "details", "summary", "address", "hgroup", "ins", "del", "bdi", "bdo",
                     "time", "var", "kbd", "samp", "dfn", "nobr"}
_INLINE_ELEMENTS = {"span", "font", "b", "i", "u", "em", "strong", "small", "big", "a", "label", "s", "strike",
                    "sup", "sub", "mark", "abbr", "cite", "q", "tt", "code", "ins", "del", "bdi", "bdo", "time",
                    "var", "kbd", "samp", "dfn", "nobr"}


def _exceeds_parser_depth(html: str) -> bool:
    """Whether libxml2's HTML parser stops at its nesting limit (255) on this page."""
    if html.count("<") < 250:
        return False
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except Exception:  # noqa: BLE001 - unparsable pages are trafilatura's to report
        return False
    return any("depth" in (entry.message or "").lower() for entry in parser.error_log)


class _Flattener(html.parser.HTMLParser):
    """Re-serialises HTML, dropping wrapper elements (div, span, font…) nested deeper than
    `MAX_HTML_DEPTH`; their text stays, every other element is kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.kept_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID_ELEMENTS:
            self.out.append(self.get_starttag_text() or "")
            return
        keep = not (self.kept_depth >= MAX_HTML_DEPTH and tag in _WRAPPER_ELEMENTS)
        if keep:
            self.out.append(self.get_starttag_text() or "")
            self.kept_depth += 1
        elif tag not in _INLINE_ELEMENTS:
            self.out.append("\n")
        self.stack.append((tag, keep))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, max(-1, len(self.stack) - 64), -1):
            if self.stack[position][0] == tag:
                break
        else:
            return  # a stray end tag
        while len(self.stack) > position:
            name, kept = self.stack.pop()
            if kept:
                self.out.append(f"</{name}>")
                self.kept_depth -= 1
            elif name not in _INLINE_ELEMENTS:
                self.out.append("\n")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def _flatten_deep_html(html: str) -> str:
    flattener = _Flattener()
    try:
        flattener.feed(html)
        flattener.close()
    except Exception:  # noqa: BLE001 - keep what was flattened
        pass
    return "".join(flattener.out)


# --- URLs ----------------------------------------------------------------------------------------
_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_XML_TYPES = {"text/xml", "application/xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/gzip", "application/x-gzip"}  # feeds and sitemaps (recognised by content)
MAX_SITEMAP_DEPTH = 2  # a sitemap index may name sitemaps, which are not followed further


def url_timeout() -> float:
    """Seconds allowed for fetching one URL: env CIVIC_URL_TIMEOUT, else `URL_TIMEOUT_S`."""
    try:
        value = float(os.environ.get("CIVIC_URL_TIMEOUT", ""))
        return value if value > 0 else URL_TIMEOUT_S
    except ValueError:
        return URL_TIMEOUT_S


def _accept(content_type: str) -> str | None:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type and media_type not in _TEXT_TYPES | _HTML_TYPES | _XML_TYPES:
        return f"not an HTML or text page, feed or sitemap (Content-Type: {_printable(content_type)[:100]})"
    return None


def _size_limit(content_type: str) -> int:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return MAX_LISTING_BYTES if media_type in _XML_TYPES else MAX_URL_BYTES


def read_url(url: str, timeout: float | None = None, fetcher: Fetcher | None = None,
             known: Mapping[str, str] | None = None, *, allow_private: bool = True) -> Iterator[ReadResult]:
    """Fetch an http(s) URL and read it: an RSS/Atom feed or an XML sitemap (recognised by its
    content) gives the articles of the pages it lists; any other response is read as HTML (or
    plain text when served as text/plain).

    `timeout` (default `url_timeout()`) bounds connecting, every read, and the whole download of
    each request. `fetcher` (default: a new polite `Fetcher`) spaces requests to one host and
    honours robots.txt. `known` maps listed page URLs to the listing's version of them (its
    updated / lastmod stamp) as last ingested: such pages are not fetched again while the
    listing shows the same stamp (an `Unchanged` is yielded instead). `allow_private=False` (for a
    new fetcher): connect only to public addresses, on every request and redirect
    (`corpus.urlguard`)."""
    fetcher = fetcher or Fetcher(timeout=url_timeout() if timeout is None else timeout, allow_private=allow_private)
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
        return ReadError(_printable(response.url), f"cannot unpack gzip body: {_printable(str(exc))[:200]}")
    if body is None:
        return ReadError(_printable(response.url), f"unpacked response larger than {_mb(MAX_LISTING_BYTES)}")
    return body


def _read_page(url: str, response: Response, raw: bytes, listed: ListedPage | None = None,
               listing_url: str | None = None) -> Iterator[ReadResult]:
    source = _printable(url)
    if len(raw) > MAX_URL_BYTES:
        yield ReadError(source, f"response larger than {_mb(MAX_URL_BYTES)}")
        return
    if not raw.strip():
        yield ReadError(source, "empty response")
        return
    final_url = response.final_url
    article_id = "url-" + hashlib.sha1(final_url.encode("utf-8", "backslashreplace")).hexdigest()[:16]
    as_text = response.media_type in _TEXT_TYPES or (not response.media_type and not _looks_like_html(raw))
    if as_text:
        results = read_text_bytes(raw, source=source, article_id=article_id)
    else:
        results = read_html_bytes(raw, source=source, article_id=article_id, url=final_url,
                                  charset=response.charset, hints=listed)
    for result in results:
        if isinstance(result, Article):
            if as_text:
                result.url = final_url
                result.source = _host(final_url)
                if listed is not None and listed.date and not result.date:
                    result.date = listed.date  # a text page's first line is its title; the date is the listing's
            result.metadata = {**result.metadata, ORIGIN_FILE: _printable(final_url)}
            if listed is not None:
                result.metadata = {**result.metadata,
                                   LISTED_KEY: {"in": listing_url, "url": listed.url, "stamp": listed.stamp}}
        yield result


def _read_listing(url: str, final_url: str, raw: bytes, fetcher: Fetcher, known: Mapping[str, str],
                  depth: int) -> Iterator[ReadResult]:
    """The articles of the pages a feed or sitemap lists (child sitemaps of an index followed)."""
    source = _printable(url)
    try:
        listing = parse_listing(raw, final_url)
    except NotAListing as exc:
        yield ReadError(source, str(exc))
        return
    for child in listing.sitemaps:
        if depth + 1 >= MAX_SITEMAP_DEPTH:
            yield ReadError(_printable(child), "sitemap nested too deeply; not followed")
            continue
        response = fetcher.fetch(child, MAX_LISTING_BYTES, accept=_accept)
        body = response if isinstance(response, ReadError) else _unpacked(response)
        if isinstance(body, ReadError):
            yield body
            continue
        if listing_kind(body) != "sitemap":
            yield ReadError(_printable(child), "listed in a sitemap index, but not a sitemap")
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
            yield ReadError(_printable(page.url), "listed link is not an http(s) URL; skipped")
            continue
        if page.stamp and known.get(page.url) == page.stamp:
            yield Unchanged(_printable(page.url))
            continue
        response = fetcher.fetch(page.url, MAX_URL_BYTES, accept=_accept)
        if isinstance(response, ReadError):
            yield response
            continue
        yield from _read_page(page.url, response, response.body, listed=page, listing_url=final_url)


# --- decoding ------------------------------------------------------------------------------------
_VI_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
_VI_LETTERS |= {c.upper() for c in _VI_LETTERS}
_COMMON_MARKS = set("“”‘’–—…«»°·•€£¥©§×÷±¹²³½¼¾\u00a0\u200b\u200c\u200d\ufeff\u2009\u202f")
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def _decode(raw: bytes, source: str, html: bool = False, declared: str | None = None) -> str | ReadError:
    """Bytes → text: BOM, else UTF-8, else UTF-16 without BOM, a declared charset, a detected one
    or Windows-1258 when the result reads as Vietnamese; else a clear error."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                if exc.reason == "truncated data" and exc.end == len(raw):  # cut mid-character
                    return _binary_check(raw[: exc.start].decode(codec), source)
                return ReadError(source, f"invalid {codec.upper().replace('-SIG', '')} text (byte {exc.start})")
            return _binary_check(text, source)
    if b"\x00" in raw[:8192]:
        text = _utf16_without_bom(raw)
        if text is None:
            return ReadError(source, "binary file (contains NUL bytes), not text")
        return text
    try:
        return _binary_check(raw.decode("utf-8"), source)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(raw):
            return _binary_check(raw[: exc.start].decode("utf-8"), source)  # truncated mid-character
        offset = exc.start
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    if html:
        match = re.search(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", raw[:4096], re.IGNORECASE)
        if match:
            candidates.append(match.group(1).decode("ascii"))
    candidates.extend(_detected_charset(raw))
    candidates.append("cp1258")
    for name in candidates:
        try:
            text = raw.decode(name)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
        if _reads_as_vietnamese(nfc(text)):
            return _binary_check(text, source)
    if _looks_binary(raw.decode("latin-1")):
        return ReadError(source, "binary file, not text")
    return ReadError(source, f"not UTF-8 text (invalid byte at offset {offset}), nor Windows-1258 Vietnamese; "
                             "legacy font encodings (TCVN3/ABC, VNI) are not supported — convert the file to UTF-8")


def _detected_charset(raw: bytes) -> list[str]:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: without it, Windows-1258 is still tried
        return []
    try:
        best = from_bytes(raw[:200_000]).best()
    except Exception:  # noqa: BLE001
        return []
    return [best.encoding] if best is not None and best.encoding else []


def _utf16_without_bom(raw: bytes) -> str | None:
    sample = raw[:8192]
    even, odd = sample[0::2], sample[1::2]
    if not odd:
        return None
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) >= 0.3 * len(high) and low.count(0) <= 0.02 * len(low):
            try:
                text = raw[: len(raw) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                return None
            if _reads_as_vietnamese(nfc(text)) and not _looks_binary(text):
                return text
    return None


def _reads_as_vietnamese(text: str) -> bool:
    """Whether decoded text is plausible: its non-ASCII characters are Vietnamese letters or common
    punctuation (mojibake and TCVN3/VNI bytes read as Windows code pages are not)."""
    sample = text[:200_000]
    odd = sum(1 for ch in sample if ord(ch) > 127 and ch not in _VI_LETTERS and ch not in _COMMON_MARKS)
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    letters = sum(1 for ch in sample if ch.isalpha())
    return letters > 0 and controls == 0 and odd <= max(2, letters // 200)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ch < " " and ch not in _ALLOWED_CONTROLS) or ch == "\x7f")
    return controls > max(8, len(sample) // 100)


def _binary_check(text: str, source: str) -> str | ReadError:
    if _looks_binary(text):
        return ReadError(source, "binary file (control characters), not text")
    return text


def _looks_like_html(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


# --- small helpers -------------------------------------------------------------------------------
def _name(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be printed and stored (undecodable bytes → \\xNN)."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        return text.decode("utf-8", "backslashreplace")
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            return os.fsencode(text).decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _encodable(value: object) -> bool:
    """False when a string anywhere in `value` holds a lone surrogate (not storable as UTF-8)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return True
        except UnicodeEncodeError:
            return False
    if isinstance(value, dict):
        return all(_encodable(k) and _encodable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_encodable(v) for v in value)
    return True


def _os_reason(exc: BaseException) -> str:
    return _printable(getattr(exc, "strerror", None) or str(exc))


def _too_long(chars: int, what: str) -> str:
    return (f"{what} is too long ({chars:,} characters; limit {MAX_ARTICLE_CHARS:,}) — "
            "split it into separate articles")


def article_id_text(value: str | int) -> str:
    """An article id as stored: the text of a string or integer id, NFC-normalised (an id typed on
    one system and a file name from macOS, NFD, are the same id) and stripped."""
    return nfc(str(value)).strip()


def _record_fields(extra: dict) -> dict:
    """A record's other fields for `Article.metadata`; a field named like a key the reader sets
    (`file`, `line`: where the record was read) is kept as `record_file`, `record_line`."""
    out: dict = {}
    for name, value in extra.items():
        key = name
        while key in (ORIGIN_FILE, ORIGIN_LINE) or (key != name and key in extra):
            key = "record_" + key
        out[key] = value
    return out


def _content_id(text: str) -> str:
    return "a-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _title_from_body(body: str) -> str:
    first = body.strip().split("\n", 1)[0].strip()
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).hostname or url


def _jsonable(value: dict) -> dict:
    try:
        json.dumps(value, ensure_ascii=False)
        return value
    except (TypeError, ValueError):
        return {k: str(v) for k, v in value.items()}
