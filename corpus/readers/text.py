"""Plain text and Markdown (`.txt`, `.md`, `.markdown`; pages served as text/plain): one article
per file — the first non-empty line is the title, the rest the body."""
from __future__ import annotations

from collections.abc import Iterator

from ..cleaning import NO_CONTENT, clean_body, has_content
from ..errors import ReadError
from ..normalize import nfc
from ..records import Article
from .charset import decode
from .common import title_from_body, too_long
from .fileformat import FileFormat
from .limits import MAX_ARTICLE_CHARS, TITLE_LINE_LIMIT
from .results import ReadResult


def read_text_bytes(raw: bytes, source: str, article_id: str) -> Iterator[ReadResult]:
    """A `.txt`/`.md` article: the first non-empty line is the title, the rest the body (a first
    line longer than 1,000 characters is a paragraph: the title is then taken from it)."""
    text = decode(raw, source)
    if isinstance(text, ReadError):
        yield text
        return
    if len(text) > MAX_ARTICLE_CHARS:
        yield ReadError(source, too_long(len(text), "article text"))
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
    if len(lines[0].strip()) > TITLE_LINE_LIMIT:
        body = clean_body("\n".join(lines))
        title = title_from_body(body) if body else ""
    else:
        title = lines[0].strip().lstrip("#").strip()
        body = clean_body("\n".join(lines[1:]), title)
    if not body or not has_content(body):
        yield ReadError(source, "file has a title line but no body" + (f" (the rest {NO_CONTENT})" if body else ""))
        return
    yield Article(id=article_id, title=title or title_from_body(body), text=body)


FORMAT = FileFormat(
    name="Text, Markdown",
    suffixes=(".txt", ".md", ".markdown"),
    summary="one article: the first line is the title, the id is the file name",
    read_bytes=read_text_bytes,
)
