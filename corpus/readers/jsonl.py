"""JSON Lines (`.jsonl`, `.ndjson`): one article per line — `text` required; `id`, `title`, `date`,
`source`, `url` optional, any other field kept in `Article.metadata`.

Files are streamed line by line, so they may be of any size; a line longer than `MAX_LINE_BYTES`
is skipped without being held in memory. UTF-8 (with or without a BOM) or UTF-16 with a BOM."""
from __future__ import annotations

import codecs
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

from ..cleaning import NO_CONTENT, clean_body, has_content
from ..dates import article_date
from ..errors import ReadError, mb, printable, shown
from ..normalize import nfc
from ..records import ORIGIN_FILE, ORIGIN_LINE, Article
from .common import article_id_text, display_name, os_reason, title_from_body, too_long
from .fileformat import FileFormat
from .limits import FIELD_LIMITS, MAX_ARTICLE_CHARS, MAX_LEADING_BAD_LINES, MAX_LINE_BYTES
from .results import ReadResult


class _LineTooLong:
    def __init__(self, size: int) -> None:
        self.size = size


def read_jsonl(path: Path) -> Iterator[ReadResult]:
    """One article per JSON line: `text` required; `id`, `title`, `date`, `source`, `url` optional.

    Streamed: memory use does not grow with the file, and a line longer than `MAX_LINE_BYTES`
    is skipped without being held. When the first `MAX_LEADING_BAD_LINES` records are all bad
    the file is abandoned with one more error (it is not JSON Lines)."""
    source = display_name(path)
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
            origin = display_name(path.resolve())
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
        yield ReadError(source, f"cannot read file: {os_reason(exc)}")


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
        return ReadError(source, f"line too long ({mb(line.size)}; limit {mb(MAX_LINE_BYTES)}), skipped", number)
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
        return ReadError(source, too_long(len(text), "field 'text'"), line)
    for name in ("title", "date", "source", "url"):
        if record.get(name) is not None and not isinstance(record[name], str):
            return ReadError(source, f"field '{name}' must be a string", line)
    raw_id = record.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int))):
        return ReadError(source, "field 'id' must be a string or an integer", line)
    for name, limit in FIELD_LIMITS.items():
        value = str(record.get(name)) if name == "id" and isinstance(raw_id, int) else record.get(name)
        if isinstance(value, str) and len(value) > limit:  # an integer id is checked as the text it becomes
            return ReadError(source, f"field '{name}' is too long ({len(value)} characters; limit {limit})", line)
    for name, value in record.items():
        if not _encodable(name) or not _encodable(value):
            return ReadError(source, f"field '{printable(name)}' holds an invalid Unicode escape "
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
        title=title or title_from_body(body),
        text=body,
        date=date_value or None,
        source=nfc(str(record["source"])) if record.get("source") else None,
        url=str(record["url"]) if record.get("url") else None,
        metadata=_jsonable(extra),
    )


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


def _jsonable(value: dict) -> dict:
    try:
        json.dumps(value, ensure_ascii=False)
        return value
    except (TypeError, ValueError):
        return {k: str(v) for k, v in value.items()}


FORMAT = FileFormat(
    name="JSON Lines",
    suffixes=(".jsonl", ".ndjson"),
    summary="one article per line (`text`; `id`, `title`, `date`, `source`, `url` when known); streamed, any size",
    read_path=read_jsonl,
)
