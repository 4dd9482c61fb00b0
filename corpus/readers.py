"""Reading articles from JSON Lines, text/Markdown, HTML files, http(s) URLs and directories.

Every reader yields `Article`s and `ReadError`s: one bad line or file never stops the rest.
Text is NFC-normalised on read, boilerplate lines and a repeated title are removed, and nothing
else is changed.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Iterable, Iterator, Union

from .cleaning import clean_body
from .normalize import nfc
from .records import Article

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
READABLE_SUFFIXES = JSONL_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_URL_BYTES = 20 * 1024 * 1024
URL_TIMEOUT_S = 15.0


@dataclass
class ReadError:
    """Why one input (a file, a line of a file, or a URL) could not be read."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


ReadResult = Union[Article, ReadError]


def read_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[ReadResult]:
    """Articles and errors from every path, directory (recursive) or URL given."""
    for item in inputs:
        text = str(item)
        if re.match(r"^https?://", text, re.IGNORECASE):
            yield from read_url(text)
            continue
        path = Path(text)
        if path.is_dir():
            yield from read_directory(path)
        elif path.exists():
            yield from read_file(path)
        else:
            yield ReadError(text, "no such file, directory or URL")


def read_directory(root: Path) -> Iterator[ReadResult]:
    """Every readable file below `root`, in sorted order; hidden files and folders are skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or path.suffix.lower() not in READABLE_SUFFIXES:
                continue
            yield from read_file(path)


def read_file(path: Path) -> Iterator[ReadResult]:
    """Articles from one file, by its suffix (unknown suffixes: HTML when it looks like HTML, else text)."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size == 0:
            yield ReadError(str(path), "empty file")
            return
        if size > MAX_FILE_BYTES and suffix not in JSONL_SUFFIXES:
            yield ReadError(str(path), f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
            return
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield ReadError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(raw)):
        yield from read_html_bytes(raw, source=str(path), article_id=path.stem)
    else:
        yield from read_text_bytes(raw, source=str(path), article_id=path.stem)


def read_jsonl(path: Path) -> Iterator[ReadResult]:
    """One article per JSON line: `text` required; `id`, `title`, `date`, `source`, `url` optional."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield ReadError(str(path), f"not UTF-8 (byte {exc.start})", number)
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadError(str(path), f"invalid JSON: {exc.msg} (column {exc.colno})", number)
                continue
            except RecursionError:
                yield ReadError(str(path), "invalid JSON: nested too deeply", number)
                continue
            yield article_from_record(record, source=str(path), line=number)


def article_from_record(record: object, source: str, line: int | None = None) -> ReadResult:
    """An `Article` from one JSON object, or a `ReadError` naming the offending field."""
    if not isinstance(record, dict):
        return ReadError(source, f"expected a JSON object, got {type(record).__name__}", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        what = "missing" if text is None else ("empty" if isinstance(text, str) else "not a string")
        return ReadError(source, f"field 'text' is {what}", line)
    for name in ("title", "date", "source", "url"):
        if record.get(name) is not None and not isinstance(record[name], str):
            return ReadError(source, f"field '{name}' must be a string", line)
    if record.get("id") is not None and (isinstance(record["id"], bool) or not isinstance(record["id"], (str, int))):
        return ReadError(source, "field 'id' must be a string or an integer", line)
    date_value = record.get("date")
    if date_value:
        date_value = _iso_date(str(date_value))
        if date_value is None:
            return ReadError(source, f"field 'date' is not an ISO date (YYYY-MM-DD): {record['date']!r}", line)
    title = nfc(str(record.get("title") or "")).strip()
    body = clean_body(nfc(text), title or None)
    if not body:
        return ReadError(source, "field 'text' has no content after cleaning", line)
    article_id = str(record["id"]).strip() if record.get("id") not in (None, "") else _content_id(body)
    extra = {k: v for k, v in record.items() if k not in {"id", "title", "text", "date", "source", "url"}}
    return Article(
        id=article_id,
        title=title or _title_from_body(body),
        text=body,
        date=date_value or None,
        source=nfc(str(record["source"])) if record.get("source") else None,
        url=str(record["url"]) if record.get("url") else None,
        metadata=_jsonable(extra),
    )


def read_text_bytes(raw: bytes, source: str, article_id: str) -> Iterator[ReadResult]:
    """A `.txt`/`.md` article: the first non-empty line is the title, the rest the body."""
    text = _decode(raw, source)
    if isinstance(text, ReadError):
        yield text
        return
    text = nfc(text)
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        yield ReadError(source, "file has no text")
        return
    title = lines[0].strip().lstrip("#").strip()
    body = clean_body("\n".join(lines[1:]), title)
    if not body:
        yield ReadError(source, "file has a title line but no body")
        return
    yield Article(id=article_id, title=title, text=body)


def read_html_bytes(
    raw: bytes, source: str, article_id: str, url: str | None = None
) -> Iterator[ReadResult]:
    """The main text, title and date of an HTML page (trafilatura)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    html = _decode(raw, source, html=True)
    if isinstance(html, ReadError):
        yield html
        return
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        yield ReadError(source, f"cannot parse HTML: {exc}")
        return
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        yield ReadError(source, "no article text found in HTML")
        return
    title = nfc((getattr(document, "title", None) or "").strip())
    body = clean_body(nfc(text), title or None)
    if not body:
        yield ReadError(source, "no article text found in HTML")
        return
    page_url = url or getattr(document, "url", None)
    yield Article(
        id=article_id,
        title=title or _title_from_body(body),
        text=body,
        date=_iso_date(str(getattr(document, "date", "") or "")),
        source=nfc(getattr(document, "sitename", None) or "") or (_host(url) if url else None),
        url=page_url or None,
    )


def read_url(url: str, timeout: float = URL_TIMEOUT_S) -> Iterator[ReadResult]:
    """Fetch an http(s) URL and read it as HTML (or plain text when served as text/plain)."""
    request = urllib.request.Request(url, headers={"User-Agent": "civic-assistant/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(MAX_URL_BYTES + 1)
            content_type = response.headers.get("Content-Type", "")
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        yield ReadError(url, f"HTTP error {exc.code}: {exc.reason}")
        return
    except urllib.error.URLError as exc:
        yield ReadError(url, f"cannot fetch URL: {exc.reason}")
        return
    except (TimeoutError, OSError, ValueError) as exc:
        yield ReadError(url, f"cannot fetch URL: {exc}")
        return
    if len(raw) > MAX_URL_BYTES:
        yield ReadError(url, f"response larger than {MAX_URL_BYTES} bytes")
        return
    if not raw.strip():
        yield ReadError(url, "empty response")
        return
    article_id = "url-" + hashlib.sha1(final_url.encode("utf-8")).hexdigest()[:16]
    if "text/plain" in content_type.lower():
        for result in read_text_bytes(raw, source=url, article_id=article_id):
            if isinstance(result, Article):
                result.url = final_url
                result.source = _host(final_url)
            yield result
        return
    yield from read_html_bytes(raw, source=url, article_id=article_id, url=final_url)


def _decode(raw: bytes, source: str, html: bool = False) -> str | ReadError:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return ReadError(source, "invalid UTF-16 text")
    if b"\x00" in raw[:8192]:
        return ReadError(source, "binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if html:
            declared = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096])
            if declared:
                try:
                    return raw.decode(declared.group(1).decode("ascii"))
                except (LookupError, UnicodeDecodeError):
                    pass
        return ReadError(source, f"not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8")


def _looks_like_html(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _iso_date(value: str) -> str | None:
    value = value.strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return Date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None


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
